"""Readers' votes: the reader's cookie, recording a vote, and the figures shown.

A reader is a random id in a signed cookie: no account, nothing personal, and
the vote row keeps only a hash of it. A vote is one upsert on the unique
(talk, voter) pair, so voting again replaces the earlier vote even when the same
reader's requests race; a busy database is retried, not reported (`retry`).
Sums are not stored: `with_ratings()` counts the rows per talk.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..pagecache.state import bump
from .models import Rating
from .retry import retry_when_busy

VOTER_COOKIE = "govdx_voter"
_VOTER_SALT = "summaries.ratings.voter"
_VOTER_MAX_AGE = 60 * 60 * 24 * 365


def voter_token(request):
    """The reader's random id from their signed cookie, or None if they have none."""
    token = request.get_signed_cookie(VOTER_COOKIE, default=None, salt=_VOTER_SALT)
    if token and len(token) <= 64:
        return token
    return None


def new_voter_token():
    return secrets.token_urlsafe(24)


def remember_voter(response, token):
    """Give the reader their id for a year, so their next vote replaces this one."""
    response.set_signed_cookie(
        VOTER_COOKIE,
        token,
        salt=_VOTER_SALT,
        max_age=_VOTER_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def voter_key(token):
    """What the vote row stores: a hash, so a leaked table lets no one vote as
    someone else."""
    return hashlib.sha256(token.encode()).hexdigest()


def record_vote(talk, token, score):
    """Store the reader's `score` for `talk`, replacing their earlier vote."""

    def upsert():
        Rating.objects.bulk_create(
            [Rating(talk=talk, voter=voter_key(token), score=score)],
            update_conflicts=True,
            unique_fields=["talk", "voter"],
            update_fields=["score", "updated_at"],
        )
        # The figure shows on public pages: the next request must render anew.
        # (Not talk_changed: a vote changes no text, the search index stays.)
        bump()

    retry_when_busy(upsert)


def with_ratings(talks):
    """`talks` (a Talk queryset), each with `rating_count` and `rating_total`.

    Subqueries rather than a join, so they never multiply other counts and
    stay exact with no stored copy to drift. Views compose it with the core's
    `for_cards()`; `RatingSummary.of()` reads the two figures.
    """
    votes = Rating.objects.filter(talk=OuterRef("pk")).order_by().values("talk")
    return talks.annotate(
        rating_count=Coalesce(
            Subquery(votes.annotate(n=Count("pk")).values("n")),
            0,
            output_field=IntegerField(),
        ),
        rating_total=Coalesce(
            Subquery(votes.annotate(n=Sum("score")).values("n")),
            0,
            output_field=IntegerField(),
        ),
    )


@dataclass(frozen=True)
class RatingSummary:
    """How many readers voted and the sum of their scores; shown as 4.5（2件）."""

    count: int
    total: int

    @classmethod
    def of(cls, talk):
        """From `with_ratings()` annotations when present (lists), else one query."""
        if hasattr(talk, "rating_count"):
            return cls(talk.rating_count, talk.rating_total)
        return cls(*talk.ratings.totals())

    @property
    def average(self):
        """The mean to one decimal (4.25 -> 4.3), None without votes."""
        if not self.count:
            return None
        mean = Decimal(self.total) / Decimal(self.count)
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def __str__(self):
        if not self.count:
            return _("まだ評価はありません")
        return ngettext(
            "%(average)s（%(count)s件）", "%(average)s（%(count)s件）", self.count
        ) % {"average": self.average, "count": self.count}


def aggregate_rating(request, talk):
    """schema.org AggregateRating for the talk page's JSON-LD; None without votes.

    Readers rate our summary, not the video, so the rating is about the page
    (a CreativeWork), never nested in the VideoObject.
    """
    summary = RatingSummary.of(talk)
    if not summary.count:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "AggregateRating",
        "itemReviewed": {
            "@type": "CreativeWork",
            "name": talk.title,
            "url": request.build_absolute_uri(talk.get_absolute_url()),
            "inLanguage": "ja",
        },
        "ratingValue": float(summary.average),
        "ratingCount": summary.count,
        "bestRating": 5,
        "worstRating": 1,
    }


def rating_figures(now=None):
    """Readers' votes for the KPI dashboard, in one query.

    `all` and `last_30_days` are RatingSummary (count, total, average); "the
    last 30 days" counts votes cast or changed since then. `scores` maps each
    score to its number of votes; `rated_talks` counts talks with a vote.
    """
    recent = Q(updated_at__gte=(now or timezone.now()) - timedelta(days=30))
    votes = Rating.objects.aggregate(
        count=Count("pk"),
        total=Sum("score"),
        recent_count=Count("pk", filter=recent),
        recent_total=Sum("score", filter=recent),
        rated_talks=Count("talk", distinct=True),
        **{f"score{n}": Count("pk", filter=Q(score=n)) for n in Rating.Score.values},
    )
    return {
        "all": RatingSummary(votes["count"], votes["total"] or 0),
        "last_30_days": RatingSummary(
            votes["recent_count"], votes["recent_total"] or 0
        ),
        "rated_talks": votes["rated_talks"],
        "scores": {n: votes[f"score{n}"] for n in Rating.Score.values},
    }


_SCORE_MISSING = gettext_lazy(
    "評価が選ばれていません。1から5までの数字を1つ選んでから送信してください。"
)
_SCORE_INVALID = gettext_lazy(
    "評価「%(value)s」は受け付けられません。1から5までの整数を1つ選んでください。"
)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("評価"),
        choices=Rating.Score.choices,
        coerce=int,
        error_messages={"required": _SCORE_MISSING, "invalid_choice": _SCORE_INVALID},
    )
