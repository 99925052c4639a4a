"""The summary text format at real size: a talk with a two-hour transcript of
3,000 segments (and every other part) exports and imports exactly."""

import io

import pytest
from django.core.management import call_command

from summaries.importer import apply, to_data
from summaries.models import Talk
from summaries.summary_format import parse, render
from summaries.talk_parts import replace
from tests.factories import make_talk

pytestmark = pytest.mark.django_db

SPEAKERS = ("宮坂：", "浅沼：", "", "")


def transcript():
    return [
        (
            i * 2 + (i % 2),
            f"{SPEAKERS[i % 4]}第{i}区間、GovTech Tokyo の「DX」について話します。",
        )
        for i in range(3000)
    ]


def test_a_3000_segment_talk_round_trips_exactly(tmp_path):
    talk = make_talk(
        "二時間の講演",
        duration_seconds=7200,
        video_url="https://www.youtube.com/watch?v=AbCdEfGhI_0",
        tags=["防災", "窓口"],
        takeaways=10,
        questions=5,
    )
    replace(
        talk,
        transcript=transcript(),
        outline=[(i * 600, f"第{i}章") for i in range(12)],
        highlights=[(i * 300 + 5, f"「引用{i}」") for i in range(20)],
        keywords=[f"キーワード{i}" for i in range(15)],
    )
    data = to_data(talk)
    assert len(data.transcript) == 3000
    text = render(data)
    assert parse(text).talk == data  # exact, without a database

    path = tmp_path / "talk.txt"
    call_command("export_summary", talk.slug, "-o", str(path), stdout=io.StringIO())
    assert path.read_text(encoding="utf-8") == text
    Talk.objects.all().delete()
    call_command("import_summary", str(path), stdout=io.StringIO())
    again = to_data(Talk.objects.get())
    assert again == data
    assert render(again) == text
    # And once more through apply(update=True): unchanged.
    assert apply(parse(text), update=True).action == "unchanged"
