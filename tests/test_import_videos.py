"""import_videos: draft talks from yt-dlp's files, one per video, all or
nothing per video, refreshed on later runs only where the import's values
still stand."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Version

from summaries.importer import to_data
from summaries.models import Channel, Tag, Talk
from summaries.videos.models import VideoImport
from tests.factories import make_talk
from tests.summary_samples import row_counts
from tests.video_samples import AUTO_LINES, CHANNEL, CHANNEL_URL, playlist, write_video

pytestmark = pytest.mark.django_db

ID = "AbCdEfGhI_0"
TLDR = "架空市が窓口の手続きをオンラインにまとめ、住民の声で毎月改善した取り組みです。"


def run(*args):
    """import_videos as a shell runs it: (exit status, out, err)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_videos", *map(str, args), stdout=out, stderr=err)
        status = 0
    except CommandError as error:
        err.write(str(error))
        status = 1
    return status, out.getvalue(), err.getvalue()


def chapters(*rows):
    return [{"start_time": s, "end_time": s + 10, "title": t} for s, t in rows]


def test_a_video_with_chapters_captions_and_a_summary_becomes_a_draft(tmp_path):
    Tag.objects.resolve(["窓口"])
    write_video(tmp_path, ID, summary=TLDR, tags=["窓口", "ＤＸ推進", "窓口"],
                chapters=chapters((0, "はじめに"), (95.5, "窓口の改革"),
                                  (400, "質疑応答")))  # fmt: skip
    status, out, err = run(tmp_path)
    assert status == 0, err
    talk = Talk.objects.get()
    assert talk.status == Talk.Status.DRAFT
    assert talk.title == f"架空市の窓口改革 {ID}"
    assert talk.video_id == ID
    assert talk.video_url == f"https://www.youtube.com/watch?v={ID}"
    assert str(talk.video_date) == "2024-06-05"
    assert talk.duration_seconds == 674
    assert talk.channel.name == CHANNEL and talk.channel.url == CHANNEL_URL
    assert [(c.start_seconds, c.title) for c in talk.outline.all()] == [
        (0, "はじめに"), (95, "窓口の改革"), (400, "質疑応答")]  # fmt: skip
    assert [(s.start_seconds, s.text) for s in talk.transcript.all()] == [
        (0, "皆さんこんにちは。"), (20, "窓口の改革を紹介します。")]  # fmt: skip
    assert talk.tldr == TLDR
    assert talk.takeaways.count() == 3 and talk.questions.count() == 1
    # Only the tag the site has; the new one is proposed, not made.
    assert list(talk.tags.names()) == ["窓口"]
    assert not Tag.objects.filter(name="ＤＸ推進").exists()
    record = VideoImport.objects.get(talk=talk)
    assert (record.caption_language, record.caption_kind) == ("ja", "manual")
    assert record.proposed_tags == ["ＤＸ推進"]
    assert out.splitlines()[0] == (
        f"作成: {tmp_path}/{ID}.info.json → 「{talk.title}」（下書き、{talk.slug}）"
    )
    assert f"字幕: {tmp_path}/{ID}.ja.vtt（ja、手動）" in out
    assert "提案タグ（サイトにないので付けていません）: ＤＸ推進" in out
    assert out.splitlines()[-1] == (
        "1件作成、0件更新、0件変更なし、0件失敗"
        "（再生リストやチャンネルのファイル0件は対象外）。"
    )
    versions = Version.objects.get_for_object(talk)
    assert versions.count() == 1
    assert versions[0].revision.comment.startswith("動画から取り込み: ")


def test_chapters_only_in_the_description_make_the_outline(tmp_path):
    description = "架空市の取り組み。\n\n0:00 はじめに\n1:30 窓口\n10:05 まとめ\n"
    write_video(tmp_path, ID, description=description, chapters=None)
    assert run(tmp_path)[0] == 0
    talk = Talk.objects.get()
    assert [(c.start_seconds, c.title) for c in talk.outline.all()] == [
        (0, "はじめに"), (90, "窓口"), (605, "まとめ")]  # fmt: skip


