"""Suggestions for editors from stored talks: tags, keywords, highlights.

The algorithms are pure (`suggestions`, `highlights`); this reads what they
need from the database: the talk's texts, the existing tag names, and how
many talks hold each candidate term, counted in the search index (the word
keys `indexing` stored; one query for all candidates).
"""

from ..models import Tag, Talk
from ..text import format_timecode
from .backends import get_backend
from .highlights import suggest_highlights
from .models import SearchEntry
from .suggestions import candidates, suggest_keywords, suggest_tags, talk_fields
from .wordkeys import WORD

KINDS = ("tags", "keywords", "highlights")


def fields_of(talk):
    return talk_fields(
        title=talk.title,
        tldr=talk.tldr,
        takeaways=[item.text for item in talk.takeaways.all()],
        questions=[(item.text, item.answer) for item in talk.questions.all()],
    )


def corpus_frequencies(fields):
    """({candidate key: talks holding it}, talks) from the search index. A
    term also said as "A の B" (市民のニーズ) counts the talks holding either
    form: at least the larger of the two counts (the index counts keys, not
    the talks holding one or the other)."""
    terms = candidates(fields)
    forms = {key: [key, *sorted(term.said)] for key, term in terms.items()}
    wanted = sorted({WORD + form for found in forms.values() for form in found})
    counts = get_backend().document_counts(wanted)
    df = {}
    for key, found in forms.items():
        count = max(counts.get(WORD + form, 0) for form in found)
        if count:
            df[key] = count
    return df, SearchEntry.objects.count()


def suggest(talk, kind, limit=10, fields=None, segments=None):
    """Suggestions for a talk, best first, as display strings:
    tags and keywords as written, highlights as `H:MM:SS text`."""
    if kind == "highlights":
        if segments is None:
            segments = list(talk.transcript.values_list("start_seconds", "text"))
        return [
            (highlight.start_seconds, highlight.text)
            for highlight in suggest_highlights(segments, limit)
        ]
    fields = fields if fields is not None else fields_of(talk)
    df, documents = corpus_frequencies(fields)
    if kind == "tags":
        existing = list(Tag.objects.values_list("name", flat=True))
        return [
            item.text
            for item in suggest_tags(fields, existing, df, documents, limit=limit)
        ]
    return [item.text for item in suggest_keywords(fields, df, documents, limit)]


def as_line(kind, item):
    if kind == "highlights":
        seconds, text = item
        hours, rest = divmod(int(seconds), 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d} {text}"
    return item


__all__ = ["KINDS", "Talk", "as_line", "fields_of", "format_timecode", "suggest"]
