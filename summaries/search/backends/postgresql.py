"""PostgreSQL: a GIN-indexed `tsvector` of bigram lexemes, in a narrow table.

Each talk's vector (`search_vectors`, made by migration 0012, unknown to the
ORM) holds each distinct bigram once, without positions: PostgreSQL clamps
positions past 16,383 and keeps at most 256 per lexeme, so phrase search
would miss words in long transcripts. The index finds the rows holding every
bigram of the query; terms of three or more characters are then confirmed in
the stored folded text, which makes the answer exact.

The table holds only the talk's id, its recency and its vector (out of
line): a few hundred rows a page, so counting or listing the matches of a
common word reads a few hundred pages, not the index rows' (some 2 KB each,
more than the buffer cache holds at 100,000 talks).

Every lookup goes through the SQL functions `search_talks` and
`search_candidates` (migrations 0008, 0012): the vectors are large and out
of line, which the planner does not count, so left to itself it read every
talk's vector instead of the index (seconds per search at 10,000 talks).
"""

import re
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from ..bands import Tokens
from ..models import SearchEntry
from ..scan import in_column
from ..tokens import bigrams, lexemes
from .sql import compiled

# The vectors' table and its GIN index are made by the search app's migrations.
TABLE = SearchEntry._meta.db_table
VECTORS = "search_vectors"
INDEX = "search_vectors_gin"
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
    found |= script_runs(entry.head) | script_runs(entry.body)
    return " ".join(found)


# A whole run of one script (katakana with its long mark, kanji, Latin
# letters and digits) of three characters or more, as a token of its own
# after a private-use mark (never a bigram nor a word key): it proves that
# the talk's folded text holds that word. A word of three or more characters
# that the talk holds only by its bigrams (in a transcript, which has no word
# keys) must otherwise be confirmed in the folded text, 33-40 µs a talk: for
# デジタル at 100,000 generated talks, 7,327 talks a search. Rows indexed
# before these tokens existed are confirmed as before (same answer).
RUN = "\ue005"
_SCRIPT_RUN = re.compile(
    r"[\u30a1-\u30fa\u30fc]{3,}|[\u3400-\u4dbf\u4e00-\u9fff\u3005]{3,}|[a-z0-9]{3,}"
)


def script_runs(folded):
    """The run tokens of folded text: each whole run of one script, once."""
    return {RUN + run for run in _SCRIPT_RUN.findall(folded)}


def add(entries):
    """Store the rows, then their vectors: one statement each (no second
    write of a row)."""
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
    }
    vectors = [getattr(entry, "prepared", None) or _lexemes(entry) for entry in entries]
    with connection.cursor() as cursor:
        cursor.execute(*_unnest_insert(TABLE, columns))
        cursor.execute(
            *_unnest_insert(
                VECTORS,
                {
                    "talk_id": columns["talk_id"],
                    "recency": columns["recency"],
                    # Lexemes arrive as one string, split back in SQL (`_lexemes`).
                    "vector": ("text", vectors, TO_VECTOR),
                },
            )
        )


# A row's lexemes (`_lexemes`: separated by spaces) as its vector.
TO_VECTOR = "array_to_tsvector(string_to_array({}, ' '))"


def _unnest_insert(table, columns):
    """(sql, params): INSERT the rows `columns` ({name: (type, values)} or
    (type, values, expression), the expression written around `{}`, the
    column's value) hold, as one array parameter a column."""
    names = ", ".join(columns)
    arrays = ", ".join(f"%s::{column[0]}[]" for column in columns.values())
    values = ", ".join(
        column[2].format(name) if len(column) > 2 else name
        for name, column in columns.items()
    )
    return (
        f"INSERT INTO {table} ({names}) SELECT {values} "
        f"FROM unnest({arrays}) AS row({names})",
        [column[1] for column in columns.values()],
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
    """Forget these entries' vectors."""
    if entries:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {VECTORS} WHERE talk_id = ANY(%s::bigint[])",
                [[entry.talk_id for entry in entries]],
            )


def clear():
    """Forget every vector (if the table is there: `migrate search 0011`
    leaves the vectors in the index rows)."""
    with connection.cursor() as cursor:
        if VECTORS in connection.introspection.table_names(cursor):
            cursor.execute(f"DELETE FROM {VECTORS}")


def _all_bigrams(text):
    return "(" + " & ".join(quote(pair) for pair in sorted(set(bigrams(text)))) + ")"


def match_any(texts, tokens):
    """Q on SearchEntry: rows holding one of `texts` (each of two or more
    characters, confirmed in the folded text when longer than two) or one of
    the key `tokens`. Every lookup goes through `search_talks` (migration
    0008), which reads the GIN index, never each row's vector.

    A row holding one of the tokens is found whatever its text, so a longer
    text is confirmed (reading the folded text) only in rows holding none
    of them (`_group_talks`)."""
    return Q(talk_id__in=RawSQL(*_group_talks(texts, tokens)))


