"""SQLite: an FTS5 table of bigram tokens, queried with phrases.

The table is contentless (it keeps the index, not a second copy of the text),
so a row can only be removed by repeating the tokens it was given; those are
rebuilt from the `SearchEntry` row, which is why that row is removed last.
A phrase of consecutive bigrams matches exactly the texts that contain the
term (see `tokens.token_stream`), so no recheck is needed.

A second, small table (`search_fields`) holds the same tokens for each ranked
column on its own, so that ranking asks "does the term stand in the TL;DR?"
of an index (a phrase with a column filter) instead of reading every
matching row (migration 0007), and the word keys in a column of their own
(`words`). Its rows are keyed by `SearchEntry.recency` (newest first, the
talk id in the low bits: migration 0010), so that a band of the ranking
("the word in the title, typed in the title") is read newest first and the
reading stops once a page is full (`best_of`).

FTS5 buffers new rows until it writes them as a segment of the index, but
only while their rowids increase: a smaller one makes it write what it holds
first. So each statement writes its rows in rowid order (`_insert`): a batch
of talks in recency order is one segment of the ranked fields' table, not
hundreds of tiny ones the index then merges again (writing 10,000 generated
talks' rows there: 80 s, 41 s in order; 9 s for the main table, whose rowids,
the talk ids, mostly increase anyway).
"""

import json
from contextlib import contextmanager
from operator import itemgetter

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from ..bands import Tokens
from ..models import ID_MASK, SearchEntry
from ..scan import in_column
from ..tokens import bigrams, token_stream
from ..wordkeys import READING, WORD
from .sql import compiled

# Made by the search app's migrations with tokenize='ascii': that tokenizer
# splits on ASCII spaces and punctuation only, so every bigram, whatever its
# script, is one token exactly as we wrote it.
TABLE = "search_fts"
# The ranked columns, one FTS5 column each (same tokenizer, same tokens),
# then the word keys.
FIELDS = "search_fields"
RANKED = ("title", "head", "tldr", "takeaways", "qa")
WORDS = "words"


def matching_keys(keys):
    """Of a row's word keys, those matching looks up in the main table: words
    and readings anywhere. The keys of a field (tier marks) and of words
    standing together, which only ranking asks for, are in the ranked
    fields' table alone: half of a talk's keys, written once, not twice."""
    return " ".join(key for key in keys.split() if key[0] in _MATCHING)


_MATCHING = {WORD, READING}


def _main_row(entry, head):
    # Word keys follow the body's bigrams: a key is never a bigram, so a
    # phrase cannot run into them.
    body = f"{token_stream(entry.body)} {matching_keys(entry.keys)}"
    return (entry.talk_id, head, body)


def prepare(entry):
    """The rows of both tables for an entry, each column's stream made once:
    the main table's (talk id, head, body) and the ranked fields' (recency,
    title, head, tldr, takeaways, qa, words). Pure: indexing makes them in
    its workers (`indexing.prepared`)."""
    streams = {name: token_stream(getattr(entry, name)) for name in RANKED}
    main = _main_row(entry, streams["head"])
    return main, (entry.recency, *streams.values(), entry.keys)


def _tokens(entries, command=None):
    """The rows of both tables for `entries` (`prepare`'s, or made by a
    worker already), with `command` ('delete') first in each row."""
    lead = (command,) if command else ()
    main, fields = [], []
    for entry in entries:
        own_main, own_fields = getattr(entry, "prepared", None) or prepare(entry)
        main.append((*lead, *own_main))
        fields.append((*lead, *own_fields))
    return main, fields


