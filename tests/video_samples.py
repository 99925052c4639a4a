"""What yt-dlp writes for a channel, made up for the tests.

`info(video_id, **fields)` is a video's `<id>.info.json` with yt-dlp's field
names (id, title, channel, channel_url, upload_date, duration, description,
tags, chapters, subtitles, automatic_captions, _type, and a `formats` list,
which makes real files large). `playlist()` is the file yt-dlp writes for the
channel or playlist itself. `manual_vtt()` is an uploader's WebVTT track;
automatic tracks come from caption_samples.youtube_auto(). Every name, title
and sentence here is invented.
"""

import json

from tests.caption_samples import youtube_auto

CHANNEL = "架空市デジタル推進チャンネル"
CHANNEL_URL = "https://www.youtube.com/@example-city-dx"
SUMMARY = """\
{title}

{channel}
5 Jun 202411:14
https://www.youtube.com/watch?v={video_id}

Summary

TLDR{tldr}

Takeaways

  • 🏢 窓口の手続きをオンラインにまとめた。
  • 📱 住民の声を毎月の改善に反映した。
  • 🌐 データを庁内で共有した。

Q & A

  • 最初に何をしましたか?

    -紙の様式を数えることから始めました。
"""


def track(language, ext="vtt"):
    return [{"ext": ext, "url": f"https://example.invalid/{language}.{ext}"}]


def info(video_id, **fields):
    data = {
        "id": video_id,
        "title": f"架空市の窓口改革 {video_id}",
        "fulltitle": f"架空市の窓口改革 {video_id}",
        "channel": CHANNEL,
        "channel_id": "UCexamplecityxxxxxxxxxxx",
        "channel_url": CHANNEL_URL,
        "uploader": CHANNEL,
        "uploader_url": CHANNEL_URL,
        "upload_date": "20240605",
        "duration": 674,
        "description": "架空市の職員が窓口の改革を紹介します。",
        "tags": ["窓口", "DX"],
        "categories": ["Science & Technology"],
        "webpage_url": f"https://www.youtube.com/watch?v={video_id}",
        "extractor": "youtube",
        "_type": "video",
        "subtitles": {"ja": track("ja")},
        "automatic_captions": {"ja": track("ja"), "en": track("en")},
        "formats": [
            {"format_id": str(n), "ext": "mp4", "url": f"https://example.invalid/{n}"}
            for n in range(20)
        ],
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def playlist(entries=3):
    return {
        "id": "UCexamplecityxxxxxxxxxxx",
        "title": f"{CHANNEL} - Videos",
        "channel": CHANNEL,
        "_type": "playlist",
        "playlist_count": entries,
    }


def manual_vtt(lines, step=20):
    """An uploader's track: one cue per line, `step` seconds apart."""
    out = ["WEBVTT", ""]
    for number, text in enumerate(lines):
        start, end = number * step, number * step + step - 1
        out += [f"00:{start // 60:02d}:{start % 60:02d}.000 --> "
                f"00:{end // 60:02d}:{end % 60:02d}.000", text, ""]  # fmt: skip
    return "\n".join(out) + "\n"


AUTO_LINES = [
    [(0.16, "皆さん"), (0.48, "こんにちは"), (1.12, "架空市"), (1.6, "です")],
    [(2.4, "窓口"), (3.0, "の"), (3.2, "改革"), (3.6, "について")],
    [(30.0, "まず"), (30.5, "紙"), (30.8, "の"), (31.0, "様式")],
    [(31.8, "を"), (32.1, "数えました")],
]


def write_video(folder, video_id, *, captions="manual", summary=None, **fields):
    """`<id>.info.json` and its files in `folder`; the info.json's path.
    captions: "manual" (ja), "auto" (ja, YouTube's rolling track), "none"."""
    data = info(video_id, **fields)
    path = folder / f"{video_id}.info.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    if captions == "manual":
        (folder / f"{video_id}.ja.vtt").write_text(
            manual_vtt(["皆さんこんにちは。", "窓口の改革を紹介します。"]),
            encoding="utf-8",
        )
    elif captions == "auto":
        (folder / f"{video_id}.ja.vtt").write_text(
            youtube_auto(AUTO_LINES), encoding="utf-8"
        )
    if summary is not None:
        text = SUMMARY.format(title=data["title"], channel=CHANNEL,
                              video_id=video_id, tldr=summary)  # fmt: skip
        (folder / f"{video_id}.summary.txt").write_text(text, encoding="utf-8")
    return path
