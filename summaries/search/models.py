"""The search index's rows, and the log of what readers searched for."""

import datetime as dt

from django.db import models
from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    head = models.TextField(_("タイトルとタグ（正規化）"))
    body = models.TextField(_("本文（正規化）"))
    text = models.TextField(
        _("本文"), help_text=_("抜粋の表示に使う元の本文。1行に1項目。")
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
        latest = self.model.objects.filter(query=OuterRef("query")).order_by(
            "-searched_at", "-pk"
        )
        return (
            self.values("query")
            .annotate(
                searches=Count("pk"),
                last_searched=Max("searched_at"),
                most_results=Max("result_count"),
            )
            .annotate(latest_results=Subquery(latest.values("result_count")[:1]))
        )

    def top_queries(self, limit=50):
        """The most frequent queries: query, searches, last_searched, latest_results."""
        return self._by_query().order_by("-searches", "-last_searched", "query")[:limit]

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
