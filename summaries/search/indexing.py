"""Keeps the search index in step with the talks: the one update path.

Every writer (admin, fixtures, the importer, deletes, renamed tags or
speakers) ends in the core's `summaries.signals.talk_changed`; `talks_changed`
(connected in `SearchConfig.ready`) rebuilds the index rows of exactly those
talks, inside the writer's transaction.
"""

import multiprocessing
import os
from collections import defaultdict, deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from itertools import islice

from django.db import connections, transaction

from ..models import (
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    TaggedTalk,
    Takeaway,
    Talk,
    TalkSpeaker,
    TranscriptSegment,
)
from ..pagecache.state import bump
from ..signals import bulk_workers
from .backends import get_backend
from .models import SearchEntry, recency_key
from .tokens import fold
from .wordkeys import field_tokens

BATCH_SIZE = 500
# Batches from which the analysis is shared among processes (when allowed):
# below, forking costs more than it saves.
PARALLEL_FROM = 4

# The text each part shows on the talk's page, in the page's order: the
# snippet shown for a result is the first line, in this order, that matches.
PART_FIELDS = (
    (Takeaway, ("text",)),
    (Question, ("text", "answer")),
    (OutlineChapter, ("title",)),
    (Keyword, ("text",)),
    (Highlight, ("text",)),
    (TranscriptSegment, ("text",)),
)


def _batches(ids, size=None):
    ids = iter(sorted(ids))
    size = size or BATCH_SIZE
    while batch := list(islice(ids, size)):
        yield batch


def read_texts(talk_ids):
    """[(talk id, recency, head, lines, parts)] of these talks, from a fixed number of
    queries: what `analysed` needs, as plain values (a process can take them)."""
    lines = defaultdict(list)  # talk id -> body lines, original text
    heads = defaultdict(list)  # talk id -> title and tag names
    parts = defaultdict(lambda: defaultdict(list))  # talk id -> part -> texts
    recency = {}  # talk id -> SearchEntry.recency
    talks = Talk.objects.filter(pk__in=talk_ids).order_by("pk")
    for pk, title, tldr, published_at in talks.values_list(
        "pk", "title", "tldr", "published_at"
    ):
        heads[pk].append(title)
        lines[pk].append(tldr)
        recency[pk] = recency_key(published_at, pk)
    tagged = (
        TaggedTalk.objects.filter(content_object_id__in=heads)
        .order_by("content_object_id", "tag__name")
        .values_list("content_object_id", "tag__name")
    )
    for pk, name in tagged:
        heads[pk].append(name)
    for model, fields in PART_FIELDS:
        rows = (
            model.objects.filter(talk_id__in=heads)
            .order_by("talk_id", "position")
            .values_list("talk_id", *fields)
        )
        name = model.__name__
        for pk, *texts in rows:
            lines[pk].extend(texts)
            parts[pk][name].extend(texts)
    speakers = (
        TalkSpeaker.objects.filter(talk_id__in=heads)
        .order_by("talk_id", "position")
        .values_list(
            "talk_id", "speaker__name", "speaker__name_kana", "speaker__name_latin"
        )
    )
    for pk, *names in speakers:
        line = " ".join(name for name in names if name)
        lines[pk].append(line)
        parts[pk]["speakers"].append(line)
    return [
        (pk, recency[pk], head, lines[pk], dict(parts[pk]))
        for pk, head in heads.items()
    ]


def build_entries(talk_ids):
    """Unsaved `SearchEntry` rows for these talks, from a fixed number of queries."""
    return [SearchEntry(**fields) for fields in analysed(read_texts(talk_ids))]


def analysed(texts):
    """The `SearchEntry` fields of each talk of `read_texts`: no database, so
    it may run in another process."""
    return [_entry(*talk) for talk in texts]


def prepared(texts):
    """Unsaved `SearchEntry` rows of `analysed`, each holding what the backend
    will write of it (`.prepared`: token streams, lexemes), made here, in a
    worker, so that the one process that writes the index only writes."""
    prepare = get_backend().prepare
    entries = [SearchEntry(**fields) for fields in analysed(texts)]
    for entry in entries:
        entry.prepared = prepare(entry)
    return entries


