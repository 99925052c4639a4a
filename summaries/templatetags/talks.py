from django import template

from ..text import format_timecode

register = template.Library()


@register.filter
def timecode(seconds):
    """674 -> 11:14"""
    return format_timecode(seconds)


@register.filter
def iso_duration(seconds):
    """674 -> PT11M14S, the form of `<time datetime>` and schema.org."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n
    ]
    return "PT" + ("".join(parts) or "0S")
