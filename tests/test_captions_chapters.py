"""Chapter lists -> a talk's outline: WebVTT chapter files and the chapter
lines of a YouTube description, read by YouTube's rules (no database)."""

import pytest

from summaries.captions import CaptionError, Chapters, parse_chapters
from summaries.summary_format import TimedData

DESCRIPTION = """デジタル監と東京都副知事の対談です。
詳しくは https://www.digital.go.jp/ をご覧ください。

0:00 はじめに
00:45 - 都のDXとは
【3:20】ユーザー視点
(5:05) キャリア改革
Q&A 8:30
８：４０　会場から
1:02:05 まとめ

#デジタル庁 #東京都 2024年6:00配信
"""


def chapters_of(data, **options):
    return [(c.start_seconds, c.text) for c in parse_chapters(data, **options).chapters]


def error_of(data):
    with pytest.raises(CaptionError) as caught:
        parse_chapters(data)
    return str(caught.value.problem)


def test_description_chapter_lines_in_every_shape_and_nothing_else():
    chapters = parse_chapters(DESCRIPTION.encode())
    assert chapters == Chapters(
        chapters=(
            TimedData(0, "はじめに"),
            TimedData(45, "都のDXとは"),
            TimedData(200, "ユーザー視点"),
            TimedData(305, "キャリア改革"),
            TimedData(510, "Q&A"),
            TimedData(520, "会場から"),
            TimedData(3725, "まとめ"),
        ),
        warnings=(),
        format="description",
    )
    assert [c.line for c in chapters.chapters] == [4, 5, 6, 7, 8, 9, 10]


def test_ranges_and_bullets_in_a_description():
    text = "・0:00 – 1:30 はじめに\n- 1:30〜3:00 本題\n▶ 3:00~ まとめ\n"
    assert chapters_of(text) == [(0, "はじめに"), (90, "本題"), (180, "まとめ")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "概要だけの説明文です。\n",
            (
                "1行目: 章立てが見つかりません。「0:00 はじめに」"
                "の形の行を3行以上書くか、WebVTT の章立てファイルを選んでください。"
            ),
        ),
        (
            "説明\n0:15 はじめに\n1:00 本題\n2:00 まとめ\n",
            (
                "2行目: 最初の章が0:15から始まっています。YouTube と同じく、"
                "最初の章は0:00から始めてください。"
            ),
        ),
        (
            "0:00 はじめに\n2:00 本題\n1:00 まとめ\n",
            (
                "3行目: 章の時刻1:00が前の章（2:00）より後になっていません。"
                "YouTube と同じく、章は時刻の早い順に書いてください。"
            ),
        ),
        (
            "0:00 はじめに\n1:00 はじめに（続き）\n1:00 本題\n",
            (
                "3行目: 章の時刻1:00が前の章（1:00）より後になっていません。"
                "YouTube と同じく、章は時刻の早い順に書いてください。"
            ),
        ),
        (
            "0:00 はじめに\n\n1:00 まとめ\n",
            (
                "3行目: 章が2個しかありません。YouTube と同じく、"
                "0:00から始まる3つ以上の章が必要です。"
            ),
        ),
        (
            "0:00 はじめに\n1:75 本題\n3:00 まとめ\n",
            (
                "2行目: 章の時刻「1:75」が読めません。「1:02」や「1:02:05」"
                "の形（分と秒は00〜59）で書いてください。"
            ),
        ),
        (
            "0:00 はじめに\n1:00\n3:00 まとめ\n",
            "2行目: 1:00の章に題がありません。時刻の後に題を書いてください。",
        ),
    ],
)
def test_description_problems_name_the_line(text, message):
    assert error_of(text.encode()) == message


def test_chapters_under_ten_seconds_are_a_warning():
    chapters = parse_chapters(
        "0:00 はじめに\n0:05 挨拶\n2:00 本題\n2:09 補足\n3:00 まとめ"
    )
    assert len(chapters.chapters) == 5
    assert [str(w) for w in chapters.warnings] == [
        "1行目: 次の章まで10秒に満たない章が2個あります（最初は0:00の「はじめに」）。"
        "YouTube は10秒より短い章のある章立てを表示しません。"
    ]


def test_chapters_past_the_talk_length_are_a_warning():
    chapters = parse_chapters(DESCRIPTION, duration_seconds=11 * 60 + 14)
    assert [str(w) for w in chapters.warnings] == [
        "10行目: 動画の長さ（11:14）より後の章が1個あります"
        "（最初は1:02:05の「まとめ」）。"
    ]


WEBVTT_CHAPTERS = """WEBVTT
Kind: chapters
Language: ja

1
00:00:00.000 --> 00:00:45.000
はじめに

NOTE 章の題は短く

2
00:00:45.000 --> 00:03:20.000
都の<b>DX</b> &amp; 市民

00:03:20.500 --> 00:05:00.000
ユーザー
視点
"""


def test_a_webvtt_chapter_file():
    chapters = parse_chapters(WEBVTT_CHAPTERS.replace("\n", "\r\n").encode("utf-16"))
    assert chapters.format == "webvtt"
    assert chapters.warnings == ()
    assert [(c.start_seconds, c.text, c.line) for c in chapters.chapters] == [
        (0, "はじめに", 6),
        (45, "都のDX & 市民", 12),
        (200, "ユーザー視点", 15),
    ]


def test_an_srt_chapter_file():
    text = (
        "1\n00:00:00,000 --> 00:01:00,000\n前半\n\n2\n00:01:00,000 --> 00:02:00,000\n"
        "後半\n"
    )
    chapters = parse_chapters(text)
    assert chapters.format == "srt"
    assert chapters_of(text) == [(0, "前半"), (60, "後半")]


def test_a_caption_file_given_as_chapters_is_a_warning():
    text = "WEBVTT\nKind: captions\n\n00:00.000 --> 00:02.000\nこんにちは\n"
    chapters = parse_chapters(text)
    assert chapters_of(text) == [(0, "こんにちは")]
    assert [str(w) for w in chapters.warnings] == [
        "2行目: この WebVTT は章立てではなく字幕（Kind: captions）のようです。"
        "字幕の1つ1つが章になっています。"
    ]


def test_a_chapter_cue_without_a_title_is_an_error():
    text = "WEBVTT\n\n00:00.000 --> 00:02.000\n<b> </b>\n"
    assert error_of(text) == (
        "3行目: 00:00.000の章に題がありません。時刻の後に題を書いてください。"
    )


def test_a_bad_time_in_a_chapter_file_is_named():
    text = (
        "WEBVTT\n\n00:00.000 --> 00:02.000\nはじめに\n\n00:0a.000 --> 00:09.000\n本題\n"
    )
    assert error_of(text) == (
        "6行目: 時刻「00:0a.000」が読めません。「00:01:02.500」か「01:02.500」の形"
        "（時:分:秒.ミリ秒、分と秒は00〜59）で書いてください。"
    )
