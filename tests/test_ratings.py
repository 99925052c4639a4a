"""Readers' 1-5 votes: recording, replacing, refusing, and what the pages show."""

import datetime as dt
import html
import json
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from summaries.models import Talk
from summaries.ratings.models import Rating
from summaries.ratings.voting import RatingSummary, refresh_totals, voter_key
from tests.factories import make_talk
from tests.test_views import empty_the_page_cache

pytestmark = pytest.mark.django_db


def rate_url(talk):
    return reverse("summaries:talk-rate", kwargs={"slug": talk.slug})


def vote(client, talk, score, as_json=False):
    headers = {"Accept": "application/json"} if as_json else {}
    data = {} if score is None else {"score": score}
    return client.post(rate_url(talk), data, headers=headers)


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def rating_section(page):
    return re.search(r'<section[^>]*id="rating".*?</section>', page, re.S).group(0)


def test_a_talk_without_votes_says_so_and_shows_no_number(client):
    talk = make_talk()
    section = rating_section(page_text(client, talk.get_absolute_url()))
    assert "まだ評価はありません" in section
    figure = re.search(r"data-rating-figure>([^<]*)<", section).group(1)
    assert figure == "まだ評価はありません"
    assert "件）" not in section
    assert not re.search(r"\d\.\d", section)


def test_two_readers_make_an_average_to_one_decimal_and_a_count():
    talk = make_talk()
    vote(Client(), talk, "4")
    vote(Client(), talk, "5")
    section = rating_section(page_text(Client(), talk.get_absolute_url()))
    assert re.search(r"data-rating-figure>4\.5（2件）<", section)
    assert "まだ評価はありません" not in section


def test_a_vote_without_javascript_comes_back_to_the_rating_with_a_message(client):
    talk = make_talk()
    response = vote(client, talk, "4")
    assert response.status_code == 303
    assert response["Location"] == talk.get_absolute_url() + "#rating"
    page = page_text(client, response["Location"])
    assert "評価「4」を記録しました。現在の平均は4.0（1件）です。" in rating_section(
        page
    )
    # Once, beside the form (not again in the page's general messages), and
    # gone on the next visit.
    assert page.count("評価「4」を記録しました") == 1
    assert "評価「4」を記録しました" not in page_text(client, talk.get_absolute_url())


def test_a_vote_with_fetch_gets_the_new_figures_as_json(client):
    talk = make_talk()
    vote(Client(), talk, "2")
    response = vote(client, talk, "5", as_json=True)
    assert response.status_code == 200
    assert response.json() == {
        "message": "評価「5」を記録しました。現在の平均は3.5（2件）です。"
        "選び直すと評価を変更できます。",
        "score": 5,
        "count": 2,
        "average": "3.5",
        "display": "3.5（2件）",
    }


def test_voting_again_replaces_the_earlier_vote(client):
    talk = make_talk()
    vote(client, talk, "1")
    vote(client, talk, "5")
    assert Rating.objects.filter(talk=talk).count() == 1
    vote(Client(), talk, "2")
    assert sorted(Rating.objects.values_list("score", flat=True)) == [2, 5]
    section = rating_section(page_text(client, talk.get_absolute_url()))
    assert "3.5（2件）" in section


def test_a_reader_keeps_one_vote_per_talk_but_votes_on_each_talk(client):
    first, second = make_talk(), make_talk()
    vote(client, first, "3")
    vote(client, second, "4")
    vote(client, first, "5")
    assert sorted(Rating.objects.values_list("talk_id", "score")) == sorted(
        [(first.pk, 5), (second.pk, 4)]
    )


