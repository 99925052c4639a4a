"""schema.org data for crawlers (JSON-LD): only what is true of the page.

VideoObject for a talk with a video address, BreadcrumbList below the home page.
No FAQPage (interview Q&A is not a site-written FAQ, and Google shows FAQ
results only for government and health sites) and no AggregateRating without
votes of our own.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.translation import gettext as _

from .text import iso_duration
from .youtube import embed_url

SHARE_IMAGE = "summaries/img/share.png"


def to_json_ld(data):
    """JSON for a <script> element: <, > and & escaped so `</script>` in a
    title cannot end the element (the escaping of Django's json_script)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return text.translate(_json_script_escapes)


def share_image_url(request):
    """The image we ship for shares and video thumbnails, as an absolute URL."""
    return request.build_absolute_uri(static(SHARE_IMAGE))


def breadcrumb_list(request, breadcrumbs):
    """BreadcrumbList from the page's [(label, url)] (the last one is this page)."""
    items = [(_("ホーム"), reverse("summaries:home")), *breadcrumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(label),
                "item": request.build_absolute_uri(url or request.path),
            }
            for position, (label, url) in enumerate(items, start=1)
        ],
    }


def video_object(request, talk, chapters):
    """VideoObject for a talk, with its outline (`chapters`: [(start seconds,
    title)]) as Clips; None without a video."""
    vid = talk.youtube_id
    if not vid:
        return None
    page_url = request.build_absolute_uri(talk.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": talk.title,
        "description": talk.tldr,
        "thumbnailUrl": [share_image_url(request)],
        "uploadDate": talk.video_date.isoformat(),
        "duration": iso_duration(talk.duration_seconds),
        "embedUrl": embed_url(vid, autoplay=False),
        "url": page_url,
        "inLanguage": "ja",
    }
    clips = []
    # Each chapter ends where the next begins; the last one with the video.
    ends = [start for start, _title in chapters[1:]] + [talk.duration_seconds]
    for (start, title), end in zip(chapters, ends[: len(chapters)], strict=True):
        clip = {
            "@type": "Clip",
            "name": title,
            "startOffset": start,
            "url": f"{page_url}?t={start}",
        }
        if end > start:
            clip["endOffset"] = end
        clips.append(clip)
    if clips:
        data["hasPart"] = clips
    return data
