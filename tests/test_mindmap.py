"""The mind map: the tree, its layout, and the section on the talk's page."""

import pytest
from lxml import html

from summaries import mindmap
from tests.factories import make_talk


def test_chapters_are_branches_with_their_highlights_and_keywords():
    root = mindmap.build_tree(
        "講演",
        chapters=[(0, "東京都の DX"), (300, "防災とデジタル")],
        takeaways=[("🌟", "使われない")],
        keywords=["防災", "KPI"],
        highlights=[(10, "FAX を 99% 減らした"), (320, "備えにデジタルを")],
    )
    assert root.text == "講演"
    assert [b.label for b in root.children] == [
        "0:00 東京都の DX",
        "5:00 防災とデジタル",
        "キーワード",
    ]
    first, second, spare = root.children
    assert [leaf.label for leaf in first.children] == ["0:10 FAX を 99% 減らした"]
    # A keyword joins the first branch that mentions it, before the quotes.
    assert [leaf.label for leaf in second.children] == ["防災", "5:20 備えにデジタルを"]
    assert [leaf.label for leaf in spare.children] == ["KPI"]


def test_without_an_outline_takeaways_are_the_branches():
    root = mindmap.build_tree(
        "講演",
        takeaways=[("🌟", "東京都の DX"), ("📈", "KPI を示す")],
        keywords=["kpi"],
        highlights=[(5, "冒頭")],
    )
    assert [b.label for b in root.children] == [
        "🌟 東京都の DX",
        "📈 KPI を示す",
        "ハイライト",
    ]
    assert [leaf.text for leaf in root.children[1].children] == ["kpi"]  # folded
    assert [leaf.label for leaf in root.children[2].children] == ["0:05 冒頭"]


def test_long_labels_wrap_and_are_cut_with_an_ellipsis():
    lines = mindmap.wrap("あ" * 100, width_em=10, max_lines=2)
    assert lines == ["あ" * 10, "あ" * 9 + "…"]
    assert mindmap.wrap("短い", width_em=10, max_lines=2) == ["短い"]
    # A line never starts with a closing mark: it hangs on the line before.
    assert mindmap.wrap("ああああ。いい", width_em=4, max_lines=3) == [
        "ああああ。",
        "いい",
    ]


def test_the_layout_is_deterministic_and_fits_the_width():
    root = mindmap.build_tree("題" * 80, takeaways=[("🌟", "要" * 120)] * 11)
    first, second = mindmap.layout(root), mindmap.layout(root)
    assert first == second
    for box in first.boxes:
        assert box.x >= 0 and box.x + box.width <= mindmap.WIDTH
        widest = max(sum(map(mindmap.char_width, line)) for line in box.lines)
        assert widest * box.font_size <= box.width - 2 * mindmap.PAD + box.font_size
    tops = [box.y for box in first.boxes]
    assert tops == sorted(tops)
    assert first.height > first.boxes[-1].y + first.boxes[-1].height
    assert first.boxes[1].truncated and first.boxes[1].lines[-1].endswith("…")


@pytest.mark.django_db
def test_the_seed_page_draws_the_mind_map_and_lists_it_in_full(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    tree = html.fromstring(page)
    (section,) = tree.xpath('//section[@aria-labelledby="mindmap"]')
    assert section.findtext("h2") == "マインドマップ"
    svg = section.xpath(".//*[local-name()='svg']")[0]
    assert svg.get("aria-hidden") == "true"
    drawn = svg.xpath(".//*[local-name()='g'][contains(@class,'mindmap__node--')]")
    assert len(drawn) == 1 + 11  # the title and the 11 takeaways
    listed = section.xpath(".//details//ul/li/ul/li")
    takeaways = list(seed.takeaways.all())
    assert [li.text_content().strip() for li in listed] == [
        f"{t.emoji} {t.text}" for t in takeaways
    ]
    assert "このセクションは有料ユーザー限定です" not in page


@pytest.mark.django_db
def test_mind_map_time_stamps_link_into_the_video(client):
    talk = make_talk(video_url="https://youtu.be/AbCdEfGhI_0", outline=2, highlights=2)
    tree = html.fromstring(client.get(talk.get_absolute_url()).content)
    links = tree.xpath('//details[@class="mindmap__text"]//a[@class="timecode"]')
    # Chapters at 60 and 120 s; the highlight at 60 s under the first, the one
    # at 30 s (before any chapter) under a branch of its own.
    assert [a.get("data-start") for a in links] == ["60", "60", "120", "30"]


@pytest.mark.django_db
def test_a_talk_with_nothing_to_branch_has_no_mind_map(client):
    talk = make_talk()
    assert "マインドマップ" not in client.get(talk.get_absolute_url()).content.decode()
