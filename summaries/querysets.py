"""Every rule about which talks are read, and how they are fetched."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models.base import NaturalKeyQuerySet


class TalkQuerySet(NaturalKeyQuerySet):
    def published(self, now=None):
        """Talks the public may see: published, and their time has come."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def scheduled(self, now=None):
        """Published talks whose publication time is still ahead."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__gt=now or timezone.now(),
        )

    def with_completeness(self):
        """Talks with the counts the completeness checklist reads (no extra query)."""
        from .completeness import annotate

        return annotate(self)

    def needs_review(self):
        """Talks failing any completeness check (要確認)."""
        from .completeness import failing_any

        return self.with_completeness().filter(failing_any())

    def newest_first(self):
        """The public order: latest publication first, ties broken by id."""
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        """What a list of talks shows: channel, speakers, tags, ratings: 4 queries."""
        from .models import TalkSpeaker

        return (
            self.select_related("channel")
            .prefetch_related(
                "tags",
                Prefetch(
                    "talk_speakers",
                    queryset=TalkSpeaker.objects.select_related("speaker"),
                ),
            )
            .with_ratings()
        )

    def with_ratings(self):
        """Each talk with `rating_count` and `rating_total` (sum of scores).

        Subqueries rather than a join, so they never multiply other counts
        (`related_to`'s shared tags) and stay exact with no stored copy to drift.
        """
        from .models import Rating

        votes = Rating.objects.filter(talk=OuterRef("pk")).order_by().values("talk")
        return self.annotate(
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

    def for_detail(self):
        """A talk with every part it shows, in a fixed number of queries."""
        return self.for_cards().prefetch_related(
            "takeaways",
            "questions",
            "outline",
            "keywords",
            "highlights",
            "transcript",
        )

    def filter_by(self, tags=(), speaker=None, channel=None, year=None):
        """Narrow by facets; every tag given must be on the talk."""
        qs = self
        for tag in tags:
            qs = qs.filter(tagged_items__tag__slug=tag)
        if speaker:
            qs = qs.filter(speakers__slug=speaker)
        if channel:
            qs = qs.filter(channel__slug=channel)
        if year:
            qs = qs.filter(video_date__year=year)
        return qs.distinct() if tags or speaker else qs

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
            .order_by("-shared_tags", "-published_at", "-pk")
            .for_cards()[:limit]
        )
