"""The editor's side: the Django admin, in Japanese."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from . import records, tags, talks  # noqa: F401  (registers the model admins)

admin.site.site_header = _("GovDX Talks 編集")
admin.site.site_title = _("GovDX Talks 編集")
admin.site.index_title = _("コンテンツの管理")

# Talks use our own Tag model (summaries.Tag, a taggit TagBase): taggit's own
# tables stay empty, and its admin (registered by taggit.admin) would only show
# an empty list next to ours, so it is hidden. The capabilities' admins (search
# insights, readers' feedback) live in their apps' admin modules.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)