def rewrite_main(batch=500):
    """The main table's tokens written again from the stored rows (no
    analysis), after a change of what it holds (migration 0011)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES('delete-all')")
    rows = SearchEntry.objects.only("talk_id", "head", "body", "keys")
    chunk = []
    for entry in rows.order_by("talk_id").iterator(chunk_size=batch):
        chunk.append(_main_row(entry, token_stream(entry.head)))
        if len(chunk) == batch:
            _insert(TABLE, chunk)
            chunk = []
    _insert(TABLE, chunk)


def _write(entries, command=None):
    main, fields = _tokens(entries, command)
    _insert(TABLE, main, command)
    _insert(FIELDS, fields, command)


def _insert(table, rows, command=None):
    """INSERT `rows` into `table` (with `command`, such as 'delete', first in
    each), in rowid order: see the module's docstring."""
    columns = ("head", "body") if table == TABLE else (*RANKED, WORDS)
    names = [table] * bool(command) + ["rowid", *columns]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(names)}) "
            f"VALUES ({', '.join(['%s'] * len(names))})",
            sorted(rows, key=itemgetter(names.index("rowid"))),
        )


def add(entries):
    """Store the rows, then their tokens."""
    SearchEntry.objects.bulk_create(entries)
    _write(entries)


# Page cache (KiB, as PRAGMA cache_size reads a negative number) while many
# talks are written in one transaction: the index's pages stay in memory
# until the end instead of being spilled to the write-ahead log again and
# again as FTS5 merges its segments (SQLite's default is 2 MB).
BULK_CACHE_KIB = 512 * 1024


@contextmanager
def writing_many():
    """Around writing the rows of many talks, in one transaction: a larger
    page cache for this connection (BULK_CACHE_KIB), its own size again
    afterwards."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            (before,) = cursor.fetchone()
            cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield
        finally:
            # Not transactional: set back even when the writing failed
            # (unless the transaction is broken: then it cannot be asked).
            if not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute(f"PRAGMA cache_size = {int(before)}")


def remove(entries):
    """Forget these entries' tokens: call while the rows still hold them."""
    _write(entries, command="delete")


def clear():
    """Forget every token (of the tables there: `migrate search 0006` leaves
    the main table without the ranked fields' one)."""
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        for table in (TABLE, FIELDS):
            if table in present:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")


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


def _ranked_talks(expression):
    """The talk ids whose ranked fields match `expression` (rows are keyed by
    recency, the talk id in the low bits)."""
    return RawSQL(
        f"SELECT rowid & {ID_MASK} FROM {FIELDS} WHERE {FIELDS} MATCH %s", [expression]
    )


def match_any(texts, tokens):
    """Q on SearchEntry: rows holding one of `texts` (each of two or more
    characters, found exactly) or one of the key `tokens`."""
    return Q(talk_id__in=_talks(_any(texts, tokens)))


def holding(tokens):
    """Q on Talk: talks whose word keys (in the ranked fields' table, which
    holds them all) include one of these tokens."""
    return Q(pk__in=_ranked_talks(tokens_in(tokens)))


def stands(column, text):
    """Q on Talk: talks whose folded `column` (one of RANKED) holds `text`.
    A single character has no bigram: it is looked for in the column."""
    if len(text) < 2:
        return in_column(column, text)
    return Q(pk__in=_ranked_talks(texts_in(column, text)))


def texts_in(column, text):
    """The ranked fields' expression: `text` (two or more characters) in one
    ranked `column`."""
    return "{" + column + "} : " + phrase(text)


def tokens_in(tokens):
    """The ranked fields' expression: one of the key `tokens` in the talk."""
    return "{" + WORDS + "} : (" + " OR ".join(f'"{token}"' for token in tokens) + ")"


def _has(part):
    """The ranked fields' expression of a `bands.Tokens` or `bands.Text`."""
    if isinstance(part, Tokens):
        return tokens_in(part.tokens)
    return texts_in(part.column, part.text)


def _band(cells):
    """The ranked fields' expression of one band: any of its `bands.Cell`s."""
    expressions = []
    for cell in cells:
        expression = " AND ".join(f"({_has(part)})" for part in cell.holds)
        if cell.lacks:
            lacks = " OR ".join(_has(part) for part in cell.lacks)
            expression = f"({expression}) NOT ({lacks})"
        expressions.append(f"({expression})")
    return " OR ".join(expressions)


