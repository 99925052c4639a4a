from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from .. import mindmap, parameters
from ..facets import FACET_SIZE, Filters, facets
from ..listings import read as listings
from ..listings.models import Kind
from ..models import Channel, Speaker, Tag, Talk
from ..pagecache import parts
from ..pagecache.pages import depends_on, on_every_serve
from ..ratings.voting import aggregate_rating, with_ratings
from ..search import didyoumean, insights
from ..search.models import SearchEntry
from ..search.query import Query, RankedTalks
from ..search.snippets import highlight, snippet
from ..structured_data import video_object
from . import cards
from .mixins import Content, PageMixin, PublishedTalksMixin, crumb
from .preview import StaffPreviewMixin, may_preview
from .slugs import OldSlugRedirectMixin

# A search reads its best results band by band (`Query.best`), this many:
# the pages they fill, and the filter counts, which are of them whenever more
# match (said so on the page). Deeper pages score every match.
SAMPLE = 500


def transcript_rows(talk):
    """[(start_seconds, text)]: prefetched rows when a caller fetched them (a
    staff preview, a review's pending version), else one query for values."""
    cached = getattr(talk, "_prefetched_objects_cache", {}).get("transcript")
    if cached is not None:
        return [(row.start_seconds, row.text) for row in cached]
    return list(talk.transcript.values_list("start_seconds", "text"))


