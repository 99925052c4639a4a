"""Emails: approvers hear of a submission; its author of the decision.

Django's email backends: the console in development, SMTP in production
(EMAIL_* settings, docs/operations.md). A mail server that is down never
undoes a review step: the failure is logged and the step stands.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


def review_link(talk_id):
    return settings.GOVDX_SITE_URL + reverse(
        "admin:summaries_talk_review", args=[talk_id]
    )


def approvers(exclude=None):
    """Active users who may approve and have an email address."""
    permission = Permission.objects.filter(
        content_type__app_label="review", codename="approve_submission"
    ).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(
        Q(is_superuser=True)
        | Q(groups__permissions=permission)
        | Q(user_permissions=permission)
    ).distinct()
    if exclude is not None and not settings.GOVDX_ALLOW_SELF_APPROVAL:
        users = users.exclude(pk=exclude.pk)
    return list(users.order_by("pk"))


def submitted(submission):
    to = [user.email for user in approvers(exclude=submission.author)]
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "title": submission.talk.title,
            "author": _who(submission.author),
            "link": review_link(submission.talk_id),
            "note": submission.note or _("（説明なし）"),
        }
        subject = _("【レビュー依頼】%(title)s") % values
        body = (
            _(
                "%(author)s さんが「%(title)s」の変更をレビューに提出しました。\n\n"
                "説明: %(note)s\n\n"
                "内容を確かめて、承認するか差し戻してください:\n%(link)s\n"
            )
            % values
        )
    _send(subject, body, to)


def decided(submission, approved, text=""):
    author = submission.author
    if author is None or not author.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "title": submission.talk.title,
            "approver": _who(submission.decided_by),
            "link": review_link(submission.talk_id),
            "comment": text.strip() or _("（コメントなし）"),
        }
        if approved:
            subject = _("【承認】%(title)s") % values
            body = (
                _(
                    "%(approver)s さんが「%(title)s」の変更を承認しました。\n\n"
                    "コメント: %(comment)s\n\n%(link)s\n"
                )
                % values
            )
        else:
            subject = _("【差し戻し】%(title)s") % values
            body = (
                _(
                    "%(approver)s さんが「%(title)s」の変更を差し戻しました。\n\n"
                    "コメント: %(comment)s\n\n"
                    "直してからもう一度提出してください:\n%(link)s\n"
                )
                % values
            )
    _send(subject, body, [author.email])


def _who(user):
    if user is None:
        return _("（削除されたユーザー）")
    return user.get_full_name() or user.get_username()


def _send(subject, body, to):
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except Exception:  # noqa: BLE001 (any failure of the mail server)
        log.exception("review email not sent", extra={"subject": subject})
