"""The summary text format on its own: text -> TalkData -> text, no database."""

import datetime as dt
from decimal import Decimal

import pytest

from summaries.summary_format import (
    SummaryError,
    TakeawayData,
    TimedData,
    decode,
    parse,
    render,
)
from tests.summary_samples import FULL, REFUSALS, SEED_BYTES, SEED_TAGS, SEED_TEXT


def error_of(text, known_tags=()):
    with pytest.raises(SummaryError) as caught:
        parse(text, known_tags)
    return str(caught.value.problem)


def test_the_seed_reads_completely():
    parsed = parse(SEED_TEXT, SEED_TAGS)
    talk = parsed.talk
    assert talk.title == (
        "デジタル監から東京都副知事に3つの質問「都のDX」"
        "「ユーザー視点」「キャリア改革」"
    )
    assert talk.channel == "デジタル庁ニュース"
    assert talk.video_date == dt.date(2024, 6, 5)
    assert talk.duration_seconds == 11 * 60 + 14
    assert talk.video_url == ""
    assert talk.tldr.startswith("東京都のデジタル改革を進める中で遭遇した課題")
    assert talk.tldr.endswith("防災分野の取り組みも紹介しました。")
    assert len(talk.takeaways) == 11 and len(talk.questions) == 11
    assert talk.takeaways[0] == TakeawayData("🌟", talk.takeaways[0].text)
    # Two code points whose joiner was lost on the source page: kept as they are.
    assert talk.takeaways[10].emoji == "\U0001f468\U0001f4bc"
    assert talk.questions[10].answer.endswith("一貫性をもって防災に貢献する予定です。")
    # The five locked sections hold nothing.
    assert talk.outline == talk.keywords == talk.highlights == talk.transcript == ()
    assert list(talk.tags) == SEED_TAGS
    # "5.0 / 5 (0 votes)" is no figure at all, and the editor is told why.
    assert talk.source_rating is None and talk.source_rating_count is None
    assert [str(w) for w in parsed.warnings] == [
        "111行目: 転記元の評価は投票0件のものなので記録しません。"
    ]


def test_every_part_of_a_full_summary_reads():
    talk = parse(FULL).talk
    assert talk.video_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert talk.duration_seconds == 3725
    assert [(t.emoji, t.text) for t in talk.takeaways] == [
        ("🚒", "避難所の状況をリアルタイムで共有した。"),
        ("👩\u200d💻", "職員が自らノーコードで道具を作った。"),
    ]
    assert [(q.text, q.answer) for q in talk.questions] == [
        ("何から始めましたか?", "紙の様式を減らすことから始めました。")
    ]
    assert talk.outline == (
        TimedData(0, "はじめに"),
        TimedData(750, "避難所の見える化"),
    )
    assert [k.text for k in talk.keywords] == ["防災", "ノーコード"]
    assert talk.highlights == (TimedData(310, "「紙をやめると決めた日」"),)
    assert talk.transcript[-1] == TimedData(3600, "ご清聴ありがとうございました。")
    assert talk.source_rating == Decimal("4.5") and talk.source_rating_count == 12
    assert talk.tags == ("防災", "自治体DX", "ノーコード")
    assert talk.takeaways[1].line == 15  # items remember where they were read


def test_render_lays_a_talk_out_as_the_format_does():
    assert render(parse(FULL).talk) == FULL


def test_render_then_parse_gives_the_seed_back():
    talk = parse(SEED_TEXT, SEED_TAGS).talk
    text = render(talk)
    assert parse(text).talk == talk  # separated by 、: no known tags needed
    assert render(parse(text).talk) == text
    assert "関連タグ\nデジタル改革、東京都、デジタル庁、DX、" in text
    assert "Outlines" not in text and "Rate This" not in text  # nothing to say


# Accepted variations: each reads exactly as the original does.


def windows(text):
    return text.replace("\n", "\r\n")


def no_blank_lines(text):
    return "\n".join(line for line in text.split("\n") if line.strip())


def extra_blank_lines(text):
    return text.replace("\n", "\n\n\n")


def trailing_spaces(text):
    return "\n".join(f"{line} \t　" for line in text.split("\n"))


def full_width_indent(text):
    return text.replace("  • ", "　　• ").replace("    -", "　　　　-")


@pytest.mark.parametrize(
    "variation",
    [windows, no_blank_lines, extra_blank_lines, trailing_spaces, full_width_indent],
)
@pytest.mark.parametrize("original", ["seed", "full"])
def test_layout_variations_read_the_same(variation, original):
    text, tags = (SEED_TEXT, SEED_TAGS) if original == "seed" else (FULL, ())
    assert parse(variation(text), tags).talk == parse(text, tags).talk


def test_a_byte_order_mark_is_ignored():
    text = decode(b"\xef\xbb\xbf" + SEED_BYTES)
    assert parse(text, SEED_TAGS).talk == parse(SEED_TEXT, SEED_TAGS).talk


