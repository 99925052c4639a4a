"""The page in the other language, marking Japanese content on English pages,
and isolating the direction of editors' and readers' text (summaries/bidi.py)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from .. import bidi

register = template.Library()

# Editors write in Japanese; the interface language does not change the content.
CONTENT_LANGUAGE = "ja"


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every interface language, the current one marked.

    Each item has `code`, `name` (in its own language), `path` for links and
    `url` (absolute) for `<link rel="alternate" hreflang>`.
    """
    request = context.get("request")
    if request is None:
        return []
    here = request.get_full_path()
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        path = translate_url(here, code)
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "path": path,
                "url": request.build_absolute_uri(path),
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return versions


@register.simple_tag
def content_lang():
    """` lang="ja"` for an element holding content when the interface is not
    Japanese, so screen readers and translators read it as Japanese."""
    if get_language() == CONTENT_LANGUAGE:
        return ""
    return format_html(' lang="{}"', CONTENT_LANGUAGE)


@register.filter(name="bdi")
def bdi_filter(value):
    """User text shown in HTML, inside <bdi> (summaries/bidi.py)."""
    return bidi.bdi(value)


@register.filter(name="isolate")
def isolate_filter(value):
    """User text shown as plain text (<title>, attributes), isolated when it
    could reorder what follows (summaries/bidi.py)."""
    return bidi.isolate(value)
