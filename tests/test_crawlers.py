"""/sitemap.xml and /robots.txt."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from summaries.models import Talk
from tests.factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(__file__).parent / "schemas" / "sitemap-0.9.xsd"))
)
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    doc = etree.fromstring(response.content)
    SCHEMA.assertValid(doc)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in doc.findall("s:url", NS)
    }


def set_updated(talk, when):
    # auto_now would overwrite a save(): write the column directly.
    Talk.objects.filter(pk=talk.pk).update(updated_at=when)


def test_the_sitemap_validates_and_lists_every_public_page(client, seed):
    urls = sitemap(client)
    base = "http://testserver"
    assert f"{base}/" in urls
    assert f"{base}/talks/" in urls
    assert f"{base}/tags/" in urls
    assert f"{base}/speakers/" in urls
    assert f"{base}/about/accessibility/" in urls
    assert f"{base}/about/external-transmission/" in urls
    assert f"{base}/talks/tokyo-dx-miyasaka-2024/" in urls
    assert f"{base}/speakers/miyasaka-manabu/" in urls
    assert f"{base}/tags/%E6%9D%B1%E4%BA%AC%E9%83%BD/" in urls  # 東京都
    assert len(urls) == 6 + 1 + 11 + 2
    # The seed's own date, not the time of the request.
    assert urls[f"{base}/talks/tokyo-dx-miyasaka-2024/"] == "2026-11-26"


def test_lastmod_of_a_tag_or_speaker_is_its_latest_public_talk(client, db):
    speaker = make_speaker(slug="s1")
    old = make_talk(tags=["防災"], speakers=[speaker])
    new = make_talk(tags=["防災"], speakers=[speaker])
    draft = make_talk(tags=["防災"], speakers=[speaker], status=Talk.Status.DRAFT)
    set_updated(old, dt.datetime(2025, 1, 10, tzinfo=dt.UTC))
    set_updated(new, dt.datetime(2025, 3, 2, tzinfo=dt.UTC))
    set_updated(draft, dt.datetime(2025, 9, 9, tzinfo=dt.UTC))  # not public
    urls = sitemap(client)
    assert urls["http://testserver/tags/%E9%98%B2%E7%81%BD/"] == "2025-03-02"
    assert urls["http://testserver/speakers/s1/"] == "2025-03-02"
    assert urls["http://testserver/"] == "2025-03-02"
    assert "http://testserver/about/accessibility/" in urls
    assert urls["http://testserver/about/accessibility/"] is None
    assert f"http://testserver{draft.get_absolute_url()}" not in urls


def test_drafts_and_scheduled_talks_stay_out(client, db):
    draft = make_talk(status=Talk.Status.DRAFT, tags=["秘密"])
    later = make_talk(published_at=timezone.now() + dt.timedelta(days=1))
    urls = sitemap(client)
    assert not any(draft.slug in url or later.slug in url for url in urls)
    assert not any("%E7%A7%98%E5%AF%86" in url for url in urls)  # 秘密


def test_the_sitemap_costs_the_same_queries_for_many_talks(
    client, db, django_assert_num_queries
):
    for n in range(3):
        make_talk(tags=[f"タグ{n}"], speakers=[make_speaker()])
    # Per sitemap: a count and a page of items; plus the latest talk's date.
    with django_assert_num_queries(8):
        client.get("/sitemap.xml")
    for n in range(15):
        make_talk(tags=[f"タグ{n}", "共通"], speakers=[make_speaker()])
    with django_assert_num_queries(8):
        client.get("/sitemap.xml")


def test_robots_txt_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Sitemap: http://testserver/sitemap.xml",
    ]
