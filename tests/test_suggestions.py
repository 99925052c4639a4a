"""Suggestions for editors: tags, keywords and highlights (no database)."""

import random
from pathlib import Path

import pytest

from summaries.generated import QUESTIONS, TAGS, TITLES, Writer
from summaries.search.highlights import suggest_highlights, transcript_sentences
from summaries.search.suggestions import (
    document_frequencies,
    suggest_keywords,
    suggest_tags,
    talk_fields,
)
from summaries.summary_format import parse
from tests.summary_samples import SEED_TAGS, SEED_TEXT

BACKGROUND = Path(__file__).parent / "data" / "dx_background.txt"


def handwritten():
    """The short made-up texts about public-sector DX, one per paragraph."""
    text = BACKGROUND.read_text(encoding="utf-8")
    return [
        part.strip()
        for part in text.split("\n\n")
        if part.strip() and not part.startswith("#")
    ]


def generated(count, seed=3):
    """Talk texts as `manage.py generate_talks` writes them."""
    rng = random.Random(seed)
    writer = Writer(rng)
    texts = []
    for _ in range(count):
        writer.about()
        lines = [writer.fill(rng.choice(TITLES)), writer.sentences(4, 6)]
        lines += [writer.sentence() for _ in range(8)]
        lines += [writer.fill(rng.choice(QUESTIONS)) + writer.sentences(2, 4)]
        texts.append("\n".join(lines))
    return texts


@pytest.fixture(scope="module")
def corpus():
    return document_frequencies(handwritten() + generated(100))


@pytest.fixture(scope="module")
def seed_fields():
    """The seed's TL;DR, takeaways and Q&A (not its title), as the goal asks."""
    talk = parse(SEED_TEXT).talk
    return talk_fields(
        tldr=talk.tldr,
        takeaways=[item.text for item in talk.takeaways],
        questions=[(item.text, item.answer) for item in talk.questions],
    )


def recovered(suggestions):
    return {s.text for s in suggestions} & set(SEED_TAGS)


def test_seed_tags_recovered_from_its_text_without_the_vocabulary(corpus, seed_fields):
    df, documents = corpus
    suggestions = suggest_tags(seed_fields, existing=(), df=df, documents=documents)
    assert len(suggestions) == 15
    assert not any(s.existing for s in suggestions)
    # What the text supports: the subjects it names again and again, and
    # 市民ニーズ, said only as 市民のニーズ.
    assert recovered(suggestions) == {
        "デジタル改革",
        "東京都",
        "デジタル庁",
        "デジタル化",
        "GovTech東京",
        "DXアワード",
        "市民ニーズ",
    }


@pytest.mark.xfail(
    strict=True,
    reason="issue 16 asks 8 of 11; the text supports 7, and 6 once the other "
    "tags found in it come first (see the report): DX, コロナ and "
    "デザインオフィサー occur only inside longer words (DX in every tenth talk "
    "of the corpus besides), チャレンジ once",
)
def test_seed_tags_goal_of_issue_16(corpus, seed_fields):
    # As the issue sets it: the seed's own tags removed, the rest of the
    # vocabulary kept (`make bench` reports the same figure).
    df, documents = corpus
    vocabulary = [name for name in TAGS if name not in SEED_TAGS]
    suggestions = suggest_tags(seed_fields, vocabulary, df, documents)
    assert len(recovered(suggestions)) >= 8


def test_existing_tags_come_first_and_only_as_whole_words(corpus, seed_fields):
    df, documents = corpus
    vocabulary = [name for name in TAGS if name not in SEED_TAGS]
    suggestions = suggest_tags(seed_fields, vocabulary, df, documents)
    existing = [s.text for s in suggestions if s.existing]
    assert set(existing) == {"KPI", "防災", "デザイン", "ユーザーテスト", "働き方"}
    assert [s.existing for s in suggestions[: len(existing)]] == [True] * len(existing)
    # 自治体DX and 地域DX are tags, but the text only has DX inside DXアワード.
    assert "自治体DX" not in existing and "地域DX" not in existing


def test_an_existing_tag_is_matched_by_folded_and_normal_form():
    fields = [("京都府と東京都の問合せ窓口。ｄｘの取組を紹介。", 1)]
    existing = ["京都", "問い合わせ", "DX", "取り組み", "大阪府"]
    found = [s.text for s in suggest_tags(fields, existing) if s.existing]
    assert sorted(found) == ["DX", "京都", "取り組み", "問い合わせ"]
    # 京都 stands in 京都府 as a word; in 東京都 it would not.
    assert suggest_tags([("東京都の窓口", 1)], ["京都"])[0].text != "京都"


