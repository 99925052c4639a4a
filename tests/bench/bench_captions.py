"""Reading a two-hour auto-generated caption file (about 3,000 cues).

Only the parsing (bytes -> segments), no database: the issue's budget for a
whole captions import is 3 s, and the parser should take a small part of it.
The file is tests.caption_samples.two_hour_auto(), YouTube's rolling shape.
"""

import statistics
import time

from tests.bench import report
from tests.caption_samples import two_hour_auto

RUNS = 7
GOAL_SECONDS = 0.5


def main():
    from summaries.captions import parse_captions

    data = two_hour_auto().encode()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        captions = parse_captions(data, duration_seconds=2 * 3600)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    measure = (
        f"parse a two-hour auto caption file ({captions.cue_count} cues -> "
        f"{captions.segment_count} segments), median of {RUNS}"
    )
    report(
        "captions",
        measure,
        round(median * 1000),
        "ms",
        f"< {GOAL_SECONDS * 1000:.0f} ms",
        median < GOAL_SECONDS,
    )


if __name__ == "__main__":
    main()
