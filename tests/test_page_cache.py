"""Public pages come from the cache, and every change shows on the next request."""

import datetime as dt
import io

import pytest
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from summaries.models import Tag, Talk
from summaries.pagecache import pages as page_cache
from tests.factories import make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db


def test_a_cached_page_costs_one_query(client, django_assert_num_queries):
    talk = make_talk(tags=["防災"], takeaways=3)
    client.get(talk.get_absolute_url())
    with django_assert_num_queries(1):
        response = client.get(talk.get_absolute_url())
    assert response.status_code == 200
    assert talk.title in response.content.decode()


def test_a_browser_that_has_the_page_gets_a_304(client):
    talk = make_talk()
    first = client.get(talk.get_absolute_url())
    again = client.get(talk.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "no-cache" in first["Cache-Control"]
    talk.tldr = "新しい要約"
    talk.save()
    changed = client.get(talk.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "新しい要約" in changed.content.decode()


def test_a_save_shows_on_the_next_request(client):
    talk = make_talk("古いタイトル")
    assert "古いタイトル" in client.get("/talks/").content.decode()
    talk.title = "新しいタイトル"
    talk.save()
    page = client.get("/talks/").content.decode()
    assert "新しいタイトル" in page and "古いタイトル" not in page


def test_an_admin_edit_shows_on_the_next_request(client, editor_client):
    talk = make_talk(takeaways=2)
    client.get(talk.get_absolute_url())
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    response = submit(
        editor_client, editor_client.get(url), {"takeaways-1-text": "直した"}
    )
    assert response.status_code == 302
    assert "直した" in client.get(talk.get_absolute_url()).content.decode()


def test_a_delete_shows_on_the_next_request(client):
    talk = make_talk("消える講演")
    assert client.get(talk.get_absolute_url()).status_code == 200
    assert "消える講演" in client.get("/").content.decode()
    url = talk.get_absolute_url()
    talk.delete()
    assert client.get(url).status_code == 404
    assert "消える講演" not in client.get("/").content.decode()


def test_a_tag_change_shows_on_the_next_request(client):
    talk = make_talk(tags=["防災"])
    assert ">防災</a>" in client.get(talk.get_absolute_url()).content.decode()
    tag = Tag.objects.get()
    tag.name = "防災・減災"
    tag.save()
    assert ">防災・減災</a>" in client.get(talk.get_absolute_url()).content.decode()
    talk.tags.add("窓口")
    assert ">窓口</a>" in client.get(talk.get_absolute_url()).content.decode()
    talk.tags.remove("窓口")
    assert ">窓口</a>" not in client.get(talk.get_absolute_url()).content.decode()


def test_a_scheduled_talk_appears_when_its_time_comes(client, monkeypatch):
    now = timezone.now()
    make_talk("予約の講演", published_at=now + dt.timedelta(minutes=5))
    assert "予約の講演" not in client.get("/talks/").content.decode()
    # No write happens; only the clock moves.
    later = now + dt.timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "予約の講演" in client.get("/talks/").content.decode()


def test_staff_and_readers_with_messages_are_never_served_from_the_cache(
    editor_client, django_assert_num_queries
):
    talk = make_talk()
    reader = Client()
    reader.get(talk.get_absolute_url())
    with django_assert_num_queries(1):
        reader.get(talk.get_absolute_url())  # a reader's page comes from the cache
    response = editor_client.get(talk.get_absolute_url())
    assert "ETag" not in response  # rendered for the editor, not cached
    reader.cookies["messages"] = "a message for this reader only"
    assert "ETag" not in reader.get(talk.get_absolute_url())


def test_a_page_with_a_form_gets_each_readers_own_csrf_token():
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}</form>'
    )

    @page_cache.cached_page
    def view(request):
        return HttpResponse(template.render(request=request))

    factory = RequestFactory()
    first_request = factory.get("/form/")
    first = view(first_request)
    second_request = factory.get("/form/")
    second = view(second_request)  # from the cache
    assert page_cache.CSRF_PLACEHOLDER not in second.content.decode()
    tokens = [
        r.content.decode().split('value="')[1].split('"')[0] for r in (first, second)
    ]
    assert tokens[0] != tokens[1]
    assert second_request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    assert "private" in second["Cache-Control"]


def test_errors_are_not_cached(client):
    assert client.get("/talks/not-yet/").status_code == 404
    talk = make_talk(slug="not-yet")
    assert Talk.objects.published().filter(pk=talk.pk).exists()
    assert client.get("/talks/not-yet/").status_code == 200


def test_an_import_shows_on_the_next_request(tmp_path):
    from django.core.management import call_command

    from tests.summary_samples import SEED_BYTES

    reader = Client()
    assert "デジタル監から東京都副知事に" not in reader.get("/talks/").content.decode()
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED_BYTES)
    call_command("import_summary", str(path), "--publish", stdout=io.StringIO())
    assert "デジタル監から東京都副知事に" in reader.get("/talks/").content.decode()


def test_a_vote_shows_on_the_next_request():
    talk = make_talk()
    reader, voter = Client(), Client()
    page = reader.get(talk.get_absolute_url()).content.decode()
    assert "まだ評価はありません" in page
    rate = reverse("summaries:talk-rate", args=[talk.slug])
    assert voter.post(rate, {"score": 4}).status_code == 303
    page = reader.get(talk.get_absolute_url()).content.decode()
    assert "4.0（1件）" in page and "まだ評価はありません" not in page
