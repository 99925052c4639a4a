"""A method a page does not serve is a 405 with `Allow`, not the CSRF page.

The CSRF check runs before a view is asked, and refused every PUT, PATCH and
DELETE with 403 "送信できませんでした"; feeds even answered them with 200.
"""

import pytest
from django.test import Client

from .factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db

PAGE = {"GET", "HEAD", "OPTIONS"}
READ_ONLY = {"GET", "HEAD"}


@pytest.fixture
def reader():
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


@pytest.fixture
def addresses():
    speaker = make_speaker()
    talk = make_talk(tags=["防災"], speakers=[speaker])
    return {
        "/": PAGE,
        "/en/": PAGE,
        "/talks/": PAGE,
        "/en/talks/": PAGE,
        talk.get_absolute_url(): PAGE,
        "/tags/": PAGE,
        "/tags/防災/": PAGE,
        "/speakers/": PAGE,
        speaker.get_absolute_url(): PAGE,
        "/about/accessibility/": PAGE,
        "/about/external-transmission/": PAGE,
        "/api/": PAGE,
        "/feed/": READ_ONLY,
        "/tags/防災/feed/": READ_ONLY,
        "/sitemap.xml": READ_ONLY,
        "/robots.txt": READ_ONLY,
    }


def allowed(response):
    return set(response["Allow"].split(", "))


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_public_pages_refuse_other_methods_with_405(reader, addresses, method):
    for path, methods in addresses.items():
        response = getattr(reader, method)(path)
        assert (path, response.status_code) == (path, 405)
        assert allowed(response) == methods


def test_public_pages_still_answer_get_and_head(reader, addresses):
    for path in addresses:
        assert reader.get(path).status_code == 200, path
        assert reader.head(path).status_code == 200, path


def test_forms_keep_their_csrf_check(reader):
    """A vote without the form's token is still refused by the CSRF check."""
    talk = make_talk()
    response = reader.post(f"{talk.get_absolute_url()}rate/", {"score": "5"})
    assert response.status_code == 403
    assert "送信できませんでした" in response.content.decode()


def test_a_wrong_method_on_a_form_address_is_405(reader):
    talk = make_talk()
    response = reader.put(f"{talk.get_absolute_url()}rate/")
    assert response.status_code == 405
    assert allowed(response) == {"POST"}
