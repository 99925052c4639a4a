"""Limits per part kind (summaries/limits.py), enforced by every writer."""

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from summaries import limits
from summaries.importer import apply, describe
from summaries.models import Takeaway, Talk
from summaries.summary_format import SummaryError, TakeawayData, parse, render
from tests.factories import make_talk
from tests.html_forms import submit
from tests.summary_samples import FULL

pytestmark = pytest.mark.django_db


def test_every_part_has_a_documented_bound():
    assert limits.MOST == {
        "talk_speakers": 20,
        "takeaways": 60,
        "questions": 60,
        "outline": 500,
        "keywords": 100,
        "highlights": 500,
        "transcript": 10_000,
    }
    assert limits.excess("takeaways", 60) is None
    assert limits.excess("takeaways", 61).most == 60


def test_import_refuses_too_many_takeaways_naming_the_line_and_writes_nothing():
    talk = parse(FULL).talk
    many = tuple(TakeawayData("📌", f"要点{i}") for i in range(61))
    text = render(dataclasses.replace(talk, takeaways=many))
    parsed = parse(text)
    with pytest.raises(SummaryError) as error:
        apply(parsed)
    message = describe(error.value.problem)
    line = parsed.talk.takeaways[60].line
    assert message.startswith(f"{line}行目: ")
    assert "要点が多すぎます（61個）。1つの講演に60個までです。" in message
    assert not Talk.objects.exists()


def test_admin_refuses_a_61st_takeaway_and_keeps_the_input(editor_client):
    talk = make_talk(takeaways=60)
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    page = editor_client.get(url)
    changes = {
        "takeaways-TOTAL_FORMS": "61",
        "takeaways-60-emoji": "🆕",
        "takeaways-60-text": "61番目の要点",
        "takeaways-60-talk": str(talk.pk),
    }
    response = submit(editor_client, page, changes)
    assert response.status_code == 200
    text = response.content.decode()
    assert "要点が多すぎます（61個）。1つの講演に60個までです。" in text
    assert "61番目の要点" in text
    assert Takeaway.objects.filter(talk=talk).count() == 60


def test_talk_list_costs_the_same_whatever_a_talk_holds(editor_client):
    url = reverse("admin:summaries_talk_changelist")
    small = make_talk(takeaways=1)
    editor_client.get(url)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(url)
    make_talk(takeaways=60, questions=60, transcript=3000, outline=50, highlights=50)
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(url + "?completeness=review")
    assert response.status_code == 200
    assert len(many) == len(few)
    # No join multiplies a talk's rows by its parts: counts are subqueries.
    listing = [q["sql"] for q in many if 'FROM "summaries_talk"' in q["sql"]]
    assert listing and not any('JOIN "summaries_takeaway"' in sql for sql in listing)
    assert small.title in response.content.decode()
