"""A cache hit is answered before the heavy middleware, with the same bytes
and headers the whole stack gives."""

import gzip
from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client
from django.urls import reverse

from tests.factories import make_talk

pytestmark = pytest.mark.django_db

SKIPPED = {"Date", "Set-Cookie"}


def stack_calls():
    """Counts the requests the session middleware (mid-stack) sees."""
    return mock.patch.object(
        SessionMiddleware,
        "process_request",
        autospec=True,
        side_effect=SessionMiddleware.process_request,
    )


def headers(response):
    return {k: v for k, v in response.items() if k not in SKIPPED}


@pytest.mark.parametrize("url", ["/talks/", "/en/talks/", "/tags/", "/feed/"])
def test_a_hit_skips_the_stack_and_answers_the_same(url):
    make_talk(tags=["防災"])
    first = Client().get(url)  # rendered through the stack
    second = Client().get(url)  # a hit through the stack: the headers learnt
    with stack_calls() as seen:
        third = Client().get(url)
    assert seen.call_count == 0
    assert third.status_code == 200
    assert third.content == second.content == first.content
    assert headers(third) == headers(second)
    assert "Content-Security-Policy" in third and "X-Frame-Options" in third


def token_in(page):
    return page.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]


def test_a_search_hit_is_answered_early_and_still_counted_for_editors():
    from summaries.search.models import SearchLog

    make_talk("防災の講演", tags=["防災"])
    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}
    first = Client(**browser).get("/talks/", {"q": "防災"})
    second = Client(**browser).get("/talks/", {"q": "防災"})
    with stack_calls() as seen:
        # Another reader (another address): a new count, from the early path.
        third = Client(REMOTE_ADDR="203.0.113.9", **browser).get(
            "/talks/", {"q": "防災"}
        )
    assert seen.call_count == 0
    assert third.content == second.content == first.content
    assert list(SearchLog.objects.values_list("query", "result_count")) == [
        ("防災", 1),
        ("防災", 1),
    ]


def test_a_page_with_a_form_is_answered_early_with_the_readers_own_token():
    talk = make_talk()
    url = talk.get_absolute_url()
    vote_url = reverse("summaries:talk-rate", args=[talk.slug])
    reader = Client(enforce_csrf_checks=True)
    reader.get(url)
    reader.get(url)
    assert "csrftoken" in reader.cookies
    newcomer = Client(enforce_csrf_checks=True)
    with stack_calls() as seen:
        page = reader.get(url)
        first = newcomer.get(url)  # no cookie yet: one is set, early too
    assert seen.call_count == 0
    vote = reader.post(vote_url, {"score": 5, "csrfmiddlewaretoken": token_in(page)})
    assert vote.status_code == 303  # the reader's own token, accepted
    cookie = first.cookies["csrftoken"]
    assert len(cookie.value) == 32 and cookie["samesite"] == "Lax"
    assert "Cookie" in first["Vary"]
    vote = newcomer.post(vote_url, {"score": 4, "csrfmiddlewaretoken": token_in(first)})
    assert vote.status_code == 303  # the new cookie and its token go together
    forged = Client(enforce_csrf_checks=True)
    forged.cookies["csrftoken"] = "x" * 32
    refused = forged.post(
        vote_url, {"score": 1, "csrfmiddlewaretoken": token_in(first)}
    )
    assert refused.status_code == 403  # someone else's token is no use


def test_a_page_with_a_form_is_gzipped_early_around_each_readers_token():
    """The page is compressed once; each reader's token is written into it,
    and the body is still one gzip member any browser reads (CRC checked)."""
    talk = make_talk()
    url = talk.get_absolute_url()
    vote_url = reverse("summaries:talk-rate", args=[talk.slug])
    gzipped = {"HTTP_ACCEPT_ENCODING": "gzip"}
    plain = Client().get(url)
    same_page = plain.content.decode().replace(token_in(plain), "TOKEN")
    Client().get(url, **gzipped)
    readers = [Client(enforce_csrf_checks=True, **gzipped) for _ in range(2)]
    with stack_calls() as seen:
        pages = [reader.get(url) for reader in readers]
    assert seen.call_count == 0
    texts = []
    for reader, page in zip(readers, pages, strict=True):
        assert page["Content-Encoding"] == "gzip"
        assert int(page["Content-Length"]) == len(page.content)
        text = gzip.decompress(page.content).decode()
        token = text.split('name="csrfmiddlewaretoken" value="')[1][:64]
        texts.append(text)
        assert text.replace(token, "TOKEN") == same_page
        vote = reader.post(vote_url, {"score": 5, "csrfmiddlewaretoken": token})
        assert vote.status_code == 303
    assert texts[0] != texts[1]  # each reader's own token


def test_readers_whose_browsers_ask_for_gzip_are_answered_early(monkeypatch):
    """Every browser sends Accept-Encoding: gzip. The headers are learnt from a
    compressed response too, or no browser would ever get an early hit."""
    from summaries.pagecache import early

    monkeypatch.setattr(early, "LEARNT", {})
    make_talk()
    for _ in range(2):
        Client().get("/talks/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    with stack_calls() as seen:
        page = Client().get("/talks/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert seen.call_count == 0
    assert page.status_code == 200 and page["Content-Encoding"] == "gzip"
    assert "Content-Security-Policy" in page


def test_an_early_hit_is_compressed_as_the_stack_would():
    make_talk()
    for _ in range(2):
        plain = Client().get("/talks/", HTTP_ACCEPT_ENCODING="gzip")
    with stack_calls() as seen:
        early = Client().get("/talks/", HTTP_ACCEPT_ENCODING="gzip")
    assert seen.call_count == 0
    assert early["Content-Encoding"] == plain["Content-Encoding"] == "gzip"
    assert gzip.decompress(early.content) == gzip.decompress(plain.content)
    assert early["ETag"] == plain["ETag"]
    again = Client().get(
        "/talks/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=early["ETag"]
    )
    assert again.status_code == 304


def test_a_change_is_never_answered_early():
    talk = make_talk("古い題名")
    for _ in range(2):
        Client().get("/talks/")
    talk.title = "新しい題名"
    talk.save()
    page = Client().get("/talks/").content.decode()
    assert "新しい題名" in page and "古い題名" not in page
