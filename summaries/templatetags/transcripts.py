"""A talk's transcript as one block of HTML, built in Python.

A two-hour talk has about 3,000 segments; including templates/includes/
timecode.html once per segment cost about 160 ms a page. This writes the same
markup (a time stamp that plays the video from there, or just the time, and
the segment's text) with string joins: a few milliseconds.
"""

import html

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from .. import youtube

register = template.Library()


@register.simple_tag(takes_context=True)
def timed_items(context, items):
    """<li> for each (start_seconds, text), as the timeline lists of
    talk_detail.html write them."""
    video_id = context.get("video_id")
    play = html.escape(gettext("から再生"))
    watch = html.escape(youtube.watch_url(video_id, 0)) if video_id else ""
    rows = []
    for seconds, text in items:
        iso, shown = _times(seconds)
        code = f'<time datetime="{iso}">{shown}</time>'
        if video_id:
            href = f"{watch}&amp;t={seconds}s" if seconds else watch
            stamp = (
                f'<a class="timecode" href="{href}" data-start="{seconds}" '
                f'data-page-href="?t={seconds}">{code}'
                f'<span class="visually-hidden">{play}</span></a>'
            )
        else:
            stamp = f'<time class="timecode" datetime="{iso}">{shown}</time>'
        rows.append(f"<li>{stamp}<span>{html.escape(text)}</span></li>")
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped above


def _times(seconds):
    """(iso_duration(seconds), format_timecode(seconds)) in one division:
    called 3,000 times a page."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    iso = "PT" + (
        (f"{hours}H" if hours else "")
        + (f"{minutes}M" if minutes else "")
        + (f"{secs}S" if secs else "")
        or "0S"
    )
    shown = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return iso, shown


@register.simple_tag
def transcript_found(count):
    """The filter's "N segments match" in the page's language, with `{count}`
    for the script to fill (singular for 1, plural otherwise)."""
    return ngettext("{count}区間が一致しました。", "{count}区間が一致しました。", count)