def test_length_with_hours_and_a_video_address():
    text = SEED_TEXT.replace(
        "5 Jun 202411:14", "5 Jun 20241:02:05\nhttps://youtu.be/dQw4w9WgXcQ"
    )
    talk = parse(text, SEED_TAGS).talk
    assert talk.duration_seconds == 3725
    assert talk.video_url == "https://youtu.be/dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "emoji",
    [
        "👨‍👩‍👧‍👦",  # a family: four people joined by zero-width joiners
        "🇯🇵",  # a flag: two regional indicators
        "1️⃣",  # a keycap: digit, variation selector, enclosing keycap
        "👍🏽",  # a skin tone
        "❤️",  # a variation selector
        "🏳️‍🌈",
    ],
)
def test_emoji_of_several_code_points_are_kept_exactly(emoji):
    text = FULL.replace("🚒", emoji)
    talk = parse(text).talk
    assert talk.takeaways[0].emoji == emoji
    assert talk.takeaways[0].text == "避難所の状況をリアルタイムで共有した。"
    assert render(talk) == text


def test_a_takeaway_without_an_emoji_has_an_empty_one():
    talk = parse(FULL.replace("• 🚒 避難所", "• 避難所")).talk
    assert talk.takeaways[0] == TakeawayData(
        "", "避難所の状況をリアルタイムで共有した。"
    )


def test_headings_may_vary_in_case_width_and_spacing():
    text = FULL.replace("Q & A", "Q&A").replace("Takeaways", "TAKEAWAYS")
    assert parse(text).talk == parse(FULL).talk
    assert parse(FULL.replace("Q & A", "Ｑ＆Ａ")).talk == parse(FULL).talk


def test_full_width_digits_in_the_date_and_times_are_read():
    text = FULL.replace("12 Mar 20241:02:05", "１２ Mar ２０２４1：02：05")
    assert parse(text.replace("  12:30", "  １２：３０")).talk == parse(FULL).talk


def test_sections_may_come_in_another_order():
    keywords = "Keywords\n\n  • 防災\n\n  • ノーコード\n\n"
    text = FULL.replace(keywords, "")
    text = text.replace("Summary\n", keywords + "Summary\n")
    assert parse(text).talk == parse(FULL).talk


def test_a_filled_mindmap_is_ignored_with_a_warning():
    text = FULL.replace("Keywords\n", "Mindmap\n\n  防災DX\n    避難所\n\nKeywords\n")
    parsed = parse(text)
    assert parsed.talk == parse(FULL).talk
    assert [str(w) for w in parsed.warnings] == [
        "29行目: マインドマップ（2行）は取り込みません。"
        "当サイトのマインドマップは講演の構成から自動で描かれます。"
    ]


def test_times_past_the_end_or_out_of_order_are_warned_about():
    text = FULL.replace("  12:30 避難所", "  1:10:00 避難所").replace(
        "  05:10", "  1:30:00"
    )
    warnings = [str(w) for w in parse(text).warnings]
    assert warnings == [
        "27行目: 時刻 1:10:00 が動画の長さ 1:02:05 を超えています。",
        "37行目: 時刻 1:30:00 が動画の長さ 1:02:05 を超えています。",
    ]
    text = FULL.replace("  00:00 はじめに", "  20:00 はじめに")
    assert [str(w) for w in parse(text).warnings] == [
        "27行目: 時刻 12:30 が前の行の 20:00 より前です。"
    ]


def test_a_rating_without_votes_is_kept_without_a_count():
    talk = parse(FULL.replace("4.5 / 5 (12 votes)", "4.0 / 5")).talk
    assert (talk.source_rating, talk.source_rating_count) == (Decimal("4.0"), None)
    assert "4.0 / 5\n" in render(talk)
    talk = parse(FULL.replace("(12 votes)", "(1 vote)")).talk
    assert talk.source_rating_count == 1


# Tags.


@pytest.mark.parametrize(
    "line",
    [
        "防災、自治体DX、ノーコード",
        "防災,自治体DX, ノーコード",
        "防災 自治体DX　ノーコード",
        "#防災 #自治体DX #ノーコード",
        "#防災#自治体DX#ノーコード",
        "防災、 #自治体DX、ノーコード、",
        "防災自治体DXノーコード",  # run together: cut by the tags the site knows
    ],
)
def test_tag_lines(line):
    parsed = parse(
        FULL.replace("防災、自治体DX、ノーコード", line),
        ["防災", "自治体DX", "ノーコード"],
    )
    assert parsed.talk.tags == ("防災", "自治体DX", "ノーコード")
    assert parsed.warnings == ()


def test_a_tag_may_be_a_word_the_format_uses():
    talk = parse(FULL.replace("防災、自治体DX、ノーコード", "plate")).talk
    assert talk.tags == ("plate",)
    talk = parse(FULL.replace("防災、自治体DX、ノーコード", "Q&A、")).talk
    assert talk.tags == ("Q&A",)
    assert "関連タグ\nQ&A、\n" in render(talk)


