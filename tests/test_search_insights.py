"""What readers searched for, for editors: recorded sparingly, kept anonymous."""

import datetime as dt

import pytest
from django.utils import timezone

from summaries.search.models import SearchLog

from .factories import make_talk
from .search_helpers import BROWSER, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def talks():
    make_talk("防災の講演")
    make_talk("窓口の講演")


def logged():
    return list(SearchLog.objects.values_list("query", "result_count"))


def test_a_search_is_recorded_folded_with_its_result_count(client, talks):
    search(client, "ＦＡＸ　防災")
    search(client, "防災")
    assert sorted(logged()) == [("fax 防災", 0), ("防災", 1)]


def test_nothing_personal_is_kept(client, talks):
    fields = {field.name for field in SearchLog._meta.get_fields()}
    assert fields == {"id", "query", "typed", "result_count", "searched_at"}
    search(client, "防災")
    assert "sessionid" not in client.cookies


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({"q": ""}, {}),  # empty
        ({"q": "%%%"}, {}),  # refused
        ({"q": "防災", "page": "2"}, {}),  # a later page of the same search
        ({"q": "防災", "tag": "防災"}, {}),  # a filter refines the same search
        ({"q": "防災"}, {"HTTP_USER_AGENT": "Googlebot/2.1"}),
        ({"q": "防災"}, {"HTTP_USER_AGENT": ""}),
        ({"q": "防災"}, {"HTTP_SEC_PURPOSE": "prefetch"}),
    ],
)
def test_what_is_not_recorded(client, talks, params, headers):
    headers = {"HTTP_USER_AGENT": BROWSER, **headers}
    client.get("/talks/", params, **headers)
    assert logged() == []


def test_top_and_zero_result_queries_of_the_last_30_days():
    now = timezone.now()
    for query, count, days in [
        ("防災", 3, 1),
        ("防災", 2, 2),
        ("防災", 4, 40),  # too old
        ("宇宙", 0, 1),
        ("宇宙", 0, 3),
        ("都庁", 0, 5),
        ("都庁", 1, 1),  # found something since
        ("窓口", 1, 1),
    ]:
        SearchLog.objects.create(
            query=query, result_count=count, searched_at=now - dt.timedelta(days=days)
        )
    recent = SearchLog.objects.recent(30)
    top = [
        (r["query"], r["searches"], r["latest_results"]) for r in recent.top_queries()
    ]
    # 宇宙 found nothing every time: it is in its own list, not among these.
    assert top == [("都庁", 2, 1), ("防災", 2, 3), ("窓口", 1, 1)]
    zero = [(r["query"], r["searches"]) for r in recent.zero_result_queries()]
    assert zero == [("宇宙", 2)]


def test_editors_see_the_insights_page(editor_client):
    for query, count in [("防災", 2), ("防災", 2), ("宇宙 <b>", 0)]:
        SearchLog.objects.create(query=query, result_count=count)
    response = editor_client.get("/admin/search/searchlog/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "直近30日間の検索: 3回。" in page
    zero = page.split('<h2 id="zero-results">', 1)[1].split('<h2 id="top-queries">')[0]
    assert '<a href="/talks/?q=%E5%AE%87%E5%AE%99+%3Cb%3E">宇宙 &lt;b&gt;</a>' in zero
    top = page.split('<h2 id="top-queries">', 1)[1]
    assert "<td>防災</td>" not in top  # a link, not plain text
    assert ">防災</a></td><td>2</td><td>2</td>" in top
    assert "宇宙" not in top


def test_insights_show_what_readers_typed_most(client, editor_client, talks):
    for number, typed in enumerate(["GovTech", "govtech", "GovTech", "ＧｏｖＴｅｃｈ"]):
        client.get(
            "/talks/",
            {"q": typed},
            HTTP_USER_AGENT=BROWSER,
            REMOTE_ADDR=f"192.0.2.{number}",
        )
    assert SearchLog.objects.count() == 4
    assert set(SearchLog.objects.values_list("query", flat=True)) == {"govtech"}
    page = editor_client.get("/admin/search/searchlog/").content.decode()
    zero = page.split('<h2 id="zero-results">', 1)[1].split('<h2 id="top-queries">')[0]
    assert ">GovTech</a></td><td>4</td>" in zero
    assert ">govtech</a>" not in page


def test_zero_result_queries_offer_a_synonym_and_a_pin(editor_client):
    SearchLog.objects.create(query="ガバクラ", typed="ガバクラ", result_count=0)
    page = editor_client.get("/admin/search/searchlog/").content.decode()
    synonym = "/admin/search/synonym/add/?terms=%E3%82%AC%E3%83%90%E3%82%AF%E3%83%A9"
    pin = "/admin/search/pin/add/?query=%E3%82%AC%E3%83%90%E3%82%AF%E3%83%A9"
    assert f'<a href="{synonym}">「ガバクラ」の同義語を登録</a>' in page
    assert f'<a href="{pin}">「ガバクラ」で講演を固定表示</a>' in page
    form = editor_client.get(synonym).content.decode()
    assert "ガバクラ</textarea>" in form


def test_a_reader_counts_once_a_day_per_query(client, talks):
    for _ in range(3):
        search(client, "防災")
        search(client, "ＦＡＸ")
    assert sorted(logged()) == [("fax", 0), ("防災", 1)]
    # Another reader (address) counts again.
    client.get(
        "/talks/", {"q": "防災"}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.9"
    )
    assert sorted(logged()) == [("fax", 0), ("防災", 1), ("防災", 1)]
    # Nothing that names the reader is stored, not even the hash.
    row = SearchLog.objects.values().first()
    assert set(row) == {"id", "query", "typed", "result_count", "searched_at"}


def test_one_client_cannot_write_the_insights(client, talks, settings):
    settings.SEARCH_LOG_READER_DAY = 5
    for n in range(12):
        search(client, f"防災{n}")
    assert len(logged()) == 5
    settings.SEARCH_LOG_PER_MINUTE = 7
    for n in range(12):
        client.get(
            "/talks/",
            {"q": "防災"},
            HTTP_USER_AGENT=BROWSER,
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    assert len(logged()) == 7  # the site's cap for this minute


def test_a_cache_fault_serves_the_page_and_records_nothing(client, talks, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    response = search(client, "防災")[0]
    assert response.status_code == 200
    assert logged() == []


def test_insights_are_read_only(editor_client):
    SearchLog.objects.create(query="防災", result_count=1)
    assert editor_client.get("/admin/search/searchlog/add/").status_code == 403
    log = SearchLog.objects.get()
    response = editor_client.post(f"/admin/search/searchlog/{log.pk}/delete/")
    assert response.status_code == 403
    assert SearchLog.objects.count() == 1


def test_the_public_cannot_see_insights(client):
    response = client.get("/admin/search/searchlog/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