def test_the_vote_row_keeps_no_address_and_not_the_cookie_itself(client):
    talk = make_talk()
    vote(client, talk, "4")
    row = Rating.objects.get()
    assert {field.name for field in Rating._meta.get_fields()} == {
        "id",
        "talk",
        "voter",
        "score",
        "created_at",
        "updated_at",
    }
    cookie = client.cookies["govdx_voter"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    token = cookie.value.split(":")[0]
    assert row.voter == voter_key(token) != token
    assert "127.0.0.1" not in str(Rating.objects.values().get())


def test_a_forged_voter_cookie_counts_as_a_new_reader(client):
    talk = make_talk()
    vote(client, talk, "4")
    client.cookies["govdx_voter"] = "someone-else:forged"
    vote(client, talk, "2")
    assert Rating.objects.count() == 2


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("0", "評価「0」は受け付けられません。1から5までの整数を1つ選んでください。"),
        ("6", "評価「6」は受け付けられません。1から5までの整数を1つ選んでください。"),
        ("3.5", "評価「3.5」は受け付けられません。"),
        ("abc", "評価「abc」は受け付けられません。"),
        ("３", "評価「３」は受け付けられません。"),
        (
            "",
            "評価が選ばれていません。1から5までの数字を1つ選んでから送信してください。",
        ),
        (None, "評価が選ばれていません。"),
    ],
)
def test_anything_but_a_whole_number_from_1_to_5_is_refused(client, score, message):
    talk = make_talk()
    response = vote(client, talk, score)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert talk.get_absolute_url() + "#rating" in response.content.decode()
    as_json = vote(client, talk, score, as_json=True)
    assert as_json.status_code == 400
    assert message in as_json.json()["error"]
    assert not Rating.objects.exists()


def test_a_refused_score_is_shown_escaped(client):
    response = vote(client, make_talk(), "<b>5</b>")
    assert response.status_code == 400
    assert "評価「&lt;b&gt;5&lt;/b&gt;」" in response.content.decode()


@pytest.mark.parametrize("state", ["unknown", "draft", "scheduled"])
def test_only_public_talks_take_votes(client, state):
    talk = {
        "unknown": Talk(slug="no-such-talk"),
        "draft": make_talk(status=Talk.Status.DRAFT),
        "scheduled": make_talk(
            published_at=timezone.now() + dt.timedelta(days=1),
        ),
    }[state]
    response = vote(client, talk, "5")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()
    assert not Rating.objects.exists()


def test_the_rate_address_takes_only_posts(client):
    response = client.get(rate_url(make_talk()))
    assert response.status_code == 405


def test_a_vote_without_the_csrf_token_is_refused_in_japanese():
    talk = make_talk()
    client = Client(enforce_csrf_checks=True)
    response = vote(client, talk, "5")
    assert response.status_code == 403
    assert "ページを再読み込みしてから、もう一度送信してください。" in (
        response.content.decode()
    )
    assert not Rating.objects.exists()


