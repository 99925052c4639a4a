"""The site's own notices: what it sends to others, and how accessible it is."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..accessibility import load_results
from ..methods import read_only
from .mixins import PageMixin, crumb


class ExternalTransmissionView(PageMixin, TemplateView):
    template_name = "summaries/about/external_transmission.html"

    def get_breadcrumbs(self):
        return [crumb(_("外部送信に関する公表"))]


class AccessibilityView(PageMixin, TemplateView):
    template_name = "summaries/about/accessibility.html"

    def get_breadcrumbs(self):
        return [crumb(_("アクセシビリティ方針"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(results=load_results(), **kwargs)


@read_only
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("feeds:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