def stands(column, text):
    """Q on Talk: talks whose folded `column` holds `text`, by `strpos` over
    the matching rows (the long columns stay out of line, in TOAST, unread).
    This is a fifth of the ranking of a common word at 10,000 talks; an index
    per column, as SQLite has, would make the vectors and indexing larger."""
    return in_column(column, text)


def holding(tokens):
    """Q on Talk: talks whose index holds one of the key tokens."""
    return Q(pk__in=RawSQL("SELECT search_talks(%s::tsquery)", [_either(tokens)]))


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


def _parts(texts, tokens):
    """(exact, long): the tsquery terms that find talks exactly (the bigrams
    of the texts of two characters, the key tokens, the run token of a text
    that is one script), and the texts of three or more characters, whose
    bigrams only narrow the search."""
    exact = [_all_bigrams(text) for text in texts if len(text) <= 2]
    exact += [quote(token) for token in tokens]
    long = [text for text in texts if len(text) > 2]
    exact += [quote(RUN + text) for text in long if _SCRIPT_RUN.fullmatch(text)]
    return exact, long


def _group_talks(texts, tokens):
    """(sql, params): the talk ids `match_any(texts, tokens)` finds, once each.
    A long text is confirmed in the folded text only in the talks the exact
    terms do not find: for デジタル, most hold its word key and are never
    read."""
    holes, params = [], []
    exact, long = _parts(texts, tokens)
    if exact:
        holes.append("SELECT search_talks(%s::tsquery)")
        params.append(" | ".join(exact))
    unless = f" & !({' | '.join(exact)})" if exact else ""
    for text in long:
        holes.append("SELECT search_talks(%s::tsquery, %s)")
        params += [_all_bigrams(text) + unless, text]
    return " UNION ".join(holes), params


# The folded columns a band may ask about (`query.STANDS`).
_COLUMNS = {"title", "head", "tldr", "takeaways", "qa"}


def _cell(cell):
    """(sql, params): the talk ids and recencies of one `bands.Cell`.

    Its candidates come from the GIN index (`search_candidates`): the talks
    holding every token group it asks for and the bigrams of every text it
    asks for, none of the token groups it excludes. A text it asks for is
    then checked in its column (`strpos`, exact) on those candidates, row by
    row. A text it excludes is looked for only among the candidates that
    hold its bigrams (a few, unless the text is also a word the cell asks
    for): those that hold it in an excluded column are left out."""
    query, params = [], []
    wanted, unwanted = [], {}
    for part in cell.holds:
        if isinstance(part, Tokens):
            query.append(_either(part.tokens))
        else:
            query.append(_all_bigrams(part.text))
            wanted.append(part)
    for part in cell.lacks:
        if isinstance(part, Tokens):
            query.append("!" + _either(part.tokens))
        else:
            unwanted.setdefault(part.text, []).append(part.column)
    positive = " & ".join(query)
    sql = "SELECT c.talk_id, c.recency FROM search_candidates(%s::tsquery) c"
    params.append(positive)
    if wanted:
        sql += _checked("c", " AND ".join(_stands(part.column) for part in wanted))
        params += [part.text for part in wanted]
    if unwanted:
        sql += " WHERE " + " AND ".join(
            "c.talk_id NOT IN (SELECT x.talk_id FROM search_candidates(%s::tsquery) x"
            + _checked("x", " OR ".join(_stands(column) for column in columns))
            + ")"
            for columns in unwanted.values()
        )
        for text, columns in unwanted.items():
            params += [f"{positive} & {_all_bigrams(text)}", *[text] * len(columns)]
    return sql, params


def _either(tokens):
    return "(" + " | ".join(quote(token) for token in tokens) + ")"


def _stands(column):
    """SQL: the index row's folded `column` holds the text (a parameter)."""
    if column not in _COLUMNS:
        raise ValueError(f"not a ranked column: {column}")
    return f"strpos(e.{column}, %s) > 0"


def _checked(alias, condition):
    """SQL joining the candidates `alias` to their index rows that meet
    `condition`, row by row through the primary key (OFFSET 0 keeps the
    planner from joining the whole table instead: the candidates are few)."""
    return (
        f" CROSS JOIN LATERAL (SELECT 1 FROM {TABLE} e"
        f" WHERE e.talk_id = {alias}.talk_id AND ({condition}) OFFSET 0)"
        f" AS {alias}_row"
    )


def _band(cells, limit):
    """(sql, params): an array of the newest `limit` public talks of a band
    (any of its cells), newest first."""
    parts, params = [], []
    for cell in cells:
        sql, own = _cell(cell)
        parts.append(sql)
        params += own
    return (
        "ARRAY(SELECT talk_id FROM (" + " UNION ALL ".join(parts) + ") AS cells"
        " WHERE talk_id NOT IN (SELECT pk FROM hidden)"
        " ORDER BY recency DESC LIMIT %s)",
        [*params, limit],
    )


