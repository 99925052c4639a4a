"""manage.py import_summary FILE…: one talk per summary text file.

Each file is all or nothing, and gets one line of result; a file that fails
names its line and what was expected there. Exit status 1 if any failed.
"""

import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ...importer import apply, describe, known_tags
from ...summary_format import SummaryError, decode, parse
from ..base import TranslatedCommand

RESULTS = {
    "created": _("取り込みました: %(file)s → 「%(title)s」（%(status)s、%(slug)s）"),
    "updated": _(
        "更新しました: %(file)s → 「%(title)s」（%(slug)s。"
        "スラッグ、公開状態、公開日時、登壇者はそのまま）"
    ),
    "unchanged": _("変更なし: %(file)s → 「%(title)s」（%(slug)s）と同じ内容です。"),
    "skipped": _(
        "スキップ: %(file)s → 「%(title)s」（%(slug)s）は取り込み済みです"
        "（同じ動画か、タイトル、チャンネル、動画の公開日が同じ）。"
        "内容を置き換えるには --update を付けてください。"
    ),
}
WARNING = _("  注意: %(file)s %(problem)s")
FAILED = _("失敗: %(file)s %(reason)s 何も書き込んでいません。")
MISSING = _("ファイルがありません。名前と場所を確かめてください。")
FOLDER = _(
    "ファイルではなくフォルダです。"
    "中のファイルを指定してください（例: フォルダ/*.txt）。"
)
FORBIDDEN = _("ファイルを読む権限がありません。")
UNREADABLE = _("ファイルを読めません（%(reason)s）。")
DATABASE_FAILED = _(
    "データベースに書き込めませんでした（%(error)s）。もう一度実行してください。"
)
UNEXPECTED = _(
    "思わぬエラーで取り込めませんでした（%(error)s）。"
    "--traceback を付けると詳しく表示します。"
)
TOTALS = _(
    "%(created)d件取り込み、%(updated)d件更新、%(unchanged)d件変更なし、"
    "%(skipped)d件スキップ、%(failed)d件失敗。"
)
SOME_FAILED = ngettext_lazy(
    "%(failed)d件のファイルを取り込めませんでした（上の「失敗」の行）。",
    "%(failed)d件のファイルを取り込めませんでした（上の「失敗」の行）。",
    "failed",
)


class Command(TranslatedCommand):
    help = _(
        "要約テキストのファイルから講演を取り込みます（1ファイル1講演、"
        "ファイルごとに全部か無し）。新しい講演は --publish がなければ下書きです。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help=_("要約テキストのファイル。「-」なら標準入力から読みます。"),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("新しい講演を下書きでなく、すぐに公開します。"),
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help=_(
                "同じタイトル・チャンネル・動画の公開日の講演があれば内容を置き換えます"
                "（スラッグ、公開状態、公開日時、登壇者はそのまま）。"
            ),
        )
        parser.add_argument(
            "--encoding",
            help=_("UTF-8 でないファイルの文字コード。例: cp932（Shift_JIS）"),
        )

    def handle(self, *args, files, **options):
        self.options = options
        known = known_tags()
        results = Counter(self.import_file(name, known) for name in files)
        keys = ("created", "updated", "unchanged", "skipped", "failed")
        self.stdout.write(TOTALS % {key: results[key] for key in keys})
        if results["failed"]:
            raise CommandError(SOME_FAILED % {"failed": results["failed"]})

    def import_file(self, name, known):
        """Import one file; its result: created, updated, unchanged, skipped, failed."""
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except FileNotFoundError:
            return self.failed(name, MISSING)
        except IsADirectoryError:
            return self.failed(name, FOLDER)
        except PermissionError:
            return self.failed(name, FORBIDDEN)
        except OSError as error:
            reason = error.strerror or str(error)
            return self.failed(name, UNREADABLE % {"reason": reason})
        try:
            parsed = parse(decode(data, self.options["encoding"]), known)
            outcome = apply(
                parsed,
                update=self.options["update"],
                publish=self.options["publish"],
                source=name,
            )
        except SummaryError as error:
            return self.failed(name, describe(error.problem))
        except DatabaseError as error:
            return self.failed(name, DATABASE_FAILED % {"error": error})
        except Exception as error:
            # A bug, not the file: say so in one line, keep going with the others.
            if self.options.get("traceback"):
                raise
            return self.failed(name, UNEXPECTED % {"error": repr(error)})
        known.add(parsed.talk.tags)
        talk = outcome.talk
        line = RESULTS[outcome.action] % {
            "file": name,
            "title": talk.title,
            "slug": talk.slug,
            "status": talk.get_status_display(),
        }
        style = (
            self.style.WARNING if outcome.action == "skipped" else self.style.SUCCESS
        )
        self.stdout.write(style(line))
        for warning in parsed.warnings:
            problem = describe(warning)
            self.stdout.write(
                self.style.WARNING(WARNING % {"file": name, "problem": problem})
            )
        return outcome.action

    def failed(self, name, reason):
        self.stderr.write(FAILED % {"file": name, "reason": reason})
        return "failed"
