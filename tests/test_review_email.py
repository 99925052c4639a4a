"""The review emails through a real SMTP server that the test starts.

tests/test_review.py checks the messages with Django's in-memory backend;
this sends one over SMTP (aiosmtpd, on a port of the review range
18500-18599) with the production backend, as settings.py configures it from
EMAIL_* in the environment.
"""

import socket
import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from summaries.models import Talk
from summaries.roles import APPROVERS, EDITORS
from tests.factories import make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope)
        return "250 OK"


def free_port():
    for port in range(18550, 18600):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail("no free port in 18550-18599")


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def test_an_approver_gets_the_submission_by_smtp(
    settings, smtp_server, django_user_model
):
    controller, inbox = smtp_server
    settings.GOVDX_REQUIRE_APPROVAL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.DEFAULT_FROM_EMAIL = "talks@example.jp"
    settings.GOVDX_SITE_URL = "https://talks.example.jp"
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    approver = django_user_model.objects.create_user(
        "approver", email="approver@example.jp", is_staff=True
    )
    approver.groups.add(Group.objects.get(name=APPROVERS))
    talk = make_talk("メールで知らせる講演")
    client = Client()
    client.force_login(editor)
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    response = submit(client, client.get(url), {"tldr": "直した要約。"})
    assert response.status_code == 302

    deadline = time.monotonic() + 10
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    [envelope] = inbox.messages
    assert envelope.mail_from == "talks@example.jp"
    assert envelope.rcpt_tos == ["approver@example.jp"]
    message = message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"].strip() == "【レビュー依頼】メールで知らせる講演"
    body = message.get_content()
    assert f"https://talks.example.jp/admin/summaries/talk/{talk.pk}/review/" in body
    assert Talk.objects.get(pk=talk.pk).tldr != "直した要約。"
