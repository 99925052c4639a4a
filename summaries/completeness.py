"""Is a talk ready to publish? One checklist, for the change form and the list.

Each check reads counts that `annotate()` adds in the same query as the talks
(subqueries, so the list costs the same whatever its size), and has a filter
condition that says the same thing in SQL: the 要確認 filter and the form's
checklist cannot disagree.
"""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Length
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

TLDR_MIN, TLDR_MAX = 50, 400
MIN_TAKEAWAYS = 3


@dataclass(frozen=True)
class Check:
    label: str
    passes: object  # talk (annotated) -> bool
    failing: Q  # talks that fail it


CHECKS = (
    Check(
        format_lazy(_("要約（TL;DR）が{min}〜{max}文字"), min=TLDR_MIN, max=TLDR_MAX),
        lambda t: TLDR_MIN <= t.check_tldr_chars <= TLDR_MAX,
        Q(check_tldr_chars__lt=TLDR_MIN) | Q(check_tldr_chars__gt=TLDR_MAX),
    ),
    Check(
        format_lazy(_("要点が{n}つ以上"), n=MIN_TAKEAWAYS),
        lambda t: t.check_takeaways >= MIN_TAKEAWAYS,
        Q(check_takeaways__lt=MIN_TAKEAWAYS),
    ),
    Check(
        _("すべての要点に絵文字がある"),
        lambda t: t.check_takeaways_without_emoji == 0,
        Q(check_takeaways_without_emoji__gt=0),
    ),
    Check(
        _("すべての質問に回答がある"),
        lambda t: t.check_unanswered == 0,
        Q(check_unanswered__gt=0),
    ),
    Check(
        _("登壇者が1人以上"),
        lambda t: t.check_speakers >= 1,
        Q(check_speakers=0),
    ),
    Check(_("タグが1つ以上"), lambda t: t.check_tags >= 1, Q(check_tags=0)),
    Check(_("動画のアドレスがある"), lambda t: bool(t.video_url), Q(video_url="")),
)


def _count(talks, relation, **filters):
    """How many rows of the talk's `relation` (e.g. "takeaways") match `filters`."""
    rel = talks.model._meta.get_field(relation)
    fk = rel.field.name
    rows = (
        rel.related_model.objects.filter(**{fk: OuterRef("pk")}, **filters)
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def annotate(talks):
    """Talks with the counts every check reads."""
    return talks.annotate(
        check_tldr_chars=Length("tldr"),
        check_takeaways=_count(talks, "takeaways"),
        check_takeaways_without_emoji=_count(talks, "takeaways", emoji=""),
        check_unanswered=_count(talks, "questions", answer=""),
        check_speakers=_count(talks, "talk_speakers"),
        check_tags=_count(talks, "tagged_items"),
    )


def failing_any():
    """A Q for talks that fail at least one check (on annotated talks)."""
    condition = Q()
    for check in CHECKS:
        condition |= check.failing
    return condition


@dataclass(frozen=True)
class Result:
    label: str
    passed: bool


def evaluate(talk):
    """[Result] for one talk, annotated by `annotate()` (fetched again if not)."""
    if not hasattr(talk, "check_takeaways"):
        talk = annotate(type(talk).objects.filter(pk=talk.pk)).get()
    return [Result(str(check.label), bool(check.passes(talk))) for check in CHECKS]
