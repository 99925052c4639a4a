"""Run every benchmark module in its own process and print one table."""

import json
import subprocess
import sys
import time
from pathlib import Path

from . import ROOT


def discover():
    here = Path(__file__).parent
    names = sys.argv[1:] or sorted(p.stem for p in here.glob("bench_*.py"))
    return [f"tests.bench.{name}" for name in names]


def main():
    rows, failures = [], []
    for module in discover():
        print(f"… {module}", file=sys.stderr, flush=True)
        started = time.monotonic()
        # Rows come back on stdout; progress and errors go straight to stderr.
        result = subprocess.run(
            [sys.executable, "-m", module],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in result.stdout.splitlines():
            if line.startswith("BENCH "):
                rows.append(json.loads(line[6:]))
        if result.returncode != 0:
            failures.append(module)
            print(result.stdout[-2000:], file=sys.stderr)
        took = time.monotonic() - started
        print(f"  done in {took:.0f} s", file=sys.stderr, flush=True)
    print_table(rows)
    if failures:
        print(f"\nFailed to run: {', '.join(failures)}")
    return 1 if failures or any(row["ok"] is False for row in rows) else 0


def print_table(rows):
    header = ["section", "measure", "value", "goal", "ok"]
    table = [
        [
            row["section"],
            row["measure"],
            f"{row['value']} {row['unit']}".strip(),
            row["goal"],
            {True: "yes", False: "NO", None: ""}[row["ok"]],
        ]
        for row in rows
    ]
    columns = zip(header, *table, strict=False)
    widths = [max(len(str(cell)) for cell in column) for column in columns]
    line = "| " + " | ".join(f"{{:<{width}}}" for width in widths) + " |"
    print()
    print(line.format(*header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for cells in table:
        print(line.format(*cells))


if __name__ == "__main__":
    sys.exit(main())