def _entry(pk, recency, head, lines, parts):
    title, tags, tldr = head[0], head[1:], lines[0]
    takeaways = parts.get("Takeaway", [])
    qa = parts.get("Question", [])
    rest = [
        *parts.get("OutlineChapter", []),
        *parts.get("Keyword", []),
        *parts.get("Highlight", []),
        *parts.get("speakers", []),
    ]
    # One analysis per field (the transcript is left to the bigrams).
    keys = field_tokens(
        {1: [title], 2: tags, 3: [tldr], 4: ["\n".join(takeaways)], 5: ["\n".join(qa)]},
        ["\n".join(rest)],
    )
    return {
        "talk_id": pk,
        "recency": recency,
        "head": fold_lines(head),
        "body": fold_lines(lines),
        "text": "\n".join(line for line in lines if line),
        "title": fold_lines([title]),
        "tldr": fold_lines([tldr]),
        "takeaways": fold_lines(takeaways),
        "qa": fold_lines(qa),
        "keys": " ".join(sorted(keys)),
    }


def fold_lines(lines):
    """`fold("\n".join(lines))`, faster: NFKC is slow on any text holding one
    character it changes (a full-width ？), so each line pays only for itself."""
    return "\n".join(fold(line) for line in lines if line)


def index_talks(talk_ids, workers=None, progress=None):
    """Bring the index rows of these talks up to date (gone talks lose theirs).

    With `workers` > 1 (by default `signals.bulk_workers()`: every core while
    generating or rebuilding many talks) and PARALLEL_FROM batches or more,
    the analysis (the analyser and the keys: most of the work) runs in that
    many forked processes while this one reads the next batches and writes
    the index; the rows written are the same. That many batches or more are
    written in one transaction, inside the backend's `writing_many()`.
    `progress(done, total)` is called after each batch."""
    backend = get_backend()
    batches = list(_batches(set(talk_ids)))
    workers = workers or bulk_workers()
    done, total = 0, sum(len(batch) for batch in batches)

    def write(batch, entries):
        nonlocal done
        _write(backend, batch, entries)
        done += len(batch)
        if progress:
            progress(done, total)

    many = len(batches) >= PARALLEL_FROM
    with backend.writing_many() if many else nullcontext():
        if not many or workers < 2 or not _can_fork():
            for batch in batches:
                write(batch, prepared(read_texts(batch)))
            return
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            waiting = deque()
            for batch in batches:
                waiting.append((batch, pool.submit(prepared, read_texts(batch))))
                if len(waiting) > workers:  # every process busy, memory bounded
                    batch, future = waiting.popleft()
                    write(batch, future.result())
            while waiting:
                batch, future = waiting.popleft()
                write(batch, future.result())


def _can_fork():
    return "fork" in multiprocessing.get_all_start_methods()


def _write(backend, batch, new):
    with transaction.atomic():
        old = list(SearchEntry.objects.filter(talk_id__in=batch))
        backend.remove(old)
        SearchEntry.objects.filter(talk_id__in=batch).delete()
        backend.add(new)


def rebuild(progress=None):
    """Drop the whole index and build it again from the talks (on every core);
    returns the count."""
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        SearchEntry.objects.all().delete()
        ids = list(Talk.objects.values_list("pk", flat=True))
        index_talks(ids, workers=os.cpu_count(), progress=progress)
        bump()  # cached results pages were built on the old index
    return len(ids)


def talks_changed(sender, talk_ids, **kwargs):
    """Receiver of the core's `talk_changed` (connected in SearchConfig.ready)."""
    index_talks(talk_ids)


def forget_orphan_tokens(sender, using="default", **kwargs):
    """After `migrate` or `flush` (tests that truncate tables): SearchEntry may
    be empty while the SQLite FTS table, which Django does not know, still
    holds tokens; forget them too."""
    tables = connections[using].introspection.table_names()
    if SearchEntry._meta.db_table not in tables:
        return  # migrated back to before the index existed
    if not SearchEntry.objects.using(using).exists():
        get_backend().clear()