def best_of(groups, bands, limit, hidden, pinned, scored):
    """(ids, total, banded) in one statement: the first `limit` public talks
    in rank order, how many public talks the main table finds for the
    query's `groups` (each: any of its texts of two or more characters or
    its key tokens), and whether the ids came from the bands.

    `bands`: the bands (`bands.readable`), best first, each made an
    expression on the ranked fields. Each band's newest `limit` talks (rows
    are keyed by recency; FTS5 walks its doclist from the top and stops at
    the limit) are read only while
    those before did not fill the page: a recursive query, one band a step.
    When they do not fill it, or `pinned` (a query of talk ids pinned to the
    query, counted in the total) finds a row, the first `limit` of `scored`
    (every match scored: a query of ids in rank order) are taken instead: a
    CASE branch, evaluated only when taken. `hidden`: a query of the ids of
    talks the public may not see, left out of the bands and of the total.
    """
    hidden, pinned, scored = compiled(hidden, pinned, scored)
    (hidden_sql, hidden_params), (pinned_sql, pinned_params) = hidden, pinned
    scored_sql, scored_params = scored

    def band(number):
        return (
            f"(SELECT json_group_array(pk) FROM (SELECT rowid & {ID_MASK} AS pk"
            f" FROM {FIELDS} WHERE {FIELDS} MATCH json_extract(%s, '$[' || ({number})"
            f" || ']') AND (rowid & {ID_MASK}) NOT IN (SELECT pk FROM hidden)"
            " ORDER BY rowid DESC LIMIT %s))"
        )

    matching = " AND ".join(f"({_any(group.texts, group.tokens)})" for group in groups)
    expressions = json.dumps([_band(cells) for cells in bands])
    sql = (
        "WITH RECURSIVE"
        f" hidden(pk) AS MATERIALIZED ({hidden_sql}),"
        f" pinned(talk_id) AS MATERIALIZED ({pinned_sql}),"
        " counted(total, pinned) AS MATERIALIZED (SELECT"
        f" (SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s)"
        f" - (SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s"
        " AND rowid IN (SELECT pk FROM hidden))"
        " + (SELECT count(*) FROM pinned WHERE talk_id NOT IN (SELECT pk FROM hidden)"
        f" AND talk_id NOT IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)),"
        " EXISTS (SELECT 1 FROM pinned)),"
        " wanted(n) AS MATERIALIZED (SELECT min(%s, total) FROM counted),"
        " chain(k, got, before) AS ("
        f" SELECT 0, {band('0')}, 0 FROM counted"
        " WHERE NOT pinned AND json_array_length(%s) > 0"
        f" UNION ALL SELECT k + 1, {band('k + 1')}, before + json_array_length(got)"
        " FROM chain WHERE before + json_array_length(got) < (SELECT n FROM wanted)"
        " AND k + 1 < json_array_length(%s)),"
        " banded(ids, found) AS MATERIALIZED (SELECT json_group_array(value), count(*)"
        " FROM (SELECT j.value FROM chain, json_each(chain.got) AS j"
        " ORDER BY chain.k, j.key LIMIT %s))"
        " SELECT total, pinned OR found < (SELECT n FROM wanted),"
        " CASE WHEN pinned OR found < (SELECT n FROM wanted)"
        f" THEN (SELECT json_group_array(pk) FROM ({scored_sql} LIMIT %s))"
        " ELSE ids END"
        " FROM counted, banded"
    )
    params = [
        *hidden_params,
        *pinned_params,
        matching,
        matching,
        matching,
        limit,  # wanted
        expressions,  # the first band
        limit,
        expressions,
        expressions,  # the next ones
        limit,
        expressions,
        limit,  # banded
        *scored_params,
        limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, whole, ids = cursor.fetchone()
    return json.loads(ids), total, not whole


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
