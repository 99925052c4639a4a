"""The index follows every writer: ORM saves, admin, fixtures, deletes, renames."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from summaries.models import Speaker, Tag, Talk
from summaries.search.backends import sqlite as sqlite_backend
from summaries.search.indexing import build_entries
from summaries.search.models import SearchEntry

from .factories import make_speaker, make_talk
from .html_forms import submit
from .search_helpers import search

pytestmark = pytest.mark.django_db


def found(client, query):
    return search(client, query)[2]


def fts_rowids(query):
    """On SQLite, the talks the FTS table itself holds tokens for."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
            [f'"{query}"'],
        )
        return sorted(row[0] for row in cursor.fetchall())


def fields_rowids(column, query):
    """On SQLite, the talks whose ranked `column` the fields table holds
    `query` in (a phrase with a column filter, as ranking asks; rows keyed by
    recency, the talk id in the low bits)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid & 2147483647 FROM search_fields WHERE search_fields MATCH %s",
            ["{" + column + "} : " + sqlite_backend.phrase(query)],
        )
        return sorted(row[0] for row in cursor.fetchall())


def test_saving_a_talk_updates_its_index_row(client):
    talk = make_talk("防災の講演")
    assert found(client, "防災") == ["防災の講演"]
    talk.title = "減災の講演"
    talk.save()
    assert found(client, "防災") == []
    assert found(client, "減災") == ["減災の講演"]


def test_parts_added_changed_and_removed_are_followed(client):
    talk = make_talk("講演")
    takeaway = talk.takeaways.create(position=1, emoji="🌟", text="書かない窓口を作る")
    assert found(client, "書かない窓口") == ["講演"]
    takeaway.text = "行かない窓口を作る"
    takeaway.save()
    assert found(client, "書かない窓口") == []
    assert found(client, "行かない窓口") == ["講演"]
    takeaway.delete()
    assert found(client, "行かない窓口") == []


def test_tags_added_removed_and_renamed_are_followed(client):
    talk = make_talk("講演")
    talk.tags.add("防災")
    assert found(client, "防災") == ["講演"]
    tag = Tag.objects.get(name="防災")
    tag.name = "減災"
    tag.save()
    assert found(client, "防災") == []
    assert found(client, "減災") == ["講演"]
    talk.tags.remove(tag)
    assert found(client, "減災") == []


def test_renamed_speaker_is_followed(client):
    speaker = make_speaker("宮坂 学")
    make_talk("講演", speakers=[speaker])
    speaker.name = "浅沼 尚"
    speaker.save()
    assert found(client, "宮坂") == []
    assert found(client, "浅沼") == ["講演"]


def test_deleting_a_talk_removes_its_row_and_tokens(client):
    talk = make_talk("防災の講演", takeaways=3)
    pk = talk.pk
    talk.delete()
    assert not SearchEntry.objects.filter(talk_id=pk).exists()
    if connection.vendor == "sqlite":
        assert fts_rowids("防災") == []
    make_talk("次の防災")
    assert found(client, "防災") == ["次の防災"]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the ranked fields' table: SQLite only"
)
def test_the_ranked_fields_table_follows_edits_and_deletes():
    talk = make_talk("防災の講演", tldr="書かない窓口の話")
    assert fields_rowids("title", "防災") == [talk.pk]
    assert fields_rowids("tldr", "書かない窓口") == [talk.pk]
    assert fields_rowids("tldr", "防災") == []  # each column on its own
    talk.title = "減災の講演"
    talk.save()
    assert fields_rowids("title", "防災") == []
    assert fields_rowids("title", "減災") == [talk.pk]
    assert fields_rowids("head", "減災") == [talk.pk]
    talk.delete()
    assert fields_rowids("title", "減災") == []
    assert fields_rowids("tldr", "書かない窓口") == []


def test_index_changes_roll_back_with_the_content(client):
    talk = make_talk("防災の講演")
    with pytest.raises(RuntimeError), transaction.atomic():
        talk.title = "減災の講演"
        talk.save()
        raise RuntimeError
    assert found(client, "防災") == ["防災の講演"]
    assert found(client, "減災") == []


def test_loaddata_indexes_the_shipped_talks_and_twice_changes_nothing(client):
    call_command("loaddata", "talks", verbosity=0)
    before = list(SearchEntry.objects.values_list("talk_id", "head", "body", "text"))
    call_command("loaddata", "talks", verbosity=0)
    after = list(SearchEntry.objects.values_list("talk_id", "head", "body", "text"))
    assert before == after and len(after) == Talk.objects.count()
    seed = Talk.objects.get(slug="tokyo-dx-miyasaka-2024")
    for query in ("防災", "ＦＡＸ", "GovTech東京", "宮坂", "あさぬま", "DXアワード"):
        assert found(client, query) == [seed.title], query


def test_admin_edit_is_followed(editor_client, client):
    talk = make_talk("講演", takeaways=2, tags=["教育"])
    url = f"/admin/summaries/talk/{talk.pk}/change/"
    response = submit(
        editor_client,
        editor_client.get(url),
        {"title": "都庁の講演", "takeaways-1-text": "書かない窓口", "tags": "防災"},
    )
    assert response.status_code == 302
    assert found(client, "都庁 書かない窓口 防災") == ["都庁の講演"]
    assert found(client, "教育") == []


def test_rebuild_command_matches_what_every_save_made(client):
    make_talk("防災の講演", tags=["DX"], takeaways=2, transcript=3)
    make_talk("窓口の講演", speakers=[make_speaker("宮坂 学")], questions=2)
    kept = list(SearchEntry.objects.order_by("talk").values_list("head", "body"))
    # A write that bypasses the models (no signal) leaves the index behind…
    Talk.objects.filter(title="防災の講演").update(title="減災の講演")
    assert found(client, "減災") == []
    out, quiet = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=quiet)
    assert "2件の講演の検索索引を作り直しました" in out.getvalue()
    assert quiet.getvalue() == ""  # scripts and CI: no progress lines
    assert found(client, "減災") == ["減災の講演"]
    assert found(client, "防災") == []
    rebuilt = list(SearchEntry.objects.order_by("talk").values_list("head", "body"))
    assert rebuilt[1] == kept[1]


def test_index_row_holds_only_what_the_public_can_read():
    talk = make_talk(
        "題名",
        tldr="要約",
        slug="internal-slug",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        tags=["タグ"],
    )
    (entry,) = build_entries([talk.pk])
    assert entry.head == "題名\nタグ"
    assert entry.body == entry.text == "要約"


def test_speaker_records_are_indexed_by_every_name_shown(client):
    speaker = Speaker.objects.create(
        name="宮坂 学", name_kana="みやさか まなぶ", name_latin="Manabu", slug="m"
    )
    talk = make_talk("講演", speakers=[speaker])
    (entry,) = build_entries([talk.pk])
    assert entry.text.endswith("宮坂 学 みやさか まなぶ Manabu")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 tables: SQLite")
@pytest.mark.django_db(transaction=True)
def test_flush_leaves_no_tokens_behind():
    make_talk("防災の講演")
    assert fts_rowids("防災") != []
    assert fields_rowids("title", "防災") != []
    call_command("flush", interactive=False, verbosity=0)
    assert fts_rowids("防災") == []
    assert fields_rowids("title", "防災") == []


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the vectors' run tokens: PostgreSQL"
)
def test_a_long_word_standing_whole_in_a_transcript_is_known_without_reading_it(
    client,
):
    """A word of three or more characters that a talk holds only by its
    bigrams (in a transcript: no word keys) is confirmed in its folded text,
    33-40 µs a talk. A whole run of one script is a token of the vector
    that proves the word is there; inside a longer run, or as scattered
    bigrams, the text still decides, so the answer stays exact."""
    from summaries.models import TranscriptSegment
    from summaries.search.backends import postgresql

    def said(title, text):
        talk = make_talk(title, transcript=1)
        TranscriptSegment.objects.filter(talk=talk).update(text=text)
        talk.save()  # indexed again with its transcript
        return talk

    whole = said("講演一", "デジタル人材とgovtechの話。")
    inside = said("講演二", "デジタルトランスフォーメーションの話。")
    scattered = said("講演三", "デジカメとジタバタとタルトの話。")

    def runs(talk):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT vector @@ %s::tsquery, vector @@ %s::tsquery"
                " FROM search_vectors WHERE talk_id = %s",
                [
                    postgresql.quote(postgresql.RUN + "デジタル"),
                    postgresql.quote(postgresql.RUN + "govtech"),
                    talk.pk,
                ],
            )
            return cursor.fetchone()

    assert runs(whole) == (True, True)
    assert runs(inside) == (False, False)
    assert runs(scattered) == (False, False)
    assert sorted(found(client, "デジタル")) == ["講演一", "講演二"]
    assert found(client, "GovTech") == ["講演一"]
    assert found(client, "ジタバ") == ["講演三"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the vectors' own table: PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_flush_leaves_no_vectors_behind(client):
    """Django's `flush` truncates the index rows, not `search_vectors`
    (unknown to it): the vectors go too, and a talk made afterwards with the
    same id is found for its own words only."""

    def vectors():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_vectors")
            return cursor.fetchone()[0]

    make_talk("防災の講演")
    assert vectors() == 1
    call_command("flush", interactive=False, verbosity=0)
    assert vectors() == 0
    make_talk("行政の講演")
    assert found(client, "防災") == []
    assert found(client, "行政") == ["行政の講演"]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the ranked fields' table: SQLite only"
)
@pytest.mark.django_db(transaction=True)
def test_migrating_makes_the_ranked_fields_table_from_the_rows_there(client):
    from django.db.migrations.executor import MigrationExecutor

    talk = make_talk("防災の講演", tldr="書かない窓口の話")
    other = make_talk("窓口の講演", tldr="防災の話")
    executor = MigrationExecutor(connection)
    executor.migrate([("search", "0006_fts_hashsize")])
    assert "search_fields" not in connection.introspection.table_names()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert fields_rowids("title", "防災") == [talk.pk]
    assert fields_rowids("tldr", "防災") == [other.pk]
    # The table made from the rows is the one saves keep: a later edit
    # removes exactly what was there.
    talk.title = "減災の講演"
    talk.save()
    assert fields_rowids("title", "防災") == []
    assert found(client, "防災") == ["窓口の講演"]
    # Ranked from the table: 窓口 in a title before 窓口 in a TL;DR.
    assert found(client, "窓口") == ["窓口の講演", "減災の講演"]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="an FTS5 setting: SQLite only"
)
def test_the_full_text_index_buffers_16_mb_before_writing_a_segment():
    """With FTS5's default 1 MB, indexing thousands of talks spends most of
    its time writing and merging small segments (56.5 s against 47.7 s for
    10,000 generated talks)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT v FROM search_fts_config WHERE k = 'hashsize'")
        assert cursor.fetchall() == [(16 * 1024 * 1024,)]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL keeps long values out of line"
)
def test_the_ranked_columns_come_before_the_long_ones():
    """Ranking reads title, tags, TL;DR, takeaways and Q&A of every match: on
    SQLite a column behind the long body, text and keys is reached only by
    walking the row's overflow pages (four times slower at 10,000 talks)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA table_info(search_searchentry)")
        columns = [row[1] for row in cursor.fetchall()]
    assert columns == [
        "talk_id",
        *("head", "title", "tldr", "takeaways", "qa", "recency"),
        *("body", "text", "keys"),
    ]


def test_many_talks_are_analysed_on_every_core_into_the_same_rows(client, monkeypatch):
    """generate_talks and rebuild_search_index share the analysis among
    processes (forked): the rows written, and what search finds, are the same
    as when one process does it all."""
    from summaries.search import indexing

    for n in range(7):
        make_talk(f"講演{n}", tldr=f"防災と行政の話{n}。", tags=["防災"], takeaways=2)
    ids = list(Talk.objects.values_list("pk", flat=True))

    def rows():
        return list(SearchEntry.objects.order_by("talk").values())

    indexing.index_talks(ids, workers=1)
    serial = rows()
    monkeypatch.setattr(indexing, "BATCH_SIZE", 2)
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 2)
    seen = []
    forked = []
    real_pool = indexing.ProcessPoolExecutor

    def pool(*args, **kwargs):
        forked.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(indexing, "ProcessPoolExecutor", pool)
    with transaction.atomic():
        indexing.index_talks(ids, workers=2, progress=lambda *a: seen.append(a))
    assert forked == [(2,)]  # the analysis ran in two processes
    assert seen[-1] == (7, 7) and len(seen) == 4  # progress after each batch
    assert rows() == serial
    assert found(client, "ぎょうせい") == found(client, "行政")
    assert len(found(client, "防災")) == 7
    # The tokens the workers made are those a later edit removes.
    talk = Talk.objects.get(title="講演0")
    talk.title = "改題"
    talk.save()
    assert "改題" not in found(client, "講演") and len(found(client, "講演")) == 6
    assert found(client, "改題") == ["改題"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_rebuilding_shows_counts_and_an_estimate_on_a_terminal():
    make_talk("講演1")
    make_talk("講演2")
    terminal = Terminal()
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=terminal)
    assert "検索索引: 2/2（残り約0秒）" in terminal.getvalue()


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the ranked fields' table: SQLite only"
)
@pytest.mark.django_db(transaction=True)
def test_migrating_back_before_the_ranked_fields_table_works(client):
    """`migrate` forgets orphan tokens when the index is empty: before search
    0007 there is no ranked fields' table to empty."""
    call_command("migrate", "search", "0006_fts_hashsize", verbosity=0)
    assert "search_fields" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    make_talk("防災の講演")
    assert fields_rowids("title", "防災") != []
    assert found(client, "防災") == ["防災の講演"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN-indexed vector: PostgreSQL"
)
def test_every_lookup_reads_the_index_not_each_vector(client):
    """Left to the planner, `vector @@ query` read every talk's vector (large,
    out of line, uncounted by the planner): seconds a search at 10,000
    talks. Every lookup goes through `search_talks` (search 0008), which
    plans it as a scan of the GIN index."""
    from django.test.utils import CaptureQueriesContext

    make_talk("書かない窓口の講演", tags=["防災"], tldr="デジタル人材の育成")
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "書かない窓口 防災 でじたる") == ["書かない窓口の講演"]
    sql = " ".join(query["sql"] for query in queries)
    assert "search_talks(" in sql
    assert "vector @@" not in sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, proconfig FROM pg_proc "
            "WHERE proname IN ('search_talks', 'search_candidates')"
        )
        settings = dict(cursor.fetchall())
    assert set(settings) == {"search_talks", "search_candidates"}
    assert all("enable_seqscan=off" in own for own in settings.values())


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="JIT compilation: PostgreSQL"
)
def test_the_site_connects_without_jit_compilation():
    """A search's one statement has a large estimated cost: with JIT on,
    PostgreSQL compiled it on every search (seconds, for a statement that
    runs in milliseconds)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the vectors' own table: PostgreSQL"
)
def test_the_vectors_follow_their_talks(client):
    """Each talk's vector lives in `search_vectors` (search 0012), beside its
    recency: written with the index row, rewritten when the talk changes,
    gone with it."""

    def vectors():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT v.talk_id, v.recency = e.recency FROM search_vectors v "
                "LEFT JOIN search_searchentry e ON e.talk_id = v.talk_id"
            )
            return dict(cursor.fetchall())

    kept = make_talk("防災の講演")
    gone = make_talk("行政の講演")
    assert vectors() == {kept.pk: True, gone.pk: True}
    kept.published_at -= dt.timedelta(days=3)
    kept.title = "窓口の講演"
    kept.save()
    gone.delete()
    assert vectors() == {kept.pk: True}
    assert found(client, "窓口") == ["窓口の講演"]
    assert found(client, "防災") == found(client, "行政") == []


def _pending_tuples():
    """Entries waiting in the GIN index's pending list, or None where the
    server has no pgstattuple (a contrib module)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pgstattuple'"
        )
        if cursor.fetchone() is None:
            return None
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        cursor.execute(
            "SELECT pending_tuples FROM pgstatginindex('search_vectors_gin')"
        )
        return cursor.fetchone()[0]


