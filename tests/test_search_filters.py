"""Filters on /talks/: plain links with counts that keep the query and each other."""

import html
import re

import pytest
from lxml import html as lxml_html

from .factories import make_channel, make_speaker, make_talk
from .search_helpers import BROWSER, result_count, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    miyasaka = make_speaker("宮坂 学", slug="miyasaka")
    kono = make_speaker("河野 太郎", slug="kono")
    news = make_channel("デジタル庁ニュース", slug="news")
    tokyo = make_channel("東京都チャンネル", slug="tokyo")
    make_talk(
        "防災と窓口",
        tags=["防災", "窓口"],
        speakers=[miyasaka],
        channel=news,
        video_date="2024-06-05",
    )
    make_talk(
        "防災アプリ",
        tags=["防災"],
        speakers=[kono],
        channel=tokyo,
        video_date="2023-01-10",
    )
    make_talk(
        "防災訓練",
        tags=["防災", "訓練"],
        speakers=[miyasaka],
        channel=tokyo,
        video_date="2024-02-01",
    )
    make_talk("窓口改革", tags=["窓口"], speakers=[kono], channel=news)


def facet_links(page, heading):
    """[(label, count, href)] under a filter heading."""
    section = page.split(f'<h3 class="facet__heading">{heading}</h3>', 1)[1]
    section = section.split("</ul>", 1)[0]
    return [
        (
            re.sub(r"<[^>]+>|（.*?）", "", label).replace("✓ ", "").strip(),
            int(count),
            html.unescape(href),
        )
        for href, label, count in re.findall(
            r'<a href="([^"]*)"[^>]*>(.*?) <span class="count">\((\d+)\)</span>',
            section,
        )
    ]


def test_filters_show_counts_for_the_query(client, catalogue):
    _response, page, _titles = search(client, "防災")
    assert result_count(page) == "3件の講演が見つかりました"
    assert facet_links(page, "タグ") == [
        ("防災", 3, "?q=%E9%98%B2%E7%81%BD&tag=%E9%98%B2%E7%81%BD"),
        ("窓口", 1, "?q=%E9%98%B2%E7%81%BD&tag=%E7%AA%93%E5%8F%A3"),
        ("訓練", 1, "?q=%E9%98%B2%E7%81%BD&tag=%E8%A8%93%E7%B7%B4"),
    ]
    assert facet_links(page, "登壇者") == [
        ("宮坂 学", 2, "?q=%E9%98%B2%E7%81%BD&speaker=miyasaka"),
        ("河野 太郎", 1, "?q=%E9%98%B2%E7%81%BD&speaker=kono"),
    ]
    assert facet_links(page, "チャンネル") == [
        ("東京都チャンネル", 2, "?q=%E9%98%B2%E7%81%BD&channel=tokyo"),
        ("デジタル庁ニュース", 1, "?q=%E9%98%B2%E7%81%BD&channel=news"),
    ]
    assert facet_links(page, "動画の年") == [
        ("2024年", 2, "?q=%E9%98%B2%E7%81%BD&year=2024"),
        ("2023年", 1, "?q=%E9%98%B2%E7%81%BD&year=2023"),
    ]


def test_following_a_filter_link_narrows_and_keeps_everything_else(client, catalogue):
    response = client.get(
        "/talks/?q=%E9%98%B2%E7%81%BD&speaker=miyasaka&page=1",
        HTTP_USER_AGENT=BROWSER,
    )
    page = response.content.decode()
    assert result_count(page) == "2件の講演が見つかりました"
    years = facet_links(page, "動画の年")
    assert years == [("2024年", 2, "?q=%E9%98%B2%E7%81%BD&speaker=miyasaka&year=2024")]
    # Speaker counts ignore the speaker filter itself: each says what it would show.
    assert facet_links(page, "登壇者") == [
        ("宮坂 学", 2, "?q=%E9%98%B2%E7%81%BD"),  # chosen: the link removes it
        ("河野 太郎", 1, "?q=%E9%98%B2%E7%81%BD&speaker=kono"),
    ]
    assert 'aria-current="true"' in page


def test_tag_filters_combine(client, catalogue):
    _response, page, titles = search(client, "防災", tag=["防災", "訓練"])
    assert titles == ["防災訓練"]
    assert result_count(page) == "1件の講演が見つかりました"


def test_filters_work_without_a_query(client, catalogue):
    _response, page, titles = search(client, channel="news")
    assert sorted(titles) == ["窓口改革", "防災と窓口"]
    assert result_count(page) == "2件の講演"
    assert ("窓口", 2, "?channel=news&tag=%E7%AA%93%E5%8F%A3") in facet_links(
        page, "タグ"
    )


def test_chosen_filters_can_be_removed_one_by_one_or_all_at_once(client, catalogue):
    _response, page, _titles = search(client, "防災", tag="防災", year="2024")
    assert '<h3 class="facet__heading">選択中の条件</h3>' in page
    # Links keep the other parameters in the order the page was asked for.
    assert '<a href="?year=2024&amp;q=%E9%98%B2%E7%81%BD">タグ: <bdi>防災</bdi>' in page
    assert (
        '<a href="?tag=%E9%98%B2%E7%81%BD&amp;q=%E9%98%B2%E7%81%BD">動画の年: 2024年'
        in page
    )
    assert '<a href="?q=%E9%98%B2%E7%81%BD">すべての絞り込みを解除</a>' in page


def test_no_results_with_filters_offers_to_clear_them(client, catalogue):
    _response, page, titles = search(client, "窓口", speaker="kono", year="2023")
    assert titles == []
    assert (
        '<a href="?q=%E7%AA%93%E5%8F%A3">絞り込みを解除して、同じ言葉で探す</a>' in page
    )
    assert "河野 太郎" in page  # the chosen speaker is still named


def test_unknown_filter_values_find_nothing_without_error(client, catalogue):
    response, page, titles = search(client, "防災", speaker="nobody", year="1999")
    assert response.status_code == 200
    assert titles == []


def test_filter_names_are_escaped_isolated_and_marked_as_japanese(client):
    make_talk(
        "講演",
        tags=["<b>太字</b>\u202e"],
        speakers=[make_speaker("<script>x</script>", slug="s")],
        channel=make_channel("A&B", slug="ab"),
        video_date="2024-06-05",
    )
    for prefix, lang in (("", None), ("/en", "ja")):
        page = client.get(f"{prefix}/talks/?speaker=s").content.decode()
        assert "<script>x" not in page and "<b>太字" not in page
        nav = lxml_html.fromstring(page).xpath("//nav[@class='finder__filters']")[0]
        names = nav.xpath(".//ul[@class='facet']//a/span[bdi]")
        assert [name.text_content() for name in names] == [
            "<b>太字</b>\u202e",
            "<script>x</script>",
            "A&B",
        ]
        assert {name.get("lang") for name in names} == {lang}
        (chosen,) = nav.xpath(".//a[@aria-current='true']")
        assert chosen.xpath("span[@aria-hidden='true']")[0].text == "✓ "
        assert chosen.xpath("span[bdi]")[0].text_content() == "<script>x</script>"
        removed = nav.xpath(".//ul[@class='facet facet--chosen']//a")[0]
        assert removed.get("href") == "?"
