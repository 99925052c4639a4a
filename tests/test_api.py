"""The open data API: /api/talks/ and /api/talks/<slug>/."""

import datetime as dt

import pytest
from django.utils import timezone

from summaries.models import Tag, Talk

from .factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response, response.json()


def test_list_shows_published_talks_newest_first_with_their_cards(client):
    speaker = make_speaker("宮坂 学", slug="miyasaka-manabu", title="副知事")
    older = make_talk("古い講演", published_at=timezone.now() - dt.timedelta(days=2))
    newer = make_talk(
        "新しい講演",
        slug="new-talk",
        tags=["DX", "東京都"],
        speakers=[speaker],
        video_url="",
    )

    response, data = get_json(client, "/api/talks/")

    assert response.status_code == 200
    assert data["count"] == 2
    assert [t["slug"] for t in data["results"]] == [newer.slug, older.slug]
    first = data["results"][0]
    assert first["title"] == "新しい講演"
    assert first["url"] == "http://testserver/talks/new-talk/"
    assert first["api_url"] == "http://testserver/api/talks/new-talk/"
    assert [t["name"] for t in first["tags"]] == ["DX", "東京都"]
    assert first["speakers"][0]["name"] == "宮坂 学"
    assert first["speakers"][0]["title"] == "副知事"
    assert first["channel"]["name"] == newer.channel.name
    assert first["video_url"] is None  # blank means unknown: null, not ""
    assert first["duration_seconds"] == 674


