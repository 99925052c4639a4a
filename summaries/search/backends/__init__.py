"""The full-text index in the database: one backend per vendor, same answers.

Each backend keeps the index beside `SearchEntry` rows (`add`, `remove`,
`clear`) and narrows a `SearchEntry` queryset to rows containing every term of
two or more characters (`match`), exactly: no false positive, no miss.
"""

from django.db import connection

from . import postgresql, sqlite

_BACKENDS = {"sqlite": sqlite, "postgresql": postgresql}


def get_backend(conn=None):
    vendor = (conn or connection).vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(
            f"Search needs SQLite or PostgreSQL, not {vendor}."
        ) from None
