"""Public pages: what readers see, what they never see, and what each page costs."""

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from summaries.models import Talk
from summaries.pagecache.models import StoredCard, StoredPart
from tests.factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_talks():
    """35 public talks sharing tags and speakers, each with 20+ parts of each kind."""
    speakers = [make_speaker(), make_speaker()]
    return [
        make_talk(
            tags=["防災", "窓口", f"タグ{n % 5}"],
            speakers=speakers,
            takeaways=21,
            questions=21,
            outline=21,
            keywords=21,
            highlights=21,
            transcript=21,
        )
        for n in range(35)
    ]


def page_urls(talk, speaker):
    return {
        "home": reverse("summaries:home"),
        "list": reverse("summaries:talk-list"),
        "list page 2": reverse("summaries:talk-list") + "?page=2",
        "list filtered": reverse("summaries:talk-list")
        + "?tag=防災&tag=窓口&year=2024",
        "detail": talk.get_absolute_url(),
        "detail, parts rendered": talk.get_absolute_url(),
        "tags": reverse("summaries:tag-list"),
        "tag": reverse("summaries:tag-detail", kwargs={"slug": "防災"}),
        "speakers": reverse("summaries:speaker-list"),
        "speaker": speaker.get_absolute_url(),
    }


# Queries per page on a cache miss: counted once, and the same whatever the
# number of rows. The first query of each is the page cache's state check.
# Counted once the page has been rendered before (its talks' cards and the
# talk's parts stored: pagecache/parts.py), then on a first render.
EXPECTED_QUERIES = {
    # latest talks with their stored cards; popular tags: talks not yet due,
    # stored counts with the tags' names
    "home": 4,
    # stored count with the talks not yet due (one query), page with its
    # stored cards; filters: stored tag, speaker, channel and year counts
    # with their names (one query)
    "list": 4,
    "list page 2": 4,
    "list filtered": 9,  # counted, not stored; and the chosen tags' names
    # the first reader since the talks changed: their talks, speakers and
    # tags read and their cards stored (savepoint, upsert, release)
    "list, cards rendered": 10,
    # talk with its stored parts, related talks with their stored cards
    "detail": 3,
    # the first reader since the talk changed: its parts read (talk, tags,
    # speakers, 5 parts, transcript) and stored (savepoint, upsert, release)
    "detail, parts rendered": 15,
    # a talk's first reader: its parts and its related talks' cards rendered
    "detail, all rendered": 21,
    "tags": 3,  # count, page (stored counts)
    "tag": 4,  # tag, stored count with talks not yet due, page with stored cards
    "speakers": 3,
    "speaker": 4,
}
# (the page, what it renders afresh)
RENDERED_FIRST = {
    "list, cards rendered": ("list", StoredCard),
    "detail, parts rendered": ("detail", StoredPart),
    "detail, all rendered": ("detail", (StoredPart, StoredCard)),
}


@pytest.mark.parametrize("page", EXPECTED_QUERIES)
def test_each_page_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, many_talks, page
):
    urls = page_urls(many_talks[0], many_talks[0].speakers.first())
    name, forget = RENDERED_FIRST.get(page, (page, None))
    render_then_empty_the_page_cache(client, urls[name], forget)
    with django_assert_num_queries(EXPECTED_QUERIES[page]):
        response = client.get(urls[name])
    assert response.status_code == 200


def empty_the_page_cache():
    for cache in caches.all():
        cache.clear()


def render_then_empty_the_page_cache(client, url, forget=None):
    """The page rendered once (what it stores is stored), then the page
    cache emptied; `forget`: a model of stored renderings (StoredCard,
    StoredPart) whose rows go too, as after a change to every talk."""
    assert client.get(url).status_code == 200
    forget = forget if isinstance(forget, tuple) else (forget,) if forget else ()
    for model in forget:
        model.objects.all().delete()
    empty_the_page_cache()


def test_query_counts_do_not_grow_with_more_talks(client, django_assert_num_queries):
    speaker = make_speaker()
    talk = make_talk(tags=["防災", "窓口"], speakers=[speaker], takeaways=1)
    few = page_urls(talk, speaker)
    for _ in range(3):
        make_talk(tags=["防災", "窓口"], speakers=[speaker], takeaways=1)
    del few["list page 2"]  # four talks fill one page
    for page, expected in EXPECTED_QUERIES.items():
        if page == "list page 2":
            continue
        name, forget = RENDERED_FIRST.get(page, (page, None))
        render_then_empty_the_page_cache(client, few[name], forget)
        with django_assert_num_queries(expected):
            assert client.get(few[name]).status_code == 200


def test_list_is_newest_first_and_paginated(client):
    now = timezone.now()
    talks = [
        make_talk(f"講演{n:02d}", published_at=now - dt.timedelta(days=n))
        for n in range(25)
    ]
    first = client.get(reverse("summaries:talk-list"))
    shown = [t.pk for t in first.context["talk_list"]]
    assert shown == [t.pk for t in talks[:20]]
    assert "25件の講演" in first.content.decode()
    second = client.get(reverse("summaries:talk-list") + "?page=2")
    assert [t.pk for t in second.context["talk_list"]] == [t.pk for t in talks[20:]]
    assert client.get(reverse("summaries:talk-list") + "?page=3").status_code == 404


