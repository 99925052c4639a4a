"""YouTube's auto-generated captions: rolling two-line cues, 10 ms cues that
repeat the finished line, and word timings. Each phrase must come out once."""

import math

from summaries.captions import parse_captions
from tests.caption_samples import two_hour_lines, youtube_auto

# Four caption lines as YouTube's Japanese recogniser gives them: no
# punctuation, words timed, a pause of 3 s after the second line.
JAPANESE = [
    [(0.16, "皆さん"), (0.48, "こんにちは"), (1.12, "デジタル"), (1.6, "庁")],
    [(2.4, "ニュース"), (3.0, "の"), (3.2, "時間"), (3.6, "です")],
    [(7.2, "今日"), (7.5, "は"), (7.7, "東京都"), (8.3, "の")],
    [(9.0, "取り組み"), (9.6, "を"), (9.8, "伺います")],
]


def rows(captions):
    return [(s.start_seconds, s.text) for s in captions.segments]


def test_the_sample_has_the_shape_youtube_serves():
    text = youtube_auto(JAPANESE[:2])
    assert text == (
        "WEBVTT\n"
        "Kind: captions\n"
        "Language: ja\n"
        "\n"
        "00:00:00.160 --> 00:00:02.390 align:start position:0%\n"
        " \n"
        "皆さん<00:00:00.480><c>こんにちは</c><00:00:01.120><c>デジタル</c>"
        "<00:00:01.600><c>庁</c>\n"
        "\n"
        "00:00:02.390 --> 00:00:02.400 align:start position:0%\n"
        "皆さんこんにちはデジタル庁\n"
        " \n"
        "\n"
        "00:00:02.400 --> 00:00:05.600 align:start position:0%\n"
        "皆さんこんにちはデジタル庁\n"
        "ニュース<00:00:03.000><c>の</c><00:00:03.200><c>時間</c>"
        "<00:00:03.600><c>です</c>\n"
        "\n"
        "00:00:05.600 --> 00:00:05.610 align:start position:0%\n"
        "ニュースの時間です\n"
        " \n"
        "\n"
    )


def test_japanese_auto_captions_read_each_phrase_once_cut_at_the_pause():
    captions = parse_captions(youtube_auto(JAPANESE).encode())
    assert captions.auto_generated is True
    assert captions.cue_count == 8
    assert captions.language == "ja"
    # The second line's last word starts at 3.6 s and the next line at 7.2 s:
    # a pause, though the cues themselves leave no gap.
    assert rows(captions) == [
        (0, "皆さんこんにちはデジタル庁ニュースの時間です"),
        (7, "今日は東京都の取り組みを伺います"),
    ]
    assert [s.line for s in captions.segments] == [5, 21]


def test_english_auto_captions_keep_the_spaces_between_words():
    lines = [
        [(0.0, "welcome"), (0.4, " to"), (0.6, " the"), (0.9, " digital")],
        [(1.5, "agency"), (2.0, " news")],
    ]
    captions = parse_captions(youtube_auto(lines, language="en"))
    assert rows(captions) == [(0, "welcome to the digital agency news")]


def test_rolling_captions_without_word_timings_are_recognised():
    """yt-dlp's conversion to SRT keeps the rolling lines but loses the timings."""
    srt = []
    lines = ["皆さんこんにちは", "デジタル庁です", "今日は防災の話です", "よろしく"]
    previous, time, number = "", 0.0, 1
    for line in lines:
        for start, end, text in (
            (time, time + 2.0, f"{previous}\n{line}".strip()),
            (time + 2.0, time + 2.01, line),
        ):
            srt.append(f"{number}\n00:00:{start:06.3f} --> 00:00:{end:06.3f}\n{text}\n")
            number += 1
        previous, time = line, time + 2.01
    captions = parse_captions("\n".join(srt).replace(".", ","))
    assert captions.auto_generated is True
    assert rows(captions) == [
        (0, "皆さんこんにちはデジタル庁です今日は防災の話ですよろしく"),
    ]


def test_a_phrase_said_twice_in_a_row_stays_twice():
    lines = [
        [(0.0, "はい")],
        [(0.8, "はい")],
        [(1.6, "では"), (1.9, "始めます")],
    ]
    assert rows(parse_captions(youtube_auto(lines))) == [(0, "はいはいでは始めます")]


def test_sound_notes_of_auto_captions_are_kept_once():
    lines = [[(0.0, "[音楽]")], [(5.0, "はい"), (5.3, "それでは")]]
    assert rows(parse_captions(youtube_auto(lines))) == [
        (0, "[音楽]"),
        (5, "はいそれでは"),
    ]


def test_a_two_hour_auto_caption_file_reads_every_word_once_in_order():
    lines = two_hour_lines()
    captions = parse_captions(youtube_auto(lines).encode())
    assert 2900 <= captions.cue_count <= 3300
    assert captions.auto_generated is True
    spoken = "".join(word for line in lines for _, word in line)
    assert "".join(s.text for s in captions.segments) == spoken
    starts = [s.start_seconds for s in captions.segments]
    assert starts == sorted(starts)
    assert starts[0] == 0 and 7000 < starts[-1] < 7200
    assert max(len(s.text) for s in captions.segments) <= 80
    # A pause follows every eighth line: a segment starts after each one.
    after_pauses = {math.floor(lines[k][0][0]) for k in range(8, len(lines), 8)}
    assert after_pauses <= set(starts)
    assert len(after_pauses) < captions.segment_count < 3 * len(after_pauses)
