"""Bad caption files: one error naming the line and the problem; and the
warnings a usable file can still get (no database)."""

import codecs

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from summaries.captions import CaptionError, parse_captions, parse_chapters
from summaries.importer import describe

NOT_CAPTIONS = (
    "字幕ファイルではありません。WebVTT（1行目が「WEBVTT」）か SRT（番号の行、"
    "「00:00:01,000 --> 00:00:04,000」の形の時刻の行、字幕の文）の"
    "ファイルを選んでください。"
)
NOT_UTF8 = "UTF-8 の文字として読めないバイトがあります。UTF-8 で保存し直してください。"


def error_of(data, **options):
    with pytest.raises(CaptionError) as caught:
        parse_captions(data, **options)
    return str(caught.value.problem)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b"",
            (
                "1行目: ファイルが空です。字幕ファイル（WebVTT か SRT）を選ぶか、"
                "その中身を貼り付けてください。"
            ),
            id="empty",
        ),
        pytest.param(
            b"\xef\xbb\xbf \r\n\r\n",
            (
                "1行目: ファイルが空です。字幕ファイル（WebVTT か SRT）を選ぶか、"
                "その中身を貼り付けてください。"
            ),
            id="blank",
        ),
        pytest.param(
            "本日の講演の要約です。\n東京都のDXについて。\n".encode(),
            f"1行目: {NOT_CAPTIONS}",
            id="prose",
        ),
        pytest.param(
            b"\n\n<!DOCTYPE html>\n<html><!-- x --></html>\n",
            f"3行目: {NOT_CAPTIONS}",
            id="web page",
        ),
        pytest.param(
            b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\xff\xfe\x00",
            (
                "1行目: 文字のファイルではありません（動画や画像のファイルかも"
                "しれません）。字幕ファイル（.vtt か .srt）を選んでください。"
            ),
            id="video",
        ),
        pytest.param(
            "0:00 はじめに\n1:00 本題\n2:00 まとめ\n".encode(),
            (
                "1行目: 字幕の時刻の行がなく、「0:00 はじめに」"
                "の形の章立てのようです。章立ては章立ての欄に入れてください。"
            ),
            id="chapters instead",
        ),
        pytest.param(
            b"WEBVTT\nKind: captions\n\nNOTE nothing yet\n",
            "1行目: 「WEBVTT」の行の後に字幕がありません。",
            id="no cues",
        ),
        pytest.param(
            "メモ\n\n1\n00:00:01,000 --> 00:00:02,000\nはい\n".encode(),
            (
                "1行目: ここには字幕（「00:00:01,000 --> 00:00:04,000」"
                "の形の時刻の行と字幕の文）が来るはずですが、「メモ」があります。"
            ),
            id="text before the first cue",
        ),
    ],
)
def test_files_that_are_not_captions(data, message):
    assert error_of(data) == message


BAD_TIME = (
    "が読めません。「00:01:02.500」か「01:02.500」の形"
    "（時:分:秒.ミリ秒、分と秒は00〜59）で書いてください。"
)
BAD_TIMING = "は「開始 --> 終了」の形ではありません。例: 00:01:02.500 --> 00:01:05.000"


@pytest.mark.parametrize(
    ("timing", "message"),
    [
        ("00:00:03.000 --> 00:00:0x.000", f"時刻「00:00:0x.000」{BAD_TIME}"),
        ("00:61:00.000 --> 00:62:00.000", f"時刻「00:61:00.000」{BAD_TIME}"),
        ("00:00:03.000 --> ", f"時刻の行「00:00:03.000 -->」{BAD_TIMING}"),
        ("--> 00:00:04.000", f"時刻の行「--> 00:00:04.000」{BAD_TIMING}"),
        (
            "00:00:03.000 -> 00:00:04.000",
            f"時刻の行「00:00:03.000 -> 00:00:04.000」{BAD_TIMING}",
        ),
        (
            "00:00:05.000 --> 00:00:04.000",
            "この字幕は00:00:05.000に始まり、それより前の00:00:04.000に"
            "終わっています。時刻を確かめてください。",
        ),
    ],
)
def test_a_bad_time_line_is_named_by_its_line(timing, message):
    text = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nはい。\n\n"
        f"2\n{timing}\nそうです。\n"
    )
    assert error_of(text.encode()) == f"8行目: {message}"


def test_an_empty_result_is_an_error_at_the_first_cue():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<b></b>\n\n"
        "00:00:03.000 --> 00:00:04.000\n&lrm;\n"
    )
    assert error_of(text) == (
        "3行目: 字幕を2個読みましたが、文が1つもありません。"
        "字幕の文が入ったファイルか確かめてください。"
    )


@pytest.mark.parametrize(
    ("name", "codec"), [("Shift_JIS", "cp932"), ("EUC-JP", "euc_jp")]
)
def test_legacy_japanese_encodings_are_named_at_their_first_japanese_line(name, codec):
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nデジタル庁です\r\n"
    assert error_of(text.encode(codec)) == (
        f"3行目: UTF-8 ではありません。{name} で保存されたファイルのようです。"
        f"UTF-8 で保存し直すか、文字コードに {codec} を指定してください。"
    )
    # Once the editor names it, the file reads.
    captions = parse_captions(text.encode(codec), encoding=codec)
    assert [s.text for s in captions.segments] == ["デジタル庁です"]


