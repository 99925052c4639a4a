"""Stored renderings of what a talk page shows of the talk alone.

With the whole-page cache empty (a new query string, a vote, a deploy, a
cache that is down), the talk page rendered its header, parts, mind map and
transcript afresh: most of its time, and more the longer the talk. `stored()`
keeps them rendered in the database (`StoredPart`), one row per talk and
language, and the page renders only what changes between readers around
them: the player's start, the rating, the forms, the related talks.

Exact by its stamp: the row keeps what it was rendered from, the talk's
`updated_at` (moved, in the writer's transaction, by every change the public
could see: `signals.talk_changed`) and a digest of the code and templates
that render it (a deploy renders parts anew). A reader finding another stamp
renders the parts and writes them; two readers doing so at once write the
same thing. Only raw writes keep `updated_at` as given (a fixture loaded
over a talk): `forget_raw()` deletes those talks' rows. A row left by a
deleted talk goes with it (CASCADE). Staff previews never use it
(summaries/views/preview.py).

Talk cards, which every list shows twenty of, are kept the same way
(`stored_cards()`, `StoredCard`): a page of cards reads the stored ones with
its talks and renders and writes only those whose stamp is not the talk's.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Func, Value

from .models import StoredCard, StoredPart

logger = logging.getLogger(__name__)

# What renders stored parts: a change to any of these renders them anew.
RENDERED_BY = (
    "templates/**/*.html",
    "summaries/**/*.py",
    "summaries/locale/*/LC_MESSAGES/*.mo",
)


@functools.cache
def rendering_version():
    """A digest of the templates, code and translations (once per process)."""
    digest = hashlib.blake2b(digest_size=8)
    root = settings.BASE_DIR
    for path in sorted({p for pattern in RENDERED_BY for p in root.glob(pattern)}):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def forget_raw(sender, talk_ids, raw=False, **kwargs):
    """Receiver of `talk_changed` (PageCacheConfig.ready): a raw write brings
    its own `updated_at`, which may be the stored one, so the rows go."""
    if raw:
        talks = list(talk_ids)
        StoredPart.objects.filter(talk__in=talks).delete()
        StoredCard.objects.filter(talk__in=talks).delete()


def stamp(talk):
    """What a talk's stored renderings were rendered from (`talk`: anything
    with its `updated_at`)."""
    return f"{talk.updated_at.isoformat()}|{rendering_version()}"


class _StoredColumn(Func):
    """`column` of the talk's stored row of `model` in `language`, looked up
    in the talk's own query: `(SELECT column FROM table WHERE talk_id = the
    talk's id AND language = %s LIMIT 1)`, one probe of the unique (talk,
    language) index. The same lookup as `Subquery(OuterRef("pk"))`, written
    out: building and compiling those two subqueries cost each page about
    0.5 ms apiece, more than PostgreSQL spends running them."""

    def __init__(self, model, column, language):
        self.model, self.column = model, column
        super().__init__(
            F("pk"), Value(language), output_field=model._meta.get_field(column)
        )

    def as_sql(self, compiler, connection, **extra):
        quote = connection.ops.quote_name
        meta = self.model._meta

        def of(name):
            return f"stored.{quote(meta.get_field(name).column)}"

        return super().as_sql(
            compiler,
            connection,
            template=(
                f"(SELECT {of(self.column)} FROM {quote(meta.db_table)} stored"
                f" WHERE {of('talk')} = %(expressions)s LIMIT 1)"
            ),
            # The talk's id, then the language: `talk_id = id AND language = %s`.
            arg_joiner=f" AND {of('language')} = ",
            **extra,
        )


def _stored_row(model, language):
    """Correlated lookups of a talk's stored row in `language`: its stamp
    and its content (one index probe each, in the talks' own query)."""
    return {
        "stored_stamp": _StoredColumn(model, "stamp", language),
        "stored_content": _StoredColumn(model, "content", language),
    }


def with_stored_part(talks, language):
    """`talks` (a queryset) reading each talk's stored parts in `language`
    in the same query (`stored_stamp`, `stored_content`: None when there are
    none), for `stored()`."""
    return talks.annotate(**_stored_row(StoredPart, language))


def with_stored_cards(talks, language):
    """`talks` (a queryset, sliced or not) reading each talk's stored card in
    `language` in the same query, as `stored_stamp` and `stored_content`."""
    return talks.annotate(**_stored_row(StoredCard, language))


def stored(talk, language, render):
    """`render()` (a JSON value: what the page shows of `talk` in `language`),
    from the stored row when it was rendered from the talk as it is now;
    else rendered and stored. `talk` comes from `with_stored_part`, which
    read its stored row with it."""
    now = stamp(talk)
    if talk.stored_stamp == now:
        return talk.stored_content
    content = render()
    row = StoredPart(talk_id=talk.pk, language=language, stamp=now, content=content)
    _write(StoredPart, [row])
    return content


def stored_cards(talks, language, render, kept):
    """{pk: content} of the cards of `talks` (objects with `pk` and
    `updated_at`) in `language`: those stored from the talk as it is now,
    read with the talks (`kept`: {pk: (stamp, content)}, from
    `with_stored_cards`); the others are `render(those talks)` ({pk:
    content}) and stored in one statement."""
    stamps = {talk.pk: stamp(talk) for talk in talks}
    found = {
        pk: content
        for pk, (now, content) in kept.items()
        if pk in stamps and now == stamps[pk]
    }
    missing = [talk for talk in talks if talk.pk not in found]
    if missing:
        rendered = render(missing)
        _write(
            StoredCard,
            [
                StoredCard(
                    talk_id=pk, language=language, stamp=stamps[pk], content=content
                )
                # In the order of their keys: two readers writing some of the
                # same cards take their rows in one order (no deadlock).
                for pk, content in sorted(rendered.items())
            ],
        )
        found.update(rendered)
    return found


def _write(model, rows):
    """Upsert `rows` in one statement; a failure is logged, not raised: the
    reader still gets the page, and the next one tries again."""
    try:
        with transaction.atomic():
            model.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["talk", "language"],
                update_fields=["stamp", "content"],
            )
    except DatabaseError:
        logger.warning(
            "%s of talks %s not written",
            model.__name__,
            [row.talk_id for row in rows],
            exc_info=True,
        )
