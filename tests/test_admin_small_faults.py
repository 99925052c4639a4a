"""What a new editor noticed first: the icon, the dashboard, the tag-merge page."""

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from summaries.models import Tag
from tests.factories import make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db


def test_favicon_ico_answers_with_the_sites_icon(admin_client):
    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    icon = Client().get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content)
    assert Client().post("/favicon.ico").status_code == 405
    # The admin's pages name the icon themselves, so browsers need not guess.
    for client, url in ((admin_client, "admin:index"), (Client(), "admin:login")):
        page = lxml.html.fromstring(client.get(reverse(url)).content.decode())
        assert page.xpath('//link[@rel="icon"]/@href') == [response["Location"]]


def test_dashboard_labels_are_whole_and_come_after_the_model_list(editor_client):
    make_talk()
    page = editor_client.get(reverse("admin:index")).content.decode()
    document = lxml.html.fromstring(page)
    labels = document.xpath(
        '//*[local-name()="text"][@class="bar-chart__label"]/text()'
    )
    assert "要約（TL;DR）が50〜400文字" in labels
    assert not [label for label in labels if "…" in label]
    # Where editors start: the list of models, before the long dashboard.
    assert page.index('id="content-main"') < page.index('id="dashboard-heading"')
    assert page.index("講演サマリー") < page.index('id="dashboard-heading"')


@pytest.fixture
def merge_page(editor_client):
    make_talk(tags=["デジタル化", "DX"])
    make_talk(tags=["DX"])
    tags = Tag.objects.order_by("name")
    selected = {"action": "merge", "_selected_action": [t.pk for t in tags]}
    url = reverse("admin:summaries_tag_changelist")
    return editor_client.post(url, selected), url


def test_tag_merge_is_a_labelled_choice_with_matching_buttons(merge_page):
    page, _url = merge_page
    form = lxml.html.fromstring(page.content.decode()).xpath(
        '//form[@class="merge-form"]'
    )[0]
    (fieldset,) = form.xpath(".//fieldset")
    assert fieldset.xpath("./legend/text()") == ["残すタグ"]
    radios = fieldset.xpath('.//input[@type="radio"]')
    assert len(radios) == 2
    for radio in radios:
        (label,) = radio.xpath("ancestor::label")
        assert label.get("for") == radio.get("id")
        assert "件の講演" in label.text_content()
    (button,) = form.xpath('.//button[@type="submit"]')
    (cancel,) = form.xpath('.//a[contains(@class, "button")]')
    assert button.getparent() is cancel.getparent()
    assert "merge-form__buttons" in button.getparent().get("class")


def test_tag_merge_message_has_no_stray_space(editor_client, merge_page):
    page, url = merge_page
    dx = Tag.objects.get(name="DX")
    response = submit(editor_client, page, {"target": str(dx.pk)}, url=url)
    assert response.status_code == 302
    messages = editor_client.get(response["Location"]).content.decode()
    assert "「デジタル化」を「DX」に統合しました（講演1件）。" in messages
