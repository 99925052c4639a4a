"""Django's `loaddata`, announcing what it loaded once, at the end.

Fixture rows are saved raw, one by one: a talk before its parts. Collecting the
changes sends one `talk_changed` (with `raw`) after the whole fixture is in, so
its receivers see every talk complete: the search index is built once per talk,
and each talk with no history gets what was loaded as its first version
(`history.first_versions_after_loading`).
"""

from django.core.management.commands import loaddata

from ...signals import collecting_changes


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        with collecting_changes():
            return super().handle(*fixture_labels, **options)
