"""Importing 1,000 summary files: under 60 s, in memory that does not grow.

The files are generated (render() of varied talks, some with run-together
tag lines, Windows line ends or the seed's locked sections), then imported by
`import_summary` in one process against a fresh SQLite database, 100 files
per call: the resident memory after the first 100 and after all 1,000 shows
whether anything is kept per file.
"""

import datetime as dt
import io
import random
import resource
import shutil
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from tests.bench import report, setup_django

FILES = 1000
CHUNK = 100
EMOJI = [
    "🌟",
    "📈",
    "🔍",
    "💼",
    "🏢",
    "🌐",
    "📱",
    "🏆",
    "👥",
    "👨💼",
    "👩‍💻",
    "🇯🇵",
    "1️⃣",
]
WORDS = (
    "デジタル 改革 行政 窓口 防災 自治体 住民 サービス 手続き データ 共有 "
    "職員 現場 利用者 調査 仕組み 標準化 クラウド 移行 調達 予算 人材 育成"
).split()
TAGS = [
    f"{a}{b}"
    for a in ("防災", "窓口", "DX", "データ", "GovTech", "自治体")
    for b in (
        "",
        "連携",
        "改革",
        "人材",
        "標準",
        "東京",
        "推進",
        "基盤",
        "戦略",
        "支援",
    )
]
LOCKED = (
    "{}\n\nplate\n\nこのセクションは有料ユーザー限定です。\n\n今すぐアップグレード\n\n"
)


def sentence(rng, words=12):
    return "".join(rng.choice(WORDS) for _ in range(words)) + "。"


def talk_data(rng, n):
    from summaries.summary_format import (
        KeywordData,
        QuestionData,
        TakeawayData,
        TalkData,
        TimedData,
    )

    duration = rng.randint(300, 7200)

    def timed(count, words):
        starts = sorted(rng.sample(range(duration), count))
        return tuple(TimedData(s, sentence(rng, words)) for s in starts)

    rated = rng.random() < 0.3
    return TalkData(
        title=f"{sentence(rng, 4)[:-1]}を語る 第{n}回",
        channel=f"チャンネル{rng.randint(1, 20)}",
        video_date=dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2500)),
        duration_seconds=duration,
        video_url=(
            f"https://www.youtube.com/watch?v={n:011d}" if rng.random() < 0.5 else ""
        ),
        tldr=" ".join(sentence(rng) for _ in range(rng.randint(2, 5))),
        takeaways=tuple(
            TakeawayData(rng.choice(EMOJI), sentence(rng))
            for _ in range(rng.randint(3, 12))
        ),
        questions=tuple(
            QuestionData(sentence(rng, 6)[:-1] + "？", sentence(rng, 30))
            for _ in range(rng.randint(0, 12))
        ),
        outline=timed(rng.randint(0, 10), 3),
        keywords=tuple(KeywordData(w) for w in rng.sample(WORDS, rng.randint(0, 8))),
        highlights=timed(rng.randint(0, 8), 10),
        transcript=timed(rng.randint(0, 60), 20),
        tags=tuple(rng.sample(TAGS, rng.randint(2, 8))),
        source_rating=Decimal(rng.randint(0, 50)) / 10 if rated else None,
        source_rating_count=rng.randint(1, 500) if rated else None,
    )


def write_files(folder, rng):
    from summaries.summary_format import render

    paths = []
    for n in range(1, FILES + 1):
        talk = talk_data(rng, n)
        text = render(talk)
        if n % 5 == 0:  # tags run together, as on the seed page
            text = text.replace("、".join(talk.tags), "".join(talk.tags))
        if n % 7 == 0:  # the source page's locked sections
            empty = [h for h, part in (("Outlines", talk.outline),
                     ("Highlights", talk.highlights), ("Transcripts", talk.transcript))
                     if not part]  # fmt: skip
            locked = "".join(LOCKED.format(heading) for heading in empty)
            text = text.replace("関連タグ\n", locked + "関連タグ\n")
        if n % 3 == 0:
            text = text.replace("\n", "\r\n")
        path = folder / f"{n:04d}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        paths.append(str(path))
    return paths


def resident_mb():
    """The process's resident memory now, in MB (its peak where /proc is absent)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        pages = int(statm.read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    setup_django()
    from django.core.management import call_command

    from summaries.models import Tag, Talk

    folder = Path(tempfile.mkdtemp(prefix="govdx-bench-import-"))
    paths = write_files(folder, random.Random(2024))
    Tag.objects.resolve(TAGS)  # the site already knows its tags
    memory, took = [], 0.0
    for start in range(0, FILES, CHUNK):
        out = io.StringIO()
        began = time.perf_counter()
        call_command("import_summary", *paths[start : start + CHUNK], stdout=out)
        took += time.perf_counter() - began
        memory.append(resident_mb())
        assert "0件失敗" in out.getvalue(), out.getvalue()[-2000:]
    assert Talk.objects.count() == FILES
    shutil.rmtree(folder)
    growth = memory[-1] - memory[0]
    section = "import_summary"
    report(section, f"{FILES} summary files, one process", round(took, 1), "s",
           "< 60 s", took < 60)  # fmt: skip
    report(section, "files per second", round(FILES / took), "/s")
    report(section, f"memory after {CHUNK} files", round(memory[0]), "MB")
    report(section, f"memory after {FILES} files", round(memory[-1]), "MB")
    report(section, f"memory growth {CHUNK} → {FILES} files", round(growth, 1), "MB",
           "does not grow (< 5 MB)", growth < 5)  # fmt: skip


if __name__ == "__main__":
    main()
