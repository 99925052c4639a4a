"""SQLite: an FTS5 table of bigram tokens, queried with phrases.

The table is contentless (it keeps the index, not a second copy of the text),
so a row can only be removed by repeating the tokens it was given; those are
rebuilt from the `SearchEntry` row, which is why that row is removed last.
A phrase of consecutive bigrams matches exactly the texts that contain the
term (see `tokens.token_stream`), so no recheck is needed.
"""

import json

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from ..models import SearchEntry
from ..tokens import bigrams, token_stream

# Made by the search app's migrations with tokenize='ascii': that tokenizer
# splits on ASCII spaces and punctuation only, so every bigram, whatever its
# script, is one token exactly as we wrote it.
TABLE = "search_fts"


def _rows(entries):
    # Word keys follow the body's bigrams: a key is never a bigram, so a
    # phrase cannot run into them.
    return [
        (
            entry.talk_id,
            token_stream(entry.head),
            f"{token_stream(entry.body)} {entry.keys}",
        )
        for entry in entries
    ]


def add(entries):
    """Store the rows, then their tokens."""
    SearchEntry.objects.bulk_create(entries)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, head, body) VALUES (%s, %s, %s)",
            _rows(entries),
        )


def remove(entries):
    """Forget these entries' tokens: call while the rows still hold them."""
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} ({TABLE}, rowid, head, body) "
            "VALUES ('delete', %s, %s, %s)",
            _rows(entries),
        )


def clear():
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('delete-all')")


def phrase(term):
    # Terms are runs of letters and digits: no quote can occur inside.
    return '"' + " ".join(bigrams(term)) + '"'


def _any(texts, tokens):
    """An FTS5 expression: any of these texts (two characters or more), any
    of these key tokens (no quote can occur in either)."""
    return " OR ".join(
        [phrase(text) for text in texts] + [f'"{token}"' for token in tokens]
    )


def _talks(expression):
    return RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [expression])


def match_any(texts, tokens):
    """Q on SearchEntry: rows holding one of `texts` (each of two or more
    characters, found exactly) or one of the key `tokens`."""
    return Q(talk_id__in=_talks(_any(texts, tokens)))


def holding(tokens):
    """Q on Talk: talks whose index holds one of the key tokens."""
    return Q(pk__in=_talks(_any((), tokens)))


def match(entries, terms):
    expression = " AND ".join(phrase(term) for term in terms)
    return entries.filter(talk_id__in=_talks(expression))


def id_list(ids):
    """A subquery listing `ids`, passed as one parameter however many they are."""
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def document_counts(tokens):
    """{token: number of talks whose index holds it}, in one query. Tokens
    are letters and digits after their mark: no quote can occur inside."""
    if not tokens:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT j.value, (SELECT count(*) FROM {TABLE} "
            f"WHERE {TABLE} MATCH '\"' || j.value || '\"') FROM json_each(%s) j",
            [json.dumps(list(tokens))],
        )
        return dict(cursor.fetchall())
