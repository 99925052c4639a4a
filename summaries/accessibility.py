"""The latest accessibility test results, as recorded by the browser tests.

`make a11y-results` runs tests/browser with GOVDX_A11Y_RESULTS pointing here;
the run writes what axe and the Nu HTML Checker found on every public page
type, and the file is committed, so the statement page shows real figures
with the date and the command that produced them.
"""

import json
from datetime import datetime
from pathlib import Path

RESULTS_PATH = Path(__file__).resolve().parent / "data" / "accessibility_results.json"


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
