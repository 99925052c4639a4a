"""Old slugs of talks and tags answer with a permanent redirect, never a loop."""

import pytest
from django.test import Client

from summaries.models import Tag, TagSlugRedirect, Talk, TalkSlugRedirect
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    obj.slug = slug
    obj.save()


def test_old_talk_address_redirects_permanently_keeping_the_query(client):
    talk = make_talk(slug="a")
    rename(talk, "b")
    response = client.get("/talks/a/?t=90")
    assert response.status_code == 301
    assert response["Location"] == "/talks/b/?t=90"


def test_a_chain_of_renames_is_one_hop(client):
    talk = make_talk(slug="a")
    rename(talk, "b")
    rename(talk, "c")
    for old in ("a", "b"):
        response = client.get(f"/talks/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/talks/c/")
    assert client.get("/talks/c/").status_code == 200


def test_taking_a_slug_back_never_loops(client):
    talk = make_talk(slug="a")
    rename(talk, "b")
    rename(talk, "a")
    assert client.get("/talks/a/").status_code == 200
    response = client.get("/talks/b/")
    assert (response.status_code, response["Location"]) == (301, "/talks/a/")
    assert list(TalkSlugRedirect.objects.values_list("old_slug", flat=True)) == ["b"]


def test_a_new_talk_taking_an_old_slug_wins(client):
    talk = make_talk("一つ目", slug="a")
    rename(talk, "b")
    make_talk("二つ目", slug="a")
    assert "二つ目" in client.get("/talks/a/").content.decode()
    assert not TalkSlugRedirect.objects.filter(old_slug="a").exists()


def test_a_drafts_old_address_is_404_for_the_public(editor_client):
    talk = make_talk(slug="a", status=Talk.Status.DRAFT)
    rename(talk, "secret-new-name")
    response = Client().get("/talks/a/")
    assert response.status_code == 404
    assert "secret-new-name" not in response.content.decode()
    assert editor_client.get("/talks/a/")["Location"] == "/talks/secret-new-name/"


def test_editor_changes_a_slug_in_the_admin_and_old_links_still_work(editor_client):
    from django.urls import reverse

    from tests.html_forms import submit

    talk = make_talk(slug="old-name")
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    assert (
        submit(editor_client, editor_client.get(url), {"slug": "new-name"}).status_code
        == 302
    )
    response = editor_client.get("/talks/old-name/")
    assert (response.status_code, response["Location"]) == (301, "/talks/new-name/")


def test_old_tag_address_redirects(client):
    make_talk(tags=["防災"])
    tag = Tag.objects.get()
    tag.name, tag.slug = "防災・減災", "防災-減災"
    tag.save()
    response = client.get("/tags/防災/")
    assert response.status_code == 301
    assert response["Location"] == tag.get_absolute_url()
    assert TagSlugRedirect.objects.get().tag == tag
