"""Readers' votes: the reader's cookie, recording a vote, and the figures shown.

A reader is a random id in a signed cookie: no account, nothing personal, and
the vote row keeps only a hash of it. A vote is one upsert on the unique
(talk, voter) pair, so voting again replaces the earlier vote even when the same
reader's requests race; a busy database is retried, not reported (`retry`).

A cookie is easy to clear, so a second signal limits new voters: at most
RATING_NEW_VOTERS_PER_ADDRESS new readers vote on one talk from one address
(by household) in a day, counted under a keyed hash that expires with the day
(`counters`). A reader changing their vote is not a new voter.

Each talk's count and sum (`RatingTotal`) are rewritten from its votes inside
the vote's transaction, with the talk's totals row locked, so they are exact
and pages read two numbers instead of counting votes.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..client_address import household
from ..pagecache.state import vote_changed
from . import counters
from .models import Rating, RatingTotal
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


class TooManyNewVoters(Exception):
    """This address has brought RATING_NEW_VOTERS_PER_ADDRESS new voters to
    this talk today."""


def _new_voter_allowed(talk, address):
    day = int(time.time() // 86400)
    count = counters.increment(
        ("new-voters", talk.pk, household(address), day),
        counters.at((day + 1) * 86400 + 1),
    )
    return count <= settings.RATING_NEW_VOTERS_PER_ADDRESS


def record_vote(talk, token, score, address=None):
    """Store the reader's `score` for `talk`, replacing their earlier vote;
    the talk's new RatingSummary. With `address`, a new voter past the day's
    limit for that address raises TooManyNewVoters and nothing is stored."""
    voter = voter_key(token)

    def write():
        RatingTotal.objects.bulk_create([RatingTotal(talk=talk)], ignore_conflicts=True)
        # Votes on one talk take turns from here (a row lock; SQLite's writer
        # lock), so the sums below see every vote committed before this one.
        list(RatingTotal.objects.select_for_update().filter(talk=talk).values("pk"))
        if address is not None and not (
            Rating.objects.filter(talk=talk, voter=voter).exists()
            or _new_voter_allowed(talk, address)
        ):
            raise TooManyNewVoters
        Rating.objects.bulk_create(
            [Rating(talk=talk, voter=voter, score=score)],
            update_conflicts=True,
            unique_fields=["talk", "voter"],
            update_fields=["score", "updated_at"],
        )
        count, total = Rating.objects.filter(talk=talk).totals()
        RatingTotal.objects.filter(talk=talk).update(count=count, total=total)
        # The figure shows on this talk's pages: they render anew on the next
        # request; pages that show no rating stay cached. (Not talk_changed:
        # a vote changes no text, the search index stays.)
        vote_changed(talk)
        return RatingSummary(count, total)

    return retry_when_busy(write)


def refresh_totals(talk_ids=None):
    """Rewrite the totals of these talks (all talks: None) from their votes:
    for votes written in bulk, outside `record_vote` (benchmarks, tests)."""
    votes = Rating.objects.order_by()
    if talk_ids is not None:
        votes = votes.filter(talk_id__in=talk_ids)
    rows = votes.values("talk").annotate(count=Count("pk"), total=Sum("score"))
    RatingTotal.objects.bulk_create(
        [
            RatingTotal(talk_id=r["talk"], count=r["count"], total=r["total"])
            for r in rows
        ],
        update_conflicts=True,
        unique_fields=["talk"],
        update_fields=["count", "total"],
    )


def with_ratings(talks):
    """`talks` (a Talk queryset), each with `rating_count` and `rating_total`.

    Read from the talk's `RatingTotal` row (one-to-one, so a join never
    multiplies other counts). Views compose it with the core's `for_cards()`;
    `RatingSummary.of()` reads the two figures.
    """
    return talks.annotate(
        rating_count=Coalesce(
            F("rating_totals__count"), 0, output_field=IntegerField()
        ),
        rating_total=Coalesce(
            F("rating_totals__total"), 0, output_field=IntegerField()
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
        totals = RatingTotal.objects.filter(talk=talk).values_list("count", "total")
        return cls(*(totals.first() or (0, 0)))

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
    """schema.org AggregateRating for the talk page's JSON-LD; None below
    RATING_STRUCTURED_DATA_MIN_COUNT votes.

    A handful of votes makes no claim worth giving search engines (the page
    itself shows any count next to its average). Readers rate our summary,
    not the video, so the rating is about the page (a CreativeWork), never
    nested in the VideoObject.
    """
    summary = RatingSummary.of(talk)
    if not summary.count or summary.count < settings.RATING_STRUCTURED_DATA_MIN_COUNT:
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
