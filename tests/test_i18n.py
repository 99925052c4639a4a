"""The English interface: /en/…, the language switcher, hreflang, lang="ja"."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import load_command_class
from django.utils import translation

from summaries.models import Tag

from .factories import make_speaker, make_talk
from .test_views import EXPECTED_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk():
    speaker = make_speaker("宮坂 学", slug="miyasaka", title="副知事")
    return make_talk(
        "都のDXを聞く",
        slug="tokyo-dx",
        tags=["DX", "GovTech東京"],
        speakers=[speaker],
        takeaways=2,
        questions=1,
        outline=1,
        transcript=2,
    )


def page(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


# Every page family: (Japanese address, English address).
PAGES = [
    ("/", "/en/"),
    ("/talks/", "/en/talks/"),
    ("/talks/?tag=dx&page=1", "/en/talks/?tag=dx&page=1"),
    ("/talks/tokyo-dx/", "/en/talks/tokyo-dx/"),
    ("/tags/", "/en/tags/"),
    ("/tags/dx/", "/en/tags/dx/"),
    ("/tags/govtech%E6%9D%B1%E4%BA%AC/", "/en/tags/govtech%E6%9D%B1%E4%BA%AC/"),
    ("/speakers/", "/en/speakers/"),
    ("/speakers/miyasaka/", "/en/speakers/miyasaka/"),
    ("/api/", "/en/api/"),
]


@pytest.mark.parametrize(("ja", "en"), PAGES)
def test_every_page_links_to_itself_in_the_other_language(client, talk, ja, en):
    for url, lang in ((ja, "ja"), (en, "en")):
        html = page(client, url)
        assert f'<html lang="{lang}">' in html
        amp = lambda u: u.replace("&", "&amp;")  # noqa: E731
        # hreflang alternates, absolute, and Japanese as the default
        for hreflang, target in (("ja", ja), ("en", en), ("x-default", ja)):
            link = f'hreflang="{hreflang}" href="http://testserver{amp(target)}">'
            assert f'<link rel="alternate" {link}' in html
        # the switcher: plain links, each named in its own language
        switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
        assert switcher, url
        for code, target, name in (("ja", ja, "日本語"), ("en", en, "English")):
            current = ' aria-current="true"' if code == lang else ""
            link = f'<a href="{amp(target)}" hreflang="{code}" lang="{code}"{current}>'
            assert f"{link}{name}</a>" in switcher.group()


def test_english_pages_are_in_english(client, talk):
    html = page(client, "/en/")
    assert (
        "<title>Summaries of talks on digital government | GovDX Talks</title>" in html
    )
    assert ">Skip to main content</a>" in html
    assert '<nav class="site-nav" aria-label="Main menu">' in html
    assert '<a href="/en/talks/">Talks</a>' in html
    assert '<label for="home-search">Search talks</label>' in html
    assert '<h2 id="latest">Latest talks</h2>' in html
    html = page(client, "/en/talks/")
    assert '<p class="result-count">1 talk</p>' in html
    html = page(client, "/en/talks/tokyo-dx/")
    assert "<dt>Released</dt>" in html
    assert '<time datetime="2024-06-05">June 5, 2024</time>' in html
    assert '<h2 id="qa">Questions and answers</h2>' in html
    assert "<summary>Show the transcript (2 segments)</summary>" in html
    html = page(client, "/en/speakers/")
    assert '<span class="count">1 talk</span>' in html


def test_content_stays_japanese_and_says_so_on_english_pages(client, talk):
    html = page(client, "/en/talks/tokyo-dx/")
    assert '<h1 lang="ja"><bdi>都のDXを聞く</bdi></h1>' in html
    assert '<p class="talk__tldr" lang="ja">' in html
    assert '<ul class="takeaways" lang="ja">' in html
    assert '<ul class="tag-list" lang="ja">' in html
    card = page(client, "/en/talks/")
    assert '<h2 class="talk-card__title" lang="ja">' in card
    assert '<p class="talk-card__summary" lang="ja">' in card
    # On Japanese pages the whole page is Japanese: no redundant attributes.
    html = page(client, "/talks/tokyo-dx/")
    assert "<h1><bdi>都のDXを聞く</bdi></h1>" in html
    # Only <html lang="ja"> and the switcher's 日本語 link say it.
    assert len(re.findall(r'\slang="ja"', html)) == 2


def test_japanese_stays_the_default_at_the_root_whatever_the_browser_says(client, talk):
    html = page(client, "/talks/", accept_language="en-US,en;q=0.9")
    assert '<html lang="ja">' in html
    assert "<h1>講演一覧</h1>" in html


def test_contract_addresses_are_unchanged(client, talk):
    for url in ("/", "/talks/", "/talks/tokyo-dx/", "/tags/", "/tags/dx/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/speakers/miyasaka/").status_code == 200
    assert client.get("/admin/").status_code == 302
    assert client.get("/api/talks/").status_code == 200
    assert client.get("/en/api/talks/").status_code == 404  # data has no language


def test_not_found_page_speaks_english_under_en(client):
    response = client.get("/en/talks/no-such-talk/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_open_data_guide_in_both_languages(client):
    html = page(client, "/api/")
    assert "<h1>オープンデータ</h1>" in html
    assert "CC BY 4.0" in html
    assert '<a href="/api/talks.csv"><code>/api/talks.csv</code></a>' in html
    html = page(client, "/en/api/")
    assert "<h1>Open data</h1>" in html
    assert "Public Data License version 1.0 (PDL1.0)" in html
    assert "Creative Commons Attribution 4.0 International license (CC BY 4.0)" in html
    # every page's footer leads there
    assert 'href="/en/api/">Open data (API and bulk downloads)' in page(client, "/en/")


def test_admin_in_english_under_en(editor_client):
    html = page(editor_client, "/en/admin/summaries/talk/add/")
    assert '<html lang="en" dir="ltr">' in html
    assert "GovDX Talks editing" in html
    assert "Summary (TL;DR)" in html
    assert "The whole talk in two to four sentences." in html
    assert (
        '<a href="/admin/summaries/talk/add/" hreflang="ja" lang="ja">日本語</a>'
        in html
    )
    html = page(editor_client, "/admin/summaries/talk/add/")
    assert "要約（TL;DR）" in html
    assert "講演全体を2〜4文で。" in html


def test_english_pages_cost_the_same_queries_as_japanese_ones(
    client, django_assert_num_queries
):
    for _ in range(25):
        make_talk(tags=["DX", "防災"], speakers=[make_speaker()])
    # Each language's cards rendered and stored the first time (see test_views).
    first = EXPECTED_QUERIES["list, cards rendered"]
    with django_assert_num_queries(first) as japanese:
        client.get("/talks/")
    with django_assert_num_queries(len(japanese.captured_queries)):
        client.get("/en/talks/")


def test_command_line_tools_speak_english_when_asked():
    script = "from django.utils.translation import gettext as _; print(_('講演'))"
    env = {**os.environ, "DJANGO_DEBUG": "1", "GOVDX_LANGUAGE": "en"}
    env.pop("DATABASE_URL", None)

    def run(**extra):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", script],
            cwd=settings.BASE_DIR,
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    assert run() == "Talk"
    assert run(GOVDX_LANGUAGE="") == "講演"


def test_answers_do_not_vary_by_the_browser_language(client, talk):
    """The address decides the language, so caches need one copy per address."""
    for url in ("/talks/", "/en/talks/", "/api/talks/"):
        response = client.get(url, headers={"origin": "https://example.org"})
        assert "accept-language" not in response.get("Vary", "").lower(), url
    assert client.get("/talks/")["Content-Language"] == "ja"
    assert client.get("/en/talks/")["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("app", "command", "japanese", "english"),
    [
        ("summaries", "import_summary", "要約テキストのファイルから", "Imports talks"),
        ("summaries", "export_summary", "講演を要約テキストの形式で", "Writes a talk"),
        ("summaries", "generate_talks", "ベンチマークや負荷試験の", "Makes fictitious"),
        (
            "summaries.search",
            "rebuild_search_index",
            "検索索引を作り直します。",
            "Rebuilds",
        ),
    ],
)
def test_command_help_reads_in_either_language(app, command, japanese, english):
    """`manage.py COMMAND --help` prints the translated help (it used to crash
    on the lazy string), in English with GOVDX_LANGUAGE=en."""
    for language, expected in (("ja", japanese), ("en", english)):
        with translation.override(language):
            parser = load_command_class(app, command).create_parser(
                "manage.py", command
            )
            assert expected in " ".join(parser.format_help().split())


def test_english_admin_names_one_thing_and_many(editor_client):
    html = page(editor_client, "/en/admin/")
    for plural in ("Talks", "Channels", "Speakers", "Tags"):
        assert f">{plural}</a>" in html
    assert "<title>Add Speaker | GovDX Talks editing</title>" in page(
        editor_client, "/en/admin/summaries/speaker/add/"
    )
    html = page(editor_client, "/admin/")
    assert ">講演</a>" in html and ">チャンネル</a>" in html


def test_english_dashboard_counts_read_as_english(editor_client):
    make_talk()
    make_talk()
    html = page(editor_client, "/en/admin/")
    assert ">Live: 2, Scheduled: 0, Expired: 0, Draft: 0</desc>" in html
    assert '<th scope="row">Live</th><td>2</td>' in html
    assert '<h3 id="panel-2">Talks added this month</h3>' in html


def test_merging_tags_reports_in_english(editor_client):
    make_talk(tags=["防災", "減災"])
    make_talk(tags=["災害"])
    ids = list(Tag.objects.order_by("name").values_list("pk", flat=True))
    keep = Tag.objects.get(name="防災").pk
    response = editor_client.post(
        "/en/admin/summaries/tag/",
        {"action": "merge", "_selected_action": ids, "apply": "1", "target": keep},
        follow=True,
    )
    assert (
        "“減災”, “災害” merged into “防災” (2 talks). "
        "The old addresses redirect to “防災”."
    ) in response.content.decode()


def test_content_in_english_pages_is_marked_japanese(client, talk):
    html = page(client, "/en/talks/tokyo-dx/")
    assert '<span aria-current="page" lang="ja"><bdi>都のDXを聞く</bdi></span>' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    html = page(client, "/en/talks/")
    assert (
        '<span lang="ja"><bdi>宮坂 学</bdi></span> <span class="count">(1)</span>'
        in html
    )
    assert '>2024 <span class="count">(1)</span>' in html  # a year is no name
    assert '<meta property="og:locale" content="ja_JP">' in page(client, "/talks/")
