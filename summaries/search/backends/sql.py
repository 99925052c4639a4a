"""What both backends share to write their statements by hand."""

from django.db import connection


def compiled(*querysets):
    """[(sql, params)] of each queryset, compiled for the default database:
    subqueries for a statement written by hand."""
    return [
        queryset.query.get_compiler(connection=connection).as_sql()
        for queryset in querysets
    ]
