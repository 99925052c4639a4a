"""Security headers on every kind of response, and pages the strict CSP allows."""

import lxml.html
import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db

# What DJANGO_HTTPS=1 sets (tests run with it off, so the test client can use
# plain HTTP); test_deploy.py checks that production really sets these.
HTTPS_SETTINGS = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
}

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-src": "https://www.youtube-nocookie.com",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "object-src": "'none'",
}


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


@pytest.fixture
def talk():
    return make_talk("ヘッダーの講演", tags=["防災"], speakers=[make_speaker()])


@pytest.fixture(params=["public page", "admin page", "404"])
def response(request, client, talk):
    url = {
        "public page": talk.get_absolute_url(),
        "admin page": reverse("admin:login"),
        "404": "/talks/no-such-talk/",
    }[request.param]
    with override_settings(**HTTPS_SETTINGS):
        response = client.get(url, secure=True)
    assert response.status_code == (404 if request.param == "404" else 200)
    return response


def test_content_security_policy_is_strict(response):
    directives = csp_directives(response["Content-Security-Policy"])
    for name, value in EXPECTED_CSP.items():
        assert directives[name] == value, name
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "nonce-" not in response["Content-Security-Policy"]


def test_hsts_on_https(response):
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_referrer_nosniff_and_framing(response):
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_permissions_policy_denies_devices_and_tracking(response):
    policy = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
        assert policy[feature] == "()", feature
    assert policy["browsing-topics"] == "()"


def test_the_header_is_the_same_for_every_request(client, talk):
    """No per-request nonce: a page cached for one reader is valid for the next."""
    first = client.get(talk.get_absolute_url())["Content-Security-Policy"]
    second = client.get(talk.get_absolute_url())["Content-Security-Policy"]
    assert first == second


# Inline code the policy would block: a page that carries any is broken for
# readers even though the server sent it happily.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def inline_code(html):
    """Everything in a page that script-src/style-src 'self' would refuse."""
    document = lxml.html.fromstring(html)
    found = []
    for script in document.iter("script"):
        if not script.get("src") and script.get("type") not in DATA_SCRIPT_TYPES:
            found.append(f"inline <script>: {(script.text or '')[:60]!r}")
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "style":
            found.append("<style> element")
        for name, value in element.attrib.items():
            if name.startswith("on"):
                found.append(f"<{element.tag} {name}=…>")
            if name == "style":
                found.append(f"<{element.tag} style={value!r}>")
            if value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.tag} {name}=javascript:…>")
    return found


def test_inline_code_finds_what_the_policy_blocks():
    page = """<html><head><style>p{}</style>
    <script type="application/ld+json">{"@type": "VideoObject"}</script>
    <script src="/static/x.js"></script><script>alert(1)</script></head>
    <body><p style="color:red" onclick="go()"><a href="javascript:go()">x</a></p>
    </body></html>"""
    assert inline_code(page) == [
        "inline <script>: 'alert(1)'",
        "<style> element",
        "<p style='color:red'>",
        "<p onclick=…>",
        "<a href=javascript:…>",
    ]


def test_public_pages_carry_no_inline_code(client, talk):
    speaker = talk.talk_speakers.get().speaker
    urls = [
        reverse("summaries:home"),
        reverse("summaries:talk-list"),
        reverse("summaries:talk-list") + "?q=防災",
        talk.get_absolute_url(),
        reverse("summaries:tag-list"),
        reverse("summaries:tag-detail", kwargs={"slug": "防災"}),
        reverse("summaries:speaker-list"),
        speaker.get_absolute_url(),
        "/no-such-page/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert inline_code(response.content.decode()) == [], url


def test_admin_pages_carry_no_inline_code(admin_client, talk):
    """Django's admin loads its scripts from files (data-* attributes carry the
    settings), so it works under script-src 'self'; so must our own admin."""
    urls = [
        reverse("admin:index"),
        reverse("admin:summaries_talk_changelist"),
        reverse("admin:summaries_talk_add"),
        reverse("admin:summaries_talk_change", args=[talk.pk]),
        reverse("admin:summaries_talk_history", args=[talk.pk]),
        reverse("admin:summaries_talk_delete", args=[talk.pk]),
        reverse("admin:summaries_channel_add"),
        reverse("admin:summaries_speaker_add"),
        reverse("admin:summaries_tag_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:password_change"),
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert inline_code(page) == [], url
        # The admin's own scripts are there, loaded from files.
        scripts = lxml.html.fromstring(page).xpath("//script/@src")
        assert any(src.startswith("/static/admin/js/") for src in scripts), url


def test_admin_login_page_carries_no_inline_code(client):
    response = client.get(reverse("admin:login"))
    assert inline_code(response.content.decode()) == []
