"""Whole-set downloads: /api/talks.csv and /api/talks.json."""

import csv
import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from summaries.api import downloads
from summaries.models import Talk

from .factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db


def body(response):
    assert response.streaming
    return b"".join(response.streaming_content)


def test_csv_is_one_row_per_published_talk_for_excel(client):
    speaker = make_speaker("宮坂 学", slug="miyasaka")
    talk = make_talk(
        "都のDX",
        slug="tokyo-dx",
        tags=["DX", "東京都"],
        speakers=[speaker],
        takeaways=2,
        tldr="行1\n行2、カンマ,入り",
    )
    talk.talk_speakers.update(role="話し手")
    make_talk("下書き", status=Talk.Status.DRAFT)
    make_talk("予約", published_at=timezone.now() + dt.timedelta(hours=1))

    response = client.get("/api/talks.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="govdx-talks.csv"'
    raw = body(response)
    assert raw.startswith("\ufeff".encode())  # Excel reads the BOM as "UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["都のDX"]
    row = rows[0]
    assert list(row) == downloads.CSV_COLUMNS
    assert row["tldr"] == "行1\n行2、カンマ,入り"
    assert row["speakers"] == "宮坂 学（話し手）"
    assert row["tags"] == "DX; 東京都"
    assert row["takeaways"] == "📌 要点1\n📌 要点2"
    assert row["url"] == "http://testserver/talks/tokyo-dx/"
    assert row["duration_seconds"] == "674"
    assert row["video_url"] == ""


def test_csv_defuses_cells_a_spreadsheet_would_run(client):
    make_talk('=HYPERLINK("http://evil")', tldr="+1 と -1")
    rows = list(csv.reader(io.StringIO(body(client.get("/api/talks.csv")).decode())))
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[1][CSV_INDEX["tldr"]] == "'+1 と -1"


CSV_INDEX = {name: i for i, name in enumerate(downloads.CSV_COLUMNS)}


def test_json_download_holds_everything_about_every_public_talk(client):
    talks = [make_talk(tags=["DX"], takeaways=2, transcript=3) for _ in range(3)]
    make_talk("下書き", status=Talk.Status.DRAFT)
    make_talk("予約", published_at=timezone.now() + dt.timedelta(minutes=1))

    response = client.get("/api/talks.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(body(response))
    assert data["api_version"] == "1.0.0"
    assert data["license"]["name"] == "CC BY 4.0"
    assert data["count"] == 3
    newest_first = sorted(talks, key=lambda t: t.published_at, reverse=True)
    assert [t["slug"] for t in data["talks"]] == [t.slug for t in newest_first]
    # Each entry is exactly what the detail endpoint says about that talk.
    for entry in data["talks"]:
        assert entry == client.get(f"/api/talks/{entry['slug']}/").json()


def test_json_download_streams_in_chunks(
    client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(downloads, "CHUNK", 2)
    for _ in range(5):
        make_talk(tags=["DX"], takeaways=1)
    # the content's state, the validators (kept until it changes), then the ids
    with django_assert_num_queries(3):
        response = client.get("/api/talks.json")
    # Then, as it streams, per chunk of 2: talks, tags, speakers and six parts.
    with django_assert_num_queries(3 * 9):
        data = json.loads(body(response))
    assert data["count"] == 5 and len(data["talks"]) == 5


def test_downloads_are_empty_but_valid_with_no_talks(client):
    assert json.loads(body(client.get("/api/talks.json")))["talks"] == []
    raw = body(client.get("/api/talks.csv")).decode("utf-8-sig")
    assert raw.splitlines() == [",".join(downloads.CSV_COLUMNS)]


def test_downloads_answer_conditional_requests(client):
    make_talk()
    for url in ("/api/talks.csv", "/api/talks.json"):
        first = client.get(url)
        body(first)
        again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304
    csv_etag = client.get("/api/talks.csv")["ETag"]
    assert csv_etag != client.get("/api/talks.json")["ETag"]
    make_talk()
    assert (
        client.get("/api/talks.csv", headers={"if-none-match": csv_etag}).status_code
        == 200
    )