def test_a_vote_with_the_pages_csrf_token_is_accepted():
    talk = make_talk()
    client = Client(enforce_csrf_checks=True)
    page = page_text(client, talk.get_absolute_url())
    section = rating_section(page)
    assert f'action="{rate_url(talk)}"' in section
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', section)[1]
    response = client.post(rate_url(talk), {"score": "3", "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert Rating.objects.get().score == 3


def test_the_rating_control_is_a_labelled_radio_group(client):
    section = rating_section(page_text(client, make_talk().get_absolute_url()))
    assert "<fieldset" in section
    assert "<legend>この講演の要約を5段階で評価してください</legend>" in section
    labels = re.findall(
        r'<label class="choice-group__option"><input type="radio" name="score" '
        r'value="(\d)" required>([^<]+)</label>',
        section,
    )
    assert labels == [
        ("1", "1 よくなかった"),
        ("2", "2 あまりよくなかった"),
        ("3", "3 ふつう"),
        ("4", "4 よかった"),
        ("5", "5 とてもよかった"),
    ]
    assert '<button type="submit">評価を送信</button>' in section
    assert 'role="status"' in section
    assert "onclick" not in section and "<script>" not in section


def test_cards_show_the_figure_only_for_talks_with_votes(client):
    rated = make_talk("評価された講演")
    make_talk("まだの講演")
    for score in ("5", "4", "4"):
        vote(Client(), rated, score)
    page = page_text(client, reverse("summaries:talk-list"))
    cards = dict(
        re.findall(
            r'<article class="talk-card">.*?<bdi>([^<]+)</bdi></a>(.*?)</article>',
            page,
            re.S,
        )
    )
    assert "読者の評価 4.3（3件）" in cards["評価された講演"]
    assert "読者の評価" not in cards["まだの講演"]
    assert "まだ評価はありません" not in page


@pytest.mark.parametrize(
    ("count", "total", "shown"),
    [
        (0, 0, "まだ評価はありません"),
        (1, 5, "5.0（1件）"),
        (2, 9, "4.5（2件）"),
        (3, 13, "4.3（3件）"),
        (4, 17, "4.3（4件）"),  # 4.25 rounds half up, not to even
        (8, 9, "1.1（8件）"),
        (1000, 3999, "4.0（1000件）"),
    ],
)
def test_the_summary_reads_as_the_issue_asks(count, total, shown):
    assert str(RatingSummary(count, total)) == shown


def json_ld(page):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    return [json.loads(script) for script in scripts]


def test_the_json_ld_claims_no_rating_without_votes(client):
    talk = make_talk(video_url="https://youtu.be/AbCdEfGhI_0")
    data = json_ld(page_text(client, talk.get_absolute_url()))
    assert [item["@type"] for item in data] == ["VideoObject", "BreadcrumbList"]
    assert "Rating" not in json.dumps(data)


def test_a_handful_of_votes_makes_no_aggregate_rating(client):
    """The page shows any count beside its average; search engines get a
    rating only from RATING_STRUCTURED_DATA_MIN_COUNT votes (5 by default)."""
    talk = make_talk(video_url="https://youtu.be/AbCdEfGhI_0")
    for score in "5555":
        vote(Client(), talk, score)
    page = page_text(client, talk.get_absolute_url())
    assert "5.0（4件）" in page
    assert "AggregateRating" not in page
    vote(Client(), talk, "5")
    page = page_text(client, talk.get_absolute_url())
    assert [item["@type"] for item in json_ld(page)][1] == "AggregateRating"


@override_settings(RATING_STRUCTURED_DATA_MIN_COUNT=2)
def test_the_json_ld_rates_the_summary_page_once_readers_have_voted(client):
    talk = make_talk(
        "</script>の講演", slug="rated", video_url="https://youtu.be/AbCdEfGhI_0"
    )
    vote(Client(), talk, "4")
    vote(Client(), talk, "5")
    page = page_text(client, talk.get_absolute_url())
    video, rating, _breadcrumbs = json_ld(page)
    # Readers rate our summary, not the video: the rating is not the video's.
    assert video["@type"] == "VideoObject" and "aggregateRating" not in video
    assert rating == {
        "@context": "https://schema.org",
        "@type": "AggregateRating",
        "itemReviewed": {
            "@type": "CreativeWork",
            "name": "</script>の講演",
            "url": "http://testserver/talks/rated/",
            "inLanguage": "ja",
        },
        "ratingValue": 4.5,
        "ratingCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }


@override_settings(RATING_STRUCTURED_DATA_MIN_COUNT=1)
def test_a_talk_without_a_video_carries_its_rating_too(client):
    talk = make_talk()
    vote(Client(), talk, "3")
    data = json_ld(page_text(client, talk.get_absolute_url()))
    assert [item["@type"] for item in data] == ["AggregateRating", "BreadcrumbList"]
    assert (data[0]["ratingValue"], data[0]["ratingCount"]) == (3.0, 1)


def test_votes_do_not_change_how_related_talks_are_ranked():
    """The rating sums are subqueries: a join would multiply the shared tags."""
    talk = make_talk(tags=["DX", "防災", "東京都"])
    two_shared = make_talk(tags=["DX", "防災"])
    one_shared = make_talk(tags=["DX"])
    for _ in range(5):
        vote(Client(), one_shared, "5")
    detail = Talk.objects.for_detail().get(pk=talk.pk)
    related = list(Talk.objects.related_to(detail))
    assert related == [two_shared, one_shared]
    assert [t.shared_tags for t in related] == [2, 1]
    assert [str(RatingSummary.of(t)) for t in related] == [
        "まだ評価はありません",
        "5.0（5件）",
    ]


def test_a_tag_filter_lists_each_rated_talk_once(client):
    talk = make_talk("二つのタグの講演", tags=["DX", "防災"])
    for score in ("3", "5"):
        vote(Client(), talk, score)
    page = page_text(client, reverse("summaries:talk-list") + "?tag=dx&tag=防災")
    assert page.count("二つのタグの講演</bdi></a>") == 1
    assert "読者の評価 4.0（2件）" in page


def add_votes(talks, per_talk):
    Rating.objects.bulk_create(
        Rating(talk=talk, voter=f"{talk.pk}-{n}", score=n % 5 + 1)
        for talk in talks
        for n in range(per_talk)
    )
    refresh_totals()


@pytest.mark.parametrize(
    "url_name", ["summaries:home", "summaries:talk-list", "summaries:tag-detail"]
)
def test_list_pages_cost_the_same_queries_however_many_talks_and_votes(
    client, django_assert_num_queries, url_name
):
    """Measured with 2 unrated talks, then asserted with 25 rated ones."""
    talks = [make_talk(tags=["DX"]) for _ in range(2)]
    url = reverse(url_name, kwargs={"slug": "dx"} if "tag" in url_name else None)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    talks += [make_talk(tags=["DX"]) for _ in range(23)]
    add_votes(talks, per_talk=7)
    with django_assert_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert page.count("（7件）") == (6 if url_name == "summaries:home" else 20)


def test_the_talk_page_costs_the_same_queries_however_many_votes_and_related(
    client, django_assert_num_queries
):
    talk = make_talk(tags=["DX"])
    others = [make_talk(tags=["DX"])]
    client.get(talk.get_absolute_url())  # its parts rendered and stored
    empty_the_page_cache()
    with CaptureQueriesContext(connection) as few:
        client.get(talk.get_absolute_url())
    few = len(few)
    others += [make_talk(tags=["DX"]) for _ in range(5)]
    client.get(talk.get_absolute_url())  # the new related talks' cards stored
    # Votes change no stored card: the rating is put in as the card is shown.
    add_votes([talk, *others], per_talk=10)
    empty_the_page_cache()
    with django_assert_num_queries(few):
        page = client.get(talk.get_absolute_url()).content.decode()
    assert "3.0（10件）" in rating_section(page)
    assert page.count("読者の評価 3.0（10件）") == 4  # the related talks' cards


def test_the_notice_page_tells_readers_what_a_vote_stores(client):
    page = page_text(client, reverse("summaries:external-transmission"))
    assert "Cookie（govdx_voter、有効期間1年）" in page
    assert "IP アドレスなど個人を特定する情報は記録しません" in page


def test_the_english_page_speaks_english_with_plurals(client):
    talk = make_talk(slug="en-talk")
    section = rating_section(page_text(client, "/en/talks/en-talk/"))
    assert "No ratings yet" in section
    assert 'action="/en/talks/en-talk/rate/"' in section
    assert "1 Poor</label>" in section and "5 Excellent</label>" in section
    vote(Client(), talk, "4")
    assert "4.0 (1 rating)" in page_text(client, "/en/talks/en-talk/")
    vote(Client(), talk, "5")
    assert "4.5 (2 ratings)" in page_text(client, "/en/talks/en-talk/")
    response = Client().post("/en/talks/en-talk/rate/", {"score": "9"})
    assert response.status_code == 400
    assert "The rating “9” cannot be accepted." in response.content.decode()


def test_search_results_show_ratings_at_a_fixed_cost(client, django_assert_num_queries):
    talks = [make_talk(f"防災の講演 {n}") for n in range(2)]
    url = reverse("summaries:talk-list") + "?q=防災"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    talks += [make_talk(f"防災の講演 {n}") for n in range(2, 25)]
    add_votes(talks, per_talk=7)
    with django_assert_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert page.count("読者の評価 2.6（7件）") == 20