def _total(groups):
    """(sql, params): how many public talks hold every group, counted from the
    GIN index: the talks holding, for each group, its key tokens or the
    bigrams of one of its texts, less those where a group is held only by
    the bigrams of a text of three or more characters that the folded text
    does not hold (confirmed with `strpos`, on those talks only)."""
    either, failing, params = [], [], []
    for group in groups:
        exact, long = _parts(group.texts, group.tokens)
        either.append(
            "(" + " | ".join(exact + [_all_bigrams(text) for text in long]) + ")"
        )
        if long:
            failing.append((" | ".join(exact), long))
    every = " & ".join(either)
    sql = (
        "((SELECT count(*) FROM search_candidates(%s::tsquery) c"
        " WHERE c.talk_id NOT IN (SELECT pk FROM hidden))"
    )
    params.append(every)
    if failing:
        parts = []
        for exact, long in failing:
            stands = " OR ".join(
                "strpos(e.head, %s) > 0 OR strpos(e.body, %s) > 0" for _text in long
            )
            parts.append(
                "SELECT f.talk_id FROM search_candidates(%s::tsquery) f"
                + _checked("f", f"NOT ({stands})")
            )
            params.append(f"{every} & !({exact})" if exact else every)
            params += [text for text in long for _twice in range(2)]
        sql += (
            " - (SELECT count(*) FROM (" + " UNION ".join(parts) + ") AS failed"
            " WHERE talk_id NOT IN (SELECT pk FROM hidden))"
        )
    return sql + ")", params


def best_of(groups, bands, limit, hidden, pinned, scored):
    """(ids, total, banded) in one statement: the first `limit` public talks
    in rank order, how many public talks the query's `groups` find (each:
    any of its texts of two or more characters or its key tokens), and
    whether the ids came from the bands.

    `bands` (`bands.readable`), best first: each band's newest `limit` talks
    (the candidates of each of its cells from the GIN index, ordered by the
    recency stored beside the vector) are read only while those before did
    not fill the page: a recursive query, one band a step, each band a
    branch of a CASE, which PostgreSQL evaluates only when it is taken.
    When they do not fill it, or `pinned` (a query of talk ids pinned to the
    query, counted in the total) finds a row, the first `limit` of `scored`
    (every match scored: a query of ids in rank order) are taken instead,
    in the same way. `hidden`: a query of the ids of talks the public may
    not see, left out of the bands and of the total.
    """
    hidden, pinned, scored = compiled(hidden, pinned, scored)
    (hidden_sql, hidden_params), (pinned_sql, pinned_params) = hidden, pinned
    scored_sql, scored_params = scored
    matched, matched_params = [], []
    for group in groups:
        sql, params = _group_talks(group.texts, group.tokens)
        matched.append(f"({sql})")
        matched_params += params
    total_sql, total_params = _total(groups)
    made = [_band(cells, limit) for cells in bands]
    if made:
        first, first_params = made[0]
        start = f"SELECT 0, {first}, 0 FROM counted WHERE NOT pinned"
        later = " ".join(
            f"WHEN {number} THEN {sql}" for number, (sql, _p) in enumerate(made[1:], 1)
        )
        later_params = [param for _sql, params in made[1:] for param in params]
    else:
        start, first_params, later, later_params = (
            "SELECT 0, '{}'::bigint[], 0 WHERE false",
            [],
            "",
            [],
        )
    step = (
        f" UNION ALL SELECT k + 1, CASE k + 1 {later} END,"
        " before + cardinality(got) FROM chain"
        " WHERE before + cardinality(got) < (SELECT n FROM wanted)"
        f" AND k + 1 < {len(made)}"
        if len(made) > 1
        else ""
    )
    sql = (
        "WITH RECURSIVE"
        f" hidden(pk) AS MATERIALIZED ({hidden_sql}),"
        f" pinned(talk_id) AS MATERIALIZED ({pinned_sql}),"
        f" matched(talk_id) AS MATERIALIZED ({' INTERSECT '.join(matched)}),"
        " counted(total, pinned) AS MATERIALIZED (SELECT"
        f" {total_sql}"
        " + (SELECT count(*) FROM pinned WHERE talk_id NOT IN (SELECT pk FROM hidden)"
        " AND talk_id NOT IN (SELECT talk_id FROM matched)),"
        " EXISTS (SELECT 1 FROM pinned)),"
        " wanted(n) AS MATERIALIZED (SELECT least(%s, total) FROM counted),"
        f" chain(k, got, before) AS ({start}{step}),"
        " banded(ids) AS MATERIALIZED (SELECT ARRAY(SELECT u.pk"
        " FROM chain, unnest(chain.got) WITH ORDINALITY AS u(pk, place)"
        " ORDER BY chain.k, u.place LIMIT %s))"
        " SELECT total, pinned OR cardinality(ids) < (SELECT n FROM wanted),"
        " CASE WHEN pinned OR cardinality(ids) < (SELECT n FROM wanted)"
        f" THEN ARRAY({scored_sql} LIMIT %s) ELSE ids END"
        " FROM counted, banded"
    )
    params = [
        *hidden_params,
        *pinned_params,
        *matched_params,
        *total_params,
        limit,  # wanted
        *first_params,
        *later_params,
        limit,  # banded
        *scored_params,
        limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, whole, ids = cursor.fetchone()
    return list(ids), total, not whole
