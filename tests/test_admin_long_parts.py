"""Long lists in the talk admin: transcript, outline, highlights and keywords
as one text area each, through the real change form."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from summaries import limits
from summaries.history import versions_of
from summaries.models import Speaker, TalkSpeaker
from summaries.talk_parts import replace_transcript
from tests.factories import make_talk
from tests.html_forms import browser_form, submit

pytestmark = pytest.mark.django_db


def change_url(talk):
    return reverse("admin:summaries_talk_change", args=[talk.pk])


def rows(talk):
    return list(talk.transcript.values_list("start_seconds", "text"))


def area(fields, name):
    """A text area's value as a browser reads it (the newline Django writes
    after <textarea> is not part of it, which lxml does not know)."""
    return fields[name][0].removeprefix("\n")


def field_count(fields):
    return sum(len(values) for values in fields.values())


def at_every_limit(transcript=3000):
    """A talk holding the most of every part (the transcript: `transcript`)."""
    most = limits.MOST
    talk = make_talk(
        takeaways=most["takeaways"],
        questions=most["questions"],
        outline=most["outline"],
        keywords=most["keywords"],
        highlights=most["highlights"],
        transcript=transcript,
    )
    speakers = Speaker.objects.bulk_create(
        Speaker(name=f"登壇者{i}", slug=f"s-{i}") for i in range(most["talk_speakers"])
    )
    TalkSpeaker.objects.bulk_create(
        TalkSpeaker(talk=talk, speaker=s, position=i)
        for i, s in enumerate(speakers, start=1)
    )
    return talk


def test_the_long_lists_are_text_areas_of_lines(editor_client):
    talk = make_talk(transcript=2, outline=1, highlights=1, keywords=2)
    fields = browser_form(editor_client.get(change_url(talk)))
    assert area(fields, "transcript_lines") == "0:10 発言1\n0:20 発言2"
    assert area(fields, "outline_lines") == "1:00 章1"
    assert area(fields, "highlights_lines") == "0:30 ハイライト1"
    assert area(fields, "keywords_lines") == "キーワード1\nキーワード2"
    assert not any(name.startswith("transcript-") for name in fields)


def test_a_talk_at_every_limit_saves_in_one_request_below_the_field_limit(
    editor_client,
):
    talk = at_every_limit(transcript=limits.MOST["transcript"])
    page = editor_client.get(change_url(talk))
    assert page.status_code == 200
    fields = browser_form(page)
    assert field_count(fields) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    ids = list(talk.transcript.values_list("pk", flat=True)[:5])
    lines = area(fields, "transcript_lines").split("\n")
    assert len(lines) == limits.MOST["transcript"]
    lines[1] = "0:21 直した発言"
    response = submit(editor_client, page, {"transcript_lines": "\n".join(lines)})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert rows(talk)[1] == (21, "直した発言")
    assert talk.transcript.count() == limits.MOST["transcript"]
    assert talk.takeaways.count() == limits.MOST["takeaways"]
    # An untouched list is not rewritten.
    unchanged = submit(editor_client, editor_client.get(change_url(talk)), {})
    assert unchanged.status_code == 302
    assert list(talk.outline.values_list("pk", flat=True)) == sorted(
        talk.outline.values_list("pk", flat=True)
    )
    assert ids  # rows existed


def test_bad_lines_are_named_and_the_input_kept(editor_client):
    talk = make_talk(transcript=2)
    typed = "0:10 発言1\n0:20\n1:75 ずれた時刻\nただの文\n0:40 正しい行"
    response = submit(
        editor_client, editor_client.get(change_url(talk)), {"transcript_lines": typed}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "2行目: 時刻0:20の後に文がありません。" in page
    assert "3行目: 時刻「1:75」が読めません。" in page
    assert "4行目: 「ただの文」は「時:分:秒 文」の形ではありません。" in page
    assert "0:40 正しい行" in page  # what was typed stays
    assert rows(talk) == [(10, "発言1"), (20, "発言2")]


def test_too_many_lines_are_refused(editor_client):
    talk = make_talk()
    typed = "\n".join(f"キーワード{i}" for i in range(limits.MOST["keywords"] + 1))
    response = submit(
        editor_client, editor_client.get(change_url(talk)), {"keywords_lines": typed}
    )
    assert response.status_code == 200
    assert "キーワードが多すぎます（101個）。1つの講演に100個までです。" in (
        response.content.decode()
    )
    assert not talk.keywords.exists()


def test_an_outline_title_over_its_column_is_named_by_line(editor_client):
    talk = make_talk()
    typed = "0:00 はじめに\n1:00 " + "長" * 301
    response = submit(
        editor_client, editor_client.get(change_url(talk)), {"outline_lines": typed}
    )
    assert (
        "2行目: 長すぎます（301文字。300文字までです）。" in response.content.decode()
    )


def test_edits_are_versions_with_diffs_and_restore_brings_them_back(editor_client):
    talk = make_talk(transcript=3)
    submit(editor_client, editor_client.get(change_url(talk)), {})
    first = versions_of(talk.pk).first()
    response = submit(
        editor_client,
        editor_client.get(change_url(talk)),
        {"transcript_lines": "0:10 発言1\n0:25 新しい発言\n0:30 発言3"},
    )
    assert response.status_code == 302
    latest = versions_of(talk.pk).first()
    assert "文字起こし" in latest.revision.get_comment()
    diff = editor_client.get(
        reverse("admin:summaries_talk_version", args=[talk.pk, latest.pk])
    ).content.decode()
    assert "<del>0:20 発言2</del>" in diff and "<ins>0:25 新しい発言</ins>" in diff
    assert "発言1</del>" not in diff  # unchanged lines are not listed

    restore_url = reverse("admin:summaries_talk_restore", args=[talk.pk, first.pk])
    response = submit(
        editor_client, editor_client.get(restore_url), {}, url=restore_url
    )
    assert response.status_code == 302
    assert rows(talk) == [(10, "発言1"), (20, "発言2"), (30, "発言3")]
    fields = browser_form(editor_client.get(change_url(talk)))
    assert area(fields, "transcript_lines") == "0:10 発言1\n0:20 発言2\n0:30 発言3"


def test_a_save_on_top_of_a_captions_import_is_refused(editor_client):
    talk = make_talk(transcript=2)
    submit(editor_client, editor_client.get(change_url(talk)), {})
    mine = editor_client.get(change_url(talk))
    replace_transcript(talk, [(0, "字幕からの発言。")], comment="字幕から")
    response = submit(editor_client, mine, {"transcript_lines": "0:10 私の発言"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "保存しませんでした。" in page
    assert "<ins>0:00 字幕からの発言。</ins>" in page
    assert "0:10 私の発言" in page
    assert rows(talk) == [(0, "字幕からの発言。")]


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "送信された項目が多すぎるため、受け付けませんでした（1000個まで）。"),
        ("/en", "Too many fields were sent, so nothing was accepted (at most 1000)."),
    ],
)
def test_too_many_fields_get_a_page_that_explains_the_limit(
    editor, settings, prefix, message
):
    settings.DEBUG = False
    talk = make_talk()
    browser = Client(raise_request_exception=False)
    browser.force_login(editor)
    body = "&".join(f"f{i}=x" for i in range(1500))
    response = browser.post(
        prefix + change_url(talk),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert message in response.content.decode()
