"""`manage.py suggest SLUG --kind tags|keywords|highlights [--limit N]`."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ....management.base import TranslatedCommand
from ....models import Talk
from ...editing import KINDS, as_line, suggest


class Command(TranslatedCommand):
    help = gettext_lazy(
        "講演のタグ・キーワード・ハイライトの候補を、よい順に1行に1つずつ表示します"
        "（ハイライトは「H:MM:SS 文」）。何も変更しません。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help=gettext_lazy("講演のスラッグ"))
        parser.add_argument(
            "--kind",
            choices=KINDS,
            required=True,
            help=gettext_lazy("候補の種類: tags、keywords、highlights"),
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=10,
            help=gettext_lazy("表示する候補の数（既定: 10）"),
        )

    def handle(self, *args, slug, kind, limit, **options):
        if limit < 1:
            raise CommandError(_("--limit には1以上の数を指定してください。"))
        talk = Talk.objects.filter(slug=slug).first()
        if talk is None:
            raise CommandError(
                _(
                    "スラッグ「%(slug)s」の講演はありません。スラッグを確かめてください。"
                )
                % {"slug": slug}
            )
        for item in suggest(talk, kind, limit):
            self.stdout.write(as_line(kind, item))