def test_a_title_and_channel_may_be_anything_on_their_lines():
    text = FULL.replace("防災DXの最前線 〜自治体の挑戦〜", "Summary").replace(
        "自治体DXチャンネル", "1 Jan 20201:00"
    )
    talk = parse(text).talk
    assert (talk.title, talk.channel) == ("Summary", "1 Jan 20201:00")


def test_with_commas_a_tag_may_hold_a_space():
    talk = parse(FULL.replace("防災、自治体DX、ノーコード", "Open Data、防災")).talk
    assert talk.tags == ("Open Data", "防災")
    single = parse(
        render(parse(FULL.replace("防災、自治体DX、ノーコード", "Open Data")).talk)
    ).talk
    assert single.tags == ("Open", "Data")  # without a comma, spaces separate…
    text = render(parse(FULL.replace("防災、自治体DX、ノーコード", "Open Data、")).talk)
    assert (
        "関連タグ\nOpen Data、\n" in text
    )  # …so a lone spaced tag is written with one
    assert parse(text).talk.tags == ("Open Data",)


def test_run_together_tags_prefer_the_longest_known_tag():
    known = ["DX", "DXアワード", "アワード", "東京都"]
    talk = parse(
        FULL.replace("防災、自治体DX、ノーコード", "東京都DXアワードDX"), known
    ).talk
    assert talk.tags == ("東京都", "DXアワード", "DX")


def test_run_together_tags_match_regardless_of_width_and_case():
    talk = parse(
        FULL.replace("防災、自治体DX、ノーコード", "ＤＸgovtech東京"),
        ["DX", "GovTech東京"],
    ).talk
    assert talk.tags == ("ＤＸ", "govtech東京")  # as written; the importer finds DX


def test_what_cannot_be_cut_is_kept_as_one_tag_with_a_warning():
    parsed = parse(
        FULL.replace("防災、自治体DX、ノーコード", "東京都防災訓練DX"), ["東京都", "DX"]
    )
    assert parsed.talk.tags == ("東京都", "防災訓練", "DX")
    assert [str(w) for w in parsed.warnings] == [
        "50行目: タグ「防災訓練」は既存のタグで分けられなかったので、"
        "1つのタグとして取り込みます。複数のタグなら「、」で区切ってください。"
    ]


def test_the_seed_tags_on_a_site_that_knows_none_are_one_tag_and_a_warning():
    parsed = parse(SEED_TEXT)
    assert parsed.talk.tags == ("".join(SEED_TAGS),)
    assert "114行目: タグ「デジタル改革東京都" in str(parsed.warnings[-1])


def test_repeated_tags_become_one_with_a_warning():
    parsed = parse(FULL.replace("防災、自治体DX、ノーコード", "DX、防災、ＤＸ"))
    assert parsed.talk.tags == ("DX", "防災")
    assert [str(w) for w in parsed.warnings] == [
        "50行目: タグ「ＤＸ」は「DX」と同じタグなので、1つにしました。"
    ]


# Refusals: each names its line and says what belongs there.


@pytest.mark.parametrize("name", REFUSALS)
def test_refusals_name_the_line_and_what_belongs_there(name):
    text, message = REFUSALS[name]
    assert error_of(text) == message


def test_a_shift_jis_file_is_named_and_readable_when_asked():
    # Shift_JIS has neither emoji nor "•": a Windows editor writes "・".
    text = FULL.replace("🚒 ", "").replace("👩\u200d💻 ", "").replace("•", "・")
    text = text.replace("〜", "：")  # cp932 reads 〜 back as ～ (the wave-dash mapping)
    data = text.encode("cp932")
    with pytest.raises(SummaryError) as caught:
        decode(data)
    assert str(caught.value.problem) == (
        "1行目: UTF-8 ではありません。Shift_JIS で保存されたファイルのようです。"
        "UTF-8 で保存し直すか、文字コードに cp932 を指定してください。"
    )
    assert parse(decode(data, "cp932")).talk == parse(text).talk


def test_other_non_utf8_files_are_refused_with_the_line_of_the_first_bad_byte():
    data = FULL.encode().replace("はじめに".encode(), b"\xff\xfe\xfd")
    with pytest.raises(SummaryError) as caught:
        decode(data)
    assert str(caught.value.problem) == (
        "25行目: UTF-8 の文字として読めないバイトがあります。"
        "UTF-8 で保存し直してください。"
    )
    with pytest.raises(SummaryError) as caught:
        decode(FULL.encode("utf-16"))
    assert "UTF-16 で保存されたファイルです。" in str(caught.value.problem)
    with pytest.raises(SummaryError) as caught:
        decode(b"\xef\xbb\xbf  \r\n")
    assert str(caught.value.problem) == (
        "1行目: ファイルが空です。要約ページの本文を貼り付けてください。"
    )
    with pytest.raises(SummaryError) as caught:
        decode(FULL.encode(), "klingon")
    assert "文字コード「klingon」は知りません。" in str(caught.value.problem)