def _settings(names):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names
        )
        return cursor.fetchone()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index's pending list: PostgreSQL"
)
def test_many_talks_are_written_in_large_merges_and_leave_the_index_clean(
    client, monkeypatch
):
    """Writing many talks (generate_talks, rebuild_search_index) feeds the
    GIN index through its pending list in large merges; afterwards the list
    is empty (searches read the index alone), the rows and answers are those
    of talk-by-talk writing, and the session's settings are its own again."""
    from summaries.search import indexing
    from summaries.search.backends import postgresql

    for n in range(5):
        make_talk(f"講演{n}", tldr=f"防災と行政の話{n}。", tags=["防災"])
    ids = list(Talk.objects.values_list("pk", flat=True))
    indexing.index_talks(ids, workers=1)
    serial = list(SearchEntry.objects.order_by("talk").values())
    names = list(postgresql.BULK_SETTINGS)
    before = _settings(names)
    monkeypatch.setattr(indexing, "BATCH_SIZE", 2)
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 2)
    inside = []
    real_add = postgresql.add

    def add(entries):
        inside.append(_settings(names))
        real_add(entries)

    monkeypatch.setattr(postgresql, "add", add)
    indexing.index_talks(ids, workers=1)
    assert inside == [tuple(postgresql.BULK_SETTINGS.values())] * 3
    assert _settings(names) == before
    assert list(SearchEntry.objects.order_by("talk").values()) == serial
    assert len(found(client, "ぎょうせい")) == 5
    assert _pending_tuples() in (0, None)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="TOAST compression: PostgreSQL"
)
def test_index_rows_are_compressed_with_lz4_where_the_server_has_it():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
            "WHERE name = 'default_toast_compression'"
        )
        (has_lz4,) = cursor.fetchone()
        cursor.execute(
            "SELECT attrelid::regclass::text || '.' || attname, attcompression "
            "FROM pg_attribute WHERE (attrelid = 'search_searchentry'::regclass "
            "AND attname IN ('head', 'body', 'text', 'keys')) OR "
            "(attrelid = 'search_vectors'::regclass AND attname = 'vector')"
        )
        methods = dict(cursor.fetchall())
    expected = "l" if has_lz4 else ""
    assert methods == dict.fromkeys(
        (
            "search_searchentry.head",
            "search_searchentry.body",
            "search_searchentry.text",
            "search_searchentry.keys",
            "search_vectors.vector",
        ),
        expected,
    )