def test_a_description_whose_times_are_not_chapters_is_only_a_warning(tmp_path):
    description = "1:30 から窓口の話\n5:00 から質疑\n"
    write_video(tmp_path, ID, description=description)
    status, out, _err = run(tmp_path)
    assert status == 0
    assert Talk.objects.get().outline.count() == 0
    assert "説明文の章立てはアウトラインにしませんでした" in out


def test_without_captions_the_transcript_is_empty_and_the_talk_needs_a_summary(
    tmp_path,
):
    write_video(tmp_path, ID, captions="none", subtitles={}, automatic_captions={})
    status, out, _err = run(tmp_path)
    assert status == 0
    talk = Talk.objects.get()
    assert talk.transcript.count() == 0 and talk.tldr == ""
    assert "字幕: なし（文字起こしは空です）" in out
    record = VideoImport.objects.get()
    assert (record.caption_language, record.caption_kind) == ("", "")
    from summaries.completeness import evaluate

    failing = [r.label for r in evaluate(talk) if not r.passed]
    assert any("要約（TL;DR）" in label for label in failing)


def test_automatic_captions_only_are_read_once_per_phrase_and_recorded(tmp_path):
    write_video(tmp_path, ID, captions="auto", subtitles={},
                automatic_captions={"ja": [{"ext": "vtt"}]})  # fmt: skip
    # A track in another language beside it: Japanese is preferred.
    (tmp_path / f"{ID}.en.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nhello\n")
    status, out, _err = run(tmp_path)
    assert status == 0
    talk = Talk.objects.get()
    assert [(s.start_seconds, s.text) for s in talk.transcript.all()] == [
        (0, "皆さんこんにちは架空市です窓口の改革について"),
        (30, "まず紙の様式を数えました"),
    ]
    record = VideoImport.objects.get()
    assert (record.caption_language, record.caption_kind) == ("ja", "automatic")
    assert "ja.vtt（ja、自動）" in out
    assert len(AUTO_LINES) == 4


def test_playlist_and_channel_files_are_skipped_not_failed(tmp_path):
    write_video(tmp_path, ID)
    (tmp_path / "UCexamplecityxxxxxxxxxxx.info.json").write_text(
        json.dumps(playlist()), encoding="utf-8"
    )
    status, out, _err = run(tmp_path)
    assert status == 0
    assert Talk.objects.count() == 1
    assert (
        "1件作成、0件更新、0件変更なし、0件失敗（再生リストやチャンネルのファイル1件は対象外）。"
        in out
    )


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.info.json", '{"id": "AbCdEfGhI_1", "title": ',
         "JSON として読めません（1行目 32文字目: Expecting value）"),
        ("notitle.info.json", {"title": None},
         "「title」がありません。"),
        ("date.info.json", {"upload_date": "2024-06-05", "release_date": None},
         "「upload_date」の値「\"2024-06-05\"」はYYYYMMDD の形の日付ではありません。"),
        ("captions.info.json", {"id": "AbCdEfGhI_4"},
         "captions.ja.vtt 1行目: 字幕ファイルではありません。"),
        ("summary.info.json", {"id": "AbCdEfGhI_5"},
         "summary.summary.txt 1行目: "),
    ],
)  # fmt: skip
def test_a_broken_video_is_named_with_its_reason_and_the_others_go_on(
    tmp_path, name, content, reason
):
    write_video(tmp_path, ID)
    path = tmp_path / name
    if isinstance(content, dict):
        from tests.video_samples import info

        path.write_text(json.dumps(info("AbCdEfGhI_1", **content)), encoding="utf-8")
    else:
        path.write_text(content, encoding="utf-8")
    stem = name.removesuffix(".info.json")
    if stem == "captions":
        (tmp_path / "captions.ja.vtt").write_text(
            "これは字幕ではない\n", encoding="utf-8"
        )
    if stem == "summary":
        (tmp_path / "summary.summary.txt").write_text("", encoding="utf-8")
    before = row_counts()
    status, out, err = run(tmp_path)
    assert status == 1
    assert f"失敗: {path} " in err and reason in err
    assert "この動画は何も書き込んでいません。" in err
    assert "1件の動画を取り込めませんでした" in err
    assert "1件作成、0件更新、0件変更なし、1件失敗" in out
    # The good one came in; the broken one left nothing behind.
    assert Talk.objects.get().video_id == ID
    assert row_counts()["Talk"] == before["Talk"] + 1


