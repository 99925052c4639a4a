"""The scripts' own unit tests (tests/js/*.test.js) run under `make test`.

The rules of the ordering widget and the tag input are ES modules without a
page (ordering-model.js, tag-input-model.js); node's built-in test runner
imports them as the browser does, with no bundler and no npm package. The
browser tests (tests/browser/test_editor.py) check the same widgets on the
admin's real pages.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = sorted((ROOT / "tests" / "js").glob("*.test.js"))


def test_the_script_tests_pass():
    node = shutil.which("node")
    if node is None:
        reason = "Node.js not found: tests/js skipped (install Node.js 20+)"
        if os.environ.get("GOVDX_REQUIRE_TOOLS", "") not in ("", "0"):
            pytest.fail(f"GOVDX_REQUIRE_TOOLS is set and {reason}", pytrace=False)
        pytest.skip(reason)
    assert len(TESTS) >= 3, "tests/js/*.test.js went missing"
    result = subprocess.run(
        [node, "--test", "--test-reporter=spec", *map(str, TESTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
