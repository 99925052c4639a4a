"""manage.py import_videos PATH…: draft talks from the files yt-dlp writes.

PATH is a folder (every *.info.json in it and below), an info.json file or a
zip of such files. Each video is all or nothing; a broken one is reported
with its file and reason and the others go on. At the end one line of
totals; the exit status is 1 if any video failed. On a terminal a progress
line counts the videos; otherwise only results are printed.
"""

from collections import Counter

from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ....importer import known_tags
from ....management.base import TranslatedCommand
from ....text import list_separator
from ...files import DiskFiles, ZipFiles, ZipTooLarge
from ...importing import apply, describe, describe_warning, previous_import
from ...messages import NO_CAPTIONS as NO_CAPTIONS_TEMPLATE
from ...reading import VideoError, read_video

RESULTS = {
    "created": _("作成: %(file)s → 「%(title)s」（下書き、%(slug)s）"),
    "updated": _("更新: %(file)s → 「%(title)s」（%(slug)s）: %(fields)s"),
    "unchanged": _("変更なし: %(file)s → 「%(title)s」（%(slug)s）"),
}
CAPTIONS = _("  字幕: %(file)s（%(language)s、%(kind)s）")
KINDS = {"manual": _("手動"), "automatic": _("自動")}
NO_CAPTIONS = _("  字幕: なし（文字起こしは空です）")
KEPT = _("  編集者が変えたので残しました: %(fields)s（置き換えるには --update）")
PROPOSED = _("  提案タグ（サイトにないので付けていません）: %(tags)s")
WARNING = _("  注意: %(warning)s")
FAILED = _("失敗: %(file)s %(reason)s この動画は何も書き込んでいません。")
MISSING = _("ファイルもフォルダもありません。名前と場所を確かめてください。")
NOT_INFO = _(
    "yt-dlp の .info.json ファイルではありません。"
    ".info.json か、それを含むフォルダか zip を指定してください。"
)
BAD_ZIP = _("zip ファイルとして読めません（%(reason)s）。")
DATABASE_FAILED = _(
    "データベースに書き込めませんでした（%(error)s）。もう一度実行してください。"
)
UNEXPECTED = _(
    "思わぬエラーで取り込めませんでした（%(error)s）。"
    "--traceback を付けると詳しく表示します。"
)
TOTALS = _(
    "%(created)d件作成、%(updated)d件更新、%(unchanged)d件変更なし、"
    "%(failed)d件失敗（再生リストやチャンネルのファイル%(skipped)d件は対象外）。"
)
SOME_FAILED = ngettext_lazy(
    "%(failed)d件の動画を取り込めませんでした（上の「失敗」の行）。",
    "%(failed)d件の動画を取り込めませんでした（上の「失敗」の行）。",
    "failed",
)
PROGRESS = _("動画 %(done)d / %(total)d")


class Command(TranslatedCommand):
    help = _(
        "yt-dlp が書き出したファイル（<ID>.info.json と字幕 <ID>.ja.vtt など）から"
        "講演を下書きで作ります。もう一度実行すると、前回取り込んだままの項目だけ"
        "更新します（動画ごとに全部か無し）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help=_("フォルダ、.info.json ファイル、またはそれらの zip。"),
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help=_(
                "編集者が変えた項目（要約、要点、Q&A、文字起こし、アウトライン、"
                "タイトルなど）も、ファイルの内容で置き換えます。"
            ),
        )

    def handle(self, *args, paths, update, **options):
        self.update = update
        self.verbosity = options["verbosity"]
        self.traceback = options.get("traceback")
        self.progress = hasattr(self.stderr, "isatty") and self.stderr.isatty()
        self.known = known_tags()
        results = Counter()
        disk = [p for p in paths if not p.lower().endswith(".zip")]
        if disk:
            files = DiskFiles(disk)
            for given, reason in files.missing:
                results[
                    self.failed(given, NOT_INFO if reason == "not-info" else MISSING)
                ] += 1
            self.import_all(files, results)
        for archive in (p for p in paths if p.lower().endswith(".zip")):
            try:
                files = ZipFiles(archive)
            except (OSError, ValueError, ZipTooLarge) as error:
                results[self.failed(archive, BAD_ZIP % {"reason": error})] += 1
                continue
            try:
                self.import_all(files, results, prefix=f"{archive}:")
            finally:
                files.close()
        keys = ("created", "updated", "unchanged", "failed", "skipped")
        self.stdout.write(TOTALS % {key: results[key] for key in keys})
        if results["failed"]:
            raise CommandError(SOME_FAILED % {"failed": results["failed"]})

    def import_all(self, files, results, prefix=""):
        total = len(files.targets)
        for done, name in enumerate(files.targets, start=1):
            results[self.import_one(files, name, prefix)] += 1
            if self.progress:
                self.stderr.write(
                    "\r" + PROGRESS % {"done": done, "total": total}, ending=""
                )
                self.stderr.flush()
        if self.progress and total:
            self.stderr.write("")

    def import_one(self, files, name, prefix):
        shown = prefix + name
        try:
            video = read_video(name, files.siblings(name), files.read, self.known,
                               previous=previous_import)  # fmt: skip
            if video is None:
                return "skipped"
            outcome = apply(video, update=self.update, source=shown)
        except VideoError as error:
            return self.failed(shown, describe(error))
        except DatabaseError as error:
            return self.failed(shown, DATABASE_FAILED % {"error": error})
        except Exception as error:
            # A bug, not the file: say so in one line, keep going with the others.
            if self.traceback:
                raise
            return self.failed(shown, UNEXPECTED % {"error": repr(error)})
        self.report(shown, video, outcome)
        return outcome.action

    def report(self, shown, video, outcome):
        talk, plan = outcome.talk, outcome.plan
        quiet = outcome.action == "unchanged" and not plan.kept
        if quiet and self.verbosity < 2:
            return
        values = {
            "file": shown,
            "title": talk.title,
            "slug": talk.slug,
            "fields": list_separator().join(plan.written_labels),
        }
        self.stdout.write(self.style.SUCCESS(RESULTS[outcome.action] % values))
        if outcome.action == "created" or "transcript" in plan.writes:
            if video.caption_file:
                self.stdout.write(CAPTIONS % {
                    "file": video.caption_file,
                    "language": video.caption_language,
                    "kind": KINDS.get(video.caption_kind, video.caption_kind),
                })  # fmt: skip
            else:
                self.stdout.write(NO_CAPTIONS)
        if plan.kept:
            fields = list_separator().join(plan.kept_labels)
            self.stdout.write(self.style.WARNING(KEPT % {"fields": fields}))
        if plan.proposed_tags and outcome.action != "unchanged":
            tags = list_separator().join(plan.proposed_tags)
            self.stdout.write(self.style.WARNING(PROPOSED % {"tags": tags}))
        if outcome.action != "unchanged":
            for warning in video.warnings:
                if warning.problem.template == NO_CAPTIONS_TEMPLATE:
                    continue
                self.stdout.write(
                    self.style.WARNING(WARNING % {"warning": describe_warning(warning)})
                )

    def failed(self, name, reason):
        self.stderr.write(FAILED % {"file": name, "reason": reason})
        return "failed"
