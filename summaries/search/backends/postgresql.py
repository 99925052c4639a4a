"""PostgreSQL: a GIN-indexed `tsvector` column of bigram lexemes.

The column (`SearchEntry.vector`, added by a migration, unknown to the ORM)
holds each distinct bigram once, without positions: PostgreSQL clamps
positions past 16,383 and keeps at most 256 per lexeme, so phrase search would
miss words in long transcripts. The index finds the rows holding every bigram
of the query; terms of three or more characters are then confirmed in the
stored folded text, which makes the answer exact.

Every lookup goes through the SQL function `search_talks` (migration 0008):
the vectors are large and out of line, which the planner does not count, so
left to itself it read every talk's vector instead of the index (seconds
per search at 10,000 talks).
"""

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from ..models import SearchEntry
from ..scan import in_column
from ..tokens import bigrams, lexemes

# The `vector` column and its GIN index are made by the search app's migrations.
TABLE = SearchEntry._meta.db_table
INDEX = "search_searchentry_vector_gin"
# While many talks are written at once: new index entries wait in the GIN
# index's pending list and are merged into it a quarter of a gigabyte at a
# time, in memory, instead of going into the index talk by talk (some 3,100
# keys each). With LZ4 (search 0009): 149 s -> 83 s for the whole index at
# 10,000 talks.
BULK_SETTINGS = {
    "gin_pending_list_limit": "256MB",
    "work_mem": "256MB",
    "maintenance_work_mem": "256MB",
}


def quote(lexeme):
    """A lexeme as tsvector/tsquery input, read as is (no parser, no stemming)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def prepare(entry):
    """What `add` writes of an entry besides its columns: its lexemes. Pure:
    indexing makes them in its workers (`indexing.prepared`)."""
    return _lexemes(entry)


def _lexemes(entry):
    """The row's lexemes, separated by spaces: bigrams are letters and digits
    and key tokens hold no space, so PostgreSQL splits them back exactly
    (`array_to_tsvector(string_to_array(…, ' '))`) with no quoting, which
    cost more than the rest of indexing for 3,000 lexemes a talk."""
    found = lexemes(entry.head) | lexemes(entry.body) | set(entry.keys.split())
    return " ".join(found)


def add(entries):
    """Store the rows with their vectors in one statement (no second write)."""
    if not entries:
        return
    columns = {
        "talk_id": ("bigint", [entry.talk_id for entry in entries]),
        "recency": ("bigint", [entry.recency for entry in entries]),
        "head": ("text", [entry.head for entry in entries]),
        "body": ("text", [entry.body for entry in entries]),
        "text": ("text", [entry.text for entry in entries]),
        **{
            name: ("text", [getattr(entry, name) for entry in entries])
            for name in ("title", "tldr", "takeaways", "qa", "keys")
        },
        "vector": (
            "text",
            [getattr(entry, "prepared", None) or _lexemes(entry) for entry in entries],
        ),
    }
    arrays = ", ".join(f"%s::{kind}[]" for kind, _values in columns.values())
    names = ", ".join(columns)
    selected = ", ".join(
        f"array_to_tsvector(string_to_array({name}, ' '))" if name == "vector" else name
        for name in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} ({names}) SELECT {selected} "
            f"FROM unnest({arrays}) AS row({names})",
            [values for _kind, values in columns.values()],
        )


@contextmanager
def writing_many():
    """Around writing the rows of many talks, in one transaction: the GIN
    index is fed in large merges (BULK_SETTINGS, for this transaction only),
    and its pending list is emptied at the end, so searches afterwards read
    the index alone. The session's own settings are back afterwards."""
    names = list(BULK_SETTINGS)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names
            )
            before = cursor.fetchone()
            for name, value in BULK_SETTINGS.items():
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
        yield
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [INDEX])
            for name, value in zip(names, before, strict=True):
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])


def remove(entries):
    """Nothing to do: the vector goes with its row."""


def clear():
    """Nothing to do: the vectors go with their rows."""


def _all_bigrams(text):
    return "(" + " & ".join(quote(pair) for pair in sorted(set(bigrams(text)))) + ")"


def match_any(texts, tokens):
    """Q on SearchEntry: rows holding one of `texts` (each of two or more
    characters, confirmed in the folded text when longer than two) or one of
    the key `tokens`. Every lookup goes through `search_talks` (migration
    0008), which reads the GIN index, never each row's vector.

    A row holding one of the tokens is found whatever its text, so a longer
    text is confirmed (reading the folded text) only in rows holding none
    of them: for デジタル, most candidates hold its word key and are never
    read."""
    keys = [quote(token) for token in tokens]
    short = [_all_bigrams(text) for text in texts if len(text) <= 2]
    any_of = " | ".join(short + keys)
    unless_keys = f" & !({' | '.join(keys)})" if keys else ""
    selects, params = [], []
    if any_of:
        selects.append("SELECT search_talks(%s::tsquery)")
        params.append(any_of)
    for text in texts:
        if len(text) > 2:
            selects.append("SELECT search_talks(%s::tsquery, %s)")
            params += [_all_bigrams(text) + unless_keys, text]
    return Q(talk_id__in=RawSQL(" UNION ALL ".join(selects), params))


def stands(column, text):
    """Q on Talk: talks whose folded `column` holds `text`, by `strpos` over
    the matching rows (the long columns stay out of line, in TOAST, unread).
    This is a fifth of the ranking of a common word at 10,000 talks; an index
    per column, as SQLite has, would make the vectors and indexing larger."""
    return in_column(column, text)


def holding(tokens):
    """Q on Talk: talks whose index holds one of the key tokens."""
    query = " | ".join(quote(token) for token in tokens)
    return Q(pk__in=RawSQL("SELECT search_talks(%s::tsquery)", [query]))


def id_list(ids):
    """A subquery listing `ids`, passed as one parameter however many they are."""
    return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])


def document_counts(tokens):
    """{token: number of talks whose index holds it}, in one query. Tokens
    are letters and digits after their mark: no quote can occur inside."""
    if not tokens:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT k, (SELECT count(*) FROM search_talks("
            "('''' || k || '''')::tsquery)) FROM unnest(%s::text[]) k",
            [list(tokens)],
        )
        return dict(cursor.fetchall())
