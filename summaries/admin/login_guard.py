"""Admin login guessing: which address a login comes from, and the lockout page.

django-axes counts failed logins per username and address (settings.AXES_*);
this module tells it the reader's real address behind our proxies and renders
its lockout page in Japanese, inside the admin's own layout.
"""

import ipaddress

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request):
    """The connecting address, or the one our trusted proxies say they saw.

    Each proxy appends the address that connected to it to X-Forwarded-For, so
    with N proxies of ours in front the client is the N-th entry from the
    right; anything further left was written by the client and is ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if count and len(forwarded) >= count:
        address = _valid(forwarded[-count])
        if address:
            return address
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": _("ログインを一時停止しています"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cooloff.total_seconds() // 60) if cooloff else None,
    }
    return TemplateResponse(
        request,
        "admin/lockout.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    ).render()