def test_stray_bytes_are_not_utf8_at_their_line():
    data = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok \xff\xfe here\n"
    assert error_of(data) == f"4行目: {NOT_UTF8}"


def test_a_cut_off_utf16_file_is_named():
    data = codecs.BOM_UTF16_LE + "WEBVTT\n\n00:00.000 --> 00:01.000\nはい".encode(
        "utf-16-le"
    )
    assert error_of(data + b"\x00\xd8") == (
        "4行目: UTF-16 の文字として読めないバイトがあります。"
        "ファイルが途中で切れていないか確かめ、UTF-8 で保存し直してください。"
    )


def test_an_unknown_encoding_name_is_refused():
    assert error_of(b"WEBVTT\n", encoding="sjiss") == (
        "1行目: 文字コード「sjiss」は知りません。例: utf-8、cp932"
    )


def test_cues_out_of_order_are_sorted_with_a_warning():
    text = (
        "WEBVTT\n\n00:00:10.000 --> 00:00:11.000\n二番目。\n\n"
        "00:00:01.000 --> 00:00:02.000\n一番目。\n\n"
        "00:00:20.000 --> 00:00:21.000\n三番目。\n\n"
        "00:00:15.000 --> 00:00:16.000\n割り込み。\n"
    )
    captions = parse_captions(text)
    assert [(s.start_seconds, s.text) for s in captions.segments] == [
        (1, "一番目。"),
        (10, "二番目。"),
        (15, "割り込み。"),
        (20, "三番目。"),
    ]
    assert [str(w) for w in captions.warnings] == [
        "6行目: 前の字幕より早い時刻に始まる字幕が2個あります（最初は00:00:01.000で、"
        "前の字幕は00:00:10.000）。時刻の順に並べ替えて読みました。"
    ]


def test_cues_past_the_talk_length_are_a_warning():
    text = (
        "WEBVTT\n\n00:11:00.000 --> 00:11:10.000\n最後に。\n\n"
        "00:11:20.000 --> 00:11:30.000\n別の動画？\n\n"
        "00:12:00.000 --> 00:12:01.000\n終わり。\n"
    )
    captions = parse_captions(text, duration_seconds=674)
    assert len(captions.segments) == 3
    assert [str(w) for w in captions.warnings] == [
        "6行目: 動画の長さ（11:14）より後の字幕が2個あります（最初は00:11:20.000）。"
        "別の動画の字幕ではないか確かめてください。"
    ]
    assert parse_captions(text, duration_seconds=720).warnings == ()


def test_problems_read_in_english_under_en():
    with pytest.raises(CaptionError) as caught:
        parse_captions("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nはい\n")
    with translation.override("en"):
        assert describe(caught.value.problem) == (
            "Line 3: This cue starts at 00:00:05.000 and ends earlier, at "
            "00:00:01.000. Check its times."
        )


def test_every_message_has_an_english_translation():
    from summaries.captions import messages

    templates = [v for k, v in vars(messages).items() if k.isupper()]
    assert len(templates) > 20
    with translation.override("en"):
        untranslated = [t for t in templates if translation.gettext(t) == t]
    assert untranslated == []


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_any_input_reads_or_fails_with_a_caption_error(data):
    for parse in (parse_captions, parse_chapters):
        try:
            parse(data, duration_seconds=60)
        except CaptionError as error:
            assert error.problem.line >= 1


CUE_PARTS = st.sampled_from(
    [
        "WEBVTT",
        "WEBVTT\nKind: captions\nLanguage: ja",
        "",
        " ",
        "1",
        "NOTE メモ",
        "STYLE",
        "00:00:01.000 --> 00:00:02.000",
        "00:01.000 --> 00:00.500 align:start position:0%",
        "01:02.5 --> 1:02:03,000",
        "00:00:0x,000 --> 00:00:01,000",
        "00:00 -> 00:01",
        "99999999999:59:59.999 --> 99999999999:59:59.999",
        "はい。",
        "宮坂：",
        "（拍手）",
        ">>",
        "&gt;&gt; Smith: hi",
        "<v.loud 浅沼>東京都<00:00:01.500><c>では</c>",
        "<ruby>字幕<rt>じまく",
        "0:00 はじめに",
        "【1:02:05】まとめ",
        "&#xFFFFFFFF; &#0; &nbsp;",
        "\x00\u2028\x85\x0c",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(CUE_PARTS, st.text(max_size=20)), max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_caption_shaped_input_reads_or_fails_with_a_caption_error(parts, newline):
    text = newline.join(parts)
    for parse in (parse_captions, parse_chapters):
        try:
            result = parse(text.encode("utf-8", "surrogatepass"))
        except CaptionError as error:
            assert error.problem.line >= 1
        else:
            items = getattr(result, "segments", None) or result.chapters
            for item in items:
                assert item.text.strip() and item.start_seconds >= 0
                assert "\x00" not in item.text and "\n" not in item.text