def test_drafts_and_scheduled_talks_never_appear(client):
    public = make_talk("公開中")
    draft = make_talk("下書き", status=Talk.Status.DRAFT)
    scheduled = make_talk(
        "予約", published_at=timezone.now() + dt.timedelta(days=1), tags=["DX"]
    )

    _, data = get_json(client, "/api/talks/")
    assert [t["slug"] for t in data["results"]] == [public.slug]
    assert data["count"] == 1
    _, data = get_json(client, "/api/talks/?tag=dx")
    assert data["count"] == 0
    for hidden in (draft, scheduled):
        response = client.get(f"/api/talks/{hidden.slug}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}


def test_detail_has_everything(client):
    speaker = make_speaker("宮坂 学", slug="miyasaka-manabu", name_kana="みやさか")
    talk = make_talk(
        "講演",
        slug="detail-talk",
        tags=["GovTech東京"],
        speakers=[speaker],
        takeaways=2,
        questions=2,
        outline=2,
        keywords=2,
        highlights=2,
        transcript=3,
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        source_rating="4.5",
        source_rating_count=12,
    )
    talk.talk_speakers.update(role="聞き手")
    talk.takeaways.filter(position=1).update(emoji="👨💼")

    response, data = get_json(client, f"/api/talks/{talk.slug}/")

    assert response.status_code == 200
    page = f"http://testserver/talks/{talk.slug}/"
    assert data["slug"] == talk.slug
    assert data["tldr"] == talk.tldr
    assert data["video_url"] == "https://www.youtube.com/watch?v=abcdefghijk"
    assert data["video_date"] == "2024-06-05"
    assert data["speakers"][0]["role"] == "聞き手"
    assert data["speakers"][0]["name_kana"] == "みやさか"
    assert data["speakers"][0]["name_latin"] is None
    assert data["tags"] == [
        {
            "name": "GovTech東京",
            "slug": "govtech東京",
            "url": "http://testserver/tags/govtech%E6%9D%B1%E4%BA%AC/",
        }
    ]
    assert data["takeaways"] == [
        {"emoji": "👨💼", "text": "要点1"},
        {"emoji": "📌", "text": "要点2"},
    ]
    assert data["questions"][1] == {"question": "質問2？", "answer": "回答2。"}
    assert data["outline"][1] == {
        "start_seconds": 120,
        "timecode": "2:00",
        "text": "章2",
        "url": f"{page}?t=120",
    }
    assert data["keywords"] == ["キーワード1", "キーワード2"]
    assert [h["text"] for h in data["highlights"]] == ["ハイライト1", "ハイライト2"]
    assert [s["start_seconds"] for s in data["transcript"]] == [10, 20, 30]
    assert data["source_rating"] == 4.5
    assert data["source_rating_count"] == 12
    assert data["is_generated"] is False
    published = dt.datetime.fromisoformat(data["published_at"])
    assert published == talk.published_at
    assert dt.datetime.fromisoformat(data["updated_at"]) >= talk.updated_at


def test_unicode_slugs_work_in_the_address(client):
    talk = make_talk("東京都のDX", slug="東京都のdx")
    response = client.get("/api/talks/%E6%9D%B1%E4%BA%AC%E9%83%BD%E3%81%AEdx/")
    assert response.status_code == 200
    assert response.json()["title"] == talk.title


def test_filters_by_repeated_tags_speaker_and_year(client):
    speaker = make_speaker(slug="asanuma")
    both = make_talk(tags=["DX", "防災"], speakers=[speaker])
    make_talk(tags=["DX"], video_date=dt.date(2023, 1, 1))
    make_talk(tags=["防災"])

    def slugs(query):
        return {t["slug"] for t in client.get(f"/api/talks/?{query}").json()["results"]}

    assert len(slugs("tag=dx")) == 2
    assert slugs("tag=dx&tag=防災") == {both.slug}
    assert slugs("speaker=asanuma") == {both.slug}
    assert len(slugs("year=2024")) == 2
    assert len(slugs("year=2023")) == 1
    assert slugs("tag=no-such-tag") == set()


def test_pagination_pages_sizes_and_links(client):
    talks = [make_talk() for _ in range(5)]  # newest last: made later, newer
    newest_first = [t.slug for t in sorted(talks, key=lambda t: t.published_at)][::-1]

    _, first = get_json(client, "/api/talks/?size=2")
    _, last = get_json(client, "/api/talks/?size=2&page=3")

    assert (first["count"], first["pages"], first["page"], first["size"]) == (
        5,
        3,
        1,
        2,
    )
    assert [t["slug"] for t in first["results"]] == newest_first[:2]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/talks/?size=2&page=2"
    assert [t["slug"] for t in last["results"]] == newest_first[4:]
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/talks/?size=2&page=2"


def test_a_page_past_the_end_is_404_and_bad_parameters_422(client):
    make_talk()
    response = client.get("/api/talks/?page=2")
    assert response.status_code == 404
    assert response.json() == {"detail": "Page 2 does not exist: there are 1."}
    assert client.get("/api/talks/?page=1").status_code == 200  # even when empty
    for query in ("size=101", "size=0", "page=0", "year=abc"):
        response = client.get(f"/api/talks/?{query}")
        assert response.status_code == 422, query
        assert response.json()["detail"][0]["loc"][0] == "query"


def test_an_empty_site_answers_an_empty_first_page(client):
    response, data = get_json(client, "/api/talks/")
    assert response.status_code == 200
    assert (data["count"], data["pages"], data["results"]) == (0, 0, [])


@pytest.mark.parametrize("size", [2, 40])
def test_list_costs_the_same_queries_whatever_the_page_size(
    client, django_assert_num_queries, size
):
    for _ in range(40):
        make_talk(tags=["DX", "防災"], speakers=[make_speaker(), make_speaker()])
    # validators (1), talks with channels (1), tags (1), speakers (1)
    with django_assert_num_queries(4):
        response = client.get(f"/api/talks/?size={size}&tag=dx")
    assert len(response.json()["results"]) == size


def test_detail_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    talk = make_talk(
        tags=["DX", "防災", "東京都"],
        speakers=[make_speaker() for _ in range(3)],
        takeaways=10,
        questions=10,
        outline=10,
        keywords=10,
        highlights=10,
        transcript=30,
    )
    # validators (1); the talk with its channel (1); tags, speakers and six parts
    with django_assert_num_queries(10):
        response = client.get(f"/api/talks/{talk.slug}/")
    assert len(response.json()["transcript"]) == 30


def test_conditional_requests_answer_304_and_cost_one_query(
    client, django_assert_num_queries
):
    talk = make_talk(tags=["DX"])
    for url in ("/api/talks/", f"/api/talks/{talk.slug}/"):
        first = client.get(url)
        etag, modified = first["ETag"], first["Last-Modified"]
        assert etag.startswith('"') and modified.endswith("GMT")
        with django_assert_num_queries(1):
            again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag
        since = client.get(url, headers={"if-modified-since": modified})
        assert since.status_code == 304


def test_a_change_to_a_talk_or_what_it_shows_gives_a_new_etag(client):
    talk = make_talk(tags=["DX"])
    urls = ("/api/talks/", f"/api/talks/{talk.slug}/")

    def etags():
        return [client.get(url)["ETag"] for url in urls]

    before = etags()
    tag = Tag.objects.get(name="DX")
    tag.name = "デジタル変革"  # a renamed tag changes what the talk shows
    tag.save()
    after_rename = etags()
    assert all(a != b for a, b in zip(before, after_rename, strict=True))
    response = client.get(urls[1], headers={"if-none-match": before[1]})
    assert response.status_code == 200
    assert response.json()["tags"][0]["name"] == "デジタル変革"

    make_talk()  # a new talk changes the list, not the other talk
    after_new = etags()
    assert after_new[0] != after_rename[0]
    assert after_new[1] == after_rename[1]


def test_a_withdrawn_talk_changes_the_list_etag(client):
    kept = make_talk()
    withdrawn = make_talk()
    etag = client.get("/api/talks/")["ETag"]
    withdrawn.status = Talk.Status.DRAFT
    withdrawn.save()
    response = client.get("/api/talks/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert [t["slug"] for t in response.json()["results"]] == [kept.slug]


def test_only_get_and_head_are_allowed(client):
    talk = make_talk()
    for url in ("/api/talks/", f"/api/talks/{talk.slug}/", "/api/talks.csv"):
        for method in (client.post, client.put, client.patch, client.delete):
            response = method(url)
            assert response.status_code == 405, (method, url)
        head = client.head(url)
        assert head.status_code == 200
        assert head["ETag"]


def test_any_origin_may_read_the_api(client):
    make_talk()
    response = client.get("/api/talks/", headers={"origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
    preflight = client.options(
        "/api/talks/",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_pages_do_not_share_their_origin(client):
    response = client.get("/", headers={"origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in response


def test_malformed_slugs_are_refused_before_any_query(client):
    """A NUL byte would make PostgreSQL fail: the API answers 404 or 422."""
    assert client.get("/api/talks/a%00b/").status_code == 404
    for query in ("tag=%00", "speaker=a%00b", "tag=dx&tag=a/b"):
        response = client.get(f"/api/talks/?{query}")
        assert response.status_code == 422, query


def test_a_repeated_answer_is_served_from_the_cache_and_changes_show_at_once(
    client, django_assert_num_queries
):
    talk = make_talk("元の題", tags=["DX"])
    for url in ("/api/talks/", f"/api/talks/{talk.slug}/"):
        client.get(url)
        with django_assert_num_queries(1):  # the validators; the body is kept
            assert client.get(url).status_code == 200
    talk.title = "新しい題"
    talk.save()
    assert client.get("/api/talks/").json()["results"][0]["title"] == "新しい題"
    assert client.get(f"/api/talks/{talk.slug}/").json()["title"] == "新しい題"
