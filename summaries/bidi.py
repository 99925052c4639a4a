"""Showing editors' and readers' text without letting it reorder what follows.

A title may hold bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE) or
right-to-left letters. Shown next to other text, they reorder it: the rest of
a sentence, the " | GovDX Talks" of a window title, a count after a tag. The
text is stored and served as given (the API, exports and JSON-LD are data);
where it is shown, it is isolated:

- in HTML, inside `<bdi>` (`{{ value|bdi }}`): the browser keeps its
  direction to itself;
- in plain text (`<title>`, share cards, Atom titles, messages), between
  U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE
  (`{{ value|isolate }}`, `isolate()`), only when it holds a control or a
  right-to-left letter, so ordinary titles stay exactly as they are.

Isolation is made of the same characters the text may hold: a stray U+2069
in a title would close the isolate early and let an override after it loose.
The shown copy drops isolate closers that close nothing and closes isolates
the text leaves open; nothing else changes.
"""

import html
import re

from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

FSI = "\u2068"
PDI = "\u2069"
ISOLATE_OPENERS = "\u2066\u2067\u2068"
# Explicit controls (LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM) and the
# right-to-left scripts' blocks: Hebrew, Arabic, Syriac, Thaana, NKo,
# Samaritan, Mandaic, and their presentation forms.
NEEDS_ISOLATION = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
    "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def balanced(text):
    """`text` with isolate closers that close nothing dropped and the isolates
    it opens closed: it cannot escape an isolate put around it."""
    if PDI not in text and not any(c in text for c in ISOLATE_OPENERS):
        return text
    depth = 0
    kept = []
    for char in text:
        if char in ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            if not depth:
                continue
            depth -= 1
        elif char in "\n\r\u2029":
            kept.append(PDI * depth)  # a new paragraph closes every isolate
            depth = 0
        kept.append(char)
    return "".join(kept) + PDI * depth


def isolate(text):
    """Plain text: `text` between FSI and PDI when it could reorder what
    follows it, else unchanged."""
    text = str(text)
    if not NEEDS_ISOLATION.search(text):
        return text
    return f"{FSI}{balanced(text)}{PDI}"


def bdi(value):
    """HTML: `value` (escaped unless already safe) inside <bdi>."""
    shown = balanced(str(value))
    if not isinstance(value, SafeData):
        shown = html.escape(shown)
    return mark_safe(f"<bdi>{shown}</bdi>")


def bdi_format(template, **values):
    """A translated sentence (`%(name)s` placeholders) as HTML, each value of
    user text in <bdi>: `bdi_format(_("タグ: %(name)s"), name=tag.name)`.
    Values already safe (interface text through `conditional_escape`) go in
    as they are."""
    return mark_safe(
        conditional_escape(template)
        % {
            key: value if isinstance(value, SafeData) else bdi(value)
            for key, value in values.items()
        }
    )
