"""PostgreSQL: a GIN-indexed `tsvector` column of bigram lexemes.

The column (`SearchEntry.vector`, added by a migration, unknown to the ORM)
holds each distinct bigram once, without positions: PostgreSQL clamps
positions past 16,383 and keeps at most 256 per lexeme, so phrase search would
miss words in long transcripts. The index finds the rows holding every bigram
of the query; terms of three or more characters are then confirmed in the
stored folded text, which makes the answer exact.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from ..models import SearchEntry
from ..scan import in_column
from ..tokens import bigrams, lexemes

# The `vector` column and its GIN index are made by the search app's migrations.
TABLE = SearchEntry._meta.db_table


def quote(lexeme):
    """A lexeme as tsvector/tsquery input, read as is (no parser, no stemming)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


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
        "head": ("text", [entry.head for entry in entries]),
        "body": ("text", [entry.body for entry in entries]),
        "text": ("text", [entry.text for entry in entries]),
        **{
            name: ("text", [getattr(entry, name) for entry in entries])
            for name in ("title", "tldr", "takeaways", "qa", "keys")
        },
        "vector": ("text", [_lexemes(entry) for entry in entries]),
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


def remove(entries):
    """Nothing to do: the vector goes with its row."""


def clear():
    """Nothing to do: the vectors go with their rows."""


def match(entries, terms):
    wanted = sorted({pair for term in terms for pair in bigrams(term)})
    query = " & ".join(quote(pair) for pair in wanted)
    # One subquery, the index condition first: the folded text of a row is
    # read (and unpacked from TOAST) only when its vector already matched.
    sql, params = f"SELECT talk_id FROM {TABLE} WHERE vector @@ %s::tsquery", [query]
    for term in terms:
        if len(term) > 2:
            sql += " AND (strpos(head, %s) > 0 OR strpos(body, %s) > 0)"
            params += [term, term]
    return entries.filter(talk_id__in=RawSQL(sql, params))


def _all_bigrams(text):
    return "(" + " & ".join(quote(pair) for pair in sorted(set(bigrams(text)))) + ")"


def match_any(texts, tokens):
    """Q on SearchEntry: rows holding one of `texts` (each of two or more
    characters, confirmed in the folded text when longer than two) or one of
    the key `tokens`."""
    parts = [_all_bigrams(text) for text in texts] + [quote(t) for t in tokens]
    sql = f"SELECT talk_id FROM {TABLE} WHERE vector @@ %s::tsquery AND ("
    params = [" | ".join(parts)]
    exact = []
    for text in texts:
        if len(text) > 2:
            exact.append(
                "(vector @@ %s::tsquery AND (strpos(head, %s) > 0 "
                "OR strpos(body, %s) > 0))"
            )
            params += [_all_bigrams(text), text, text]
        else:
            exact.append("vector @@ %s::tsquery")
            params.append(_all_bigrams(text))
    if tokens:
        exact.append("vector @@ %s::tsquery")
        params.append(" | ".join(quote(t) for t in tokens))
    sql += " OR ".join(exact) + ")"
    return Q(talk_id__in=RawSQL(sql, params))


def stands(column, text):
    """Q on Talk: talks whose folded `column` holds `text`. The ranked columns
    are short and PostgreSQL reads them out of line of the long ones (TOAST):
    `strpos` over the matching rows is cheap enough here."""
    return in_column(column, text)


def holding(tokens):
    """Q on Talk: talks whose index holds one of the key tokens."""
    query = " | ".join(quote(token) for token in tokens)
    return Q(
        pk__in=RawSQL(
            f"SELECT talk_id FROM {TABLE} WHERE vector @@ %s::tsquery", [query]
        )
    )


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
            f"SELECT k, (SELECT count(*) FROM {TABLE} "
            "WHERE vector @@ ('''' || k || '''')::tsquery) "
            "FROM unnest(%s::text[]) k",
            [list(tokens)],
        )
        return dict(cursor.fetchall())
