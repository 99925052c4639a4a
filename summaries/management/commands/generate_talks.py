"""`manage.py generate_talks --count N`: synthetic talks for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from ...generated import MARK, delete_generated, generate
from ...models import Talk


class Command(BaseCommand):
    help = (
        f"ベンチマークや負荷試験のための架空の講演を作ります。"
        f"タイトルは「{MARK}」で始まり、生成データの印が付きます。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, default=100, help="作る講演の数（既定: 100）"
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="乱数の種。同じ種なら同じ講演ができます。",
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="作る前に、生成した講演をすべて削除します（--count 0 で削除だけ）。",
        )

    def handle(self, *args, count, seed, delete, **options):
        if count < 0:
            raise CommandError("--count には0以上の数を指定してください。")
        if delete:
            removed = delete_generated()
            self.stdout.write(f"生成した講演を{removed}件削除しました。")
        if not count:
            return
        if Talk.objects.filter(slug__startswith=f"generated-{seed}-").exists():
            raise CommandError(
                f"--seed {seed} の講演はすでにあります。"
                "別の --seed を指定するか、--delete を付けて作り直してください。"
            )
        started = time.monotonic()
        ids = generate(count, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(ids)}件の講演を生成し、検索索引に登録しました"
                f"（{time.monotonic() - started:.1f}秒）。"
            )
        )
