"""Slug history: when a talk's or tag's slug changes, its old address redirects.

Every writer saves through the model (admin, importer, restore, tag rename), so
the receivers below (connected by `connect()`, from SummariesConfig.ready) see
each change; the public views ask `target_for()` only
when no object has the slug they were given.
"""

from django.db.models.signals import post_save, pre_save

from .models import Tag, TagSlugRedirect, Talk, TalkSlugRedirect

# model -> (its redirect model, the redirect's foreign key to it)
REDIRECTS = {Talk: (TalkSlugRedirect, "talk"), Tag: (TagSlugRedirect, "tag")}


def _remember_old_slug(sender, instance, raw=False, **kwargs):
    instance._slug_before_save = None
    if instance.pk is not None and not raw:
        instance._slug_before_save = (
            sender._default_manager.filter(pk=instance.pk)
            .values_list("slug", flat=True)
            .first()
        )


def _record_slug_change(sender, instance, **kwargs):
    redirect_model, fk = REDIRECTS[sender]
    # A slug in use answers for itself: taking a slug back (a → b → a), or giving
    # it to another object, ends its redirect, so no address can loop.
    redirect_model.objects.filter(old_slug=instance.slug).delete()
    old_slug = getattr(instance, "_slug_before_save", None)
    if old_slug and old_slug != instance.slug:
        redirect_model.objects.update_or_create(
            old_slug=old_slug, defaults={fk: instance}
        )


def move_redirects(old_objects, target, old_slugs):
    """Point the addresses of `old_objects` (about to be deleted) at `target`."""
    redirect_model, fk = REDIRECTS[type(target)]
    redirect_model.objects.filter(**{f"{fk}__in": old_objects}).update(**{fk: target})
    for slug in old_slugs:
        if slug != target.slug:
            redirect_model.objects.update_or_create(
                old_slug=slug, defaults={fk: target}
            )


def target_for(model, slug):
    """The object that used to live at `slug`, or None."""
    redirect_model, fk = REDIRECTS[model]
    redirect = redirect_model.objects.select_related(fk).filter(old_slug=slug).first()
    return getattr(redirect, fk) if redirect else None


def connect():
    """Watch slugs change (called from SummariesConfig.ready)."""
    for model in REDIRECTS:
        pre_save.connect(
            _remember_old_slug, sender=model, dispatch_uid=f"slug-before-{model}"
        )
        post_save.connect(
            _record_slug_change, sender=model, dispatch_uid=f"slug-after-{model}"
        )
