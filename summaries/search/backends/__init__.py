"""The full-text index in the database: one backend per vendor, same answers.

Each backend stores `SearchEntry` rows with their index (`add`, inside
`writing_many()` when many talks are written at once), forgets the
index of rows about to be deleted (`remove`, `clear`), finds the rows holding
a term of two or more characters or a word key (`match_any`), exactly: no
false positive, no miss; and answers, for ranking, which talks
hold a term in one of the ranked columns (`stands`) or hold one of the word
keys (`holding`).
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
