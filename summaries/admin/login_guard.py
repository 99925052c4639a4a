"""Admin login guessing: which address a login comes from, and the lockout page.

django-axes counts failed logins per username and address (settings.AXES_*);
it reads the client's address with `summaries.client_address` (the setting
AXES_CLIENT_IP_CALLABLE points there); this module renders its lockout page in
Japanese, inside the admin's own layout.
"""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


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