def _cache_size():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's page cache: SQLite only"
)
def test_many_talks_are_written_with_a_large_page_cache_then_the_usual_one(
    client, monkeypatch
):
    """Writing many talks keeps the index's pages in memory (a larger page
    cache for that transaction), so FTS5's merges are not spilled to the
    write-ahead log again and again; the connection's own size comes back,
    also when the writing fails, and the rows are those of talk-by-talk
    writing."""
    from summaries.search import indexing

    for n in range(5):
        make_talk(f"講演{n}", tldr=f"防災と行政の話{n}。", tags=["防災"])
    ids = list(Talk.objects.values_list("pk", flat=True))
    indexing.index_talks(ids, workers=1)
    serial = list(SearchEntry.objects.order_by("talk").values())
    before = _cache_size()
    monkeypatch.setattr(indexing, "BATCH_SIZE", 2)
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 2)
    inside = []
    real_add = sqlite_backend.add

    def add(entries):
        inside.append(_cache_size())
        real_add(entries)

    monkeypatch.setattr(sqlite_backend, "add", add)
    indexing.index_talks(ids, workers=1)
    assert inside == [-sqlite_backend.BULK_CACHE_KIB] * 3
    assert _cache_size() == before
    assert list(SearchEntry.objects.order_by("talk").values()) == serial
    assert len(found(client, "ぎょうせい")) == 5

    def fail(entries):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sqlite_backend, "add", fail)
    with pytest.raises(RuntimeError):
        indexing.index_talks(ids, workers=1)
    assert _cache_size() == before
    assert list(SearchEntry.objects.order_by("talk").values()) == serial


