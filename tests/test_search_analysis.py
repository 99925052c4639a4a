"""The Japanese text analysis under search and suggestions (no database)."""

import threading

import pytest

from summaries.search.analysis import (
    compound_nouns,
    hiragana,
    index_terms,
    noun_phrases,
    query_keys,
    sentences,
    tokens,
    units,
)


def words(text):
    return [
        (word.surface, [unit.surface for unit in word.units]) for word in tokens(text)
    ]


def finds(query, text):
    """Whether every term of `query` stands in `text` as whole words or by
    reading (the matches the index adds to the bigrams)."""
    keys = index_terms(text)
    return all(
        term.word in keys or term.reading in keys for term in query_keys(query).terms
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京都", [("東京都", ["東京", "都"])]),
        ("京都", [("京都", ["京都"])]),
        ("京都府", [("京都府", ["京都", "府"])]),
        ("デジタル庁", [("デジタル庁", ["デジタル", "庁"])]),
        ("マイナンバーカード", [("マイナンバーカード", ["マイナンバー", "カード"])]),
        ("書かない窓口", [("書か", ["書か"]), ("ない", ["ない"]), ("窓口", ["窓口"])]),
        ("自治体DX", [("自治体", ["自治", "体"]), ("DX", ["DX"])]),
    ],
)
def test_words_are_sudachi_mode_c_and_units_mode_a(text, expected):
    assert words(text) == expected


def test_tokens_carry_folded_surface_normal_form_reading_and_offsets():
    text = "ＤＸの取組み、ｶﾀｶﾅ"
    found = [
        (t.surface, t.folded, t.normal, t.reading, t.begin, t.end) for t in tokens(text)
    ]
    assert found == [
        ("ＤＸ", "dx", "dx", "でぃーえっくす", 0, 2),
        ("の", "の", "の", "の", 2, 3),
        ("取組み", "取組み", "取り組み", "とりくみ", 3, 6),
        ("、", "、", "、", "", 6, 7),
        ("ｶﾀｶﾅ", "カタカナ", "片仮名", "かたかな", 7, 11),
    ]


def test_parts_of_speech_tell_nouns_from_the_rest():
    kinds = [(t.surface, t.kind) for t in tokens("東京都のデジタル化を進める")]
    assert kinds == [
        ("東京都", "proper"),
        ("の", "particle"),
        ("デジタル", "noun"),
        ("化", "suffix"),
        ("を", "particle"),
        ("進める", "verb"),
    ]
    assert [(u.surface, u.kind) for u in units("コロナ禍")] == [
        ("コロナ", "noun"),
        ("禍", "noun"),
    ]


@pytest.mark.parametrize(
    "variants", [("取組", "取り組み", "取組み"), ("問合せ", "問い合わせ", "問合わせ")]
)
def test_spelling_variants_share_one_normal_form(variants):
    # Context can change a word's reading of the text: 取組み after と reads
    # as the verb 取り組む; alone, as here, each is the noun.
    assert len({tokens(v)[0].normal for v in variants}) == 1


def test_readings_are_hiragana_whatever_the_script():
    assert hiragana("ギョウセイ") == "ぎょうせい"
    assert tokens("行政")[0].reading == "ぎょうせい"
    assert tokens("デジタル")[0].reading == "でじたる"
    assert tokens("ヴァイオリン")[0].reading.startswith("ゔ")


def test_surfaces_rebuild_the_text_even_past_sudachis_input_limit():
    # Sudachi refuses more than 49,149 bytes at once; 20,000 characters of
    # Japanese in one line are 60,000 bytes.
    text = "行政のデジタル化を進める。" * 1600 + "\n最後の行"
    found = tokens(text)
    assert "".join(t.surface for t in found) == text
    assert all(text[t.begin : t.end] == t.surface for t in found)
    assert found[-1].surface == "行"


def test_index_terms_of_a_word_and_its_units():
    assert index_terms("東京都") == {
        "n:東京",
        "n:都",
        "n:東京都",
        "r:とうきょう",
        "r:とうきょうと",
        "p:東京|都",
    }