def test_a_second_run_creates_nothing_and_changes_nothing(tmp_path):
    write_video(tmp_path, ID, summary=TLDR)
    write_video(tmp_path, "AbCdEfGhI_1", captions="auto")
    assert run(tmp_path)[0] == 0
    before, versions = row_counts(), Version.objects.count()
    status, out, _err = run(tmp_path)
    assert status == 0
    assert out.strip() == (
        "0件作成、0件更新、2件変更なし、0件失敗（再生リストやチャンネルのファイル0件は対象外）。"
    )
    assert row_counts() == before and Version.objects.count() == versions


def test_a_rerun_after_an_editor_changed_the_tldr_keeps_it_unless_update(tmp_path):
    write_video(tmp_path, ID, summary=TLDR)
    run(tmp_path)
    talk = Talk.objects.get()
    talk.tldr = "編集者が書き直した要約。"
    talk.save()
    # The video's title changed on YouTube, and so did the summary file.
    write_video(tmp_path, ID, summary=TLDR + "追記。", title="新しいタイトル")
    status, out, _err = run(tmp_path)
    assert status == 0
    talk.refresh_from_db()
    assert talk.tldr == "編集者が書き直した要約。"
    assert talk.title == "新しいタイトル"  # still what the import wrote: refreshed
    assert "更新: " in out and ": タイトル" in out
    assert (
        "編集者が変えたので残しました: 要約（TL;DR）（置き換えるには --update）" in out
    )
    versions = Version.objects.get_for_object(talk)
    assert versions[0].revision.comment.startswith("動画から取り込み")

    status, out, _err = run(tmp_path, "--update")
    talk.refresh_from_db()
    assert talk.tldr == TLDR + "追記。"
    assert "更新: " in out and "要約（TL;DR）" in out
    assert Talk.objects.count() == 1


def test_a_title_an_editor_changed_is_not_refreshed(tmp_path):
    write_video(tmp_path, ID)
    run(tmp_path)
    talk = Talk.objects.get()
    talk.title = "編集者のタイトル"
    talk.save()
    write_video(tmp_path, ID, title="YouTube で変わったタイトル", duration=700)
    run(tmp_path)
    talk.refresh_from_db()
    assert talk.title == "編集者のタイトル"
    assert talk.duration_seconds == 700


def test_an_edited_transcript_is_kept(tmp_path):
    write_video(tmp_path, ID)
    run(tmp_path)
    talk = Talk.objects.get()
    segment = talk.transcript.first()
    segment.text = "編集者が直した発言。"
    segment.save()
    (tmp_path / f"{ID}.ja.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:05.000\n直された字幕\n", encoding="utf-8"
    )
    status, out, _err = run(tmp_path)
    assert "編集者が変えたので残しました: 文字起こし" in out
    assert talk.transcript.first().text == "編集者が直した発言。"


def test_a_talk_made_by_import_summary_is_found_by_its_video(tmp_path):
    existing = make_talk(
        "要約テキストから取り込んだ講演",
        channel=Channel.objects.create(name="別のチャンネル"),
        video_url=f"https://youtu.be/{ID}",
        tldr="編集者の要約。",
    )
    write_video(tmp_path, ID, summary=TLDR)
    status, out, _err = run(tmp_path)
    assert status == 0
    assert Talk.objects.count() == 1
    existing.refresh_from_db()
    # Written by an editor (no import recorded): kept; the empty parts filled.
    assert existing.title == "要約テキストから取り込んだ講演"
    assert existing.tldr == "編集者の要約。"
    assert existing.transcript.count() == 2
    assert existing.takeaways.count() == 3


