"""Django's `loaddata`, announcing what it loaded once, at the end.

Fixture rows are saved raw, one by one: a talk before its parts. Collecting the
changes sends one `talk_changed` (with `raw`) after the whole fixture is in, so
its receivers see every talk complete: the search index is built once per talk,
and each talk with no history gets what was loaded as its first version
(`history.first_versions_after_loading`).

`--if-empty` loads nothing into a database that already has talks: `make run`
loads the shipped content on the first start only, so a restart never puts
the fixture's rows back over what editors saved since.
"""

from django.core.management.commands import loaddata
from django.utils.translation import gettext as _

from ...models import Talk
from ...signals import collecting_changes


class Command(loaddata.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_(
                "講演が1件もないときだけ読み込む（編集した内容を上書きしない）。"
                " / Load only into a database with no talks."
            ),
        )

    def handle(self, *fixture_labels, **options):
        if options["if_empty"] and Talk.objects.using(options["database"]).exists():
            if options["verbosity"]:
                self.stdout.write(
                    _(
                        "講演がすでにあるため、読み込みませんでした（編集した内容を"
                        "上書きしないため）。入れ直すには --if-empty を"
                        "付けずに実行します。"
                    )
                )
            return
        with collecting_changes():
            return super().handle(*fixture_labels, **options)
