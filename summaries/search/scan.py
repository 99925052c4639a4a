"""The slow path: look for a term in the stored folded text, row by row."""

from django.db.models import Q, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan


def contains(term, prefix=""):
    """Rows whose folded title and tags, or folded body, contain `term`.

    `StrIndex` (INSTR / STRPOS) compares exactly, so `%`, `_` and backslashes
    in a term need no escaping, and case is already folded on both sides.
    """
    return Q(GreaterThan(StrIndex(f"{prefix}head", Value(term)), 0)) | Q(
        GreaterThan(StrIndex(f"{prefix}body", Value(term)), 0)
    )


def in_column(column, term):
    """Talks (not index rows) whose folded `column` of SearchEntry (title,
    head, tldr, takeaways, qa) contains `term`."""
    return Q(GreaterThan(StrIndex(f"search_entry__{column}", Value(term)), 0))
