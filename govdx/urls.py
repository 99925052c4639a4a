from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from summaries.api.endpoints import api

# Pages in Japanese at the root, in English under /en/ (the admin too: /en/admin/).
urlpatterns = i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("summaries.urls")),
    prefix_default_language=False,
)

# Open data is language-neutral: fixed addresses, outside the /en/ prefix.
# After the pages, so /api/ itself is the (translated) guide to it.
urlpatterns += [
    path("api/", api.urls),
    path("", include("summaries.feed_urls")),
]

# Django's own 400 page is bare English; ours explains, in the reader's language.
handler400 = "summaries.views.errors.bad_request"
