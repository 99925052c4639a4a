"""`manage.py rebuild_search_index`: the search index, built again from the talks."""

import time

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ....management.base import TranslatedCommand
from ....planner import refresh_statistics
from ...indexing import rebuild


class Command(TranslatedCommand):
    help = _(
        "検索索引を作り直します。索引は保存のたびに自動で更新されるため、"
        "通常は不要です（データベースを直接書き換えたときや、索引の方式を"
        "変えたときに使います）。"
    )

    def progress(self, done, total):
        seconds = time.monotonic() - self.started
        left = seconds / done * (total - done) if done else 0
        self.stderr.write(
            _("[%(seconds)6.1fs] 検索索引: %(done)s/%(total)s（残り約%(left).0f秒）")
            % {
                "seconds": seconds,
                "done": f"{done:,}",
                "total": f"{total:,}",
                "left": left,
            },
            style_func=str,
        )

    def handle(self, *args, **options):
        self.started = started = time.monotonic()
        # Counts and an estimate on a terminal; scripts and CI stay quiet.
        count = rebuild(progress=self.progress if self.stderr.isatty() else None)
        refresh_statistics()  # the planner's view of the index just rebuilt
        message = ngettext(
            "%(count)d件の講演の検索索引を作り直しました（%(seconds).1f秒）。",
            "%(count)d件の講演の検索索引を作り直しました（%(seconds).1f秒）。",
            count,
        )
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(message % {"count": count, "seconds": seconds})
        )
