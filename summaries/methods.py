"""405 Method Not Allowed for a method a view does not serve, with `Allow`.

Django's CSRF check runs before a view is asked: a PUT, PATCH or DELETE on a
public page got the CSRF failure page (403), which says the form could not be
sent, when there was no form. This middleware, placed before the CSRF
middleware, answers 405 first for views that say what they serve: class-based
views by their handlers (`http_method_names`), other views marked with
`read_only`. Views that say nothing (the admin, the API, which answers its own
405s) are left alone, and a method a view serves still goes through the CSRF
check.
"""

from django.http import HttpResponseNotAllowed
from django.views.decorators.http import require_safe


def read_only(view):
    """A function view (a feed, the sitemap, robots.txt) that serves GET and
    HEAD: anything else is a 405."""
    view = require_safe(view)
    view.allowed_methods = ["GET", "HEAD"]
    return view


def allowed_methods(view):
    """The methods `view` serves, upper case; None when it does not say.

    Wrappers made with functools.wraps (the page cache's) keep `view_class`
    and `allowed_methods`.
    """
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return getattr(view, "allowed_methods", None)
    # View.setup() gives HEAD to every view with a GET.
    served = {
        name for name in view_class.http_method_names if hasattr(view_class, name)
    }
    if "get" in served and "head" in view_class.http_method_names:
        served.add("head")
    return [name.upper() for name in view_class.http_method_names if name in served]


class MethodNotAllowedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, view_args, view_kwargs):
        allowed = allowed_methods(view)
        if allowed is not None and request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return None
