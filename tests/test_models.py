"""What the database guarantees, and the rules the models apply on save."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from summaries.models import Highlight, Tag, Takeaway, Talk, TalkSpeaker
from tests.factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db


def violates(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_positions_are_unique_per_talk():
    talk = make_talk(takeaways=2)
    violates(lambda: Takeaway.objects.create(talk=talk, position=1, text="重複"))
    # The same position on another talk is fine.
    Takeaway.objects.create(talk=make_talk(), position=1, text="別の講演")


def test_seconds_cannot_be_negative():
    talk = make_talk()
    violates(lambda: Highlight.objects.create(talk=talk, position=1, start_seconds=-1))


def test_status_must_be_a_known_value():
    talk = make_talk()
    violates(lambda: Talk.objects.filter(pk=talk.pk).update(status="archived"))


def test_a_published_talk_always_has_a_publication_time():
    talk = make_talk(status=Talk.Status.DRAFT)
    violates(lambda: Talk.objects.filter(pk=talk.pk).update(status="published"))


def test_publishing_without_a_time_means_now():
    talk = make_talk(status=Talk.Status.DRAFT)
    talk.status = Talk.Status.PUBLISHED
    talk.save()
    assert abs(talk.published_at - timezone.now()) < dt.timedelta(seconds=5)


def test_slugs_are_unique_and_made_from_the_title():
    first = make_talk("東京都のDX")
    second = make_talk("東京都のDX")
    assert first.slug == "tokyoto-dx"
    assert second.slug == "tokyoto-dx-2"
    violates(lambda: make_talk("別", slug=first.slug))


def test_a_speaker_appears_once_per_talk():
    talk, speaker = make_talk(), make_speaker()
    TalkSpeaker.objects.create(talk=talk, speaker=speaker, position=1)
    violates(lambda: TalkSpeaker.objects.create(talk=talk, speaker=speaker, position=2))


def test_tag_variants_of_case_and_width_are_one_tag():
    talk = make_talk(tags=["DX"])
    other = make_talk(tags=["ＤＸ", "dx"])
    assert Tag.objects.count() == 1
    assert other.tags.get().name == "DX"
    assert talk.tags.get() == other.tags.get()


def test_published_means_published_and_its_time_has_come():
    now = timezone.now()
    live = make_talk(published_at=now - dt.timedelta(minutes=1))
    make_talk(published_at=now + dt.timedelta(minutes=1))
    make_talk(status=Talk.Status.DRAFT)
    assert list(Talk.objects.published()) == [live]
    # The scheduled one goes public when its time comes, with no job run.
    later = now + dt.timedelta(minutes=2)
    assert Talk.objects.published(now=later).count() == 2


def test_taggit_finds_tags_by_folded_name_through_its_public_lookup():
    """taggit, with TAGGIT_CASE_INSENSITIVE, looks typed names up with
    `name__iexact`; the tag name's own lookup compares folded keys. Pinned:
    should taggit look names up another way, ＤＸ would make a second tag."""
    from taggit.models import Tag as TaggitTag
    from taggit.models import TaggedItem

    dx = Tag.objects.create(name="DX")
    assert Tag.objects.get(name__iexact="ｄｘ") == dx
    talk = make_talk()
    talk.tags.add("ＤＸ", "新しいタグ")
    assert sorted(tag.name for tag in talk.tags.all()) == ["DX", "新しいタグ"]
    talk.tags.set(["dx"])
    assert list(talk.tags.all()) == [dx]
    assert Tag.objects.count() == 2
    # taggit's own models are never used: its tables stay empty.
    assert TaggitTag.objects.count() == TaggedItem.objects.count() == 0
