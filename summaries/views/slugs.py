"""Old addresses: a talk or tag whose slug changed answers 301 at its old one."""

from django.http import Http404, HttpResponsePermanentRedirect

from ..redirects import target_for


class OldSlugRedirectMixin:
    """When the page's slug finds nothing, redirect from an old slug, if any.

    The redirect goes to the object's current address in one hop, keeping the
    query string (`?t=90` still starts the video there).
    """

    redirect_model = None

    def may_redirect_to(self, target):
        """Only to a page this visitor may see, so a draft's new slug never leaks."""
        return True

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            target = target_for(self.redirect_model, kwargs["slug"])
            if target is None or not self.may_redirect_to(target):
                raise
            url = target.get_absolute_url()
            if request.META.get("QUERY_STRING"):
                url += "?" + request.META["QUERY_STRING"]
            return HttpResponsePermanentRedirect(url)
