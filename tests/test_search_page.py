"""/talks/?q=: what a reader finds, in what order, and what the page says."""

import datetime as dt

import pytest
from django.utils import timezone

from summaries.models import Talk

from .factories import make_speaker, make_talk
from .search_helpers import result_count, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def talks():
    return {
        "tokyo": make_talk(
            "都庁の書かない窓口",
            tldr="都庁では書かない窓口を始めた。防災アプリも作った。",
            tags=["GovTech東京", "窓口"],
        ),
        "fax": make_talk("保健所の連絡", tldr="ＦＡＸをやめてデジタル化した。"),
        "kana": make_talk("ｶﾀｶﾅの講演", tldr="半角のﾃﾞｼﾞﾀﾙ庁の話。"),
        "other": make_talk("教育の話", tldr="学校の端末について。"),
    }


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("防災", ["tokyo"]),
        ("都庁", ["tokyo"]),
        ("窓口", ["tokyo"]),
        ("書かない窓口", ["tokyo"]),
        ("GovTech東京", ["tokyo"]),
        ("govtech東京", ["tokyo"]),
        ("都庁 防災", ["tokyo"]),
        ("都庁　防災", ["tokyo"]),
        ("都庁 保健所", []),  # every word must match
        ("FAX", ["fax"]),
        ("fax", ["fax"]),
        ("ＦＡＸ", ["fax"]),
        ("カタカナ", ["kana"]),
        ("ｶﾀｶﾅ", ["kana"]),
        ("デジタル庁", ["kana"]),
        ("端", ["other"]),  # a single character
        ("窓 防", ["tokyo"]),
    ],
)
def test_finds_talks_containing_every_word(client, talks, query, found):
    response, page, titles = search(client, query)
    assert response.status_code == 200
    assert sorted(titles) == sorted(talks[key].title for key in found)
    assert result_count(page) == f"{len(found)}件の講演が見つかりました"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "%",
        "_",
        "\\",
        "%_%",
        '"都庁',
        "都庁\\",
        "NEAR(都庁 防災)",
        "都庁 AND 防災",
        "都庁 OR",
        "NOT 防災",
        "*",
        "防*",
        "^都庁",
        "都庁:防災",
        "{head}: 防災",
        "'; DROP TABLE summaries_talk; --",
        "\x00",
        "都庁\x00防災",
        "あ" * 200,
        "a b c d e f g h i j k l m n o p",
    ],
)
def test_hostile_queries_are_searched_as_text_or_refused(client, talks, query):
    response, page, _titles = search(client, query)
    assert response.status_code == 200
    assert "\x00" not in page
    assert result_count(page) or "この検索語では検索できません" in page


def test_operators_are_plain_words(client, talks):
    make_talk("AND と OR の違い", tldr="論理演算の話。")
    _response, _page, titles = search(client, "AND")
    assert titles == ["AND と OR の違い"]


def test_percent_and_underscore_are_not_wildcards(client, talks):
    make_talk("達成率100%の秘密", tldr="snake_case の話。")
    assert search(client, "100%")[2] == ["達成率100%の秘密"]
    _response, page, titles = search(client, "%")
    assert titles == []
    assert "検索できる文字がありません。" in page
    assert search(client, "snake_case")[2] == ["達成率100%の秘密"]


def test_overlong_query_is_refused_with_a_message(client, talks):
    _response, page, titles = search(client, "窓" * 2000)
    assert titles == []
    assert (
        "検索語が長すぎます（2000文字）。200文字以内にして、もう一度検索してください。"
        in page
    )


@pytest.mark.parametrize(
    ("field", "query"),
    [
        ("title", "題名だけの語"),
        ("tldr", "要約だけの語"),
        ("takeaway", "要点だけの語"),
        ("question", "質問だけの語"),
        ("answer", "回答だけの語"),
        ("outline", "章だけの語"),
        ("keyword", "キーワードだけの語"),
        ("highlight", "引用だけの語"),
        ("transcript", "発言だけの語"),
        ("tag", "タグだけの語"),
        ("speaker", "宮坂"),
        ("speaker_kana", "みやさか"),
        ("speaker_latin", "miyasaka"),
    ],
)
def test_finds_a_talk_by_any_of_its_text(client, field, query):
    talk = make_talk(
        "題名だけの語を含む講演",
        tldr="要約だけの語がある。",
        tags=["タグだけの語"],
        speakers=[
            make_speaker("宮坂 学", name_kana="みやさか まなぶ", name_latin="Miyasaka")
        ],
    )
    talk.takeaways.create(position=1, emoji="🌟", text="要点だけの語。")
    talk.questions.create(position=1, text="質問だけの語？", answer="回答だけの語。")
    talk.outline.create(position=1, start_seconds=0, title="章だけの語")
    talk.keywords.create(position=1, text="キーワードだけの語")
    talk.highlights.create(position=1, start_seconds=5, text="引用だけの語")
    talk.transcript.create(position=1, start_seconds=9, text="発言だけの語です")
    make_talk("関係のない講演")
    assert search(client, query)[2] == [talk.title], field


