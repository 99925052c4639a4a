"""/favicon.ico: the site's icon, for browsers that ask for it by that name."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from ..methods import read_only


@read_only
@cache_control(max_age=60 * 60 * 24, public=True)
def favicon(request):
    # A redirect to the hashed static file, served (and cached for ever) by
    # WhiteNoise; temporary, as the hashed name changes with the icon.
    return HttpResponseRedirect(static("summaries/img/favicon.svg"))
