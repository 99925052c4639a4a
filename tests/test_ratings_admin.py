"""What editors see of readers' votes: talk list columns and dashboard figures."""

import datetime as dt
import re

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from summaries.ratings.feedback import feedback_figures
from summaries.ratings.models import Feedback, Rating
from summaries.ratings.voting import rating_figures, refresh_totals
from tests.factories import make_talk

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:summaries_talk_changelist")


def add_votes(talk, *scores):
    Rating.objects.bulk_create(
        Rating(talk=talk, voter=f"{talk.pk}-{n}", score=score)
        for n, score in enumerate(scores)
    )
    refresh_totals([talk.pk])


def rows(page):
    """{title: [cells]} of the change list."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        title = re.search(r'<th class="field-title"><a [^>]*>([^<]+)</a>', row)
        if title:
            found[title[1]] = re.findall(
                r'<td class="field-(rating_\w+)">([^<]*)<', row
            )
    return found


def sort_link(page, column, descending=True):
    """The change list's own link that sorts by `column` (clicked once, or twice
    for descending)."""
    header = re.search(
        rf'<th scope="col" class="[^"]*column-{column}.*?</th>', page, re.S
    )
    query = re.search(r'<a href="(\?o=[^"]*)"', header[0])[1]
    index = query.removeprefix("?o=").split(".")[0]
    return CHANGELIST + f"?o={'-' if descending else ''}{index}"


def test_the_talk_list_shows_each_talks_average_and_count(editor_client):
    add_votes(make_talk("好評の講演"), 4, 5)
    add_votes(make_talk("賛否の講演"), 1, 5, 2)
    make_talk("未評価の講演")
    page = editor_client.get(CHANGELIST).content.decode()
    assert "読者の評価（平均）" in page and "評価件数" in page
    assert rows(page) == {
        "好評の講演": [("rating_average", "4.5"), ("rating_count", "2")],
        "賛否の講演": [("rating_average", "2.7"), ("rating_count", "3")],
        "未評価の講演": [("rating_average", "—"), ("rating_count", "0")],
    }


def test_the_talk_list_sorts_by_average_and_by_count(editor_client):
    add_votes(make_talk("平均4"), 4, 4, 4)
    add_votes(make_talk("平均5"), 5)
    add_votes(make_talk("平均2"), 2, 2)
    make_talk("未評価")
    page = editor_client.get(CHANGELIST).content.decode()
    by_average = editor_client.get(sort_link(page, "rating_average")).content.decode()
    assert list(rows(by_average)) == ["平均5", "平均4", "平均2", "未評価"]
    by_count = editor_client.get(sort_link(page, "rating_count")).content.decode()
    assert list(rows(by_count)) == ["平均4", "平均2", "平均5", "未評価"]


def test_the_talk_list_costs_the_same_queries_for_3_or_30_rated_talks(
    editor_client, django_assert_num_queries
):
    for _ in range(3):
        add_votes(make_talk(tags=["DX"]), 3, 4)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(CHANGELIST)
    for _ in range(27):
        add_votes(make_talk(tags=["DX"]), 3, 4)
    with django_assert_num_queries(len(few)):
        page = editor_client.get(CHANGELIST).content.decode()
    assert page.count('<td class="field-rating_average">3.5</td>') == 30


def test_dashboard_figures_count_all_time_and_the_last_30_days():
    now = timezone.now()
    first, second = make_talk(), make_talk()
    add_votes(first, 5, 4)
    add_votes(second, 1)
    Rating.objects.filter(score=5).update(updated_at=now - dt.timedelta(days=31))
    Feedback.objects.create(talk=first, helpful=True)
    Feedback.objects.create(talk=first, helpful=False)
    old = Feedback.objects.create(talk=second, helpful=True)
    Feedback.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=40))
    votes = rating_figures(now=now)
    assert str(votes["all"]) == "3.3（3件）"
    assert str(votes["last_30_days"]) == "2.5（2件）"
    assert votes["rated_talks"] == 2
    assert votes["scores"] == {1: 1, 2: 0, 3: 0, 4: 1, 5: 1}
    assert feedback_figures(now=now) == {
        "answers": 3,
        "yes": 2,
        "answers_30_days": 2,
        "yes_30_days": 1,
    }


def test_dashboard_figures_with_nothing_yet():
    votes = rating_figures()
    assert str(votes["all"]) == "まだ評価はありません"
    assert votes["all"].average is None
    assert feedback_figures()["answers"] == 0


def dashboard_panel(page, title):
    document = lxml.html.fromstring(page)
    (section,) = document.xpath(f'//section[h3[normalize-space()="{title}"]]')
    figures = {
        term.text_content(): value.text_content()
        for term, value in zip(
            section.xpath(".//dt"), section.xpath(".//dd"), strict=True
        )
    }
    return section, figures


def test_the_dashboard_shows_votes_and_answers(editor_client):
    talk = make_talk()
    add_votes(talk, 5, 5, 4, 1)
    add_votes(make_talk(), 3)
    for helpful in (True, True, False):
        Feedback.objects.create(talk=talk, helpful=helpful)
    page = editor_client.get(reverse("admin:index")).content.decode()

    ratings, figures = dashboard_panel(page, "読者の評価")
    assert figures == {
        "平均（全期間）": "3.6（5件）",
        "直近30日": "3.6（5件）",
        "評価された講演": "2",
    }
    assert ratings.xpath(".//svg/desc")[0].text == (
        "5 とてもよかった: 2件、4 よかった: 1件、3 ふつう: 1件、"
        "2 あまりよくなかった: 0件、1 よくなかった: 1件"
    )

    _section, figures = dashboard_panel(page, "このページは役に立ちましたか？")
    assert figures == {
        "回答（全期間）": "3",
        "「はい」の割合": "67%",
        "回答（直近30日）": "3",
        "「はい」の割合（直近30日）": "67%",
    }


def test_the_dashboard_before_any_reader_has_answered(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    _section, figures = dashboard_panel(page, "読者の評価")
    assert figures["平均（全期間）"] == "まだ評価はありません"
    _section, figures = dashboard_panel(page, "このページは役に立ちましたか？")
    assert figures["「はい」の割合"] == "—"
