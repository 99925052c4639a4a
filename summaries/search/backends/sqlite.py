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
    return [
        (entry.talk_id, token_stream(entry.head), token_stream(entry.body))
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


def match(entries, terms):
    expression = " AND ".join(phrase(term) for term in terms)
    return entries.filter(
        talk_id__in=RawSQL(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [expression]
        )
    )


def in_head(term):
    """Talks whose folded title or tags contain `term` (two or more characters)."""
    return Q(
        pk__in=RawSQL(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s",
            [f"head : {phrase(term)}"],
        )
    )


def id_list(ids):
    """A subquery listing `ids`, passed as one parameter however many they are."""
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
