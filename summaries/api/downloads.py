"""The whole set at once: /api/talks.json (everything) and /api/talks.csv.

Both stream, fetching talks a chunk at a time, so memory stays flat however
many talks there are; each chunk costs the same few queries.
"""

import csv
import io
import json

from django.http import StreamingHttpResponse

from ..models import Talk
from . import schemas
from .conditional import Validators
from .serialize import Serializer

CHUNK = 200

CSV_COLUMNS = [
    "slug",
    "title",
    "url",
    "api_url",
    "channel",
    "speakers",
    "tags",
    "tldr",
    "takeaways",
    "video_url",
    "video_date",
    "duration_seconds",
    "published_at",
    "updated_at",
]


def serve(request, talks, producer):
    """A streamed download of `talks`, with validators: 304 when unchanged."""
    validators, _count = Validators.for_talks_cached(request, talks, producer.__name__)
    if response := validators.not_modified(request):
        return response
    ids = list(talks.newest_first().values_list("pk", flat=True))
    content_type, filename, chunks = producer(Serializer(request), ids)
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return validators.apply(response)


def _in_chunks(ids, prefetch):
    """Talks in the order of `ids`, fetched CHUNK at a time with `prefetch`."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        yield from prefetch(Talk.objects.filter(pk__in=chunk)).newest_first()


def json_document(serializer, ids):
    def chunks():
        head = {
            "api_version": schemas.API_VERSION,
            "license": {"name": schemas.LICENSE_NAME, "url": schemas.LICENSE_URL},
            "count": len(ids),
        }
        # The envelope is written by hand so the talks can stream inside it.
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "talks": ['
        for n, talk in enumerate(_in_chunks(ids, lambda qs: qs.for_detail())):
            yield ("," if n else "") + serializer.detail(talk).model_dump_json()
        yield "]}"

    return "application/json", "govdx-talks.json", chunks()


def csv_rows(serializer, ids):
    def chunks():
        buffer = io.StringIO()
        writer = csv.writer(buffer)

        def row(values):
            writer.writerow(values)
            line = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            return line

        # The byte-order mark tells Excel (as used in Japan) that this is UTF-8.
        yield "\ufeff" + row(CSV_COLUMNS)
        with_takeaways = lambda qs: qs.for_cards().prefetch_related("takeaways")  # noqa: E731
        for talk in _in_chunks(ids, with_takeaways):
            yield row(_csv_values(serializer.summary(talk), talk.takeaways.all()))

    return "text/csv; charset=utf-8", "govdx-talks.csv", chunks()


def _csv_values(summary, takeaways):
    values = {
        **summary.model_dump(mode="json"),
        "channel": summary.channel.name,
        "speakers": "; ".join(
            f"{s.name}（{s.role}）" if s.role else s.name for s in summary.speakers
        ),
        "tags": "; ".join(tag.name for tag in summary.tags),
        "takeaways": "\n".join(f"{t.emoji} {t.text}".strip() for t in takeaways),
    }
    return [_cell(values[column]) for column in CSV_COLUMNS]


def _cell(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP's advice for CSV files opened in Excel)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
