"""Stored listings: related talks and list counts kept by `talk_changed`.

Every test compares what the stored rows give with the same thing counted
afresh over all talks (the definition), after the kinds of change editors
make: tags added and removed, unpublishing, rescheduling, deleting, and a
scheduled time passing with no save at all.
"""

import datetime as dt
import random

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from summaries.listings import read
from summaries.listings.maintain import rebuild
from summaries.listings.models import FacetCount, Kind, Listing, RelatedTalk
from summaries.models import Speaker, Tag, Talk, TalkSpeaker
from tests.factories import make_channel, make_speaker, make_talk

pytestmark = pytest.mark.django_db

TAGS = ["防災", "窓口", "子育て", "DX", "教育", "医療"]


@pytest.fixture
def clock(monkeypatch):
    """The site's clock, moved by the test: `clock.move(hours=2)`."""

    class Clock:
        now = timezone.now()

        def move(self, **delta):
            self.now += dt.timedelta(**delta)

    moved = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moved.now)
    return moved


def related_ids(talk):
    return [t.pk for t in read.related_talks(talk)]


def ranked_afresh(talk):
    talk = Talk.objects.prefetch_related("tags").get(pk=talk.pk)
    return [t.pk for t in Talk.objects.related_to(talk)]


def assert_related_exact():
    for talk in Talk.objects.published():
        assert related_ids(talk) == ranked_afresh(talk), talk.title


def public_counts_afresh():
    public = Talk.objects.published()
    tags = {t.pk: t.talk_count for t in Tag.objects.with_public_counts()}
    speakers = {s.pk: s.talk_count for s in Speaker.objects.with_public_counts()}
    channels = dict(
        public.values("channel").annotate(n=Count("pk")).values_list("channel", "n")
    )
    years = {}
    for day in public.values_list("video_date", flat=True):
        years[day.year] = years.get(day.year, 0) + 1
    return {
        Kind.TAG: tags,
        Kind.SPEAKER: speakers,
        Kind.CHANNEL: channels,
        Kind.YEAR: years,
        Kind.ALL: {0: public.count()} if public.exists() else {},
    }


KINDS = (Kind.TAG, Kind.SPEAKER, Kind.CHANNEL, Kind.YEAR, Kind.ALL)


def stored_counts():
    return {kind: dict(rows) for kind, rows in read.tops(dict.fromkeys(KINDS)).items()}


def assert_tops_exact(size):
    """The `size` lists of each kind with most public talks, as the filters
    and the home page read them, against the same counted afresh."""
    afresh = public_counts_afresh()
    expected = {
        kind: sorted(afresh[kind].items(), key=lambda row: (-row[1], row[0]))[:size]
        for kind in KINDS
    }
    assert read.tops(dict.fromkeys(KINDS, size)) == expected


def make_corpus(rng, count=24):
    channels = [make_channel() for _ in range(3)]
    speakers = [make_speaker() for _ in range(4)]
    now = timezone.now()
    return [
        make_talk(
            channel=rng.choice(channels),
            tags=rng.sample(TAGS, rng.randint(1, 4)),
            speakers=rng.sample(speakers, rng.randint(0, 2)),
            published_at=now - dt.timedelta(hours=rng.randint(1, 500)),
            video_date=dt.date(rng.randint(2020, 2024), 1, 1),
        )
        for _ in range(count)
    ]


def test_related_talks_and_counts_stay_exact_through_random_edits(clock):
    rng = random.Random(13)
    talks = make_corpus(rng)
    assert_related_exact()
    assert stored_counts() == public_counts_afresh()
    for step in range(40):
        talk = Talk.objects.get(pk=rng.choice(talks).pk)
        action = rng.choice(
            [
                "add tag",
                "remove tag",
                "unpublish",
                "publish",
                "schedule",
                "speaker",
                "end",
            ]
        )
        if action == "add tag":
            talk.tags.add(rng.choice(TAGS))
        elif action == "remove tag" and talk.tags.exists():
            talk.tags.remove(rng.choice(list(talk.tags.all())))
        elif action == "unpublish":
            talk.status = Talk.Status.DRAFT
            talk.save()
        elif action == "publish":
            talk.status = Talk.Status.PUBLISHED
            talk.published_at = clock.now - dt.timedelta(minutes=rng.randint(1, 900))
            talk.save()
        elif action == "schedule":
            talk.status = Talk.Status.PUBLISHED
            talk.published_at = clock.now + dt.timedelta(hours=rng.randint(1, 5))
            talk.save()
        elif action == "end" and talk.status == Talk.Status.PUBLISHED:
            # 公開終了 within hours: it leaves lists by the clock, with no save.
            talk.expires_at = max(clock.now, talk.published_at) + dt.timedelta(
                hours=rng.randint(1, 3)
            )
            talk.save()
        elif action == "speaker":
            TalkSpeaker.objects.filter(talk=talk).delete()
        if step % 10 == 9:
            clock.move(hours=2)  # scheduled talks come due with no save
        assert_related_exact()
        assert stored_counts() == public_counts_afresh(), (step, action)
        assert_tops_exact(size=2)


