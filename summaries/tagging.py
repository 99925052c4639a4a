"""How editors type tags: 「防災、窓口」 or "DX, GovTech 東京", no quoting needed.

Wired into taggit through TAGGIT_TAGS_FROM_STRING / TAGGIT_STRING_FROM_TAGS.
A tag may contain spaces; only 、 ， , ; and line breaks separate tags.
"""

import re

_SEPARATORS = re.compile(r"[、，,;；\r\n]+")


def parse_tags(text):
    """Tag names from an editor's input, in order, blanks and repeats removed."""
    names = []
    for part in _SEPARATORS.split(text or ""):
        name = " ".join(part.split())  # trims, and folds runs of spaces (全角 too)
        if name and name not in names:
            names.append(name)
    return names


def edit_string(tags):
    """The input's text for existing tags: 「防災、窓口」."""
    return "、".join(tag.name for tag in tags)
