"""A small site with every public page type, for the browser and checker tests."""

from django.core.management import call_command

from tests.factories import make_speaker, make_talk

VIDEO_TALK = "video-talk"
VIDEO_ID = "AbCdEfGhI_0"

# (name shown in the accessibility statement, path, expected status)
PAGE_TYPES = [
    ("ホーム", "/", 200),
    ("講演一覧", "/talks/", 200),
    ("講演（動画と全項目あり）", f"/talks/{VIDEO_TALK}/", 200),
    ("講演（同梱の要約）", "/talks/tokyo-dx-miyasaka-2024/", 200),
    ("タグ一覧", "/tags/", 200),
    ("タグ別の講演", "/tags/dx/", 200),
    ("登壇者一覧", "/speakers/", 200),
    ("登壇者別の講演", "/speakers/miyasaka-manabu/", 200),
    ("アクセシビリティ方針", "/about/accessibility/", 200),
    ("外部送信に関する公表", "/about/external-transmission/", 200),
    ("ページが見つかりません", "/talks/no-such-talk/", 404),
]


def build_site():
    """The seed, a talk with a video and every part, and enough talks for two
    pages of the list."""
    call_command("loaddata", "talks", verbosity=0)
    speaker = make_speaker("宮坂 学", slug="miyasaka-2")
    talk = make_talk(
        "防災と行政サービスのデジタル化：現場の声から",
        slug=VIDEO_TALK,
        video_url=f"https://www.youtube.com/watch?v={VIDEO_ID}",
        tags=["DX", "防災"],
        speakers=[speaker],
        takeaways=3,
        questions=2,
        outline=4,
        keywords=3,
        highlights=3,
        transcript=6,
    )
    for n in range(20):
        make_talk(f"自治体のデジタル化 事例{n + 1}", tags=["DX"], takeaways=1)
    return talk
