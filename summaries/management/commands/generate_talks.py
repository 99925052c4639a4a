"""`manage.py generate_talks --count N`: synthetic talks for benchmarks."""

import time

from django.core.management.base import CommandError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ...generated import MARK, delete_generated, generate
from ...models import Talk
from ...planner import refresh_statistics
from ..base import TranslatedCommand


class Command(TranslatedCommand):
    help = format_lazy(
        gettext_lazy(
            "ベンチマークや負荷試験のための架空の講演を作ります。"
            "タイトルは「{mark}」で始まり、生成データの印が付きます。"
        ),
        mark=MARK,
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            default=100,
            help=gettext_lazy("作る講演の数（既定: 100）"),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help=gettext_lazy("乱数の種。同じ種なら同じ講演ができます。"),
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help=gettext_lazy(
                "作る前に、生成した講演をすべて削除します（--count 0 で削除だけ）。"
            ),
        )

    def progress(self, done, total, stage):
        """How far it is, on a terminal only (scripts and logs stay quiet)."""
        seconds = time.monotonic() - self.started
        self.stderr.write(
            f"[{seconds:6.1f}s] {stage}: {done:,}/{total:,}", style_func=str
        )

    def handle(self, *args, count, seed, delete, **options):
        self.tty = self.stderr.isatty()
        if count < 0:
            raise CommandError(_("--count には0以上の数を指定してください。"))
        if delete:
            removed = delete_generated()
            self.stdout.write(
                ngettext(
                    "生成した講演を%(count)d件削除しました。",
                    "生成した講演を%(count)d件削除しました。",
                    removed,
                )
                % {"count": removed}
            )
        if not count:
            if delete:
                refresh_statistics()  # many rows gone
            return
        if Talk.objects.filter(slug__startswith=f"generated-{seed}-").exists():
            raise CommandError(
                _(
                    "--seed %(seed)d の講演はすでにあります。"
                    "別の --seed を指定するか、--delete を付けて作り直してください。"
                )
                % {"seed": seed}
            )
        self.started = started = time.monotonic()
        ids = generate(count, seed=seed, progress=self.progress if self.tty else None)
        refresh_statistics()  # the planner's view of the tables just filled
        message = ngettext(
            "%(count)d件の講演を生成し、検索索引に登録しました（%(seconds).1f秒）。",
            "%(count)d件の講演を生成し、検索索引に登録しました（%(seconds).1f秒）。",
            len(ids),
        )
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(message % {"count": len(ids), "seconds": seconds})
        )
