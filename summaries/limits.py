"""How much one talk may hold: the most items of each kind of part.

Every writer checks these before it writes: the importer (`importer.check`),
the captions import and the admin's text areas (`talk_parts.replace`), and
the admin's inline rows (`admin.ordering`, which counts the rows kept). They
keep the change form below Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000):
the parts that stay inline rows (speakers, takeaways, questions) cost six
fields a row, so 20 + 60 + 60 rows make 840 fields with the talk's own; the
long timed lists (transcript, outline, highlights) and keywords are one text
area each, whatever they hold. The transcript's bound is a four-hour talk's
captions with room to spare. See docs/operations.md, "Limits per talk".

Counting is never done per talk in a list: the talk list, the dashboard and
the 公開前チェック filter read counts in subqueries of fixed shape
(completeness.py), and these bounds keep each subquery's work bounded too.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

# name (TalkData attribute and related_name), label, most.
_LIMITS = (
    ("talk_speakers", gettext_noop("登壇者"), 20),
    ("takeaways", gettext_noop("要点"), 60),
    ("questions", gettext_noop("質問と回答"), 60),
    ("outline", gettext_noop("アウトラインの章"), 500),
    ("keywords", gettext_noop("キーワード"), 100),
    ("highlights", gettext_noop("ハイライト"), 500),
    ("transcript", gettext_noop("文字起こしの区間"), 10_000),
)
MOST = {name: most for name, _label, most in _LIMITS}
LABELS = {name: label for name, label, _most in _LIMITS}

TOO_MANY = gettext_noop(
    "%(part)sが多すぎます（%(count)d個）。1つの講演に%(most)d個までです。"
    "分けるか、減らしてください。"
)


@dataclass(frozen=True)
class Excess:
    """A part over its bound: which, how many were given, how many may be."""

    name: str
    count: int
    most: int

    @property
    def params(self):
        return {
            "part": gettext(LABELS[self.name]),
            "count": self.count,
            "most": self.most,
        }

    @property
    def message(self):
        """In the language of the request."""
        return gettext(TOO_MANY) % self.params


class TooMany(ValueError):
    """Raised by writers; `excess` says which part and by how much."""

    def __init__(self, excess):
        super().__init__(excess.message)
        self.excess = excess


def excess(name, count):
    """An Excess when `count` items of part `name` are more than it may hold."""
    most = MOST.get(name)
    if most is None:
        return None
    return Excess(name, count, most) if count > most else None


def check(name, count):
    """Raise TooMany when `count` items of part `name` are too many."""
    over = excess(name, count)
    if over:
        raise TooMany(over)


def table():
    """(label, most) for every part, in the change form's order (for docs and
    the help texts)."""
    return [(gettext(label), most) for _name, label, most in _LIMITS]
