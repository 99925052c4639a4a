"""Caption files in the shapes editors download, written for the tests.

`youtube_auto(lines)` lays out YouTube's auto-generated WebVTT exactly as
YouTube serves it (Kind/Language header, `align:start position:0%` on every
cue, each line shown under the one before in a rolling two-line cue, word
timings as `<00:00:01.500><c>word</c>`, and a 10 ms cue repeating each
finished line). `two_hour_auto()` makes a two-hour file of about 3,000 such
cues from a small vocabulary: synthetic speech, not any real talk.
"""

import random


def clock(seconds):
    """00:01:02.500: WebVTT's time with hours and milliseconds."""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def youtube_auto(lines, language="ja", tail=2.0):
    """`lines`: [[(start_seconds, word), ...], ...], one list per caption line.
    A line's cue lasts until 10 ms before the next line's first word; `tail`
    is how long the last line stays."""
    out = ["WEBVTT", "Kind: captions", f"Language: {language}", ""]
    previous = " "
    for number, words in enumerate(lines):
        start = words[0][0]
        if number + 1 < len(lines):
            end = lines[number + 1][0][0] - 0.010
        else:
            end = words[-1][0] + tail
        timed = words[0][1] + "".join(
            f"<{clock(time)}><c>{word}</c>" for time, word in words[1:]
        )
        plain = "".join(word for _, word in words).strip()
        out += [f"{clock(start)} --> {clock(end)} align:start position:0%"]
        out += [previous, timed, ""]
        out += [f"{clock(end)} --> {clock(end + 0.010)} align:start position:0%"]
        out += [plain, " ", ""]
        previous = plain
    return "\n".join(out) + "\n"


WORDS = (
    "行政 窓口 防災 自治体 住民 サービス 手続き データ 共有 職員 現場 利用者 "
    "調査 仕組み 標準化 クラウド 移行 調達 予算 人材 育成 デジタル 改革 "
    "ですね という ことで あの まあ やっぱり して います"
).split()


def two_hour_lines(seed=12):
    """Two hours of caption lines for youtube_auto(): 5 to 9 words each, 0.4
    to 0.8 s apart, and a pause of 2 to 4 s after every eighth line."""
    rng = random.Random(seed)
    lines, time = [], 0.5
    while time < 2 * 3600 - 10:
        words = []
        for _ in range(rng.randint(5, 9)):
            words.append((time, rng.choice(WORDS)))
            time += rng.uniform(0.4, 0.8)
        lines.append(words)
        if len(lines) % 8 == 0:
            time += rng.uniform(2, 4)
    return lines


def two_hour_auto(seed=12):
    """About 3,000 cues of auto captions over two hours."""
    return youtube_auto(two_hour_lines(seed))
