"""Editors act on what readers missed: synonyms, pinned results, もしかして."""

import pytest
from reversion.models import Version

from summaries.search.models import Pin, Synonym

from .factories import make_talk
from .search_helpers import BROWSER, search

pytestmark = pytest.mark.django_db


def test_a_synonym_added_in_the_admin_finds_talks_at_once(editor_client, client):
    make_talk("デジタルトランスフォーメーションの実践", tldr="組織を変える。")
    search(client, "DX")  # cached: the page cache must not keep this answer
    assert search(client, "DX")[2] == []
    response = editor_client.post(
        "/admin/search/synonym/add/",
        {"terms": "DX\nデジタルトランスフォーメーション"},
    )
    assert response.status_code == 302
    assert search(client, "DX")[2] == ["デジタルトランスフォーメーションの実践"]
    assert search(client, "ｄｘ")[2] == ["デジタルトランスフォーメーションの実践"]
    synonym = Synonym.objects.get()
    assert Version.objects.get_for_object(synonym).count() == 1  # history
    page = editor_client.get(f"/admin/search/synonym/{synonym.pk}/history/")
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ("DX", "異なる語を2行以上書いてください（1行に1語）。"),
        ("DX\ndx", "異なる語を2行以上書いてください（1行に1語）。"),
        ("DX\nデジタル 変革", "直す行: デジタル 変革"),
    ],
)
def test_a_bad_synonym_is_refused_with_a_message(editor_client, terms, message):
    response = editor_client.post("/admin/search/synonym/add/", {"terms": terms})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Synonym.objects.exists()


def test_a_pinned_talk_comes_first_for_its_query_only(editor_client, client):
    first = make_talk("防災の基本", tldr="防災。")
    pinned = make_talk("避難所の運営", tldr="運営の工夫。")
    assert search(client, "防災")[2] == [first.title]
    response = editor_client.post(
        "/admin/search/pin/add/", {"query": "　防災 ", "talk": pinned.pk}
    )
    assert response.status_code == 302
    assert Pin.objects.get().query == "防災"
    assert search(client, "防災")[2] == [pinned.title, first.title]
    assert search(client, "防災 基本")[2] == [first.title]
    # A pinned talk that is not public is never shown.
    pinned.status = pinned.Status.DRAFT
    pinned.save()
    assert search(client, "防災")[2] == [first.title]


def test_a_search_that_finds_nothing_offers_words_that_read_alike(client):
    make_talk("人材の育て方", tags=["デジタル人材"], tldr="育成。")
    make_talk("クラウドの話", tags=["ガバメントクラウド"], tldr="移行。")
    response, page, titles = search(client, "デジタル人財")
    assert titles == []
    assert "もしかして:" in page
    link = "?q=%E3%83%87%E3%82%B8%E3%82%BF%E3%83%AB%E4%BA%BA%E6%9D%90"
    assert f'<a href="{link}" lang="ja">デジタル人材</a>' in page
    page = search(client, "ガバメントクラウト")[1]
    assert ">ガバメントクラウド</a>" in page
    page = search(client, "宇宙開発")[1]
    assert "もしかして" not in page


def test_a_search_that_finds_nothing_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    for n in range(5):
        make_talk(f"講演{n}", tags=[f"タグ{n}"])
    # The page cache's check, synonyms, ranking, the log row (in its own
    # savepoint: three statements), the filter counts (one query) and their
    # names, and the known words for もしかして: the same however many talks
    # and tags there are.
    with django_assert_num_queries(8):
        response = client.get("/talks/", {"q": "宇宙開発"}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
