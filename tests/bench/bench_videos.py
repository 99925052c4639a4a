"""Importing a channel: 500 videos with 15 minutes of captions each, < 60 s,
in memory that does not grow.

The files are made up the way yt-dlp writes them (tests/video_samples.py):
an info.json with a list of formats (real ones are large), YouTube's rolling
automatic Japanese captions for 15 minutes (about 1,000 cues), chapters in
the JSON for half of them and in the description for the rest, and a summary
text beside every fifth. `import_videos` runs in one process against a fresh
SQLite database, one folder of 100 videos per call: the resident memory after
the first folder and after the last shows whether anything is kept per video.
A second run over everything must create and change nothing.
"""

import io
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from tests.bench import report, setup_django
from tests.bench.bench_import import resident_mb

VIDEOS = 500
FOLDER = 100
MINUTES = 15
WORDS = (
    "行政 窓口 防災 自治体 住民 サービス 手続き データ 共有 職員 現場 利用者 "
    "調査 仕組み 標準化 クラウド 移行 調達 予算 人材 育成 デジタル 改革 "
    "ですね という ことで あの まあ やっぱり して います"
).split()
TAGS = ["防災", "窓口", "DX", "データ", "自治体", "人材", "クラウド", "標準化"]


def caption_lines(rng):
    lines, time_ = [], 0.5
    while time_ < MINUTES * 60 - 5:
        words = []
        for _ in range(rng.randint(5, 9)):
            words.append((time_, rng.choice(WORDS)))
            time_ += rng.uniform(0.4, 0.8)
        lines.append(words)
        if len(lines) % 8 == 0:
            time_ += rng.uniform(2, 4)
    return lines


def write_files(root, rng):
    from tests.caption_samples import youtube_auto
    from tests.video_samples import SUMMARY, info

    folders = []
    for n in range(VIDEOS):
        if n % FOLDER == 0:
            folder = root / f"batch{n // FOLDER}"
            folder.mkdir()
            folders.append(folder)
        video_id = f"bench{n:06d}"
        fields = {
            "title": f"架空市の取り組み 第{n}回",
            "duration": MINUTES * 60,
            "upload_date": f"2024{1 + n % 12:02d}{1 + n % 28:02d}",
            "tags": rng.sample(TAGS, 3) + [f"新しいタグ{n % 50}"],
            "formats": [
                {
                    "format_id": str(k),
                    "ext": "mp4",
                    "tbr": k * 10.5,
                    "url": f"https://example.invalid/v/{video_id}/{k}?" + "x" * 400,
                }
                for k in range(80)
            ],  # fmt: skip
        }
        starts = sorted(rng.sample(range(60, MINUTES * 60), 5))
        if n % 2:
            fields["chapters"] = [
                {"start_time": s, "end_time": s + 60, "title": f"第{i}章"}
                for i, s in enumerate([0, *starts])
            ]
        else:
            fields["description"] = "\n".join(
                f"{s // 60}:{s % 60:02d} 第{i}章" for i, s in enumerate([0, *starts])
            )
        data = info(video_id, **fields)
        (folder / f"{video_id}.info.json").write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8"
        )
        (folder / f"{video_id}.ja.vtt").write_text(
            youtube_auto(caption_lines(rng)), encoding="utf-8"
        )
        if n % 5 == 0:
            text = SUMMARY.format(
                title=fields["title"], channel="架空市", video_id=video_id,
                tldr="架空市の取り組みの要約。",
            )  # fmt: skip
            (folder / f"{video_id}.summary.txt").write_text(text, encoding="utf-8")
    return folders


def main():
    setup_django()
    from django.core.management import call_command

    from summaries.models import Tag, Talk, TranscriptSegment

    root = Path(tempfile.mkdtemp(prefix="govdx-bench-videos-"))
    folders = write_files(root, random.Random(2024))
    size = sum(p.stat().st_size for p in root.rglob("*")) / 2**20
    Tag.objects.resolve(TAGS)  # the site already knows its tags
    memory, took, cpu = [], 0.0, 0.0
    for folder in folders:
        out = io.StringIO()
        began, began_cpu = time.perf_counter(), time.process_time()
        call_command("import_videos", str(folder), stdout=out, stderr=out)
        took += time.perf_counter() - began
        cpu += time.process_time() - began_cpu
        memory.append(resident_mb())
        assert "0件失敗" in out.getvalue(), out.getvalue()[-2000:]
    assert Talk.objects.count() == VIDEOS
    segments = TranscriptSegment.objects.count()
    out = io.StringIO()
    began = time.perf_counter()
    call_command("import_videos", *map(str, folders), stdout=out)
    again = time.perf_counter() - began
    assert f"{VIDEOS}件変更なし" in out.getvalue(), out.getvalue()[-2000:]
    shutil.rmtree(root)
    growth = memory[-1] - memory[0]
    section = "import_videos"
    report(section, f"{VIDEOS} videos × {MINUTES} min of auto captions "
           f"({size:.0f} MB of files, {segments} segments)", round(took, 1), "s",
           "< 60 s", took < 60)  # fmt: skip
    # On a shared machine the wall time includes waiting for a core.
    report(section, "the same, CPU time of the process", round(cpu, 1), "s")
    report(section, "videos per second", round(VIDEOS / took), "/s")
    report(section, "second run over all (nothing changes)", round(again, 1), "s")
    report(section, f"memory after {FOLDER} videos", round(memory[0]), "MB")
    report(section, f"memory after {VIDEOS} videos", round(memory[-1]), "MB")
    report(section, f"memory growth {FOLDER} → {VIDEOS} videos", round(growth, 1),
           "MB", "does not grow (< 5 MB)", growth < 5)  # fmt: skip


if __name__ == "__main__":
    main()
