"""manage.py import_captions SLUG FILE [--chapters FILE] [--replace]

A caption file (WebVTT or SRT, as YouTube and others give them) becomes the
talk's transcript; a chapter list (a WebVTT chapter file, or the `0:00 はじめに`
lines of a video's description) its outline. All or nothing, recorded in the
talk's history (talk_parts.replace_transcript). A talk that already has a
transcript (or an outline, with --chapters) is refused unless --replace.
An operator's tool: it writes directly, whatever approval the admin asks for.
"""

import sys
import time
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ... import limits
from ...captions import CaptionError, parse_captions, parse_chapters
from ...importer import describe
from ...models import Talk
from ...talk_parts import PartError, replace_transcript
from ...text import format_timecode
from ..base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "字幕ファイル（WebVTT か SRT）から講演の文字起こしを作ります"
        "（--chapters で章立てからアウトラインも）。全部か無しで書き込み、"
        "変更履歴に残します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="SLUG", help=gettext_lazy("講演のスラッグ"))
        parser.add_argument(
            "file",
            metavar="FILE",
            help=gettext_lazy("字幕ファイル（.vtt か .srt）。「-」なら標準入力から。"),
        )
        parser.add_argument(
            "--chapters",
            metavar="FILE",
            help=gettext_lazy(
                "章立てのファイル: WebVTT の章立てか、動画の説明欄の"
                "「0:00 はじめに」の形の行。アウトラインになります。"
            ),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=gettext_lazy(
                "文字起こし（--chapters ならアウトラインも）がすでにある講演でも"
                "置き換えます。"
            ),
        )
        parser.add_argument(
            "--encoding",
            help=gettext_lazy(
                "UTF-8 でないファイルの文字コード。例: cp932（Shift_JIS）"
            ),
        )

    def handle(self, *args, slug, file, chapters, replace, encoding, **options):
        self.started = time.monotonic()
        talk = Talk.objects.filter(slug=slug).first()
        if talk is None:
            raise CommandError(
                _(
                    "スラッグ「%(slug)s」の講演はありません。管理画面の講演一覧で確かめてください。"
                )
                % {"slug": slug}
            )
        written = [("transcript", _("文字起こし"))]
        if chapters:
            written.append(("outline", _("アウトライン")))
        if not replace:
            for name, label in written:
                if getattr(talk, name).exists():
                    raise CommandError(
                        _(
                            "「%(title)s」にはすでに%(part)sがあります。"
                            "置き換えるには --replace を付けてください。"
                        )
                        % {"title": talk.title, "part": label}
                    )
        duration = talk.duration_seconds or None
        self.progress(_("字幕を読んでいます: %(file)s") % {"file": file})
        captions = self.read(file, encoding, parse_captions, duration)
        outline = None
        if chapters:
            self.progress(_("章立てを読んでいます: %(file)s") % {"file": chapters})
            outline = self.read(chapters, encoding, parse_chapters, duration)
        for name, problems in ((file, captions.warnings),) + (
            ((chapters, outline.warnings),) if outline else ()
        ):
            for problem in problems:
                self.stdout.write(
                    self.style.WARNING(
                        _("  注意: %(file)s %(problem)s")
                        % {"file": name, "problem": describe(problem)}
                    )
                )
        self.progress(_("書き込んでいます…"))
        try:
            replace_transcript(
                talk,
                captions.segments,
                outline=outline.chapters if outline else None,
                comment=_("字幕から文字起こしを作成: %(file)s") % {"file": file},
            )
        except (PartError, limits.TooMany) as error:
            raise CommandError(
                _("%(file)s %(reason)s 何も書き込んでいません。")
                % {"file": file, "reason": error}
            ) from None
        message = _(
            "「%(title)s」の文字起こしを作りました: 字幕%(cues)d個 → "
            "%(segments)d区間（%(first)s〜%(last)s）。"
        ) % {
            "title": talk.title,
            "cues": captions.cue_count,
            "segments": captions.segment_count,
            "first": format_timecode(captions.first.start_seconds),
            "last": format_timecode(captions.last.start_seconds),
        }
        if outline:
            message += " " + _("アウトライン: %(count)d章。") % {
                "count": len(outline.chapters)
            }
        self.stdout.write(self.style.SUCCESS(message))

    def read(self, name, encoding, parse, duration):
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except FileNotFoundError:
            reason = _("ファイルがありません。名前と場所を確かめてください。")
        except IsADirectoryError:
            reason = _(
                "ファイルではなくフォルダです。"
                "中のファイルを指定してください（例: フォルダ/*.txt）。"
            )
        except PermissionError:
            reason = _("ファイルを読む権限がありません。")
        except OSError as error:
            reason = _("ファイルを読めません（%(reason)s）。") % {
                "reason": error.strerror or str(error)
            }
        else:
            try:
                return parse(data, duration_seconds=duration, encoding=encoding)
            except CaptionError as error:
                reason = describe(error.problem)
        raise CommandError(
            _("%(file)s %(reason)s 何も書き込んでいません。")
            % {"file": name, "reason": reason}
        )

    def progress(self, message):
        """What is happening, on a terminal only (scripts and logs stay quiet)."""
        if self.stderr.isatty():
            seconds = time.monotonic() - self.started
            self.stderr.write(f"[{seconds:5.1f}s] {message}")
