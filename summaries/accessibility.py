"""The latest accessibility test results, as recorded by the browser tests.

`make a11y-results` runs tests/browser with GOVDX_A11Y_RESULTS pointing here;
the run writes what axe and the Nu HTML Checker found on every public page
type, and the file is committed, so the statement page shows real figures
with the date and the command that produced them.
"""

import json
from datetime import datetime
from pathlib import Path

from django.utils.translation import gettext_noop

RESULTS_PATH = Path(__file__).resolve().parent / "data" / "accessibility_results.json"

# The page types and keyboard checks the browser tests record by name
# (tests/browser/site.py PAGE_TYPES, the keyboard_check markers), marked here
# so the statement can show them in the reader's language. A name recorded but
# missing here stays Japanese on /en/: tests/test_translations.py says so.
RECORDED_NAMES = (
    gettext_noop("ホーム"),
    gettext_noop("講演一覧"),
    gettext_noop("講演（動画と全項目あり）"),
    gettext_noop("講演（同梱の要約）"),
    gettext_noop("タグ一覧"),
    gettext_noop("タグ別の講演"),
    gettext_noop("登壇者一覧"),
    gettext_noop("登壇者別の講演"),
    gettext_noop("アクセシビリティ方針"),
    gettext_noop("外部送信に関する公表"),
    gettext_noop("ページが見つかりません"),
    gettext_noop("検索ボックス（キーボードで入力して検索し、フォーカスが見える）"),
    gettext_noop("ページ送り（キーボードで次のページへ移動し、フォーカスが見える）"),
    gettext_noop("動画の再生ボタン（キーボードで再生し、フォーカスが見える）"),
    gettext_noop("時刻のリンク（キーボードでその位置から再生）"),
    gettext_noop("読者の評価（キーボードで1〜5を選んで送信し、結果が読み上げられる）"),
)


def load_results(path=RESULTS_PATH):
    """The recorded results, with `tested_at` as a datetime; None if none yet."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    data["tested_at"] = datetime.fromisoformat(data["tested_at"])
    data["all_passed"] = all(
        page["axe_violations"] == 0 and page["html_errors"] == 0
        for page in data["pages"]
    ) and all(check["passed"] for check in data["keyboard"])
    return data


def write_results(path, pages, keyboard, tools, command):
    """Save one run's results (called by the browser tests' session teardown)."""
    from django.utils import timezone

    data = {
        "tested_at": timezone.localtime().isoformat(timespec="seconds"),
        "command": command,
        "standard": "WCAG 2.2 AA",
        "tools": tools,
        "pages": sorted(pages, key=lambda page: page["order"]),
        "keyboard": keyboard,
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
