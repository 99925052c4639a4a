"""`generate_talks`: synthetic talks for benchmarks, clearly marked, searchable."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from summaries.models import Talk
from summaries.search.models import SearchEntry

from .search_helpers import search

pytestmark = pytest.mark.django_db


def generate(*args):
    out = io.StringIO()
    call_command("generate_talks", *args, stdout=out)
    return out.getvalue()


def test_makes_marked_realistic_talks_and_indexes_them(client):
    assert "30件の講演を生成し、検索索引に登録しました" in generate(
        "--count", "30", "--seed", "7"
    )
    talks = Talk.objects.all()
    assert talks.count() == 30
    assert all(t.is_generated and t.title.startswith("【生成】") for t in talks)
    assert all(5 <= t.takeaways.count() <= 12 for t in talks)
    assert all(5 <= t.questions.count() <= 12 for t in talks)
    assert all(t.tags.count() >= 3 and t.speakers.exists() for t in talks)
    assert all(len(t.tldr) >= 80 for t in talks)
    assert len({t.video_date.year for t in talks}) > 2
    assert SearchEntry.objects.count() == 30
    assert Talk.objects.published().count() == 30
    title = talks.first().title
    assert search(client, title)[2] == [title]


def test_same_seed_makes_the_same_talks():
    generate("--count", "5", "--seed", "3")
    first = list(Talk.objects.order_by("slug").values_list("title", "tldr"))
    generate("--count", "5", "--seed", "3", "--delete")
    again = list(Talk.objects.order_by("slug").values_list("title", "tldr"))
    assert first == again


def test_refuses_to_repeat_a_seed_and_delete_removes_them():
    generate("--count", "3", "--seed", "9")
    with pytest.raises(CommandError, match="--seed 9 の講演はすでにあります"):
        generate("--count", "3", "--seed", "9")
    assert "生成した講演を3件削除しました" in generate("--count", "0", "--delete")
    assert not Talk.objects.exists()
    assert not SearchEntry.objects.exists()


def test_make_run_never_loads_generated_talks():
    with open("Makefile", encoding="utf-8") as makefile:
        run = makefile.read().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "generate_talks" not in run
    call_command("loaddata", "talks", verbosity=0)
    assert not Talk.objects.filter(is_generated=True).exists()


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_on_a_terminal_only():
    quiet = io.StringIO()
    call_command("generate_talks", "--count", "2", "--seed", "5", stderr=quiet)
    assert quiet.getvalue() == ""
    terminal = Terminal()
    call_command("generate_talks", "--count", "2", "--seed", "6", stderr=terminal)
    shown = terminal.getvalue()
    assert "講演を作成: 2/2" in shown
    assert "検索索引と一覧を更新: 2/2" in shown


def test_generated_talks_get_no_history_versions():
    """Benchmark data: recording a first version of each of 100,000 talks
    would take hours."""
    from reversion.models import Version

    generate("--count", "3", "--seed", "4")
    assert not Version.objects.exists()


def _planned_rows(model):
    """How many rows PostgreSQL's planner believes the table holds (-1: never
    analysed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="planner statistics: PostgreSQL"
)
def test_the_planner_knows_the_tables_after_generating_and_rebuilding():
    """With stale statistics (1,000 talks known, 100,000 there) PostgreSQL
    rendered pages in 100-460 ms instead of 9-16 ms; where autovacuum is
    off they never catch up. Bulk commands analyse what they wrote."""
    generate("--count", "12", "--seed", "7")
    assert _planned_rows(Talk) == Talk.objects.count() == 12
    assert _planned_rows(SearchEntry) == 12
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert _planned_rows(SearchEntry) == 12
    generate("--count", "0", "--delete")
    assert _planned_rows(Talk) == Talk.objects.count() == 0
