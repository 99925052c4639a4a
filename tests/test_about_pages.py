"""The site's notices: external transmission and the accessibility statement."""

import json

import pytest
from django.utils import timezone
from lxml import html

from summaries import accessibility
from tests.browser.site import PAGE_TYPES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/talks/", "/about/accessibility/"])
def test_the_footer_links_both_notices_and_the_feed(client, path):
    tree = html.fromstring(client.get(path).content)
    links = {a.text: a.get("href") for a in tree.xpath("//footer//a")}
    assert links["アクセシビリティ方針"] == "/about/accessibility/"
    assert links["外部送信に関する公表"] == "/about/external-transmission/"
    assert links["新着講演のフィード（Atom）"] == "/feed/"


def test_the_external_transmission_notice_names_recipient_data_and_purpose(client):
    response = client.get("/about/external-transmission/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>外部送信に関する公表</h1>" in page
    assert "電気通信事業法第27条の12" in page
    assert "Google LLC（YouTube）" in page
    assert "IP アドレス" in page
    assert "動画を再生するため。" in page
    assert "押す前には何も送信しません。" in page


def test_the_statement_names_the_target_and_the_method(client):
    page = client.get("/about/accessibility/").content.decode()
    assert "<h1>アクセシビリティ方針</h1>" in page
    assert "WCAG 2.2 のレベル AA。JIS X 8341-3:2016 のレベル AA" in page
    assert "axe-core の WCAG 2.2 AA 規則" in page
    assert "Nu HTML Checker" in page


def test_the_statement_shows_the_recorded_results(client, tmp_path, monkeypatch):
    results = tmp_path / "results.json"
    accessibility.write_results(
        results,
        pages=[
            {
                "name": "ホーム",
                "path": "/",
                "order": 0,
                "axe_violations": 0,
                "axe_passes": 25,
                "html_errors": 0,
            },
            {
                "name": "講演一覧",
                "path": "/talks/",
                "order": 1,
                "axe_violations": 2,
                "axe_passes": 23,
                "html_errors": 1,
            },
        ],
        keyboard=[{"name": "検索ボックス", "passed": True}],
        tools={"axe-core": "4.12.1"},
        command="make a11y-results",
    )
    monkeypatch.setattr(
        "summaries.views.about.load_results",
        lambda: accessibility.load_results(results),
    )
    tree = html.fromstring(client.get("/about/accessibility/").content)
    rows = [
        [cell.text_content() for cell in row]
        for row in tree.xpath("(//table)[1]/tbody/tr")
    ]
    assert rows == [["ホーム", "0", "25", "0"], ["講演一覧", "2", "23", "1"]]
    text = tree.text_content()
    assert "問題が見つかったページがあります。" in text
    today = timezone.localdate().strftime("%Y年%-m月%-d日")
    assert f"試験日時: {today}" in text
    assert "make a11y-results" in text


def test_the_committed_results_cover_every_page_type_and_all_passed():
    """The statement's figures come from a real run of every page type; run
    `make a11y-results` and commit the file when pages are added."""
    data = json.loads(accessibility.RESULTS_PATH.read_text(encoding="utf-8"))
    assert [p["path"] for p in data["pages"]] == [path for _n, path, _s in PAGE_TYPES]
    assert {check["name"] for check in data["keyboard"]} >= {
        "検索ボックス（キーボードで入力して検索し、フォーカスが見える）",
        "ページ送り（キーボードで次のページへ移動し、フォーカスが見える）",
        "動画の再生ボタン（キーボードで再生し、フォーカスが見える）",
        "時刻のリンク（キーボードでその位置から再生）",
    }
    assert accessibility.load_results()["all_passed"]


@pytest.mark.parametrize(
    "path", ["/about/accessibility/", "/about/external-transmission/"]
)
def test_the_notices_need_no_database(client, django_assert_num_queries, path):
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200
