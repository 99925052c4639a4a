"""Request and response machinery of the site as a whole."""

from django.middleware.locale import LocaleMiddleware
from django.utils.cache import cc_delim_re


class LocaleFromUrlMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus `Vary: Accept-Language`.

    Here the address alone decides the language (/en/… English, everything
    else Japanese, the browser's preference never consulted), so telling
    caches that answers vary by Accept-Language would only make them keep a
    copy of each page and API answer per browser language.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                value
                for value in cc_delim_re.split(response["Vary"])
                if value.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
