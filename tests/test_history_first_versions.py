"""History starts before the first change: content that arrived without a
recorded write (the shipped fixture, loaddata, older data) gets a first version."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from summaries import diffs
from summaries.history import record_first_versions, recording, versions_of
from summaries.importer import apply
from summaries.models import PART_MODELS, Tag, Talk, TalkSpeaker
from summaries.summary_format import parse
from summaries.tag_merge import merge_tags
from tests.factories import make_talk
from tests.html_forms import submit
from tests.summary_samples import SEED_TEXT

pytestmark = pytest.mark.django_db

# Bookkeeping a save moves on purpose; everything else must come back.
MOVING = {"updated_at"}


def everything(talk_id):
    """Every stored field of the talk and of every part, speaker row and tag."""
    talk = Talk.objects.get(pk=talk_id)
    state = {
        "talk": {
            f.attname: getattr(talk, f.attname)
            for f in Talk._meta.concrete_fields
            if f.attname not in MOVING
        }
    }
    for model in (*PART_MODELS, TalkSpeaker):
        state[model.__name__] = [
            {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
            for row in model.objects.filter(talk_id=talk_id).order_by("position")
        ]
    state["tags"] = sorted(talk.tags.values_list("pk", "name", "slug"))
    return state


def change_url(talk):
    return reverse("admin:summaries_talk_change", args=[talk.pk])


def test_the_seed_talk_edited_in_the_admin_restores_to_the_original(
    editor_client, seed
):
    original = everything(seed.pk)
    original_text = diffs.from_database(seed.pk)
    response = submit(
        editor_client,
        editor_client.get(change_url(seed)),
        {"takeaways-0-text": "書き換えた最初の要点", "tldr": "書き換えた要約。"},
    )
    assert response.status_code == 302, response.context["errors"]
    assert seed.takeaways.get(position=1).text == "書き換えた最初の要点"

    versions = list(versions_of(seed.pk))
    assert len(versions) == 2  # the loaded content, then the edit
    first = versions[-1]
    assert "最初の版" in first.revision.comment
    assert (
        diffs.compare(diffs.from_revision(first.revision, seed.pk), original_text) == []
    )

    restore_url = reverse("admin:summaries_talk_restore", args=[seed.pk, first.pk])
    confirm = editor_client.get(restore_url)
    assert "書き換えた最初の要点" in confirm.content.decode()
    assert submit(editor_client, confirm, {}, url=restore_url).status_code == 302
    assert everything(seed.pk) == original
    assert diffs.compare(diffs.from_database(seed.pk), original_text) == []


def test_a_talk_with_no_history_gets_its_old_state_before_the_first_admin_save(
    editor_client,
):
    talk = make_talk("元の題", takeaways=2, tags=["防災"])  # plain ORM: no version
    assert not versions_of(talk.pk).exists()
    page = editor_client.get(change_url(talk))
    submit(editor_client, page, {"title": "新しい題"})
    oldest, newest = list(versions_of(talk.pk))[::-1]
    assert diffs.from_revision(oldest.revision, talk.pk).fields["title"] == "元の題"
    assert diffs.from_revision(newest.revision, talk.pk).fields["title"] == "新しい題"
    # Opening the form again adds nothing: the talk has its history now.
    editor_client.get(change_url(talk))
    assert versions_of(talk.pk).count() == 2


def test_loading_a_fixture_records_what_was_loaded_once_per_talk():
    call_command("loaddata", "talks", verbosity=0)
    talk = Talk.objects.get(slug="tokyo-dx-miyasaka-2024")
    (version,) = versions_of(talk.pk)
    snapshot = diffs.from_revision(version.revision, talk.pk)
    assert (
        snapshot.lists["takeaways"] == diffs.from_database(talk.pk).lists["takeaways"]
    )
    assert len(snapshot.lists["takeaways"]) == talk.takeaways.count() > 0
    # Loading it again changes nothing and records nothing more.
    call_command("loaddata", "talks", verbosity=0)
    assert versions_of(talk.pk).count() == 1


def test_other_writers_record_the_first_version_before_their_change(editor):
    merged = make_talk("統合", tags=["デジタル化"])
    published = make_talk("公開", status=Talk.Status.DRAFT)
    merge_tags(Tag.objects.create(name="DX"), [Tag.objects.get(name="デジタル化")])
    first = list(versions_of(merged.pk))[-1]
    assert diffs.from_revision(first.revision, merged.pk).lists["tags"] == [
        "デジタル化"
    ]
    assert versions_of(merged.pk).count() == 2

    with recording("テスト", editor, talks={published.pk}):
        Talk.objects.get(pk=published.pk).save()
    assert versions_of(published.pk).count() == 2


def test_an_update_by_import_keeps_the_content_it_replaced():
    talk = apply(parse(SEED_TEXT)).talk
    # As if the talk were older than history, then changed by code.
    Version.objects.all().delete()
    Talk.objects.filter(pk=talk.pk).update(tldr="コードで直した要約。")
    apply(parse(SEED_TEXT), update=True)
    oldest, newest = list(versions_of(talk.pk))[::-1]
    assert diffs.from_revision(oldest.revision, talk.pk).fields["tldr"] == (
        "コードで直した要約。"
    )
    assert "インポート" in newest.revision.comment
    assert record_first_versions({talk.pk}) == set()


def test_first_versions_cannot_join_a_revision_being_recorded(editor):
    talk = make_talk()
    with pytest.raises(RuntimeError), recording("テスト", editor):
        record_first_versions({talk.pk})
