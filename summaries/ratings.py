"""Readers' votes and "was this useful?" answers: recording and summing them.

A reader is a random id in a signed cookie: no account, nothing personal, and
the vote row keeps only a hash of it. A vote is one upsert on the unique
(talk, voter) pair, so voting again replaces the earlier vote even when the same
reader's requests race; a busy SQLite database is retried, not reported.
Sums are never stored: `TalkQuerySet.with_ratings()` counts the rows.
"""

import hashlib
import random
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import page_cache
from .models import Feedback, Rating
from .text import fold

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
        page_cache.bump()

    _retry_when_busy(upsert)


def record_feedback(form, talk):
    """Save a valid FeedbackForm's answer for `talk`."""
    answer = form.save(commit=False)
    answer.talk = talk
    _retry_when_busy(answer.save)
    return answer


# SQLite says "database is locked" when another writer outlasted the busy
# timeout; PostgreSQL reports serialization failures and deadlocks by code.
_TRANSIENT_SQLSTATES = {"40001", "40P01"}


def _is_transient(error):
    if "locked" in str(error) or "busy" in str(error):
        return True
    return getattr(error.__cause__, "sqlstate", None) in _TRANSIENT_SQLSTATES


def _retry_when_busy(write, attempts=6):
    for attempt in range(1, attempts + 1):
        try:
            # A savepoint inside an outer transaction, so a retry starts clean.
            with transaction.atomic():
                return write()
        except OperationalError as error:
            if attempt == attempts or not _is_transient(error):
                raise
            time.sleep(random.uniform(0.01, 0.05 * 2**attempt))


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


def feedback_figures(now=None):
    """「このページは役に立ちましたか？」 answers for the dashboard, in one query:
    {"answers", "yes", "answers_30_days", "yes_30_days"}."""
    recent = Q(created_at__gte=(now or timezone.now()) - timedelta(days=30))
    return Feedback.objects.aggregate(
        answers=Count("pk"),
        yes=Count("pk", filter=Q(helpful=True)),
        answers_30_days=Count("pk", filter=recent),
        yes_30_days=Count("pk", filter=recent & Q(helpful=True)),
    )


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


# Comments are kept without any personal data: refuse the obvious kinds.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)0\d{1,4}[-(\s]?\d{1,4}[-)\s]?\d{3,4}(?!\d)")


class FeedbackForm(forms.ModelForm):
    helpful = forms.TypedChoiceField(
        label=gettext_lazy("このページは役に立ちましたか？"),
        choices=[("yes", gettext_lazy("はい")), ("no", gettext_lazy("いいえ"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": gettext_lazy(
                "「はい」か「いいえ」を選んでから送信してください。"
            ),
            "invalid_choice": gettext_lazy("「はい」か「いいえ」を選んでください。"),
        },
    )
    comment = forms.CharField(
        label=gettext_lazy("ご意見（任意）"),
        required=False,
        max_length=Feedback.COMMENT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": gettext_lazy(
                "ご意見は%(limit_value)d字以内でお書きください（いま%(show_value)d字）。"
            )
        },
    )

    class Meta:
        model = Feedback
        fields = ["helpful", "comment"]

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        folded = fold(comment)
        if _EMAIL.search(folded) or _PHONE.search(folded):
            raise forms.ValidationError(
                _(
                    "ご意見にメールアドレスや電話番号は書かないでください。"
                    "個人情報は受け付けていません。"
                )
            )
        return comment
