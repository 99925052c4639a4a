"""The 400 page: a request the site cannot read, explained in the reader's
language (Django's own says "Bad Request (400)" in English, whatever the cause).

Django calls `bad_request` for every request it refuses as malformed: a Host
header not in ALLOWED_HOSTS, more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, a
body over its limits, and `InvalidParameter` from the public pages' own
parameters. `body_too_large` is the same page for a body refused on its
Content-Length (body_limits.py). Under /api/, `api.errors.JsonErrorsMiddleware`
turns the page into JSON.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from ..parameters import InvalidParameter


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    with _address_language(request):
        problem, status = _problem(exception)
        # Only a wrong parameter leaves the request readable: with a Host
        # header the site does not serve, or a query string of too many fields,
        # nothing on the page may be built from it (absolute links, the
        # language links, the search box's words).
        if isinstance(exception, InvalidParameter):
            return _page(problem, status, request, _without(request, exception))
        return _page(problem, status)


def body_too_large(request, length, limit):
    """413, before the body is read: how large it was, what this page takes."""
    with _address_language(request):
        problem = _(
            "送信された内容（%(size)s）が大きすぎるため、受け付けませんでした。"
            "このページで送信できるのは%(limit)sまでです。"
        ) % {"size": filesizeformat(length), "limit": filesizeformat(limit)}
        return _page(problem, 413)


def _address_language(request):
    # Django may refuse the request before the language is read from the
    # address (the HTTPS redirect checks the Host header first): read it here.
    language = translation.get_language_from_path(request.path_info)
    return translation.override(language or settings.LANGUAGE_CODE)


def _page(problem, status, request=None, retry_url=None):
    template = loader.get_template("400.html")
    context = {"problem": problem, "retry_url": retry_url}
    return HttpResponse(template.render(context, request), status=status)


def _problem(exception):
    """(what the reader is told, the status)."""
    if isinstance(exception, InvalidParameter):
        return exception.message, 400
    if isinstance(exception, RequestDataTooBig):
        return _(
            "送信された内容が大きすぎるため、受け付けませんでした。"
            "ファイルや文章を小さく分けて、もう一度送信してください。"
        ), 413
    if isinstance(exception, TooManyFieldsSent):
        return _(
            "送信された項目が多すぎるため、受け付けませんでした（%(limit)d個まで）。"
        ) % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}, 400
    return _(
        "アドレスまたは送信内容に読み取れない部分があります。"
        "アドレスを確かめるか、前のページに戻ってやり直してください。"
    ), 400


def _without(request, exception):
    """This page's address without the parameter that could not be read."""
    if request.method != "GET":
        return None
    params = request.GET.copy()
    params.pop(exception.name, None)
    params.pop("page", None)
    query = params.urlencode()
    return request.path + (f"?{query}" if query else "")


def service_unavailable(request):
    """503: the database does not answer; the reader is asked to come back."""
    with _address_language(request):
        problem = _(
            "ただいまこのページを表示できません。少し時間をおいてから、"
            "もう一度お試しください。"
        )
        template = loader.get_template("503.html")
        return HttpResponse(template.render({"problem": problem}), status=503)
