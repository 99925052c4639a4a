"""Reading the public query parameters (`?tag=`, `?speaker=`, `?year=`…).

A value either means something or is refused with `InvalidParameter`, which
the 400 page (views/errors.py) explains in the reader's language with a link
to the same page without it. Nothing unreadable reaches a query: a NUL byte
made PostgreSQL fail, a year past 9999 made Python's dates fail, and every
tag cost a join.
"""

import re
import sys

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

# The shape of every slug the site makes (Django's slugify with Unicode letters
# kept) and of the `<uslug:…>` path converter; 100 is the slug fields' length.
SLUG = re.compile(r"[-\w]{1,100}")
# ?t= is read as seconds; more digits than any video's length are no time.
MAX_SECONDS_DIGITS = 9


class InvalidParameter(BadRequest):
    """A public parameter that cannot be read: answered with a 400 page.

    `message` says what is wrong and how to fix it, for readers; `name` is
    the parameter, which the page offers to drop.
    """

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


def slug(params, name):
    """The slug in `?name=` (`speaker` or `channel`), "" when absent; refused
    when no slug could look like it (a control character, a space, a slash,
    too long)."""
    value = params.get(name, "")
    if value and not SLUG.fullmatch(value):
        raise InvalidParameter(name, _wrong_choice(name))
    return value


def tags(params, limit, name="tag"):
    """The distinct tag slugs in `?tag=` (repeatable), in the order given, at
    most `limit` of them."""
    values = list(dict.fromkeys(value for value in params.getlist(name) if value))
    if len(values) > limit:
        raise InvalidParameter(
            name,
            _(
                "タグで絞り込めるのは一度に%(limit)d個までです（このアドレスには"
                "%(count)d個あります）。タグを減らしてからもう一度お試しください。"
            )
            % {"limit": limit, "count": len(values)},
        )
    if not all(SLUG.fullmatch(value) for value in values):
        raise InvalidParameter(name, _wrong_choice(name))
    return values


def year(params, name="year"):
    """The year in `?year=`, None when absent: ASCII digits, 1 to 9999."""
    value = params.get(name, "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 4 and int(value)):
        raise InvalidParameter(
            name, _("動画の年は、西暦の数字（例: 2024）で指定してください。")
        )
    return int(value)


def page(params, name="page"):
    """Check `?page=`: a page number from 1 (or `last`, as Django reads it).
    A value no page can have is refused; a number past the last page is not a
    mistake in the address's form, and stays a 404 (the paginator's).

    Returns the number asked for (None: none, or `last`); past 18 digits,
    sys.maxsize, which no list reaches."""
    value = params.get(name, "")
    if not value or value == "last":
        return None
    # ASCII digits only: int() reads ² as no number and refuses more than
    # 4,300 digits.
    if not (value.isascii() and value.isdigit() and value.strip("0")):
        raise InvalidParameter(
            name, _("ページ番号は、1以上の数字（例: 2）で指定してください。")
        )
    return int(value) if len(value) <= 18 else sys.maxsize


def seconds(value):
    """`90` or `90s` (as YouTube writes it) as seconds; None when it is not one.

    Lenient on purpose: a start time comes from shared links, and a wrong one
    still shows the talk, from the beginning.
    """
    value = value.strip().removesuffix("s")
    if value.isascii() and value.isdigit() and len(value) <= MAX_SECONDS_DIGITS:
        return int(value)
    return None


def _wrong_choice(name):
    messages = {
        "tag": _("タグの指定が正しくありません。一覧のリンクから選び直してください。"),
        "speaker": _(
            "登壇者の指定が正しくありません。一覧のリンクから選び直してください。"
        ),
        "channel": _(
            "チャンネルの指定が正しくありません。一覧のリンクから選び直してください。"
        ),
    }
    return messages[name]
