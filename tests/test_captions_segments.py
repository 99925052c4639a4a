"""Cues -> readable segments: joining as Japanese is written, where segments
end, and speaker labels (no database)."""

import pytest

from summaries.captions import (
    MAX_CHARACTERS,
    MAX_SECONDS,
    SILENCE_SECONDS,
    parse_captions,
)
from tests.caption_samples import clock


def webvtt(*cues):
    """A WebVTT file of (start, end, text) cues; text may hold line breaks."""
    blocks = [f"{clock(start)} --> {clock(end)}\n{text}" for start, end, text in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def rows(*cues):
    return [(s.start_seconds, s.text) for s in parse_captions(webvtt(*cues)).segments]


def test_the_thresholds_are_the_documented_ones():
    assert (SILENCE_SECONDS, MAX_CHARACTERS, MAX_SECONDS) == (1.5, 80, 20)


def test_lines_join_without_spaces_between_japanese_and_with_spaces_between_words():
    assert rows(
        (0, 2, "デジタル\n庁の"),
        (2, 4, "DX は\nGovTech\n東京と"),
        (4, 6, "open\ndata\nで進めます。"),
    ) == [(0, "デジタル庁のDX はGovTech東京とopen dataで進めます。")]


def test_full_width_letters_count_as_japanese_when_joining():
    assert rows((0, 2, "ＤＸ\n推進"), (2, 3, "ＡＩ\nＧＸ")) == [(0, "ＤＸ推進ＡＩＧＸ")]


def test_a_sentence_end_ends_the_segment():
    assert rows(
        (0, 1, "はい。"),
        (1, 2, "そうですね！"),
        (2, 3, "本当に？"),
        (3, 4, "Really?"),
        (4, 5, "Yes!"),
        (5, 6, "次"),
    ) == [
        (0, "はい。"),
        (1, "そうですね！"),
        (2, "本当に？"),
        (3, "Really?"),
        (4, "Yes!"),
        (5, "次"),
    ]


def test_sentence_ends_inside_a_cue_split_it_but_quotes_stay_whole():
    assert rows(
        (10, 14, "はい。では始めます。「本当？」と聞かれました。最後"),
        (14, 15, "です"),
        (17, 18, "Yahoo!JAPAN と https://example.jp/?q=1 です。"),
    ) == [
        (10, "はい。"),
        (10, "では始めます。"),
        (10, "「本当？」と聞かれました。"),
        (10, "最後です"),
        (17, "Yahoo!JAPAN と https://example.jp/?q=1 です。"),
    ]


def test_a_closing_quote_after_the_sentence_end_ends_the_segment():
    assert rows((0, 1, "「ありがとう。」"), (1, 2, "次へ")) == [
        (0, "「ありがとう。」"),
        (1, "次へ"),
    ]


@pytest.mark.parametrize(
    ("next_start", "expected"),
    [
        (3.49, [(1, "東京都のDXについて話します")]),
        (3.5, [(1, "東京都のDX"), (3, "について話します")]),
    ],
)
def test_a_silence_of_a_second_and_a_half_ends_the_segment(next_start, expected):
    assert rows((1, 2, "東京都のDX"), (next_start, 5, "について話します")) == expected


def test_overlapping_cues_are_no_silence():
    assert rows((0, 5, "長く話す"), (2, 3, "相づち"), (5.5, 6, "続き")) == [
        (0, "長く話す相づち続き")
    ]


def test_eighty_characters_bound_a_segment():
    ten = "あいうえおかきくけこ"
    cues = [(k, k + 1, ten) for k in range(10)]
    assert rows(*cues) == [(0, ten * 8), (8, ten * 2)]


def test_twenty_seconds_bound_a_segment():
    cues = [(k * 2, k * 2 + 2, "話") for k in range(15)]
    assert rows(*cues) == [(0, "話" * 10), (20, "話" * 5)]


def test_one_long_cue_stays_whole():
    long = "長" * 120
    assert rows((0, 30, long)) == [(0, long)]


@pytest.mark.parametrize(
    "line",
    [
        "宮坂：本日はよろしくお願いします",
        "宮坂:本日はよろしくお願いします",
        "宮坂 : 本日はよろしくお願いします",
        "（宮坂）本日はよろしくお願いします",
        "(宮坂) 本日はよろしくお願いします",
        "<v 宮坂>本日はよろしくお願いします",
        "<v.loud 宮坂>本日はよろしくお願いします</v>",
        ">> 宮坂: 本日はよろしくお願いします",
        "&gt;&gt; 宮坂：本日はよろしくお願いします",
    ],
)
def test_speaker_labels_start_a_segment_in_one_form(line):
    assert rows((0, 2, "前の話の"), (2, 4, line), (4, 5, "続き")) == [
        (0, "前の話の"),
        (2, "宮坂：本日はよろしくお願いします続き"),
    ]


def test_a_bare_change_of_speaker_starts_a_segment_without_a_label():
    assert rows((0, 2, "質問は"), (2, 4, ">> はい"), (4, 5, ">>"), (5, 6, "次")) == [
        (0, "質問は"),
        (2, "はい"),
        (5, "次"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "時刻は10:30です",
        "URL: https://www.digital.go.jp/",
        "https://www.digital.go.jp/",
        "（拍手）",
        "(笑)",
        "(Applause)",
        "第2部：質疑応答",
        "ここで 質問: どうぞ",
    ],
)
def test_ordinary_text_with_a_colon_or_brackets_is_no_label(line):
    assert rows((0, 2, "話の"), (2, 3, line)) == [(0, f"話の{line}")]


def test_a_label_alone_on_its_line_names_the_lines_after_it():
    assert rows((0, 2, "前"), (2, 4, "浅沼：\n東京都では\n")) == [
        (0, "前"),
        (2, "浅沼：東京都では"),
    ]


def test_two_speakers_in_one_cue_make_two_segments():
    assert rows((5, 7, "宮坂：どうですか\n浅沼：順調です")) == [
        (5, "宮坂：どうですか"),
        (5, "浅沼：順調です"),
    ]


def test_a_voice_on_every_cue_labels_only_where_it_changes():
    assert rows(
        (0, 2, "<v 宮坂>まず"),
        (2, 4, "<v 宮坂>東京都の"),
        (4, 6, "<v 浅沼>はい"),
        (6, 8, "<v 宮坂>では"),
    ) == [(0, "宮坂：まず東京都の"), (4, "浅沼：はい"), (6, "宮坂：では")]


def test_a_written_label_repeated_by_the_same_speaker_still_starts_a_segment():
    """A label typed into the text is the writer's choice and is kept."""
    assert rows((0, 2, "宮坂：まず"), (2, 4, "宮坂：次に")) == [
        (0, "宮坂：まず"),
        (2, "宮坂：次に"),
    ]


def test_a_label_with_latin_name_takes_the_same_form():
    assert rows((0, 2, "Smith: Hello there"), (2, 3, "everyone")) == [
        (0, "Smith：Hello there everyone")
    ]