def test_a_zip_of_files_imports_like_a_folder(tmp_path):
    import zipfile

    folder = tmp_path / "files"
    folder.mkdir()
    write_video(folder, ID, summary=TLDR)
    archive = tmp_path / "channel.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in folder.iterdir():
            zf.write(path, f"channel/{path.name}")
    status, out, _err = run(archive)
    assert status == 0, _err
    talk = Talk.objects.get()
    assert talk.transcript.count() == 2 and talk.tldr == TLDR
    assert f"{archive}:channel/{ID}.info.json" in out


def test_a_path_that_is_not_there_or_not_an_info_file_fails(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("メモ", encoding="utf-8")
    status, _out, err = run(tmp_path / "nowhere", other)
    assert status == 1
    assert "ファイルもフォルダもありません。" in err
    assert "yt-dlp の .info.json ファイルではありません。" in err


def test_the_import_is_the_talk_to_data_of_its_files(tmp_path):
    write_video(tmp_path, ID, summary=TLDR)
    run(tmp_path)
    data = to_data(Talk.objects.get())
    assert data.video_url == f"https://www.youtube.com/watch?v={ID}"
    assert data.questions[0].answer == "紙の様式を数えることから始めました。"


def test_more_chapters_than_an_outline_holds_fail_that_video_only(tmp_path):
    from summaries.limits import MOST

    many = [{"start_time": n, "title": f"章{n}"} for n in range(MOST["outline"] + 1)]
    write_video(tmp_path, ID, chapters=many, duration=100_000)
    write_video(tmp_path, "AbCdEfGhI_1")
    status, _out, err = run(tmp_path)
    assert status == 1
    assert f"失敗: {tmp_path}/{ID}.info.json " in err
    assert list(Talk.objects.values_list("video_id", flat=True)) == ["AbCdEfGhI_1"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_shown_on_a_terminal_only(tmp_path):
    write_video(tmp_path, ID)
    write_video(tmp_path, "AbCdEfGhI_1")
    err = Terminal()
    call_command("import_videos", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "\r動画 1 / 2" in err.getvalue() and "\r動画 2 / 2" in err.getvalue()
    quiet = io.StringIO()
    call_command("import_videos", str(tmp_path), stdout=io.StringIO(), stderr=quiet)
    assert quiet.getvalue() == ""


def test_a_caption_file_already_read_is_not_read_again(tmp_path, monkeypatch):
    from summaries.videos import reading

    write_video(tmp_path, ID)
    run(tmp_path)
    calls = []
    real = reading.read_captions
    monkeypatch.setattr(
        reading, "read_captions", lambda *args: calls.append(args[0]) or real(*args)
    )
    assert "1件変更なし" in run(tmp_path)[1]
    assert calls == []
    # An editor emptied the transcript: the same file fills it again.
    talk = Talk.objects.get()
    talk.transcript.all().delete()
    status, out, _err = run(tmp_path)
    assert status == 0 and "更新: " in out
    assert [s.text for s in talk.transcript.all()] == [
        "皆さんこんにちは。", "窓口の改革を紹介します。"]  # fmt: skip
    assert calls == [f"{tmp_path}/{ID}.ja.vtt"]


def test_update_brings_back_an_edited_transcript_from_the_same_file(tmp_path):
    write_video(tmp_path, ID)
    run(tmp_path)
    talk = Talk.objects.get()
    segment = talk.transcript.first()
    segment.text = "編集者が直した発言。"
    segment.save()
    assert "文字起こし" in run(tmp_path)[1]  # kept, and said so
    assert talk.transcript.first().text == "編集者が直した発言。"
    status, out, _err = run(tmp_path, "--update")
    assert status == 0 and "更新: " in out
    assert talk.transcript.first().text == "皆さんこんにちは。"
