"""The outside tools the browser and checker tests need, and what happens
when one is missing: a clear skip on a developer's machine, a failure in CI
(where .ci/run sets GOVDX_REQUIRE_TOOLS=1)."""

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("GOVDX_CHROMIUM", "/usr/bin/chromium")
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def required():
    return os.environ.get("GOVDX_REQUIRE_TOOLS", "") not in ("", "0")


def missing(what, how):
    """Skip (or, in CI, fail) because `what` is not installed; `how` fixes it."""
    reason = f"{what} not available: browser/checker tests skipped. {how}"
    if required():
        pytest.fail(f"GOVDX_REQUIRE_TOOLS is set and {reason}", pytrace=False)
    pytest.skip(reason)


def need_chromium():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("Playwright (Python)", "Run `make install-dev`.")
    if not os.access(CHROMIUM, os.X_OK):
        missing(
            f"Chromium at {CHROMIUM}",
            "Install it: apt-get install chromium fonts-ipafont-gothic "
            "(or set GOVDX_CHROMIUM to its path).",
        )


def need_vnu():
    if shutil.which("java") is None:
        missing("Java", "Install it: apt-get install default-jre-headless.")
    if not VNU_JAR.exists():
        missing("The Nu HTML Checker (vnu.jar)", "Run `npm ci` (make test does).")


@functools.cache
def vnu_version():
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().split()[0]