def key_rowids(table, tokens):
    """On SQLite, the talks whose `table` holds one of these key tokens."""
    expression = " OR ".join(f'"{token}"' for token in tokens)
    low = " & 2147483647" if table == "search_fields" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid{low} FROM {table} WHERE {table} MATCH %s", [expression]
        )
        return sorted(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 tables: SQLite")
@pytest.mark.django_db(transaction=True)
def test_ranking_keys_are_written_once_and_matching_keys_where_matching_looks(
    client,
):
    from django.db.migrations.executor import MigrationExecutor

    from summaries.search.wordkeys import PAIR, TIER, WORD

    talk = make_talk("防災の講演", tldr="デジタル人材の話")
    keys = SearchEntry.objects.get(talk=talk).keys.split()
    tiered = [key for key in keys if ord(key[0]) >= TIER]
    pairs = [key for key in keys if key[0] == PAIR]
    words = [key for key in keys if key[0] == WORD]
    assert tiered and pairs and words
    # Ranking's keys in the ranked fields' table only; matching's in both.
    assert key_rowids("search_fts", tiered + pairs) == []
    assert key_rowids("search_fields", tiered) == [talk.pk]
    assert key_rowids("search_fields", pairs) == [talk.pk]
    assert key_rowids("search_fts", words) == [talk.pk]
    # Migration 0011 writes the main table again from the stored rows: the
    # same tokens, which a later edit removes exactly.
    executor = MigrationExecutor(connection)
    executor.migrate([("search", "0010_recency")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert key_rowids("search_fts", words) == [talk.pk]
    assert key_rowids("search_fts", tiered + pairs) == []
    assert found(client, "防災") == ["防災の講演"]
    talk.title = "減災の講演"
    talk.save()
    assert fts_rowids("防災") == []
    assert found(client, "デジタル 人材") == ["減災の講演"]


def segments(table):
    """On SQLite, how many segments an FTS5 table's index is made of."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(DISTINCT segid) FROM {table}_idx")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 tables: SQLite")
def test_a_batch_of_talks_is_written_as_one_segment_of_each_table(client):
    from summaries.search import indexing

    # Made one after the other, each published before the one made before it:
    # by id one way, by recency (the ranked fields' rowid) the other.
    talks = [make_talk(f"防災の講演{n}", tldr="デジタル人材の話") for n in range(20)]
    assert talks[0].published_at > talks[-1].published_at
    with transaction.atomic():
        assert indexing.rebuild() == 20
    # FTS5 writes what it buffered whenever a rowid is smaller than the one
    # before: rows out of order would leave a segment per talk to merge.
    assert segments("search_fts") == 1
    assert segments("search_fields") == 1
    assert len(found(client, "防災")) == 20
