"""`manage.py rebuild_search_index`: the search index, built again from the talks."""

import time

from django.core.management.base import BaseCommand

from ...search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "検索索引を作り直します。索引は保存のたびに自動で更新されるため、"
        "通常は不要です（データベースを直接書き換えたときや、索引の方式を"
        "変えたときに使います）。"
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        count = rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"{count}件の講演の検索索引を作り直しました"
                f"（{time.monotonic() - started:.1f}秒）。"
            )
        )
