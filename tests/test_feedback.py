"""「このページは役に立ちましたか？」: the answer, its checks, and the editors' list."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from summaries.models import Talk
from summaries.ratings.models import Feedback
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


def answer(client, talk, as_json=False, **data):
    headers = {"Accept": "application/json"} if as_json else {}
    return client.post(
        reverse("summaries:talk-feedback", kwargs={"slug": talk.slug}),
        data,
        headers=headers,
    )


def feedback_section(page):
    return re.search(r'<section[^>]*id="feedback".*?</section>', page, re.S).group(0)


def test_the_talk_page_asks_whether_it_helped(client):
    talk = make_talk()
    section = feedback_section(client.get(talk.get_absolute_url()).content.decode())
    assert "<legend>このページは役に立ちましたか？</legend>" in section
    assert 'value="yes" required>はい</label>' in section
    assert 'value="no" required>いいえ</label>' in section
    assert '<label class="reader-form__label" for="feedback-comment">' in section
    assert 'maxlength="500"' in section
    assert "個人情報は書かないでください" in section
    assert 'name="csrfmiddlewaretoken"' in section


def test_a_yes_comes_back_with_thanks_and_keeps_only_talk_answer_and_time(client):
    talk = make_talk()
    response = answer(client, talk, helpful="yes")
    assert response.status_code == 303
    assert response["Location"] == talk.get_absolute_url() + "#feedback"
    page = client.get(response["Location"]).content.decode()
    assert "ご回答ありがとうございました。" in feedback_section(page)
    row = Feedback.objects.get()
    assert (row.talk, row.helpful, row.comment) == (talk, True, "")
    assert {f.name for f in Feedback._meta.get_fields()} == {
        "id",
        "talk",
        "helpful",
        "comment",
        "created_at",
    }
    assert "govdx_voter" not in response.cookies


def test_a_no_with_a_comment_is_stored_exactly_as_written(client):
    talk = make_talk()
    comment = "👨‍💼 ＤＸの事例がもっと知りたい。\n図があると助かります。"
    response = answer(client, talk, as_json=True, helpful="no", comment=comment)
    assert response.status_code == 200
    assert response.json() == {
        "message": "ご回答ありがとうございました。今後の改善に役立てます。"
    }
    row = Feedback.objects.get()
    assert (row.helpful, row.comment) == (False, comment)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "「はい」か「いいえ」を選んでから送信してください。"),
        ({"helpful": "maybe"}, "「はい」か「いいえ」を選んでください。"),
        (
            {"helpful": "yes", "comment": "あ" * 501},
            "ご意見は500字以内でお書きください（いま501字）。",
        ),
        (
            {"helpful": "no", "comment": "返事は taro@example.jp へ"},
            "ご意見にメールアドレスや電話番号は書かないでください。",
        ),
        (
            {"helpful": "no", "comment": "電話 ０９０－１２３４－５６７８ まで"},
            "ご意見にメールアドレスや電話番号は書かないでください。",
        ),
        (
            {"helpful": "no", "comment": "03-1234-5678"},
            "ご意見にメールアドレスや電話番号は書かないでください。",
        ),
    ],
)
def test_a_bad_answer_is_refused_with_a_message_and_nothing_kept(client, data, message):
    talk = make_talk()
    response = answer(client, talk, **data)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    as_json = answer(client, talk, as_json=True, **data)
    assert as_json.status_code == 400
    assert message in as_json.json()["error"]
    assert not Feedback.objects.exists()


def test_dates_times_and_numbers_are_not_taken_for_phone_numbers(client):
    talk = make_talk()
    comment = "2024年6月5日の回、11:14あたりが良かった。FAXを99%減らした話。"
    assert answer(client, talk, helpful="yes", comment=comment).status_code == 303
    assert Feedback.objects.get().comment == comment


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_only_public_talks_take_answers(client, state):
    talk = make_talk(
        status=Talk.Status.DRAFT if state == "draft" else Talk.Status.PUBLISHED,
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    assert answer(client, talk, helpful="yes").status_code == 404
    assert not Feedback.objects.exists()


def test_editors_read_answers_in_a_list_with_filters(editor_client):
    first, second = make_talk("防災の講演"), make_talk("窓口の講演")
    Feedback.objects.create(talk=first, helpful=True, comment="<script>x()</script>")
    Feedback.objects.create(talk=second, helpful=False, comment="字が小さい")
    url = reverse("admin:ratings_feedback_changelist")
    page = editor_client.get(url).content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in page
    assert "<script>x()</script>" not in page
    assert "防災の講演" in page and "窓口の講演" in page
    for filter_title in ("役に立った", "講演", "受付日時"):
        assert f"{filter_title} で絞り込む" in page
    only_no = editor_client.get(url, {"helpful__exact": "0"}).content.decode()
    assert "字が小さい" in only_no and "x()" not in only_no
    by_talk = editor_client.get(url, {"talk__id__exact": first.pk}).content.decode()
    assert "x()" in by_talk and "字が小さい" not in by_talk


def test_editors_only_read_answers_and_an_administrator_may_delete_one(
    editor_client, admin_client
):
    row = Feedback.objects.create(talk=make_talk(), helpful=True, comment="山田です")
    add = editor_client.get(reverse("admin:ratings_feedback_add"))
    assert add.status_code == 403
    change_url = reverse("admin:ratings_feedback_change", args=[row.pk])
    editor_client.post(change_url, {"helpful": "", "comment": "書き換え"})
    row.refresh_from_db()
    assert (row.helpful, row.comment) == (True, "山田です")
    delete_url = reverse("admin:ratings_feedback_delete", args=[row.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Feedback.objects.exists()
    page = editor_client.get(change_url).content.decode()
    assert "削除" not in page  # no delete link to a page that refuses
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Feedback.objects.exists()
