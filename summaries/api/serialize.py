"""Talks (fetched with their prefetches) -> the schemas of the open data."""

from django.urls import reverse

from ..text import format_timecode
from . import schemas


def _or_none(value):
    # Blank text fields are "unknown": null in JSON, not an empty string.
    return value or None


class Serializer:
    """Builds absolute addresses for one request; no queries of its own."""

    def __init__(self, request):
        self.absolute = request.build_absolute_uri
        self._urls = {}

    def url_of(self, obj):
        """The absolute address of a tag or speaker, reversed once per request:
        the same few appear on most talks of a page or a download."""
        key = (type(obj), obj.pk)
        if key not in self._urls:
            self._urls[key] = self.absolute(obj.get_absolute_url())
        return self._urls[key]

    def summary(self, talk):
        return schemas.TalkSummary(**self._summary_fields(talk))

    def detail(self, talk):
        page = self.absolute(talk.get_absolute_url())

        def timed(items, text):
            return [
                schemas.TimedText(
                    start_seconds=item.start_seconds,
                    timecode=format_timecode(item.start_seconds),
                    text=getattr(item, text),
                    url=f"{page}?t={item.start_seconds}",
                )
                for item in items
            ]

        return schemas.TalkDetail(
            **self._summary_fields(talk),
            takeaways=[
                schemas.Takeaway(emoji=_or_none(item.emoji), text=item.text)
                for item in talk.takeaways.all()
            ],
            questions=[
                schemas.Question(question=item.text, answer=item.answer)
                for item in talk.questions.all()
            ],
            outline=timed(talk.outline.all(), "title"),
            keywords=[item.text for item in talk.keywords.all()],
            highlights=timed(talk.highlights.all(), "text"),
            transcript=timed(talk.transcript.all(), "text"),
            source_rating=(
                float(talk.source_rating) if talk.source_rating is not None else None
            ),
            source_rating_count=talk.source_rating_count,
            is_generated=talk.is_generated,
        )

    def _summary_fields(self, talk):
        return {
            "slug": talk.slug,
            "title": talk.title,
            "url": self.absolute(talk.get_absolute_url()),
            "api_url": self.absolute(
                reverse("api:talk-detail", kwargs={"slug": talk.slug})
            ),
            "channel": schemas.Channel(
                name=talk.channel.name,
                slug=talk.channel.slug,
                url=_or_none(talk.channel.url),
            ),
            "speakers": [
                schemas.SpeakerRole(
                    slug=role.speaker.slug,
                    name=role.speaker.name,
                    name_kana=_or_none(role.speaker.name_kana),
                    name_latin=_or_none(role.speaker.name_latin),
                    title=_or_none(role.speaker.title),
                    organisation=_or_none(role.speaker.organisation),
                    role=_or_none(role.role),
                    url=self.url_of(role.speaker),
                )
                for role in talk.talk_speakers.all()
            ],
            "tags": [
                schemas.Tag(
                    name=tag.name,
                    slug=tag.slug,
                    url=self.url_of(tag),
                )
                for tag in talk.tags.all()
            ],
            "tldr": talk.tldr,
            "video_url": _or_none(talk.video_url),
            "video_date": talk.video_date,
            "duration_seconds": talk.duration_seconds,
            "published_at": talk.published_at,
            "updated_at": talk.updated_at,
        }
