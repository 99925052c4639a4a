"""The completeness checklist: on the change form, as a column, as the 要確認 filter."""

import pytest
from django.urls import reverse

from summaries.completeness import evaluate
from summaries.models import Talk
from tests.factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db

GOOD_TLDR = "東京都のデジタル改革について、副知事が課題と取り組みを語りました。" * 2


def complete_talk(title="完成した講演", **fields):
    fields.setdefault("tldr", GOOD_TLDR)
    fields.setdefault("video_url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    return make_talk(
        title,
        tags=["防災"],
        speakers=[make_speaker()],
        takeaways=3,
        questions=2,
        **fields,
    )


def failed_labels(talk):
    return [r.label for r in evaluate(talk) if not r.passed]


def test_a_complete_talk_passes_every_check():
    assert failed_labels(complete_talk()) == []


def test_each_check_fails_on_its_own():
    talk = complete_talk()
    talk.tldr = "短い。"
    talk.video_url = ""
    talk.save()
    talk.takeaways.filter(position=1).update(emoji="")
    talk.questions.filter(position=2).update(answer="")
    talk.tags.clear()
    talk.talk_speakers.all().delete()
    assert failed_labels(talk) == [
        "要約（TL;DR）が50〜400文字",
        "すべての要点に絵文字がある",
        "すべての質問に回答がある",
        "登壇者が1人以上",
        "タグが1つ以上",
        "動画のアドレスがある",
    ]
    talk.takeaways.filter(position=3).delete()
    assert "要点が3つ以上" in failed_labels(talk)


def test_filter_and_checklist_agree_at_a_fixed_query_cost(
    editor_client, django_assert_num_queries
):
    complete = [
        complete_talk(
            f"揃った講演{n}", video_url=f"https://youtu.be/dQw4w9WgXc{n}"
        )  # one talk per video
        for n in range(3)
    ]
    incomplete = [make_talk(f"足りない講演{n}", takeaways=n) for n in range(5)]
    assert set(Talk.objects.needs_review()) == set(incomplete)
    url = reverse("admin:summaries_talk_changelist")
    # Session, user, 2 permissions, 3 filter choices, 2 counts, page, tags,
    # 2 for the date hierarchy: as many queries as without the filter.
    with django_assert_num_queries(13):
        page = editor_client.get(url, {"completeness": "review"}).content.decode()
    assert all(t.title in page for t in incomplete)
    assert not any(t.title in page for t in complete)
    assert page.count("要確認（") == 5
    page = editor_client.get(url, {"completeness": "complete"}).content.decode()
    assert all(t.title in page for t in complete)
    assert not any(t.title in page for t in incomplete)


def test_change_form_shows_the_checklist(editor_client):
    talk = make_talk(takeaways=1)
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    page = editor_client.get(url).content.decode()
    assert "公開前チェック" in page
    assert '要点が3つ以上 <span class="completeness__state">（要確認）' in page
    assert 'すべての要点に絵文字がある <span class="completeness__state">（済）' in page
