"""Stored renderings of a talk page's own parts (summaries/pagecache/parts.py):
rendered once per talk and language, served with the whole-page cache empty,
and never stale: any change the public could see renders them anew."""

import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from summaries.models import Channel, Speaker, Tag, Takeaway, Talk
from summaries.pagecache import parts
from summaries.pagecache.models import StoredPart
from tests.factories import make_speaker, make_talk
from tests.test_views import empty_the_page_cache

pytestmark = pytest.mark.django_db


def fresh(url):
    """The page as a reader gets it with the whole-page cache empty, and the
    SQL it took."""
    empty_the_page_cache()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode(), [q["sql"] for q in queries]


def _talk():
    return make_talk(
        "要点のある講演",
        tags=["防災"],
        speakers=[make_speaker("宮坂 学")],
        takeaways=2,
        outline=2,
        transcript=3,
        video_url="https://www.youtube.com/watch?v=AbCdEfGhI_0",
    )


def test_the_talks_parts_are_rendered_once_and_then_read(django_assert_num_queries):
    talk = _talk()
    first, first_sql = fresh(talk.get_absolute_url())
    assert StoredPart.objects.filter(talk=talk, language="ja").count() == 1
    again, sql = fresh(talk.get_absolute_url())
    token = 'name="csrfmiddlewaretoken" value="'
    assert again.split(token)[0] == first.split(token)[0]
    assert len(sql) < len(first_sql)
    assert not any("summaries_takeaway" in q for q in sql)
    assert "要点1" in again and "章1" in again and "hasPart" in again
    assert "transcript-filter" in again  # its script, from the stored flag


def test_each_language_has_its_own(client):
    talk = _talk()
    japanese, _ = fresh(talk.get_absolute_url())
    english, _ = fresh("/en" + talk.get_absolute_url())
    assert "要点</h2>" in japanese and "Takeaways</h2>" in english
    assert StoredPart.objects.filter(talk=talk).count() == 2


def test_an_edited_part_shows_on_the_next_request():
    talk = _talk()
    fresh(talk.get_absolute_url())
    item = Takeaway.objects.get(talk=talk, position=1)
    item.text = "書き換えた要点"
    item.save()
    page, _ = fresh(talk.get_absolute_url())
    assert "書き換えた要点" in page


@pytest.mark.parametrize("record", ["tag", "speaker", "channel"])
def test_a_renamed_tag_speaker_or_channel_shows_on_the_next_request(record):
    talk = _talk()
    fresh(talk.get_absolute_url())
    renamed = {
        "tag": Tag.objects.get(name="防災"),
        "speaker": Speaker.objects.get(name="宮坂 学"),
        "channel": Channel.objects.get(pk=talk.channel_id),
    }[record]
    renamed.name = "新しい名前"
    renamed.save()
    page, _ = fresh(talk.get_absolute_url())
    assert "新しい名前" in page


def load_as_fixture(talk, folder, **fields):
    """`loaddata` of the talk's row as it is now, with `fields` changed: a raw
    write, which keeps the `updated_at` the row brings."""
    rows = json.loads(serializers.serialize("json", [Talk.objects.get(pk=talk.pk)]))
    rows[0]["fields"].update(fields)
    fixture = folder / "talk.json"
    fixture.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)


def test_a_fixture_loaded_over_the_talk_shows_on_the_next_request(tmp_path):
    talk = _talk()
    load_as_fixture(talk, tmp_path)
    fresh(talk.get_absolute_url())  # stored from the fixture's updated_at
    load_as_fixture(talk, tmp_path, title="読み込み直した題名")  # same updated_at
    page, _ = fresh(talk.get_absolute_url())
    assert "<h1><bdi>読み込み直した題名</bdi></h1>" in page


def test_new_code_or_templates_render_the_parts_anew(monkeypatch):
    talk = _talk()
    fresh(talk.get_absolute_url())
    StoredPart.objects.filter(talk=talk).update(
        content={"header": "古い", "body": "古い", "chapters": [], "tags": [],
                 "transcript": False}
    )  # fmt: skip
    page, _ = fresh(talk.get_absolute_url())
    assert "古い" in page  # stored under the same stamp: served as stored
    monkeypatch.setattr(parts, "rendering_version", lambda: "another deploy")
    page, _ = fresh(talk.get_absolute_url())
    assert "古い" not in page and "要点1" in page


def test_a_failed_write_still_serves_the_page(monkeypatch):
    talk = _talk()

    def refuse(*args, **kwargs):
        raise DatabaseError("read-only")

    monkeypatch.setattr(StoredPart.objects, "bulk_create", refuse)
    page, _ = fresh(talk.get_absolute_url())
    assert "要点1" in page
    assert not StoredPart.objects.exists()


def test_a_deleted_talk_takes_its_parts_with_it():
    talk = _talk()
    fresh(talk.get_absolute_url())
    Talk.objects.filter(pk=talk.pk).delete()
    assert not StoredPart.objects.exists()


def test_a_staff_preview_of_a_draft_is_never_stored(admin_client):
    draft = make_talk("下書きの講演", status=Talk.Status.DRAFT, takeaways=1)
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "要点1" in response.content.decode()
    assert not StoredPart.objects.exists()
