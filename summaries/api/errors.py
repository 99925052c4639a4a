"""Every error under /api/ is JSON, `{"detail": "…"}`, as django-ninja's own.

django-ninja answers its routes' errors in JSON (404, 422), but some errors
never reach it or leave it as HTML: an address it has no route for, a method
it does not serve (405), a failed If-Match (412), a request Django refuses
(bad Host, too many fields: 400) and, with DEBUG off, an exception (500),
which ninja hands to Django's handler. This middleware, outermost, rewrites
those. /api/ itself is the guide for people, a page, and stays one.
"""

from django.http import JsonResponse

PREFIX = "/api/"
GUIDE = "/api/"
# Headers of the original answer that describe its body, not the error.
BODY_HEADERS = {"content-type", "content-length", "content-encoding"}


def is_api(request):
    return request.path_info.startswith(PREFIX) and request.path_info != GUIDE


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not is_api(request)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        error = JsonResponse(
            {"detail": response.reason_phrase}, status=response.status_code
        )
        for name, value in response.items():
            if name.lower() not in BODY_HEADERS:
                error[name] = value
        return error
