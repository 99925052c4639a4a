from django import template

from .. import text, youtube

register = template.Library()


@register.filter
def timecode(seconds):
    """674 -> 11:14"""
    return text.format_timecode(seconds)


@register.filter
def iso_duration(seconds):
    """674 -> PT11M14S, the form of `<time datetime>` and schema.org."""
    return text.iso_duration(seconds)


@register.filter
def youtube_watch(video_id, seconds=0):
    """The video on YouTube from `seconds`: where links go when scripts are off."""
    return youtube.watch_url(video_id, int(seconds or 0))
