"""import_summary and export_summary: files to talks and back, all or nothing."""

import datetime as dt
import io
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils import translation

from summaries.importer import to_data
from summaries.models import Channel, Keyword, Speaker, Tag, Talk
from summaries.signals import talk_changed
from summaries.summary_format import parse, render
from tests.factories import make_speaker, make_talk
from tests.summary_samples import (
    FULL,
    REFUSALS,
    SEED_BYTES,
    SEED_PATH,
    SEED_TAGS,
    SEED_TEXT,
    row_counts,
)

pytestmark = pytest.mark.django_db


def run(*args):
    """import/export_summary as a shell would run it: (exit status, out, err)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        status = 0
    except CommandError as error:
        err.write(str(error))
        status = 1
    return status, out.getvalue(), err.getvalue()


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def test_the_seed_imports_to_exactly_the_fixtures_talk(seed):
    expected = to_data(seed)
    fixture = {
        "channel": seed.channel_id,
        "tags": sorted(seed.tags.values_list("pk", flat=True)),
        "takeaways": list(seed.takeaways.values_list("position", "emoji", "text")),
        "questions": list(seed.questions.values_list("position", "text", "answer")),
    }
    seed.delete()  # the site keeps its tags and channel, as a site does
    before = row_counts()

    status, out, err = run("import_summary", str(SEED_PATH))

    assert status == 0, err
    talk = Talk.objects.get()
    assert to_data(talk) == expected
    for field in ("title", "video_date", "duration_seconds", "video_url", "tldr"):
        assert getattr(talk, field) == expected.__getattribute__(field)
    assert talk.channel_id == fixture["channel"]
    assert sorted(talk.tags.values_list("pk", flat=True)) == fixture["tags"]
    assert (
        list(talk.takeaways.values_list("position", "emoji", "text"))
        == (fixture["takeaways"])
    )
    assert (
        list(talk.questions.values_list("position", "text", "answer"))
        == (fixture["questions"])
    )
    assert talk.source_rating is None and talk.source_rating_count is None
    for part in ("outline", "keywords", "highlights", "transcript", "talk_speakers"):
        assert not getattr(talk, part).exists()
    # New rows: the talk and its parts; no new tag, channel or speaker.
    after = row_counts()
    assert after["Tag"] == before["Tag"] and after["Channel"] == before["Channel"]
    assert after["Takeaway"] == before["Takeaway"] + 11
    assert talk.status == Talk.Status.DRAFT and talk.published_at is None


def test_importing_the_seed_over_the_shipped_fixtures_changes_nothing(seed):
    before, updated_at = row_counts(), seed.updated_at
    status, out, err = run("import_summary", str(SEED_PATH))
    assert status == 0 and err == ""
    assert out.startswith(f"スキップ: {SEED_PATH} → 「{seed.title}」")
    assert "内容を置き換えるには --update を付けてください。" in out
    assert "0件取り込み、0件更新、0件変更なし、1件スキップ、0件失敗。" in out
    assert row_counts() == before
    seed.refresh_from_db()
    assert seed.updated_at == updated_at


def test_update_with_the_same_content_changes_nothing_either(seed):
    before, updated_at = row_counts(), seed.updated_at
    status, out, _err = run("import_summary", "--update", str(SEED_PATH))
    assert status == 0 and out.startswith("変更なし: ")
    assert row_counts() == before
    seed.refresh_from_db()
    assert seed.updated_at == updated_at


def test_a_full_summary_imports_every_part(tmp_path):
    status, out, err = run("import_summary", write(tmp_path, "full.txt", FULL))
    assert status == 0, err
    talk = Talk.objects.get()
    assert out.startswith(
        f"取り込みました: {tmp_path / 'full.txt'} → 「防災DXの最前線 〜自治体の挑戦〜」"
        f"（下書き、{talk.slug}）"
    )
    assert talk.slug == "2024-03-12-bosai-dx-saizensen-jichitai"
    assert talk.channel.name == "自治体DXチャンネル"
    assert talk.video_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert talk.duration_seconds == 3725
    assert talk.source_rating == Decimal("4.5") and talk.source_rating_count == 12
    assert list(talk.takeaways.values_list("emoji", flat=True)) == ["🚒", "👩\u200d💻"]
    assert list(talk.outline.values_list("position", "start_seconds", "title")) == [
        (1, 0, "はじめに"),
        (2, 750, "避難所の見える化"),
    ]
    assert list(talk.keywords.values_list("text", flat=True)) == ["防災", "ノーコード"]
    assert talk.highlights.get().start_seconds == 310
    assert list(talk.transcript.values_list("start_seconds", flat=True)) == [0, 3600]
    assert [item.tag.name for item in talk.tagged_items.order_by("pk")] == [
        "防災",
        "自治体DX",
        "ノーコード",
    ]
    assert to_data(talk) == parse(FULL).talk


def test_publish_makes_new_talks_public(tmp_path):
    status, _out, _err = run(
        "import_summary", "--publish", write(tmp_path, "a.txt", FULL)
    )
    assert status == 0
    assert Talk.objects.published().get().title == "防災DXの最前線 〜自治体の挑戦〜"


def test_slugs_stay_unique(tmp_path):
    # Another video: one video is one talk (tests/test_video_id.py).
    other = FULL.replace("自治体DXチャンネル", "別のチャンネル").replace(
        "dQw4w9WgXcQ", "AbCdEfGhI_0"
    )
    run(
        "import_summary",
        write(tmp_path, "a.txt", FULL),
        write(tmp_path, "b.txt", other),
    )
    assert sorted(Talk.objects.values_list("slug", flat=True)) == [
        "2024-03-12-bosai-dx-saizensen-jichitai",
        "2024-03-12-bosai-dx-saizensen-jichitai-2",
    ]


def test_tags_are_matched_to_the_sites_tags_by_folded_name(tmp_path):
    Tag.objects.create(name="DX")
    text = FULL.replace("防災、自治体DX、ノーコード", "ｄｘ防災")
    status, out, _err = run("import_summary", write(tmp_path, "a.txt", text))
    assert status == 0
    assert list(
        Talk.objects.get().tags.order_by("name").values_list("name", flat=True)
    ) == [
        "DX",
        "防災",
    ]
    assert "タグ「防災」は既存のタグで分けられなかったので" in out  # told, not hidden


def test_tags_made_by_one_file_cut_the_next_files_tags(tmp_path):
    first = write(tmp_path, "1.txt", FULL)
    second = write(
        tmp_path,
        "2.txt",
        FULL.replace("自治体DXチャンネル", "別")
        .replace("防災、自治体DX、ノーコード", "ノーコード防災")
        .replace("dQw4w9WgXcQ", "AbCdEfGhI_0"),
    )
    status, out, _err = run("import_summary", first, second)
    assert status == 0 and "分けられなかった" not in out
    talk = Talk.objects.get(channel__name="別")
    assert sorted(talk.tags.names()) == ["ノーコード", "防災"]


# All or nothing.


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "1行目: ファイルが空です。要約ページの本文を貼り付けてください。"),
        (
            FULL.replace("• 🚒 避難所の状況をリアルタイムで共有した。", "• 🚒"),
            "13行目: 要点に本文がありません。",
        ),
        (
            FULL.replace("    -紙の様式を減らすことから始めました。\n", ""),
            "19行目: 質問「何から始めましたか?」に回答がありません。",
        ),
        (
            FULL.replace("12 Mar", "30 Feb"),
            "4行目: 日付「30 Feb 2024」は存在しません。",
        ),
        (
            FULL.replace("4.5 / 5", "7 / 5"),
            "47行目: 評価 7 は 0〜5 の範囲にありません。",
        ),
        (
            FULL.replace("Keywords", "Keyword"),
            "29行目: 見出し「Keyword」は使えません。",
        ),
        (
            FULL.replace("🚒", "").encode("utf-16"),
            "1行目: UTF-16 で保存されたファイルです。",
        ),
        (
            FULL.replace("防災DXの最前線 〜自治体の挑戦〜", "長" * 301),
            "1行目: タイトル「" + "長" * 30 + "…」"
            "が長すぎます（301文字。300文字までです）。",
        ),
        (
            FULL.replace(
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://example.com/v"
            ),
            "5行目: 動画のアドレス「https://example.com/v」"
            "は YouTube の動画のアドレスでは"
            "ありません。",
        ),
        (
            FULL.replace("防災、自治体DX、ノーコード", "防災、★"),
            "50行目: タグ「★」には URL に使える文字（文字か数字）がありません。",
        ),
        (
            FULL.replace("  • 防災", "  • " + "語" * 201),
            "31行目: キーワード「" + "語" * 30 + "…」"
            "が長すぎます（201文字。200文字までです）。",
        ),
    ],
    ids=[
        "empty",
        "takeaway without text",
        "question without answer",
        "impossible date",
        "rating out of range",
        "unknown heading",
        "UTF-16",
        "title too long",
        "not YouTube",
        "tag without letters",
        "keyword too long",
    ],
)
def test_a_bad_file_writes_nothing_and_says_where_and_why(tmp_path, content, message):
    Tag.objects.create(name="防災")  # some content already there
    path = write(tmp_path, "bad.txt", content)
    before = row_counts()
    status, out, err = run("import_summary", path)
    assert status == 1
    assert err.startswith(f"失敗: {path} {message}")
    assert "何も書き込んでいません。" in err
    assert "Traceback" not in err + out
    assert row_counts() == before


def test_a_failure_midway_rolls_the_whole_file_back(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Keyword.objects, "bulk_create", broken)
    before = row_counts()
    status, _out, err = run("import_summary", write(tmp_path, "a.txt", FULL))
    assert status == 1
    assert "データベースに書き込めませんでした（disk full）。" in err
    assert row_counts() == before  # no talk, no channel, no tag, no takeaway


def test_a_batch_reports_each_file_and_fails_if_one_did(tmp_path, seed):
    good = write(tmp_path, "good.txt", FULL)
    bad = write(tmp_path, "bad.txt", FULL.replace("Takeaways", "Takeaway"))
    missing = str(tmp_path / "missing.txt")
    status, out, err = run("import_summary", good, bad, missing, str(SEED_PATH))
    assert status == 1
    assert f"取り込みました: {good}" in out
    assert f"スキップ: {SEED_PATH}" in out
    assert f"失敗: {bad} 11行目: 見出し「Takeaway」は使えません。" in err
    assert f"失敗: {missing} ファイルがありません。" in err
    assert "1件取り込み、0件更新、0件変更なし、1件スキップ、2件失敗。" in out
    assert "2件のファイルを取り込めませんでした" in err
    assert Talk.objects.filter(title="防災DXの最前線 〜自治体の挑戦〜").exists()


def test_listeners_hear_once_per_imported_talk_after_it_is_written(tmp_path):
    heard = []

    def listener(sender, talk_ids, **kwargs):
        heard.append(
            (set(talk_ids), Keyword.objects.filter(talk_id__in=talk_ids).count())
        )

    talk_changed.connect(listener)
    try:
        run("import_summary", write(tmp_path, "a.txt", FULL))
    finally:
        talk_changed.disconnect(listener)
    assert heard == [({Talk.objects.get().pk}, 2)]


# Duplicates and --update.


def test_update_replaces_content_but_keeps_slug_status_time_and_speakers(tmp_path):
    speaker = make_speaker("宮坂 学")
    talk = make_talk(
        "防災DXの最前線 〜自治体の挑戦〜",
        channel=Channel.objects.create(name="自治体DXチャンネル"),
        video_date=dt.date(2024, 3, 12),
        slug="bousai-dx",
        speakers=[speaker],
        tags=["古いタグ"],
        takeaways=5,
        questions=3,
    )
    published_at = talk.published_at
    status, out, _err = run(
        "import_summary", "--update", write(tmp_path, "a.txt", FULL)
    )
    assert status == 0
    assert out.startswith(f"更新しました: {tmp_path / 'a.txt'}")
    talk.refresh_from_db()
    assert (talk.slug, talk.status, talk.published_at) == (
        "bousai-dx",
        Talk.Status.PUBLISHED,
        published_at,
    )
    assert list(talk.speakers.all()) == [speaker]
    assert to_data(talk) == parse(FULL).talk
    assert Talk.objects.count() == 1


def test_without_update_an_existing_talk_is_skipped_untouched(tmp_path):
    talk = make_talk(
        "防災DXの最前線 〜自治体の挑戦〜",
        channel=Channel.objects.create(name="自治体DXチャンネル"),
        video_date=dt.date(2024, 3, 12),
        takeaways=1,
    )
    before = row_counts()
    status, out, _err = run("import_summary", write(tmp_path, "a.txt", FULL))
    assert status == 0 and out.startswith("スキップ: ")
    assert row_counts() == before
    assert list(talk.takeaways.values_list("text", flat=True)) == ["要点1"]


def test_the_same_title_on_another_date_is_another_talk(tmp_path):
    run("import_summary", write(tmp_path, "a.txt", FULL))
    later = FULL.replace("12 Mar 2024", "13 Mar 2024").replace(
        "dQw4w9WgXcQ", "AbCdEfGhI_0"
    )
    status, out, _err = run("import_summary", write(tmp_path, "b.txt", later))
    assert status == 0 and out.startswith("取り込みました: ")
    assert Talk.objects.count() == 2


# Export.


def test_export_import_export_gives_the_same_text_for_the_seed(seed, tmp_path):
    status, first, _err = run("export_summary", seed.slug)
    assert status == 0
    data = to_data(seed)
    # An empty site: no talk, tag, channel or speaker.
    for model in (Talk, Tag, Channel, Speaker):
        model.objects.all().delete()
    status, _out, err = run("import_summary", write(tmp_path, "seed.txt", first))
    assert status == 0, err
    talk = Talk.objects.get()
    assert to_data(talk) == data
    status, second, _err = run("export_summary", talk.slug)
    assert second == first


def test_export_import_export_with_every_section_filled(tmp_path):
    talk = make_talk(
        "全部入りの講演",
        tags=["防災", "Open Data", "GovTech東京"],
        takeaways=3,
        questions=2,
        outline=2,
        keywords=2,
        highlights=2,
        transcript=3,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        source_rating=Decimal("3.5"),
        source_rating_count=8,
        duration_seconds=4000,
    )
    status, first, err = run("export_summary", talk.slug)
    assert status == 0 and err == ""
    for heading in ("Outlines", "Keywords", "Highlights", "Transcripts", "Rate This"):
        assert f"\n{heading}\n" in first
    assert "3.5 / 5 (8 votes)" in first
    assert "\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n" in first
    data = to_data(talk)
    talk.delete()
    status, _out, err = run("import_summary", write(tmp_path, "t.txt", first))
    assert status == 0, err
    again = Talk.objects.get()
    assert to_data(again) == data
    assert run("export_summary", again.slug)[1] == first


def test_export_to_a_file(seed, tmp_path):
    path = tmp_path / "out.txt"
    status, out, _err = run("export_summary", seed.slug, "--output", str(path))
    assert status == 0 and out == ""
    assert path.read_text(encoding="utf-8") == render(to_data(seed))


def test_export_of_an_unknown_slug_says_so():
    status, _out, err = run("export_summary", "no-such-talk")
    assert status == 1
    assert err == "スラッグ「no-such-talk」の講演はありません。"


def test_export_warns_when_a_text_cannot_travel_as_it_is():
    talk = make_talk("改行のある講演", takeaways=1, tldr="一段落目。\n二段落目。")
    talk.takeaways.update(emoji="")
    talk.takeaways.update(text="★ 星で始まる要点")
    status, out, err = run("export_summary", talk.slug)
    assert status == 0
    assert "TLDR一段落目。 二段落目。\n" in out
    assert "改行を含む項目は、改行を空白にして書き出しました: 要約（TL;DR）" in err
    assert "取り込み直すと次の項目が変わります: 要点1" in err


def test_the_seed_file_in_the_tests_is_the_shared_seed():
    assert SEED_BYTES == SEED_PATH.read_bytes() and SEED_TEXT.startswith("デジタル監")
    assert SEED_TAGS[0] == "デジタル改革"


def test_from_a_shell_exit_status_and_no_traceback(tmp_path):
    """The real command line: exit 0 for imported and skipped, 1 for any failure,
    and plain words on stderr, never a traceback."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shell.sqlite3'}",
        "DJANGO_SECRET_KEY": "test-only",
        "DJANGO_HTTPS": "0",
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )

    assert manage("migrate", "-v0").returncode == 0
    good = write(tmp_path, "good.txt", FULL)
    bad = write(tmp_path, "bad.txt", FULL.encode("cp932", errors="replace"))
    first = manage("import_summary", good)
    assert first.returncode == 0 and first.stderr == ""
    again = manage("import_summary", good)
    assert again.returncode == 0 and again.stdout.startswith("スキップ: ")
    failed = manage("import_summary", good, bad, str(tmp_path / "none.txt"))
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr + failed.stdout
    assert f"失敗: {bad} 1行目: UTF-8 ではありません。Shift_JIS" in failed.stderr
    assert f"失敗: {tmp_path / 'none.txt'} ファイルがありません。" in failed.stderr
    exported = manage("export_summary", "2024-03-12-bosai-dx-saizensen-jichitai")
    assert exported.returncode == 0 and exported.stdout == FULL


