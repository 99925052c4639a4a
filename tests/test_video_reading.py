"""Reading one video's yt-dlp files, with no database: which fields, which
caption track, what is refused and how it is named."""

import datetime as dt
import json

import pytest

from summaries.videos.reading import VideoError, caption_track, read_video
from tests.video_samples import info, manual_vtt

ID = "AbCdEfGhI_0"
VTT = manual_vtt(["こんにちは。", "よろしくお願いします。"]).encode()


def read(data, files=None):
    files = {f"{ID}.info.json": json.dumps(data).encode(), **(files or {})}
    return read_video(f"{ID}.info.json", set(files), files.__getitem__)


def test_fields_come_from_ytdlps_names_with_their_fallbacks():
    video = read(info(ID, channel=None, channel_url=None, upload_date=None,
                      release_date="20230401", duration=673.6))  # fmt: skip
    assert video.channel == "架空市デジタル推進チャンネル"  # from `uploader`
    assert video.channel_url == "https://www.youtube.com/@example-city-dx"
    assert video.video_date == dt.date(2023, 4, 1)
    assert video.duration_seconds == 674
    assert video.url == f"https://www.youtube.com/watch?v={ID}"
    assert video.transcript == () and video.caption_kind == ""
    assert not video.has_summary


def test_a_playlist_or_channel_file_is_no_video():
    assert read({"_type": "playlist", "id": "PL1", "title": "一覧"}) is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "short"}, "「id」の値「short」は YouTube の動画ID"),
        ({"duration": None}, "「duration」がありません。"),
        ({"duration": "10:00"}, "「duration」の値"),
        ({"upload_date": "2024065"}, "「upload_date」の値"),
        ({"upload_date": "20240231"}, "「upload_date」の値"),
        ({"title": "題" * 301}, "「title」が長すぎます（301文字。300文字までです）。"),
        ({"tags": "防災"}, "「tags」の値"),
        ({"chapters": [{"start_time": "x", "title": "序"}]}, "chapters の1番目（序）"),
    ],
)
def test_what_cannot_be_a_talk_is_refused_with_the_field(fields, message):
    with pytest.raises(VideoError) as error:
        read(info(ID, **fields))
    assert error.value.file == f"{ID}.info.json"
    assert message in str(error.value)


def test_tags_are_trimmed_and_deduplicated_in_order():
    video = read(info(ID, tags=["#防災", " 防災 ", "", "DX", "dx", 3]))
    assert video.tags == ("防災", "DX")


@pytest.mark.parametrize(
    ("names", "subtitles", "automatic", "expected"),
    [
        # Japanese before English, whatever the kind.
        (["en.vtt", "ja.vtt"], {"en": 1}, {"ja": 1}, ("ja.vtt", "ja", "automatic")),
        # An uploader's Japanese track before YouTube's.
        (["ja-JP.vtt", "ja.vtt"], {"ja-JP": 1}, {"ja": 1},
         ("ja-JP.vtt", "ja-JP", "manual")),
        # ja before ja-orig when both are the same kind; vtt before srt.
        (["ja-orig.vtt", "ja.srt", "ja.vtt"], {}, {"ja": 1, "ja-orig": 1},
         ("ja.vtt", "ja", "automatic")),
        # A language the JSON does not list: the file's shape will tell.
        (["fr.vtt"], {}, {}, ("fr.vtt", "fr", "")),
        # Not captions: the summary, the info file itself, live chat.
        (["summary.txt", "info.json", "live_chat.json"], {}, {}, None),
    ],
)  # fmt: skip
def test_the_caption_track_is_chosen_japanese_first_then_manual(
    names, subtitles, automatic, expected
):
    siblings = {f"{ID}.{name}" for name in names}
    data = {"subtitles": subtitles, "automatic_captions": automatic}
    found = caption_track(ID, siblings, data)
    if expected is None:
        assert found is None
    else:
        assert found == (f"{ID}.{expected[0]}", expected[1], expected[2])


def test_a_track_not_listed_is_manual_unless_it_rolls():
    video = read(info(ID, subtitles={}, automatic_captions={}),
                 {f"{ID}.fr.vtt": VTT})  # fmt: skip
    assert (video.caption_language, video.caption_kind) == ("fr", "manual")
    assert [s.text for s in video.transcript] == [
        "こんにちは。",
        "よろしくお願いします。",
    ]


def test_chapters_after_the_end_are_a_warning():
    chapters = [{"start_time": 0, "title": "序"}, {"start_time": 900, "title": "後"}]
    video = read(info(ID, chapters=chapters, duration=600))
    assert [c.text for c in video.outline] == ["序", "後"]
    templates = [w.problem.template for w in video.warnings]
    assert any("より後に始まります" in t for t in templates)


def test_a_caption_file_in_utf16_is_read_too():
    data = info(ID)
    video = read(data, {f"{ID}.ja.vtt": VTT.decode().encode("utf-16")})
    assert len(video.transcript) == 2
