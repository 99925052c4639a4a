"""The search index's rows, and the log of what readers searched for."""

import datetime as dt

from django.db import models
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text import join_list


class SearchEntry(models.Model):
    """What the public can read of one talk, folded for matching.

    The full-text index (FTS5 table or `tsvector` column, see `backends`) is
    kept beside this row by `indexing`, never by Django alone.
    """

    # Not a cascading foreign key: the SQLite index can only forget a talk's
    # tokens while this row still exists, so `indexing` removes both together
    # when it hears that the talk is gone.
    talk = models.OneToOneField(
        "summaries.Talk",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="search_entry",
        verbose_name=_("講演"),
    )
    # The ranked fields first, folded: where a term stands decides its rank
    # (title, then tags, TL;DR, takeaways, Q&A; see `wordkeys.TIERS`). The
    # long columns come last: SQLite reads a column behind them only by
    # walking the row's overflow pages (migration 0005).
    head = models.TextField(_("タイトルとタグ（正規化）"))
    title = models.TextField(_("タイトル（正規化）"), blank=True, default="")
    tldr = models.TextField(_("要約（正規化）"), blank=True, default="")
    takeaways = models.TextField(_("要点（正規化）"), blank=True, default="")
    qa = models.TextField(_("質疑応答（正規化）"), blank=True, default="")
    # Ties in the ranking go to the newest: published_at in whole seconds,
    # then the talk's id, as one number both databases order alike
    # (`recency_key`). SQLite's ranked-fields index is keyed by it, so that
    # it reads the newest of a band first (backends/sqlite.py).
    recency = models.BigIntegerField(
        _("新しさの順"),
        default=0,
        help_text=_("公開日時（秒）と講演IDから作る並び順の値。索引が書きます。"),
    )
    body = models.TextField(_("本文（正規化）"))
    text = models.TextField(
        _("本文"), help_text=_("抜粋の表示に使う元の本文。1行に1項目。")
    )
    keys = models.TextField(
        _("語のキー"),
        blank=True,
        default="",
        help_text=_("形態素解析で得た語・読み・隣り合う語の索引キー（空白区切り）。"),
    )

    class Meta:
        verbose_name = _("検索索引の行")
        verbose_name_plural = _("検索索引")
        ordering = ["talk_id"]

    def __str__(self):
        return str(self.talk_id)


class SearchLogQuerySet(models.QuerySet):
    def recent(self, days=30, now=None):
        """Searches of the last `days` days."""
        return self.filter(
            searched_at__gte=(now or timezone.now()) - dt.timedelta(days=days)
        )

    def _by_query(self):
        """One row per folded query: searches, last_searched, most_results,
        latest_results, and `written`, the form readers typed most often."""
        latest = self.model.objects.filter(query=OuterRef("query")).order_by(
            "-searched_at", "-pk"
        )
        typed = (
            self.filter(query=OuterRef("query"))
            .exclude(typed="")
            .order_by()
            .values("typed")
            .annotate(times=Count("pk"), last=Max("searched_at"))
            .order_by("-times", "-last", "typed")
        )
        return (
            self.values("query")
            .annotate(
                searches=Count("pk"),
                last_searched=Max("searched_at"),
                most_results=Max("result_count"),
            )
            .annotate(
                latest_results=Subquery(latest.values("result_count")[:1]),
                written=Coalesce(Subquery(typed.values("typed")[:1]), "query"),
            )
        )

    def top_queries(self, limit=50):
        """The most frequent queries that found something at least once (those
        that never did have their own list): query, written, searches,
        last_searched, latest_results."""
        return (
            self._by_query()
            .filter(most_results__gt=0)
            .order_by("-searches", "-last_searched", "query")[:limit]
        )

    def zero_result_queries(self, limit=50):
        """Queries that found nothing every time, most frequent first."""
        return (
            self._by_query()
            .filter(most_results=0)
            .order_by("-searches", "-last_searched", "query")[:limit]
        )


class SearchLog(models.Model):
    """One search a reader made. Nothing about the reader is kept."""

    query = models.CharField(
        _("検索語"),
        max_length=200,
        help_text=_("正規化した検索語（全角・半角と大文字・小文字を統一）。"),
    )
    typed = models.CharField(
        _("入力された形"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("読者が入力したままの検索語（空白は1つにまとめる）。"),
    )
    result_count = models.PositiveIntegerField(_("件数"))
    searched_at = models.DateTimeField(_("検索日時"), default=timezone.now)

    objects = SearchLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("検索の記録")
        verbose_name_plural = _("検索の記録")
        ordering = ["-searched_at", "-pk"]
        # Named as it was made when this model still belonged to the core app.
        indexes = [
            models.Index(
                fields=["searched_at", "query"], name="summaries_s_searche_c7112a_idx"
            )
        ]

    def __str__(self):
        return self.query


# recency_key: the talk's id in the low bits (ids below 2**31).
ID_BITS = 31
ID_MASK = (1 << ID_BITS) - 1


def recency_key(published_at, pk):
    """Newer publication first, then the higher id: one integer (< 2**63 for
    any time before the year 2106). A talk never published sorts as 1970."""
    seconds = int(published_at.timestamp()) if published_at else 0
    return (max(seconds, 0) << ID_BITS) | (pk & ID_MASK)


def fold_query(text):
    """A query as the log and pins keep it: folded, spaces made single."""
    from .tokens import fold

    return " ".join(fold(text or "").split())


class Synonym(models.Model):
    """Words that mean the same to readers: a search for one finds them all."""

    terms = models.TextField(
        _("同義語"),
        help_text=_(
            "1行に1語、2語以上。どの語で検索しても、ほかの語を含む講演も見つかります"
            "（例: DX と デジタルトランスフォーメーション）。"
        ),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("同義語")
        verbose_name_plural = _("同義語")
        ordering = ["pk"]

    def __str__(self):
        return " ⇔ ".join(self.term_list())

    def term_list(self):
        """The terms as written, one per line, blank lines dropped."""
        return [line.strip() for line in self.terms.splitlines() if line.strip()]

    def folded_terms(self):
        return [fold_query(term) for term in self.term_list()]

    def clean(self):
        from django.core.exceptions import ValidationError

        from .tokens import runs

        terms = self.term_list()
        bad = [term for term in terms if len(runs(fold_query(term))) != 1]
        if bad:
            raise ValidationError(
                {
                    "terms": _(
                        "1行には、空白や記号を含まない1語だけを書いてください"
                        "（直す行: %(lines)s）。"
                    )
                    % {"lines": join_list(bad)}
                }
            )
        if len(set(map(fold_query, terms))) < 2:
            raise ValidationError(
                {"terms": _("異なる語を2行以上書いてください（1行に1語）。")}
            )
        self.terms = "\n".join(terms)


class Pin(models.Model):
    """A talk shown first for one query, whatever the ranking says."""

    query = models.CharField(
        _("検索語"),
        max_length=200,
        help_text=_("読者が入力する検索語。全角・半角、大文字・小文字は区別しません。"),
    )
    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="search_pins",
        verbose_name=_("講演"),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("固定表示")
        verbose_name_plural = _("固定表示")
        ordering = ["query", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["query", "talk"], name="search_pin_unique")
        ]

    def __str__(self):
        return f"{self.query} → {self.talk}"

    def save(self, *args, **kwargs):
        self.query = fold_query(self.query)[:200]
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        folded = fold_query(self.query)
        if not folded:
            raise ValidationError({"query": _("検索語を入力してください。")})
        self.query = folded[:200]
