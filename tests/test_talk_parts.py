"""talk_parts: replacing a talk's long lists all or nothing, in its history."""

import pytest

from summaries import limits
from summaries.history import versions_of
from summaries.models import OutlineChapter, TranscriptSegment
from summaries.search.models import SearchEntry
from summaries.signals import talk_changed
from summaries.summary_format import TimedData
from summaries.talk_parts import PartError, replace, replace_transcript
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listener(sender, talk_ids, **kwargs):
        calls.append(
            (
                set(talk_ids),
                TranscriptSegment.objects.filter(talk_id__in=talk_ids).count(),
            )
        )

    talk_changed.connect(listener)
    yield calls
    talk_changed.disconnect(listener)


def test_replace_transcript_writes_numbers_records_and_announces_once(heard, editor):
    talk = make_talk(transcript=3, outline=2)
    heard.clear()
    segments = [TimedData(0, "皆さん、こんにちは。"), TimedData(5, "宮坂：始めます。")]
    changed = replace_transcript(
        talk, segments, outline=[(0, "はじめに")], user=editor, comment="字幕から"
    )
    assert changed == ["transcript", "outline"]
    rows = list(talk.transcript.values_list("position", "start_seconds", "text"))
    assert rows == [(1, 0, "皆さん、こんにちは。"), (2, 5, "宮坂：始めます。")]
    assert list(talk.outline.values_list("title", flat=True)) == ["はじめに"]
    assert heard == [({talk.pk}, 2)]
    version = versions_of(talk.pk).first()
    assert version.revision.comment == "字幕から"
    assert version.revision.user == editor
    # The version keeps the new lists whole (one row each, not one per item).
    kept = dict(version.revision.parts_versions.values_list("part", "items"))
    assert kept["transcript"] == [[0, "皆さん、こんにちは。"], [5, "宮坂：始めます。"]]
    assert kept["outline"] == [[0, "はじめに"]]
    # The search index heard it too: the new words are found.
    assert "宮坂：始めます。" in SearchEntry.objects.get(talk=talk).text


def test_nothing_changes_when_one_item_is_bad(heard):
    talk = make_talk(transcript=3, outline=2)
    heard.clear()
    versions = versions_of(talk.pk).count()
    with pytest.raises(PartError) as error:
        replace_transcript(talk, [(0, "ok")], outline=[(0, "はじめに"), (60, "  ")])
    assert str(error.value) == "アウトラインの章の2個目に文がありません。"
    assert talk.transcript.count() == 3
    assert OutlineChapter.objects.filter(talk=talk).count() == 2
    assert heard == []
    assert versions_of(talk.pk).count() == versions


def test_too_many_segments_are_refused_before_anything_is_written():
    talk = make_talk(transcript=1)
    segments = [(i, f"発言{i}") for i in range(limits.MOST["transcript"] + 1)]
    with pytest.raises(limits.TooMany) as error:
        replace_transcript(talk, segments)
    assert (
        "文字起こしの区間が多すぎます（10001個）。1つの講演に10000個までです。"
        in str(error.value)
    )
    assert talk.transcript.count() == 1


def test_same_content_writes_and_records_nothing(heard):
    talk = make_talk(transcript=2)
    same = list(talk.transcript.values_list("start_seconds", "text"))
    heard.clear()
    versions = versions_of(talk.pk).count()
    assert replace(talk, transcript=same) == []
    assert heard == []
    assert versions_of(talk.pk).count() == versions


def test_a_time_out_of_range_is_named():
    talk = make_talk()
    with pytest.raises(PartError) as error:
        replace(talk, highlights=[(-1, "引用")])
    assert "ハイライトの1個目の時刻（-1）" in str(error.value)


def test_restore_and_a_review_snapshot_bring_the_long_lists_back():
    from summaries.history import record_written, recording, restore
    from summaries.review import snapshots

    talk = make_talk(transcript=3, keywords=2)
    with recording("最初"):
        record_written(talk)
    first = versions_of(talk.pk).first()
    snapshot = snapshots.take(talk.pk)
    replace(talk, transcript=[(0, "置き換えた発言")], keywords=["別の語"])
    restore(first, None)
    assert list(talk.transcript.values_list("start_seconds", "text")) == [
        (10, "発言1"),
        (20, "発言2"),
        (30, "発言3"),
    ]
    assert list(talk.keywords.values_list("text", flat=True)) == [
        "キーワード1",
        "キーワード2",
    ]
    replace(talk, transcript=[(0, "また置き換えた")])
    snapshots.apply(snapshot, talk.pk, "承認")
    assert talk.transcript.count() == 3
