"""Clean tags: variants are one tag, rename keeps old links, merge, suggestions."""

import pytest
from django.test import Client
from django.urls import reverse

from summaries.history import versions_of
from summaries.models import Tag, TaggedTalk
from summaries.signals import talk_changed
from tests.factories import make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db


def test_typing_a_variant_uses_the_existing_tag(editor_client):
    make_talk(tags=["DX"])
    talk = make_talk()
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    response = submit(
        editor_client, editor_client.get(url), {"tags": "ＤＸ、dx, GovTech 東京"}
    )
    assert response.status_code == 302, response.context["errors"]
    assert sorted(talk.tags.names()) == ["DX", "GovTech 東京"]
    assert Tag.objects.filter(key="dx").count() == 1


def test_tag_input_is_enhanced_but_stays_a_text_input(editor_client):
    talk = make_talk(tags=["防災", "窓口"])
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    page = editor_client.get(url).content.decode()
    assert 'value="防災、窓口"' in page
    assert 'data-suggest-url="/admin/summaries/tag/suggest/"' in page
    assert (
        '<script src="/static/summaries/js/tag-input.js" type="module"></script>'
        in page
    )


def test_suggestions_by_folded_prefix_most_used_first(editor_client):
    for _ in range(3):
        make_talk(tags=["DX推進"])
    make_talk(tags=["DXアワード"])
    make_talk(tags=["デジタル庁"])
    url = reverse("admin:summaries_tag_suggest")
    results = editor_client.get(url, {"q": "ｄｘ"}).json()["results"]
    assert results == [
        {"name": "DX推進", "count": 3},
        {"name": "DXアワード", "count": 1},
    ]
    assert editor_client.get(url, {"q": ""}).json() == {"results": []}


def test_suggestions_are_for_staff_only():
    response = Client().get(reverse("admin:summaries_tag_suggest"), {"q": "d"})
    assert response.status_code == 302


def test_renaming_a_tag_changes_its_address_and_the_old_one_redirects(editor_client):
    make_talk(tags=["防災"])
    tag = Tag.objects.get()
    url = reverse("admin:summaries_tag_change", args=[tag.pk])
    response = submit(editor_client, editor_client.get(url), {"name": "防災・減災"})
    assert response.status_code == 302, response.context["errors"]
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("防災・減災", "防災減災")
    response = Client().get("/tags/防災/")
    assert response.status_code == 301
    assert response["Location"] == tag.get_absolute_url()


def test_renaming_to_a_variant_of_another_tag_is_refused(editor_client):
    make_talk(tags=["DX", "防災"])
    tag = Tag.objects.get(name="防災")
    url = reverse("admin:summaries_tag_change", args=[tag.pk])
    response = submit(editor_client, editor_client.get(url), {"name": "ｄｘ"})
    assert response.status_code == 200
    assert "「ｄｘ」は既にあるタグ「DX」と同じです" in response.content.decode()
    assert Tag.objects.get(pk=tag.pk).name == "防災"


def test_merging_tags_moves_taggings_keeps_addresses_and_announces(editor_client):
    both = make_talk("両方", tags=["デジタル化", "デジタライゼーション"])
    one = make_talk("片方", tags=["デジタライゼーション"])
    other = make_talk("別", tags=["防災"])
    target = Tag.objects.get(name="デジタル化")
    merged = Tag.objects.get(name="デジタライゼーション")
    changelist = reverse("admin:summaries_tag_changelist")
    selected = {"action": "merge", "_selected_action": [target.pk, merged.pk]}

    page = editor_client.post(changelist, selected)
    assert page.status_code == 200
    assert "残すタグ" in page.content.decode()
    assert "デジタライゼーション（2件の講演）" in page.content.decode()

    announced = []

    def listener(talk_ids, **kwargs):
        announced.append(set(talk_ids))

    talk_changed.connect(listener)
    try:
        response = submit(
            editor_client, page, {"target": str(target.pk)}, url=changelist
        )
    finally:
        talk_changed.disconnect(listener)
    assert response.status_code == 302
    assert not Tag.objects.filter(name="デジタライゼーション").exists()
    assert list(both.tags.names()) == ["デジタル化"]
    assert list(one.tags.names()) == ["デジタル化"]
    assert list(other.tags.names()) == ["防災"]
    assert TaggedTalk.objects.filter(tag=target).count() == 2
    assert announced == [{both.pk, one.pk}]
    assert "統合" in versions_of(one.pk).first().revision.comment
    old_address = Client().get(f"/tags/{merged.slug}/")
    assert old_address.status_code == 301
    assert old_address["Location"] == target.get_absolute_url()


def test_merge_needs_two_tags(editor_client):
    make_talk(tags=["防災"])
    response = editor_client.post(
        reverse("admin:summaries_tag_changelist"),
        {"action": "merge", "_selected_action": [Tag.objects.get().pk]},
        follow=True,
    )
    assert "統合するタグを2つ以上選んでください。" in response.content.decode()