@pytest.mark.parametrize("bulk", ["rank every list", "rebuild everything"])
def test_the_bulk_paths_give_the_same(monkeypatch, bulk):
    from summaries.listings import maintain

    monkeypatch.setattr(maintain, "RERANK_ALL_OVER", 0)
    if bulk == "rebuild everything":
        monkeypatch.setattr(maintain, "REBUILD_OVER", 0)
    rng = random.Random(8)
    talks = make_corpus(rng, count=10)
    talks[0].tags.add("医療")
    talks[1].status = Talk.Status.DRAFT
    talks[1].save()
    talks[2].delete()
    assert_related_exact()
    assert stored_counts() == public_counts_afresh()


def test_deleting_a_talk_takes_it_out_of_lists_and_counts():
    first = make_talk("一つ目", tags=["防災"])
    second = make_talk("二つ目", tags=["防災"])
    assert related_ids(first) == [second.pk]
    second.delete()
    assert related_ids(first) == []
    assert not Listing.objects.filter(talk=second.pk).exists()
    assert not RelatedTalk.objects.filter(talk=second.pk).exists()
    assert read.public_count(Kind.TAG, Tag.objects.get(name="防災").pk) == 1


def test_a_scheduled_talk_shows_in_related_and_counts_when_due(client, clock):
    shown = make_talk("公開中", tags=["防災", "窓口"])
    due = make_talk(
        "予約した講演",
        tags=["防災", "窓口"],
        published_at=clock.now + dt.timedelta(hours=1),
    )
    page = shown.get_absolute_url()
    tag = reverse("summaries:tag-detail", kwargs={"slug": "防災"})
    assert "予約した講演" not in client.get(page).content.decode()
    assert "1件の講演" in client.get(tag).content.decode()
    clock.move(hours=2)
    assert related_ids(shown) == [due.pk]
    assert "予約した講演" in client.get(page).content.decode()
    assert "2件の講演" in client.get(tag).content.decode()


def test_related_talks_on_the_page_follow_a_tag_change(client):
    talk = make_talk("基準の講演", tags=["防災"])
    make_talk("窓口の講演", tags=["窓口"])
    assert "窓口の講演" not in client.get(talk.get_absolute_url()).content.decode()
    talk.tags.add("窓口")
    assert "窓口の講演" in client.get(talk.get_absolute_url()).content.decode()


def test_the_list_filters_show_stored_counts(client):
    make_talk(tags=["防災"], video_date=dt.date(2023, 4, 1))
    make_talk(tags=["防災"], video_date=dt.date(2024, 4, 1))
    make_talk(tags=["窓口"], status=Talk.Status.DRAFT)
    facets = client.get(reverse("summaries:talk-list")).context["facets"]
    groups = {
        key: [(o.label, o.count) for o in options] for key, _h, options in facets.groups
    }
    assert groups["tag"] == [("防災", 2)]
    assert groups["year"] == [("2024年", 1), ("2023年", 1)]


def test_rebuild_gives_what_the_changes_kept():
    rng = random.Random(5)
    make_corpus(rng, count=12)
    kept = set(Listing.objects.values_list("talk", "kind", "value", "published_at"))
    counts = set(
        FacetCount.objects.filter(count__gt=0).values_list("kind", "value", "count")
    )
    related = set(
        RelatedTalk.objects.values_list("talk", "position", "related", "shared")
    )
    rebuild()
    assert kept == set(
        Listing.objects.values_list("talk", "kind", "value", "published_at")
    )
    assert counts == set(
        FacetCount.objects.filter(count__gt=0).values_list("kind", "value", "count")
    )
    assert related == set(
        RelatedTalk.objects.values_list("talk", "position", "related", "shared")
    )


def test_generated_talks_are_listed_and_ranked_in_bulk():
    call_command("generate_talks", count=40, seed=4, verbosity=0)
    assert stored_counts() == public_counts_afresh()
    for talk in Talk.objects.published()[:10]:
        assert related_ids(talk) == ranked_afresh(talk)


def test_an_expired_talk_leaves_related_and_counts_when_its_end_comes(client, clock):
    shown = make_talk("公開中", tags=["防災", "窓口"])
    ending = make_talk(
        "終わる講演",
        tags=["防災", "窓口"],
        expires_at=clock.now + dt.timedelta(hours=1),
    )
    page = shown.get_absolute_url()
    tag = reverse("summaries:tag-detail", kwargs={"slug": "防災"})
    assert related_ids(shown) == [ending.pk]
    assert "2件の講演" in client.get(tag).content.decode()
    clock.move(hours=2)  # no save: the clock alone ends it (公開終了)
    assert related_ids(shown) == []
    assert "終わる講演" not in client.get(page).content.decode()
    assert "1件の講演" in client.get(tag).content.decode()
    assert read.public_count(Kind.TAG, Tag.objects.get(name="防災").pk) == 1
    assert stored_counts() == public_counts_afresh()
    assert read.public_count(Kind.ALL) == 1
