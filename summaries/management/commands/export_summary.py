"""manage.py export_summary SLUG: a talk as summary text, ready to import again."""

from django.core.management.base import CommandError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...importer import describe, to_data
from ...models import PART_MODELS, Channel, Tag, Talk
from ...summary_format import SummaryError, differences, one_line, parse, render
from ...text import join_list
from ..base import TranslatedCommand

# What each TalkData field is called on the editor's side.
LABELS = {
    "channel": Channel._meta.verbose_name,
    "tags": Tag._meta.verbose_name,
    **{
        name: model._meta.verbose_name
        for name, model in zip(
            (
                "takeaways",
                "questions",
                "outline",
                "keywords",
                "highlights",
                "transcript",
            ),
            PART_MODELS,
            strict=True,
        )
    },  # fmt: skip
}


def label(field, n):
    name = LABELS.get(field) or Talk._meta.get_field(field).verbose_name
    return format_lazy("{}{}", name, n) if n else name


class Command(TranslatedCommand):
    help = gettext_lazy(
        "講演を要約テキストの形式で書き出します。"
        "取り込み直すと同じ講演になります（登壇者は形式に含まれません）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="SLUG", help=gettext_lazy("講演のスラッグ"))
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help=gettext_lazy("標準出力でなくこのファイルに UTF-8 で書きます。"),
        )

    def handle(self, *args, slug, output=None, **options):
        talk = Talk.objects.filter(slug=slug).first()
        if talk is None:
            raise CommandError(
                _("スラッグ「%(slug)s」の講演はありません。") % {"slug": slug}
            )
        data, flattened = one_line(to_data(talk))
        text = render(data)
        if output:
            with open(output, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
        else:
            self.stdout.write(text, ending="")
        if flattened:
            self.warn(_("改行を含む項目は、改行を空白にして書き出しました: %(parts)s"),
                      flattened)  # fmt: skip
        try:
            again = parse(text).talk
        except SummaryError as error:
            self.stderr.write(
                _("この書き出しはそのままでは取り込めません: %(problem)s")
                % {"problem": describe(error.problem)}
            )
            return
        lost = differences(data, again)
        if lost:
            self.warn(_("取り込み直すと次の項目が変わります: %(parts)s"), lost)

    def warn(self, message, places):
        parts = join_list(label(field, n) for field, n in places)
        self.stderr.write(self.style.WARNING(message % {"parts": parts}))