def test_drafts_and_scheduled_talks_are_never_found(client):
    make_talk("公開中の防災", status=Talk.Status.PUBLISHED)
    make_talk("下書きの防災", status=Talk.Status.DRAFT)
    scheduled = make_talk(
        "予約の防災", published_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert search(client, "防災")[2] == ["公開中の防災"]
    # Its time comes: found without reindexing or any job.
    Talk.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert search(client, "防災")[2] == ["予約の防災", "公開中の防災"]


def test_title_then_tag_matches_rank_above_body_matches_then_newest(client):
    now = timezone.now()
    body_new = make_talk(
        "新しい講演", tldr="本文に防災。", published_at=now - dt.timedelta(days=1)
    )
    title_old = make_talk(
        "防災の講演", tldr="要約。", published_at=now - dt.timedelta(days=30)
    )
    tag_mid = make_talk(
        "タグの講演", tags=["防災"], published_at=now - dt.timedelta(days=10)
    )
    body_old = make_talk(
        "古い講演", tldr="本文に防災。", published_at=now - dt.timedelta(days=60)
    )
    titles = search(client, "防災")[2]
    assert titles == [
        title_old.title,
        tag_mid.title,
        body_new.title,
        body_old.title,
    ]


def test_more_words_in_the_title_rank_higher(client):
    both = make_talk("防災と窓口", tldr="要約。")
    one = make_talk("防災の話", tldr="窓口も。")
    assert search(client, "窓口 防災")[2] == [both.title, one.title]


def test_snippet_marks_the_matched_words_in_the_text_as_written(client):
    make_talk("保健所の連絡", tldr="<b>ＦＡＸ</b>をやめてデジタル化した。")
    _response, page, _titles = search(client, "fax")
    assert (
        '<p class="talk-card__summary talk-card__snippet">&lt;b&gt;<mark>ＦＡＸ</mark>'
        "&lt;/b&gt;をやめてデジタル化した。</p>"
    ) in page


def test_title_marks_the_matched_words(client):
    talk = make_talk("都庁の<窓口>改革")
    _response, page, _titles = search(client, "窓口")
    assert (
        f'<a href="{talk.get_absolute_url()}"><bdi>都庁の&lt;<mark>窓口</mark>&gt;改革'
        "</bdi></a>" in page
    )


def test_no_results_says_so_and_suggests_what_to_try(client, talks):
    _response, page, titles = search(client, "宇宙 防災")
    assert titles == []
    assert result_count(page) == "0件の講演が見つかりました"
    assert "「宇宙 防災」に一致する講演は見つかりませんでした。" in page
    assert "言葉の数を減らす" in page
    assert "誤字や変換の誤りがないか確かめる" in page
    assert 'href="/tags/">タグ一覧から探す</a>' in page


def test_results_page_lists_only_matching_talks_and_says_how_many(client):
    for n in range(25):
        make_talk(f"防災の講演{n}")
    make_talk("教育の講演")
    _response, page, titles = search(client, "防災")
    assert result_count(page) == "25件の講演が見つかりました"
    assert len(titles) == 20
    assert all("防災" in title for title in titles)
    _response, page, titles = search(client, "防災", page=2)
    assert len(titles) == 5
    assert '<a href="?page=1&amp;q=%E9%98%B2%E7%81%BD" rel="prev">前へ</a>' in page


def test_search_box_on_every_page_leads_to_the_search(client, talks):
    page = client.get("/tags/").content.decode()
    assert '<form class="search-form" role="search" action="/talks/"' in page
    assert 'name="q"' in page
    _response, page, _titles = search(client, "防災")
    assert 'name="q" value="防災"' in page
    assert "<title>「防災」の検索結果 | GovDX Talks</title>" in page