class TalkListView(PublishedTalksMixin, ListView):
    """All public talks, or those matching `?q=`, with filters (facets.py)."""

    template_name = "summaries/talk_list.html"
    nav = "talks"

    def get(self, request, *args, **kwargs):
        self.query = Query.parse(request.GET.get("q"))
        self.filters = Filters.from_params(request.GET)
        response = super().get(request, *args, **kwargs)
        if self.query:
            # Counted each time a reader searches, the page cached or not.
            page = response.context_data["page_obj"]
            on_every_serve(
                response,
                insights.record_search,
                self.query.folded,
                page.paginator.count,
                page.number,
                bool(self.filters),
                self.query.text,
            )
        return response

    def get_listing(self):
        """The whole list, unfiltered, is a stored one; searches and filters
        (open-ended) are counted as they are asked."""
        if self.query or self.query.error or self.filters:
            return None
        return (Kind.ALL, 0)

    def get_queryset(self):
        talks = Talk.objects.published()
        if self.query.error:
            return talks.none()
        if self.get_listing():
            return super().get_queryset()
        if not self.query:
            return cards.CardList(self.filters.apply(talks.newest_first()))
        if not self.filters and self.within_sample():
            best = self.query.best(SAMPLE)
            if best is not None:
                ids, total, _banded = best
                return RankedTalks(ids, fetch=cards.fetch_ids, total=total)
        ranked = self.filters.apply(self.query.ranked(talks))
        ids = list(ranked.values_list("pk", flat=True))
        return RankedTalks(ids, fetch=cards.fetch_ids)

    def within_sample(self):
        """Whether the page asked for lies among the best SAMPLE results
        (`last` does not: its number is not known yet)."""
        if self.request.GET.get(self.page_kwarg) == "last":
            return False
        number = parameters.page(self.request.GET, self.page_kwarg) or 1
        return number * self.paginate_by <= SAMPLE

    def get_breadcrumbs(self):
        if self.query.text:
            return [
                crumb(_("講演一覧"), "summaries:talk-list"),
                crumb(_("検索結果")),
            ]
        return [crumb(_("講演一覧"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.query:
            self.mark_matches(context["object_list"])
        matches = Talk.objects.published()
        if self.query.error:
            matches = matches.none()
        elif self.query:
            matches = self.query.matching(matches)
        found = sampled = None
        if isinstance(self.object_list, RankedTalks):
            # Counted among the best SAMPLE results when more match, however
            # they were ranked (band by band or whole) and on every page.
            best = self.object_list if self.filters else self.object_list.best(SAMPLE)
            found, sampled = best.id_list(), best.sampled
        if self.query and not context["paginator"].count:
            context["did_you_mean"] = [
                (word, f"?{urlencode({'q': word})}")
                for word in didyoumean.suggest(self.query.text)
            ]
        context.update(
            query=self.query,
            filters=self.filters,
            facets=facets(
                matches,
                self.filters,
                self.request.GET,
                found,
                self.stored_counts(found),
                sample=len(best.ids) if sampled else None,
            ),
        )
        return context

    def stored_counts(self, found=None):
        """The filter counts from the stored listings: the unfiltered list's
        from FacetCount; a search's (`found`: its ids) from its talks' listing
        rows in one query, unless a speaker, channel or year is chosen (each
        of those is counted without its own filter: facets.py). None otherwise."""
        filters = self.filters
        if found is not None and not (
            filters.speaker or filters.channel or filters.year
        ):
            chosen = Tag.objects.filter(slug__in=filters.tags).values("pk")
            counts = listings.counts_among(
                found, FACET_SIZE, skip_tags=chosen if filters.tags else ()
            )
            return {
                Tag: counts[Kind.TAG],
                Speaker: counts[Kind.SPEAKER],
                Channel: counts[Kind.CHANNEL],
                "year": counts[Kind.YEAR],
            }
        if not self.get_listing():
            return None
        sizes = {
            Kind.TAG: FACET_SIZE,
            Kind.SPEAKER: FACET_SIZE,
            Kind.CHANNEL: FACET_SIZE,
            Kind.YEAR: None,
        }
        top = listings.tops(sizes, due_later=self.due_later, named=True)
        return {
            Tag: top[Kind.TAG],
            Speaker: top[Kind.SPEAKER],
            Channel: top[Kind.CHANNEL],
            "year": top[Kind.YEAR],
        }

    def mark_matches(self, talks):
        """Give each talk on the page its marked title and a snippet of its text."""
        # The body is the text folded line by line: no line is folded again.
        entries = {
            talk_id: (text, body)
            for talk_id, text, body in SearchEntry.objects.filter(
                talk_id__in=[talk.pk for talk in talks]
            ).values_list("talk_id", "text", "body")
        }
        for talk in talks:
            talk.marked_title = highlight(talk.title, self.query.terms)
            text, body = entries.get(talk.pk, (talk.tldr, None))
            talk.snippet = snippet(text, self.query.terms, folded=body)


class TalkDetailView(OldSlugRedirectMixin, StaffPreviewMixin, PageMixin, DetailView):
    nav = "talks"
    og_type = "article"
    redirect_model = Talk

    def may_redirect_to(self, talk):
        return talk.is_public or may_preview(self.request.user)

    def get_queryset(self):
        # The talk's parts are read only when its stored rendering is stale;
        # the stored one comes with the talk's own row.
        talks = with_ratings(Talk.objects.published().select_related("channel"))
        return parts.with_stored_part(talks, get_language())

    def related_talks(self, talk):
        """The stored list of a published talk; a draft previewed by staff
        has none stored, and is ranked as it is shown."""
        if talk.status == Talk.Status.PUBLISHED:
            return listings.related_talks(talk)
        return Talk.objects.related_to(talk)

    def get_breadcrumbs(self):
        return [
            crumb(_("講演一覧"), "summaries:talk-list"),
            crumb(Content(self.object.title)),
        ]

    def get_canonical_path(self):
        return self.object.get_absolute_url()

    def get_structured_data(self, context):
        video = video_object(self.request, self.object, self.parts["chapters"])
        rating = aggregate_rating(self.request, self.object)
        own = [data for data in (video, rating) if data]
        return own + super().get_structured_data(context)

    def start_seconds(self):
        """`?t=90` (or `90s`, as YouTube writes it): where the player starts;
        0 when absent, malformed or past the end."""
        seconds = parameters.seconds(self.request.GET.get("t", ""))
        if seconds is None:
            return 0
        return seconds if seconds < self.object.duration_seconds else 0

    def get_context_data(self, **kwargs):
        talk = self.object
        if self.preview:
            # A draft or a pending change: fetched with its parts, never stored.
            self.parts = talk_parts(talk)
        else:
            # Its parts are read only when not stored as it is now (a talk
            # deleted since the first read is a 404, as a moment later).
            self.parts = parts.stored(
                talk,
                get_language(),
                lambda: talk_parts(
                    get_object_or_404(
                        Talk.objects.for_detail(transcript=False), pk=talk.pk
                    )
                ),
            )
        # Its own text and figure; related talks share one of its tags.
        depends_on(
            self.request,
            f"talk:{talk.pk}",
            *(f"tag:{pk}" for pk in self.parts["tags"]),
        )
        return super().get_context_data(
            parts={
                "header": mark_safe(self.parts["header"]),  # noqa: S308 (rendered here)
                "body": mark_safe(self.parts["body"]),  # noqa: S308
                "transcript": self.parts["transcript"],
            },
            related_talks=cards.fetch(self.related_talks(talk)),
            video_id=talk.youtube_id,
            start=self.start_seconds(),
            **kwargs,
        )


def talk_parts(talk):
    """What the talk page shows of the talk alone, rendered (a JSON value):
    the header and the body around the player (HTML, escaped by the
    templates), the chapters for the page's VideoObject, the tags' ids (the
    page depends on them) and whether there is a transcript. `talk` is
    fetched with `for_detail()`."""
    transcript = transcript_rows(talk)
    context = {
        "talk": talk,
        "video_id": talk.youtube_id,
        "mindmap": mindmap.layout(mindmap.for_talk(talk)),
        "transcript": transcript,
    }
    return {
        "header": render_to_string("includes/talk_header.html", context),
        "body": render_to_string("includes/talk_body.html", context),
        "chapters": [[c.start_seconds, c.title] for c in talk.outline.all()],
        "tags": [tag.pk for tag in talk.tags.all()],
        "transcript": bool(transcript),
    }
