"""/tags/ and /speakers/: every tag and speaker of public talks, with counts."""

import re

import pytest

from summaries.models import Talk

from .factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db


def test_tag_index_lists_all_tags_with_counts_most_used_first(client):
    make_talk(tags=["窓口", "防災"])
    make_talk(tags=["防災"])
    make_talk(tags=["防災", "教育"])
    make_talk(tags=["下書きだけ"], status=Talk.Status.DRAFT)
    page = client.get("/tags/").content.decode()
    listed = re.findall(
        r'<a href="/tags/[^"]+/"><bdi>([^<]+)</bdi> <span class="count">\((\d+)\)',
        page,
    )
    assert listed == [("防災", "3"), ("教育", "1"), ("窓口", "1")]


def test_speaker_index_lists_speakers_with_their_counts(client):
    a = make_speaker("宮坂 学", name_kana="みやさか まなぶ", slug="miyasaka")
    b = make_speaker("浅沼 尚", name_kana="あさぬま ひさし", slug="asanuma")
    hidden = make_speaker("下書き 太郎", slug="draft")
    make_talk(speakers=[a, b])
    make_talk(speakers=[a])
    make_talk(speakers=[hidden], status=Talk.Status.DRAFT)
    page = client.get("/speakers/").content.decode()
    assert '<a href="/speakers/asanuma/"><bdi>浅沼 尚</bdi></a>' in page
    assert re.search(r'/speakers/miyasaka/"><bdi>宮坂 学</bdi></a>.*?2件', page)
    assert re.search(r'/speakers/asanuma/"><bdi>浅沼 尚</bdi></a>.*?1件', page)
    assert "下書き 太郎" not in page
