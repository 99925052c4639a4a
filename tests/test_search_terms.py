"""The rules of matching, without a database: terms, tokens, snippets."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summaries.search.query import Query
from summaries.search.snippets import (
    fold_by_cluster,
    fold_with_spans,
    highlight,
    snippet,
)
from summaries.search.tokens import fold, lexemes, split_terms, token_stream


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("防災", ["防災"]),
        ("書かない窓口", ["書かない窓口"]),
        ("デジタル 人材", ["デジタル", "人材"]),
        ("デジタル　人材", ["デジタル", "人材"]),  # full-width space
        ("ＦＡＸ", ["fax"]),
        ("FAX", ["fax"]),
        ("ｶﾀｶﾅ", ["カタカナ"]),
        ("ｶﾞｲﾄﾞ", ["ガイド"]),
        ("東京 東京都", ["東京都"]),  # the shorter adds nothing
        ("co-op", ["co", "op"]),
        ('"NEAR" AND *', ["near", "and"]),
        ("%_\\", []),
    ],
)
def test_query_terms(query, terms):
    assert split_terms(query) == terms


def test_control_characters_and_nul_are_not_searched():
    query = Query.parse("防\x00災")
    assert query.text == "防 災"
    assert sorted(query.terms) == sorted(["防", "災"])


def test_overlong_query_is_refused_with_a_message():
    query = Query.parse("あ" * 2000)
    assert not query
    assert "検索語が長すぎます（2000文字）。200文字以内にして" in query.error


def test_query_of_symbols_only_is_refused_with_a_message():
    query = Query.parse("%%% ***")
    assert not query
    assert query.error.startswith("検索できる文字がありません。")


def test_empty_query_is_no_search_and_no_error():
    assert Query.parse("  　 ").text == ""
    assert Query.parse(None).error == ""


def _phrase_found(stream, term):
    """What FTS5 does with a phrase of bigrams: consecutive tokens."""
    tokens = stream.split()
    wanted = [term[i : i + 2] for i in range(len(term) - 1)]
    return any(tokens[i : i + len(wanted)] == wanted for i in range(len(tokens) + 1))


alphabet = st.sampled_from(list("都庁防災窓口ab1 、。・-ＦＡ　\n"))


@given(
    text=st.text(alphabet, max_size=40), term=st.text(alphabet, min_size=2, max_size=5)
)
def test_bigram_phrase_matches_exactly_the_texts_containing_the_term(text, term):
    folded = fold(text)
    for run in split_terms(term):
        if len(run) < 2:
            continue
        assert _phrase_found(token_stream(folded), run) == (run in folded)
        # PostgreSQL keeps the lexemes only: each bigram of the term is there.
        if run in folded:
            assert {run[i : i + 2] for i in range(len(run) - 1)} <= lexemes(folded)


def test_token_stream_keeps_runs_apart():
    # "ab" must not be found in "a、b" nor across a line break.
    assert not _phrase_found(token_stream("a、b"), "ab")
    assert not _phrase_found(token_stream("xa\nby"), "ab")
    assert _phrase_found(token_stream("xaby"), "ab")


def test_highlight_marks_the_original_text_and_escapes_the_rest():
    html = highlight("<b>ＦＡＸ</b>の削減とfaxの廃止", ["fax"])
    assert html == (
        "&lt;b&gt;<mark>ＦＡＸ</mark>&lt;/b&gt;の削減と<mark>fax</mark>の廃止"
    )


def test_highlight_maps_half_width_kana_back_to_what_was_written():
    assert highlight("ﾃﾞｼﾞﾀﾙ庁", ["デジタル"]) == "<mark>ﾃﾞｼﾞﾀﾙ</mark>庁"


def test_highlight_merges_overlapping_terms():
    assert highlight("東京都庁", ["東京", "京都"]) == "<mark>東京都</mark>庁"


def test_snippet_is_the_matching_line_cut_around_the_match():
    text = "要約の行。\n" + "前置き" * 30 + "防災の話" + "後書き" * 30
    html = snippet(text, ["防災"])
    assert "<mark>防災</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(re.sub(r"<[^>]+>", "", html)) <= 122  # 120 characters and two …


def test_snippet_without_a_body_match_shows_the_opening_line():
    assert snippet("最初の行\n次の行", ["タイトル"]) == "最初の行"


def test_snippet_from_the_stored_folded_text_is_the_same():
    text = "要約の行。\nＦＡＸの廃止と防災\n" + "前置き" * 30 + "ﾃﾞｼﾞﾀﾙ防災" * 10
    folded = "\n".join(fold(line) for line in text.split("\n"))
    for terms in (["防災"], ["fax", "防災"], ["デジタル"], ["ない"]):
        assert snippet(text, terms, folded=folded) == snippet(text, terms), terms
    # Not line for line (never so for an index row): each line is folded.
    assert snippet(text, ["fax"], folded=fold(text) + "\nfax") == snippet(text, ["fax"])


@pytest.mark.parametrize(
    "text",
    [
        "書かない窓口の取り組み",
        "ＦＡＸとｶﾞｲﾄﾞ（案）？",
        "Straße und ǅ",
        "q\u0307 と e\u0301",
        "ﾃﾞｼﾞﾀﾙ庁",
        "",
    ],
)
def test_folding_with_spans_takes_the_short_way_only_when_it_is_the_same(text):
    assert spans_of(fold_with_spans(text)) == spans_of(fold_by_cluster(text))


@given(st.text(max_size=40))
def test_folding_with_spans_matches_the_cluster_by_cluster_fold(text):
    assert spans_of(fold_with_spans(text)) == spans_of(fold_by_cluster(text))


def spans_of(folded_and_spans):
    folded, spans = folded_and_spans
    return folded, [spans[at] for at in range(len(folded))]
