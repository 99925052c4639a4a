"""The KPI dashboard on the admin home: real numbers, server-drawn, fixed cost."""

import datetime as dt

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from summaries.models import Talk
from summaries.search.models import SearchLog
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


def panel(page, title):
    document = lxml.html.fromstring(page)
    (section,) = document.xpath(f'//section[h3[normalize-space()="{title}"]]')
    return section


def figures(section):
    return {
        dt_.text_content(): dd.text_content()
        for dt_, dd in zip(section.xpath(".//dt"), section.xpath(".//dd"), strict=True)
    }


def test_dashboard_counts_talks_by_state_month_and_completeness(
    editor_client, django_assert_max_num_queries
):
    for _ in range(3):
        make_talk()
    make_talk(status=Talk.Status.DRAFT)
    scheduled = make_talk(published_at=timezone.now() + dt.timedelta(days=1))
    old = make_talk()
    ended = make_talk(expires_at=timezone.now() - dt.timedelta(minutes=1))
    Talk.objects.filter(pk__in=[old.pk, scheduled.pk, ended.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=70)
    )
    with django_assert_max_num_queries(13):  # + the review panel
        page = editor_client.get(reverse("admin:index")).content.decode()

    publication = panel(page, "公開状況")
    assert figures(publication) == {
        "公開中": "4",
        "予約": "1",
        "公開終了": "1",
        "下書き": "1",
    }
    svg = publication.xpath(".//svg")[0]
    assert svg.get("role") == "img"
    assert svg.xpath("./desc")[0].text == (
        "公開中: 4件、予約: 1件、公開終了: 1件、下書き: 1件"
    )
    widths = [float(r.get("width")) for r in svg.xpath(".//rect")]
    assert widths == [300.0, 75.0, 75.0, 75.0]  # scaled to the largest
    assert publication.xpath(".//table//td/text()") == ["4件", "1件", "1件", "1件"]

    added = panel(page, "今月追加した講演")
    assert figures(added) == {"今月": "4"}
    this_month = timezone.localtime().strftime("%Y年%-m月")
    assert added.xpath(".//tbody/tr[last()]/th/text()") == [this_month]

    completeness = panel(page, "公開前チェックの完成度")
    assert figures(completeness) == {"すべて満たす講演": "0 / 7", "完成度": "0%"}
    rows = dict(
        zip(
            completeness.xpath(".//tbody/tr/th/text()"),
            completeness.xpath(".//tbody/tr/td/text()"),
            strict=True,
        )
    )
    assert rows["要点が3つ以上"] == "0件"
    assert rows["すべての質問に回答がある"] == "7件"


def test_dashboard_query_cost_is_fixed(editor_client, django_assert_num_queries):
    make_talk()
    url = reverse("admin:index")
    editor_client.get(url)
    with django_assert_num_queries(13) as few:  # one or two a panel
        editor_client.get(url)
    for _ in range(20):
        make_talk(takeaways=3)
    with django_assert_num_queries(len(few.captured_queries)):
        editor_client.get(url)


def test_no_dashboard_for_staff_who_cannot_see_talks(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(user)
    page = client.get(reverse("admin:index")).content.decode()
    assert "ダッシュボード" not in page


def test_dashboard_shows_what_readers_search_for_once_they_have(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "よく検索された語" not in page  # nothing recorded yet: no empty panel
    make_talk("防災DXの講演")
    reader = Client(HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0) Firefox/133.0")
    # Two readers: one reader's repeats count once a day (search insights).
    for address, query in (
        ("192.0.2.1", "防災"),
        ("192.0.2.2", "防災"),
        ("192.0.2.1", "窓口"),
    ):
        reader.get("/talks/", {"q": query}, REMOTE_ADDR=address)
    old = SearchLog.objects.create(query="古い検索", result_count=0)
    SearchLog.objects.filter(pk=old.pk).update(
        searched_at=timezone.now() - dt.timedelta(days=31)
    )
    page = editor_client.get(reverse("admin:index")).content.decode()
    top = panel(page, "よく検索された語（30日間）")
    # 窓口 found nothing: listed below, not among the frequent ones.
    assert top.xpath(".//tbody/tr/th/text()") == ["防災"]
    assert top.xpath(".//tbody/tr[1]/td/text()") == ["2", "1"]
    zero = panel(page, "結果が0件だった検索（30日間）")
    assert zero.xpath(".//tbody/tr/th/text()") == ["窓口"]
