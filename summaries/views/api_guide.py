from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..api import schemas
from ..api.downloads import CSV_COLUMNS
from .mixins import PageMixin, crumb


class ApiGuideView(PageMixin, TemplateView):
    """The open data guide for people: what there is, how to ask, the license."""

    template_name = "summaries/api_guide.html"

    def get_breadcrumbs(self):
        return [crumb(_("オープンデータ"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            api_version=schemas.API_VERSION,
            license_name=schemas.LICENSE_NAME,
            license_url=schemas.LICENSE_URL,
            csv_columns=CSV_COLUMNS,
            **kwargs,
        )