def test_a_candidate_that_is_an_existing_tag_is_offered_once():
    fields = [("デジタル人材の育成。デジタル人材を増やす。", 1)]
    texts = [s.text for s in suggest_tags(fields, ["ﾃﾞｼﾞﾀﾙ人材"])]
    assert texts[0] == "ﾃﾞｼﾞﾀﾙ人材"
    assert "デジタル人材" not in texts


def test_a_of_b_is_offered_as_the_compound_it_names():
    fields = [("市民のニーズを聞く。市民のニーズに応える。デジタル庁の設立を語る。", 1)]
    texts = [s.text for s in suggest_tags(fields)]
    assert "市民ニーズ" in texts[:3]
    # An act stays an act: the founding of the agency is no subject of its own.
    assert "デジタル庁設立" not in texts
    # Nor is a long phrase glued to another (more than MAX_UNITS units).
    long = [("国際的なデジタル人材育成基盤の強化が課題だ。", 1)]
    assert not any("の" in s.text or "基盤強化" in s.text for s in suggest_tags(long))


def test_people_and_acts_are_not_offered_as_tags():
    fields = [("山田太郎さんが窓口改革を説明した。窓口改革の成果を説明した。", 1)]
    texts = [s.text for s in suggest_tags(fields)]
    assert texts[0] == "窓口改革"
    assert not any("山田" in text for text in texts)
    assert "説明" not in texts  # 説明した: a verbal noun used as a verb


def test_keywords_are_noun_phrases_ranked_against_the_corpus():
    corpus = [
        "窓口の取り組みを紹介した。",
        "防災の取り組みを紹介した。",
        "子育ての取り組みを紹介した。",
    ]
    df, documents = document_frequencies(corpus)
    fields = [
        ("書かない窓口の取り組み。書かない窓口で待ち時間が減った。", 1),
        ("取り組みの中心はデジタル人材だ。", 1),
    ]
    keywords = [s.text for s in suggest_keywords(fields, df, documents)]
    # 取り組み is said as often as 窓口, but every talk of the corpus says it.
    assert keywords[:2] == ["窓口", "デジタル人材"]
    assert keywords.index("取り組み") > keywords.index("デジタル人材")
    assert df["取り組み"] == 3 and documents == 3


TRANSCRIPT = [
    (0, "皆さんこんにちは。今日はよろしくお願いします。"),
    (5, "私たちの市では書かない窓口を導入し、"),
    (9, "住民が申請書を書かずに手続きできるようにしました。"),
    (15, "書かない窓口の導入で、窓口の待ち時間は半分になりました。"),
    (22, "昨日は雨でしたね。"),
    (26, "窓口の職員は、住民の手続きを聞き取って入力するだけです。"),
    (31, "住民の待ち時間が減り、職員の入力の誤りも減りました。"),
    (38, "次は電子申請とつなげて、窓口に来なくても手続きできるようにします。"),
    (45, "ありがとうございました。"),
]


def test_highlights_are_the_most_central_sentences_with_their_start():
    highlights = suggest_highlights(TRANSCRIPT, limit=3)
    assert [(h.start_seconds, h.text) for h in highlights] == [
        (
            5,
            "私たちの市では書かない窓口を導入し、住民が申請書を書かずに手続きできるようにしました。",
        ),
        (15, "書かない窓口の導入で、窓口の待ち時間は半分になりました。"),
        (26, "窓口の職員は、住民の手続きを聞き取って入力するだけです。"),
    ]
    texts = [h.text for h in suggest_highlights(TRANSCRIPT, limit=10)]
    assert "昨日は雨でしたね。" not in texts  # too short to quote
    assert "ありがとうございました。" not in texts


def test_captions_without_punctuation_are_cut_at_segment_ends():
    lines = [
        "今日は書かない窓口の話をします",
        "住民が窓口で申請書を書かなくてよい仕組みです",
    ]
    segments = [(4 * n, lines[n % 2]) for n in range(10)]  # 185 characters
    found = transcript_sentences(segments)
    assert found == [(0, "".join(lines) * 4), (32, "".join(lines))]


def test_no_highlight_from_an_empty_transcript():
    assert suggest_highlights([]) == []
    assert suggest_highlights([(0, "はい。")]) == []


def test_a_long_compound_is_one_keyword():
    fields = [("ガバメントクラウド移行計画策定支援を始めた。", 1)]
    assert [s.text for s in suggest_keywords(fields)] == [
        "ガバメントクラウド移行計画策定支援"
    ]
