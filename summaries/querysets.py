"""Every rule about which talks are read, and how they are fetched.

Nothing here imports the model package: the rules reach related models
through the model they query (`related_model()`), so models, querysets and
the completeness checks import one another in one direction only.
"""

from django.db import models
from django.db.models import Count, Prefetch
from django.utils import timezone

from . import completeness


def related_model(queryset, name):
    """The model at the other end of `queryset.model`'s relation `name`."""
    return queryset.model._meta.get_field(name).related_model


class NaturalKeyQuerySet(models.QuerySet):
    """Fixtures name rows by `natural_key_fields`, so loading twice updates in place."""

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.natural_key_fields, key, strict=True)))


class TalkQuerySet(NaturalKeyQuerySet):
    def published(self, now=None):
        """Talks the public may see: published, their time has come, and their
        end (公開終了, `expires_at`) has not. Both are clock comparisons: no job."""
        now = now or timezone.now()
        return self.filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
            status=self.model.Status.PUBLISHED,
            published_at__lte=now,
        )

    def hidden_ids(self, now=None):
        """A query of the ids of the talks the public may not see (drafts, not
        yet due, ended; the complement of `published`): few, each kind read
        through its own index, for a search to leave out of what its index
        finds. (A published talk always has its time: a check constraint.)"""
        now = now or timezone.now()
        published = self.model.Status.PUBLISHED
        others = [status for status in self.model.Status.values if status != published]
        parts = [
            self.filter(status__in=others),
            self.filter(status=published, published_at__gt=now),
            self.filter(status=published, expires_at__lte=now),
        ]
        first, *rest = (part.order_by().values_list("pk") for part in parts)
        return first.union(*rest, all=True)

    def expired(self, now=None):
        """Published talks whose end has come (公開終了): 404 to the public."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            expires_at__lte=now or timezone.now(),
        )

    def scheduled(self, now=None):
        """Published talks whose publication time is still ahead."""
        now = now or timezone.now()
        return self.filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
            status=self.model.Status.PUBLISHED,
            published_at__gt=now,
        )

    def with_completeness(self):
        """Talks with the counts the completeness checklist reads (no extra query)."""
        return completeness.annotate(self)

    def needs_review(self):
        """Talks failing any completeness check (要確認)."""
        return self.with_completeness().filter(completeness.failing_any())

    def newest_first(self):
        """The public order: latest publication first, ties broken by id."""
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        """What a list of talks shows: channel, speakers, tags: 3 queries.

        Readers' ratings belong to the ratings app: views that show them
        compose `summaries.ratings.voting.with_ratings()` with this.
        """
        talk_speakers = related_model(self, "talk_speakers").objects
        return self.select_related("channel").prefetch_related(
            "tags",
            Prefetch("talk_speakers", queryset=talk_speakers.select_related("speaker")),
        )

    def for_detail(self, transcript=True):
        """A talk with every part it shows, in a fixed number of queries.
        `transcript=False` leaves the transcript out, for a page that reads
        it as plain values (3,000 rows as model instances cost more than the
        rest of the page)."""
        parts = ["takeaways", "questions", "outline", "keywords", "highlights"]
        if transcript:
            parts.append("transcript")
        return self.for_cards().prefetch_related(*parts)

    def filter_by(self, tags=(), speaker=None, channel=None, year=None):
        """Narrow by facets; every tag given must be on the talk."""
        qs = self
        tags = list(dict.fromkeys(tags))
        if tags:
            # One subquery however many tags (a join per tag grows the query
            # with each one): the talks with as many of them as were asked.
            tagged = related_model(self, "tagged_items").objects
            having_all = (
                tagged.filter(tag__slug__in=tags)
                .values("content_object")
                .annotate(matched=Count("tag", distinct=True))
                .filter(matched=len(tags))
                .values("content_object")
            )
            qs = qs.filter(pk__in=having_all)
        if speaker:
            # A subquery, as for tags: a join would repeat a talk per matching
            # row, and the DISTINCT undoing it sorts every match (and, with
            # parameters bound by PostgreSQL, cannot be ordered by a search's
            # ranking: Django #34255).
            through = self.model.speakers.through
            qs = qs.filter(
                pk__in=through.objects.filter(speaker__slug=speaker).values("talk")
            )
        if channel:
            qs = qs.filter(channel__slug=channel)
        if year:
            qs = qs.filter(video_date__year=year)
        return qs

    def related_to(self, talk, limit=4):
        """Published talks sharing most tags with `talk` (uses its prefetched tags)."""
        tag_ids = [tag.pk for tag in talk.tags.all()]
        if not tag_ids:
            return self.none()
        return (
            self.published()
            .exclude(pk=talk.pk)
            .filter(tagged_items__tag__in=tag_ids)
            # Counted over the filtered join: the number of tags shared.
            .annotate(shared_tags=Count("tagged_items"))
            .order_by("-shared_tags", "-published_at", "-pk")[:limit]
        )