def test_pagination_is_accessible_navigation(client):
    for _ in range(21):
        make_talk()
    page = client.get(reverse("summaries:talk-list") + "?page=2").content.decode()
    assert '<nav class="pagination" aria-label="講演一覧のページ">' in page
    assert (
        'aria-current="page"><span class="visually-hidden">ページ</span>2</a>' in page
    )
    assert 'rel="prev">前へ</a>' in page
    # No disabled "next" on the last page: it is left out.
    assert "次へ" not in page


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Talk.Status.DRAFT},
        {"published_at": timezone.now() + dt.timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_drafts_and_scheduled_talks_are_invisible_everywhere(client, hidden):
    speaker = make_speaker()
    talk = make_talk("非公開の講演", tags=["秘密のタグ"], speakers=[speaker], **hidden)
    assert client.get(talk.get_absolute_url()).status_code == 404
    for url in (
        reverse("summaries:home"),
        reverse("summaries:talk-list"),
        reverse("summaries:tag-list"),
        reverse("summaries:speaker-list"),
    ):
        page = client.get(url).content.decode()
        assert "非公開の講演" not in page
        assert "秘密のタグ" not in page
        assert speaker.name not in page
    # A tag or speaker only on hidden talks has no public page either.
    assert (
        client.get(reverse("summaries:tag-detail", args=["秘密のタグ"])).status_code
        == 404
    )
    assert client.get(speaker.get_absolute_url()).status_code == 404


def test_detail_shows_optional_sections_only_when_filled(client):
    bare = make_talk(takeaways=3, questions=2)
    page = client.get(bare.get_absolute_url()).content.decode()
    assert "要点" in page and "質問と回答" in page
    for heading in ("アウトライン", "キーワード", "ハイライト", "文字起こし"):
        assert f">{heading}</h2>" not in page
    full = make_talk(takeaways=1, outline=2, keywords=2, highlights=2, transcript=2)
    page = client.get(full.get_absolute_url()).content.decode()
    for heading in ("アウトライン", "キーワード", "ハイライト", "文字起こし"):
        assert f">{heading}</h2>" in page
    # No video address: time stamps are text, not links to nowhere
    # (tests/test_video.py covers talks with a video).
    assert '<time class="timecode" datetime="PT1M">1:00</time>' in page


def test_takeaway_emoji_is_hidden_from_screen_readers(client):
    talk = make_talk(takeaways=1)
    page = client.get(talk.get_absolute_url()).content.decode()
    assert '<span class="takeaways__emoji" aria-hidden="true">📌</span>' in page


def test_editor_text_is_escaped(client):
    talk = make_talk('<script>alert("x")</script>', tags=["<b>tag</b>"])
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<b>tag</b>" not in page


def test_related_talks_share_tags_most_shared_first(client):
    talk = make_talk(tags=["防災", "窓口", "東京都"])
    one = make_talk("一つ共通", tags=["防災"])
    two = make_talk("二つ共通", tags=["防災", "窓口"])
    make_talk("共通なし", tags=["教育"])
    related = client.get(talk.get_absolute_url()).context["related_talks"]
    assert [card.pk for card in related] == [two.pk, one.pk]


def test_tag_page_for_a_japanese_tag_name(client):
    talk = make_talk("都庁の講演", tags=["GovTech東京"])
    url = talk.tags.get().get_absolute_url()
    assert url == "/tags/" + quote("govtech東京") + "/"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "タグ「GovTech東京」の講演" in page
    assert "都庁の講演" in page


def test_speaker_page_lists_their_talks(client):
    speaker = make_speaker("宮坂 学", slug="miyasaka-manabu", organisation="東京都")
    make_talk("副知事の講演", speakers=[speaker])
    make_talk("他の人の講演")
    page = client.get("/speakers/miyasaka-manabu/").content.decode()
    assert "宮坂 学さんの講演" in page
    assert "副知事の講演" in page
    assert "他の人の講演" not in page


def test_tag_index_counts_public_talks_most_used_first(client):
    make_talk(tags=["防災", "窓口"])
    make_talk(tags=["防災"])
    make_talk(tags=["窓口", "非公開だけ"], status=Talk.Status.DRAFT)
    tags = [(t.name, t.talk_count) for t in client.get("/tags/").context["tag_list"]]
    assert tags == [("防災", 2), ("窓口", 1)]


def test_unknown_pages_are_a_friendly_404(client):
    response = client.get("/talks/no-such-talk/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def test_every_page_has_one_search_box(client):
    talk = make_talk(tags=["防災"])
    for url in ("/", "/talks/", talk.get_absolute_url(), "/tags/", "/tags/防災/"):
        page = client.get(url).content.decode()
        assert page.count('role="search"') == 1, url
        assert 'name="q"' in page


def test_home_shows_the_most_used_tags_with_their_public_counts(client):
    make_talk(tags=["防災", "窓口"])
    make_talk(tags=["防災", "窓口"])
    make_talk(tags=["防災", "教育"])
    make_talk(tags=["教育"])
    make_talk(tags=["下書きだけ"], status=Talk.Status.DRAFT)
    later = timezone.now() + dt.timedelta(days=1)
    make_talk(tags=["予定だけ", "教育"], published_at=later)
    page = client.get(reverse("summaries:home")).content.decode()
    section = page.split('id="popular-tags"', 1)[1].split("</section>", 1)[0]
    shown = re.findall(r"<bdi>(.*?)</bdi> <span class=\"count\">\((\d+)\)", section)
    # Most first; 窓口 and 教育 are tied once the scheduled talk is left out,
    # and 窓口 is the older tag.
    assert shown == [("防災", "3"), ("窓口", "2"), ("教育", "2")]