def test_keys_never_hold_whitespace():
    keys = index_terms("Code for Japan の 取り組み　と GovTech東京\nデジタル 人材")
    assert keys and not any(any(ch.isspace() for ch in key) for key in keys)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("ぎょうせい", "行政の手続きを見直した"),
        ("ギョウセイ", "行政の手続きを見直した"),
        ("でじたる", "デジタル庁の発足"),
        ("でじたるちょう", "デジタル庁の発足"),
        ("とうきょうと", "東京都の取り組み"),
        ("取組", "防災の取り組みを紹介した"),
        ("取り組み", "防災の取組を紹介した"),
        ("問合せ", "問い合わせ窓口を一つにした"),
        ("京都", "京都府の観光データ"),
        ("京都", "京都市では"),
        ("マイナンバー", "マイナンバーカードの普及"),
        ("書かない窓口", "書かない窓口を始めた"),
        ("かかないまどぐち", "書かない窓口を始めた"),
        ("ＧｏｖＴｅｃｈ東京", "GovTech東京の設立"),
    ],
)
def test_a_query_finds_words_by_normal_form_and_reading(query, text):
    assert finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("京都", "東京都の取り組み"),  # a bigram match, but not a word of 東京都
        ("きょうと", "東京都の取り組み"),
        ("きょうと", "今日と明日"),  # a reading across a particle is not a word
        ("東京都", "京都と東京"),
        ("書かない窓口", "書く窓口"),
        ("すすめる", "改革を進める"),  # reading keys end on nouns only
    ],
)
def test_a_word_inside_a_longer_word_is_not_a_whole_word(query, text):
    assert not finds(query, text)


def test_short_readings_are_not_matched():
    # かい reads 会, 回, 階, 界...: too many words to be a useful match.
    assert query_keys("かい").terms[0].reading == ""
    assert query_keys("ぎょうせい").terms[0].reading == "r:ぎょうせい"
    assert query_keys("行政").terms[0].reading == ""


def test_neighbouring_query_terms_make_a_pair_key():
    keys = query_keys("デジタル 人材")
    assert keys.pairs == ("p:デジタル|人材",)
    assert keys.pairs[0] in index_terms("デジタル人材の育成")
    assert keys.pairs[0] in index_terms("デジタルの人材を育てる")
    assert keys.pairs[0] not in index_terms("デジタル技術と人材")
    assert keys.pairs[0] not in index_terms("デジタル。人材")


def test_a_term_longer_than_the_spans_has_no_word_key():
    long_term = query_keys("ガバメントクラウド移行計画策定支援").terms[0]
    assert long_term.word == ""
    assert query_keys("の東京").terms[0].word == ""  # a particle at the edge


def test_compound_nouns_join_neighbouring_nouns():
    text = (
        "デジタル人材の育成と、マイナンバーカードの普及。各自治体がデジタル化を進める。"
    )
    assert [p.text for p in compound_nouns(text)] == [
        "デジタル人材",
        "各自治体",
        "デジタル化",
    ]
    assert [p.text for p in noun_phrases(text)] == [
        "デジタル人材",
        "育成",
        "マイナンバーカード",
        "普及",
        "各自治体",
        "デジタル化",
    ]


def test_numbers_and_symbols_end_a_noun_phrase():
    assert [p.text for p in noun_phrases("FAX使用率98%減少の件")] == [
        "FAX使用率",
        "減少",
        "件",
    ]


def test_sentences_split_at_ends_but_not_inside_quotes():
    text = (
        "窓口を見直した。「書かない。行かない。」と話した！\n"
        "効果は3.5倍になった？ Next step. 次へ"
    )
    assert [(s.text, s.begin) for s in sentences(text)] == [
        ("窓口を見直した。", 0),
        ("「書かない。行かない。」と話した！", 8),
        ("効果は3.5倍になった？", 26),
        ("Next step.", 39),
        ("次へ", 50),
    ]


def test_threads_share_the_dictionary_and_get_the_same_answers():
    texts = [
        f"第{n}回の会議で、東京都のデジタル化と書かない窓口を議論した。"
        for n in range(40)
    ]
    expected = [index_terms(text) for text in texts]
    results, errors = {}, []

    def work(name):
        try:
            results[name] = [index_terms(text) for text in texts]
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(found == expected for found in results.values())
