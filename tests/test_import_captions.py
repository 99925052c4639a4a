"""manage.py import_captions: a caption file becomes a talk's transcript."""

import io

import pytest
from django.core.management import CommandError, call_command

from summaries.history import versions_of
from summaries.models import OutlineChapter, TranscriptSegment
from tests.caption_samples import two_hour_auto
from tests.factories import make_talk

pytestmark = pytest.mark.django_db

VTT = """\ufeffWEBVTT\r
Kind: captions\r
Language: ja\r
\r
NOTE 字幕班\r
\r
1\r
00:00:01.000 --> 00:00:03.000 align:start position:0%\r
<v 宮坂>本日はデジタル庁の\r
取り組みを紹介します。\r
\r
00:04.000 --> 00:06.200\r
まず、東京都の&amp;事例です。\r
"""
SRT = """1
00:00:01,000 --> 00:00:03,000
<i>本日は</i>よろしくお願いします。

2
00:00:10,000 --> 00:00:12,000
（浅沼）では始めます。
"""
CHAPTERS = """デジタル庁の対談です。
0:00 はじめに
1:00 東京都の事例
3:00 まとめ
"""


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_captions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def rows(talk):
    return list(talk.transcript.values_list("start_seconds", "text"))


def test_webvtt_and_chapters_become_transcript_and_outline(tmp_path):
    talk = make_talk(duration_seconds=300)
    out, err = run(
        talk.slug,
        write(tmp_path, "a.vtt", VTT),
        "--chapters",
        write(tmp_path, "c.txt", CHAPTERS),
    )
    assert rows(talk) == [
        (1, "宮坂：本日はデジタル庁の取り組みを紹介します。"),
        (4, "まず、東京都の&事例です。"),
    ]
    assert list(talk.outline.values_list("start_seconds", "title")) == [
        (0, "はじめに"),
        (60, "東京都の事例"),
        (180, "まとめ"),
    ]
    assert "字幕2個 → 2区間（0:01〜0:04）" in out
    assert "アウトライン: 3章。" in out
    assert err == ""  # progress only on a terminal
    version = versions_of(talk.pk).first()
    assert version.revision.comment.startswith("字幕から文字起こしを作成: ")


def test_srt_with_speaker_labels(tmp_path):
    talk = make_talk()
    run(talk.slug, write(tmp_path, "a.srt", SRT))
    assert rows(talk) == [
        (1, "本日はよろしくお願いします。"),
        (10, "浅沼：では始めます。"),
    ]


def test_two_hour_auto_captions(tmp_path):
    talk = make_talk(duration_seconds=7200)
    run(talk.slug, write(tmp_path, "auto.vtt", two_hour_auto()))
    count = talk.transcript.count()
    assert 360 <= count <= 10_000  # segments end by 20 s at the latest
    texts = [text for _, text in rows(talk)]
    # Each spoken phrase once: no segment repeats the one before.
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False))


def test_a_talk_with_a_transcript_is_refused_without_replace(tmp_path):
    talk = make_talk(transcript=2)
    path = write(tmp_path, "a.srt", SRT)
    with pytest.raises(CommandError, match="すでに文字起こしがあります。.*--replace"):
        run(talk.slug, path)
    assert rows(talk) == [(10, "発言1"), (20, "発言2")]
    run(talk.slug, path, "--replace")
    assert rows(talk)[0] == (1, "本日はよろしくお願いします。")


def test_an_outline_is_refused_without_replace_too(tmp_path):
    talk = make_talk(outline=1)
    with pytest.raises(CommandError, match="すでにアウトラインがあります"):
        run(
            talk.slug,
            write(tmp_path, "a.srt", SRT),
            "--chapters",
            write(tmp_path, "c.txt", CHAPTERS),
        )
    assert not TranscriptSegment.objects.filter(talk=talk).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("こんにちは\nただの文章です。\n", "1行目: 字幕ファイルではありません。"),
        (
            "1\n00:00:05,000 --> 00:00:02,000\nあ\n",
            "2行目: この字幕は00:00:05,000に始まり、"
            "それより前の00:00:02,000に終わっています。",
        ),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", "字幕を"),
    ],
)
def test_bad_captions_name_the_line_and_change_nothing(tmp_path, text, message):
    talk = make_talk(transcript=1)
    path = write(tmp_path, "bad.vtt", text)
    with pytest.raises(CommandError) as error:
        run(talk.slug, path, "--replace")
    assert message in str(error.value)
    assert "何も書き込んでいません。" in str(error.value)
    assert rows(talk) == [(10, "発言1")]


def test_unreadable_encoding_and_missing_file_and_unknown_slug(tmp_path):
    talk = make_talk()
    path = write(tmp_path, "sjis.srt", SRT, encoding="cp932")
    with pytest.raises(CommandError, match="UTF-8 ではありません。Shift_JIS"):
        run(talk.slug, path)
    run(talk.slug, path, "--encoding", "cp932")
    assert talk.transcript.count() == 2
    with pytest.raises(CommandError, match="ファイルがありません"):
        run(talk.slug, str(tmp_path / "none.vtt"), "--replace")
    with pytest.raises(CommandError, match="スラッグ「nope」の講演はありません"):
        run("nope", path)


def test_bad_chapters_change_nothing(tmp_path):
    talk = make_talk()
    with pytest.raises(CommandError, match="最初の章が"):
        run(
            talk.slug,
            write(tmp_path, "a.srt", SRT),
            "--chapters",
            write(tmp_path, "c.txt", "0:30 はじめに\n1:00 次\n2:00 まとめ\n"),
        )
    assert not talk.transcript.exists()
    assert not OutlineChapter.objects.filter(talk=talk).exists()


def test_cues_past_the_talk_length_are_a_warning(tmp_path):
    talk = make_talk(duration_seconds=5)
    out, _err = run(talk.slug, write(tmp_path, "a.srt", SRT))
    assert "注意:" in out and "動画の長さ（0:05）より後の字幕が1個あります" in out
    assert talk.transcript.count() == 2
