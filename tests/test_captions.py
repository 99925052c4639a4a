"""Caption files as people have them -> transcript segments (no database).

Shapes of the files: encodings, line ends, WebVTT blocks, SRT numbering, tags
and entities. Segmenting, speaker labels and YouTube's auto captions have
files of their own (test_captions_segments.py, test_captions_youtube.py).
"""

import codecs

import pytest

from summaries.captions import Captions, parse_captions
from summaries.summary_format import TimedData


def rows(captions):
    return [(s.start_seconds, s.text) for s in captions.segments]


VTT = """WEBVTT
Kind: captions
Language: ja

NOTE
作成: 字幕班
この注記は字幕ではありません。

STYLE
::cue(.loud) { color: yellow }

REGION
id:fred
width:40%

intro
00:00:01.000 --> 00:00:03.000 align:start position:0%
本日はデジタル庁の
取り組みを紹介します。

2
00:00:03.500 --> 00:00:06.200 line:90%
まず、東京都の事例です。
"""
VTT_ROWS = [
    (1, "本日はデジタル庁の取り組みを紹介します。"),
    (3, "まず、東京都の事例です。"),
]


def test_webvtt_with_header_notes_style_region_identifiers_and_settings():
    captions = parse_captions(VTT.encode())
    assert rows(captions) == VTT_ROWS
    assert [s.line for s in captions.segments] == [17, 22]
    assert captions == Captions(
        segments=captions.segments,
        warnings=(),
        format="webvtt",
        cue_count=2,
        auto_generated=False,
        language="ja",
        end_seconds=6,
    )


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode(), id="utf-8"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode(), id="utf-8 BOM"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="CRLF"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="CR"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16 BOM"),
        pytest.param(
            lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be BOM"
        ),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16-le no BOM"),
        pytest.param(lambda t: "\ufeff" + t.replace("\n", "\r\n"), id="pasted str"),
    ],
)
def test_encodings_and_line_ends_read_the_same(encode):
    captions = parse_captions(encode(VTT))
    assert rows(captions) == VTT_ROWS
    # Line numbers count CRLF and CR as one line end, like an editor does.
    assert [s.line for s in captions.segments] == [17, 22]


SRT = """1
00:00:01,000 --> 00:00:02,500
こんにちは。

2
00:00:02,500 --> 00:00:04,000
デジタル庁の
ニュースです。

3
00:01:02,000 --> 00:01:04,000 X1:100 X2:200 Y1:50 Y2:80
Open data と API について。
"""


def test_srt_with_numbers_and_coordinates():
    captions = parse_captions(SRT.replace("\n", "\r\n").encode())
    assert captions.format == "srt"
    assert captions.cue_count == 3
    assert rows(captions) == [
        (1, "こんにちは。"),
        (2, "デジタル庁のニュースです。"),
        (62, "Open data と API について。"),
    ]
    assert [s.line for s in captions.segments] == [2, 6, 11]


def test_format_comes_from_the_content():
    """A headerless file with WebVTT times reads as SRT does; a WEBVTT first
    line makes WebVTT whatever the times look like."""
    headerless = "00:00:01.000 --> 00:00:02.000\nはい。\n"
    assert parse_captions(headerless).format == "srt"
    assert rows(parse_captions(headerless)) == [(1, "はい。")]
    webvtt_with_commas = "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nはい。\n"
    assert parse_captions(webvtt_with_commas).format == "webvtt"


def test_srt_without_blank_lines_between_cues():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nはい。\n"
        "2\n00:00:03,000 --> 00:00:04,000\nそうです。\n"
    )
    assert rows(parse_captions(text)) == [(1, "はい。"), (3, "そうです。")]


def test_srt_whitespace_line_separates_cues_but_webvtt_keeps_it_in_the_cue():
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nはい。\n   \n"
        "2\n00:00:03,000 --> 00:00:04,000\n次へ。\n"
    )
    assert rows(parse_captions(srt)) == [(1, "はい。"), (3, "次へ。")]
    # WebVTT: a line of spaces is part of its cue (YouTube writes such lines).
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n \nはい。\n"
    assert rows(parse_captions(vtt)) == [(1, "はい。")]


def test_times_without_hours_and_short_fractions():
    text = (
        "WEBVTT\n\n01:02.500 --> 01:04.000\n一つ目。\n\n"
        "59:59.9 --> 1:00:01\n二つ目。\n\n"
        "1:02:03.000 --> 1:02:04.000\n三つ目。\n"
    )
    assert rows(parse_captions(text)) == [
        (62, "一つ目。"),
        (3599, "二つ目。"),
        (3723, "三つ目。"),
    ]


def test_start_seconds_are_floored():
    text = "WEBVTT\n\n00:00:09.999 --> 00:00:10.500\nほぼ10秒。\n"
    assert rows(parse_captions(text)) == [(9, "ほぼ10秒。")]


def test_overlapping_cues_are_read_in_order_without_complaint():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n司会の話。\n\n"
        "00:00:02.000 --> 00:00:03.000\n（会場から）質問です。\n\n"
        "00:00:02.000 --> 00:00:04.000\n同時に話す。\n"
    )
    captions = parse_captions(text)
    assert captions.warnings == ()
    assert rows(captions) == [
        (1, "司会の話。"),
        (2, "会場から：質問です。"),
        (2, "同時に話す。"),
    ]


def test_tags_are_dropped_and_entities_decoded():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n"
        "<b>太字</b>と<i>斜体</i>と<u>下線</u>と<c.yellow.bg_blue>色</c>。\n\n"
        "00:00:05.000 --> 00:00:08.000\n"
        "<ruby>字幕<rt>じまく</rt></ruby>の&lt;b&gt;は文字&amp;記号"
        "&nbsp;&nbsp;です&#x3002;\n\n"
        "00:00:09.000 --> 00:00:10.000\n"
        "&lrm;R&amp;D&rlm; <lang en>and</lang> Q&A<i></i>\n"
    )
    assert rows(parse_captions(text)) == [
        (1, "太字と斜体と下線と色。"),
        (5, "字幕の<b>は文字&記号 です。"),
        (9, "R&D and Q&A"),
    ]


def test_srt_font_tags_and_position_codes_are_dropped():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n"
        '{\\an8}<font color="#ffff00">上に表示</font>\n'
    )
    assert rows(parse_captions(text)) == [(1, "上に表示")]


def test_text_without_a_time_line_continues_the_cue_before():
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\n一行目\n\n二行目の続き\n\n"
        "2\n00:00:05,000 --> 00:00:06,000\n次。\n"
    )
    captions = parse_captions(text)
    assert rows(captions) == [(1, "一行目二行目の続き"), (5, "次。")]
    assert [str(w) for w in captions.warnings] == [
        "5行目: 時刻の行のない文が1個あり、それぞれ前の字幕の続きとして読みました"
        "（最初は「二行目の続き」）。"
    ]


def test_webvtt_header_fields_after_a_blank_line_are_not_text():
    text = (
        "WEBVTT\n\nKind: captions\nLanguage: ja\n\n"
        "00:00:01.000 --> 00:00:02.000\nはい。\n"
    )
    captions = parse_captions(text)
    assert rows(captions) == [(1, "はい。")]
    assert captions.warnings == ()


def test_preview_counts():
    captions = parse_captions(SRT)
    assert captions.segment_count == 3
    assert captions.first == TimedData(1, "こんにちは。", 2)
    assert captions.last == TimedData(62, "Open data と API について。", 11)
    assert captions.end_seconds == 64
    assert captions.language == ""