@pytest.mark.parametrize("name", REFUSALS)
def test_every_refused_file_leaves_every_table_as_it_was(tmp_path, seed, name):
    text, message = REFUSALS[name]
    path = write(tmp_path, "refused.txt", text)
    before = row_counts()
    status, out, err = run("import_summary", path)
    assert status == 1
    assert err.startswith(f"失敗: {path} {message} 何も書き込んでいません。")
    assert row_counts() == before


def test_messages_follow_the_active_language(tmp_path):
    path = write(tmp_path, "bad.txt", REFUSALS["takeaway without text"][0])
    with translation.override("en"):
        status, _out, err = run("import_summary", path)
    assert status == 1
    assert err.startswith(
        f"Failed: {path} Line 13: The takeaway has no text. Write it as "
        "“  • emoji takeaway text”, with the text after the emoji. Nothing was written."
    )


def test_a_dash_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FULL.encode())))
    status, out, _err = run("import_summary", "-")
    assert status == 0 and out.startswith("取り込みました: - → 「防災DXの最前線")


def test_export_says_when_its_text_cannot_be_imported_again():
    talk = make_talk("要点のない講演")  # the admin allows it; the format does not
    status, out, err = run("export_summary", talk.slug)
    assert status == 0 and "Takeaways" not in out
    assert err.startswith("この書き出しはそのままでは取り込めません: ")
    assert "見出し「Takeaways」と要点の行がありません。" in err


def test_an_import_is_recorded_in_the_talks_history(tmp_path):
    """Editors see imported talks in the history like any saved version."""
    from reversion.models import Version

    path = tmp_path / "seed.txt"
    path.write_bytes(SEED_BYTES)
    call_command("import_summary", str(path), stdout=io.StringIO())
    talk = Talk.objects.get()
    versions = Version.objects.get_for_object(talk)
    assert versions.count() == 1
    assert versions.get().revision.get_comment() == f"インポート: {path}"
    assert f"Takeaway:{talk.takeaways.first().pk}" in {
        f"{v.content_type.model_class().__name__}:{v.object_id}"
        for v in versions.get().revision.version_set.all()
    }
