"""The reader's CSRF token on a cached page: Django's token, made faster."""

from collections import Counter

import pytest
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CsrfViewMiddleware,
    _unmask_cipher_token,
)
from django.test import RequestFactory

from summaries.pagecache.tokens import random_string, reader_token


def test_random_strings_use_every_allowed_character_equally():
    drawn = Counter("".join(random_string() for _ in range(3100)))
    assert set(drawn) == set(CSRF_ALLOWED_CHARS)
    # 99,200 characters: 1,600 expected each (standard deviation 40). Taking
    # every byte modulo 62 would give the first 8 characters 2,000 each.
    assert all(1300 < count < 1900 for count in drawn.values()), drawn.most_common(9)
    assert len({random_string() for _ in range(1000)}) == 1000


def test_a_reader_without_a_cookie_gets_a_new_secret_and_a_token_that_holds_it():
    request = RequestFactory().get("/")
    token = reader_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(token) == 64 and len(secret) == 32
    assert set(token + secret) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    # Masked anew each time, the secret kept.
    again = reader_token(request)
    assert again != token and _unmask_cipher_token(again) == secret


def test_the_token_and_its_cookie_pass_django_s_check_and_a_forged_one_does_not():
    middleware = CsrfViewMiddleware(lambda request: HttpResponse())
    page = RequestFactory().get("/")
    middleware.process_request(page)
    token = reader_token(page)
    response = middleware.process_response(page, HttpResponse())
    cookie = response.cookies["csrftoken"].value
    assert cookie == page.META["CSRF_COOKIE"]

    def post(sent):
        request = RequestFactory().post("/vote/", {"csrfmiddlewaretoken": sent})
        request.COOKIES["csrftoken"] = cookie
        middleware.process_request(request)
        return middleware.process_view(request, lambda r: None, (), {})

    assert post(token) is None  # accepted
    forged = reader_token(RequestFactory().get("/"))  # another reader's secret
    assert post(forged).status_code == 403


@pytest.mark.parametrize(
    "parts",
    [[b"<p>", b"</p>"], [b"", b"middle", b""], [b"a", b"", b"b"], [b"no form"]],
)
def test_a_stored_page_gets_the_token_at_each_placeholder_found_once(parts):
    from summaries.pagecache import pages

    hole = pages.CSRF_PLACEHOLDER.encode()
    content = hole.join(parts)
    address = f"ja|/talks/{len(parts)}/|{parts!r}"
    holes = pages.token_holes(address, (1, 2), content)
    assert len(holes) == len(parts) - 1
    request = RequestFactory().get("/")
    served = pages._with_reader_token(request, content, holes)
    if len(parts) == 1:
        assert served == content
        return
    token = served[len(parts[0]) : len(parts[0]) + 64].decode()
    assert served == token.encode().join(parts)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    # Kept per version: the same offsets, not searched again.
    assert pages.token_holes(address, (1, 2), b"") == holes
    assert pages.token_holes(address, (1, 3), b"") == ()
