"""A speaker, channel or tag that appears only on drafts or scheduled talks is
not public: asking for it by slug must answer exactly as for a slug that does
not exist, so its name never leaks."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from summaries.models import Channel, Speaker, Tag, Talk

from .factories import make_channel, make_speaker, make_talk

pytestmark = pytest.mark.django_db

# Its slug (`secret-name-秘密`) is not its name.
HIDDEN = "Secret Name 秘密"


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


def not_public(**fields):
    """A draft and a scheduled talk, and one public talk with nothing of theirs."""
    make_talk(status=Talk.Status.DRAFT, **fields)
    make_talk(published_at=timezone.now() + dt.timedelta(days=1), **fields)
    make_talk("公開中の講演")


def page(reader, path):
    response = reader.get(path)
    return response.status_code, response.content.decode()


def hidden_records():
    return {
        "speaker": lambda: not_public(speakers=[make_speaker(HIDDEN, slug="hidden")]),
        "channel": lambda: not_public(channel=make_channel(HIDDEN, slug="hidden")),
        "tag": lambda: not_public(tags=[HIDDEN]),
    }


@pytest.mark.parametrize("key", ["speaker", "channel", "tag"])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_name_not_public_answers_as_a_slug_that_does_not_exist(reader, key, prefix):
    hidden_records()[key]()
    slug = Tag.objects.get(name=HIDDEN).slug if key == "tag" else "hidden"
    path = f"{prefix}/talks/?{key}={slug}"
    status, shown = page(reader, path)
    assert HIDDEN not in shown

    # The same address once the record is gone: the very same page.
    Talk.objects.exclude(title="公開中の講演").delete()
    {"speaker": Speaker, "channel": Channel, "tag": Tag}[key].objects.filter(
        slug=slug
    ).delete()
    assert page(reader, path) == (status, shown)


def test_public_names_are_still_shown(reader):
    speaker = make_speaker("宮坂 学", slug="miyasaka")
    channel = make_channel("都庁チャンネル", slug="tokyo")
    make_talk(tags=["防災"], speakers=[speaker], channel=channel)
    make_talk(status=Talk.Status.DRAFT, speakers=[speaker], channel=channel)
    _status, shown = page(reader, "/talks/?speaker=miyasaka&channel=tokyo&tag=防災")
    assert "登壇者: <bdi>宮坂 学</bdi>" in shown
    assert "チャンネル: <bdi>都庁チャンネル</bdi>" in shown
    assert "タグ: <bdi>防災</bdi>" in shown
