"""The talk as a mind map: a tree from its own structure, laid out for SVG.

Pure and deterministic: `build_tree()` takes plain values and `layout()` returns
boxes, lines and wrapped text for templates/includes/mindmap.html to draw. The
title is the root; outline chapters are the branches (takeaways when there is no
outline); highlights hang under the chapter they fall in, keywords under the
first branch that mentions them; what fits nowhere gets a branch of its own.

The drawing is a vertical tree 360 units wide, so it stays legible on a phone
when scaled to the screen; long labels are wrapped and cut with "…", and the
nested list beside it (`Node.children`) carries the full text.
"""

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .text import fold, format_timecode

WIDTH = 360
MARGIN = 8
PAD = 8
# (font size, line height, most lines) per kind of node.
STYLE = {"root": (17, 24, 3), "branch": (15, 21, 3), "leaf": (14, 19, 2)}
INDENT = {"root": MARGIN, "branch": 40, "leaf": 68}
GAP_BEFORE = {"branch": 14, "leaf": 6}
PALETTE = 6  # branch colours, cycled: .mindmap__branch--0 … --5 in site.css
# A line may run one character long rather than start with one of these.
NO_LINE_START = set("、。，．,.)）」』】〕！？!?ー…・：；")


@dataclass
class Node:
    text: str
    kind: str = "leaf"
    seconds: int | None = None  # where a chapter or highlight starts
    emoji: str = ""
    children: list = field(default_factory=list)

    @property
    def label(self):
        """The text drawn in the box: time code and emoji lead, as on the page."""
        parts = [format_timecode(self.seconds)] if self.seconds is not None else []
        if self.emoji:
            parts.append(self.emoji)
        return " ".join([*parts, self.text])


@dataclass
class Box:
    node: Node
    x: int
    y: int
    width: int
    height: int
    lines: list
    font_size: int
    line_height: int
    colour: int = 0

    @property
    def truncated(self):
        return "".join(self.lines).replace(" ", "") != self.node.label.replace(" ", "")

    @property
    def text_x(self):
        return self.x + PAD

    @property
    def first_baseline(self):
        # The first line's baseline: centred in its line box.
        return self.y + PAD + (self.line_height + self.font_size) // 2 - 2


@dataclass
class Layout:
    width: int
    height: int
    boxes: list
    links: list  # SVG path data, one per edge, parent to child


def build_tree(title, chapters=(), takeaways=(), keywords=(), highlights=()):
    """The tree: chapters are (seconds, title), takeaways (emoji, text),
    keywords text, highlights (seconds, text); each in the talk's order."""
    root = Node(title, kind="root")
    if chapters:
        branches = [Node(t, "branch", seconds=s) for s, t in chapters]
        starts = [s for s, _t in chapters]
    else:
        branches = [Node(text, "branch", emoji=emoji) for emoji, text in takeaways]
        starts = []
    spare_highlights = []
    for seconds, text in highlights:
        owner = _chapter_at(starts, seconds)
        leaf = Node(text, seconds=seconds)
        if owner is None:
            spare_highlights.append(leaf)
        else:
            branches[owner].children.append(leaf)
    spare_keywords = []
    for word in keywords:
        key = fold(word)
        owner = next(
            (
                branch
                for branch in branches
                if key in fold(branch.text)
                or any(key in fold(child.text) for child in branch.children)
            ),
            None,
        )
        (owner.children if owner else spare_keywords).append(Node(word))
    # Keywords first under a branch: they name it; highlights then quote it.
    for branch in branches:
        branch.children.sort(key=lambda child: child.seconds is not None)
    if spare_highlights:
        branches.append(Node(_("ハイライト"), "branch", children=spare_highlights))
    if spare_keywords:
        branches.append(Node(_("キーワード"), "branch", children=spare_keywords))
    root.children = branches
    return root


def for_talk(talk):
    """The tree of a talk fetched with `for_detail()` (no further queries)."""
    return build_tree(
        talk.title,
        chapters=[(c.start_seconds, c.title) for c in talk.outline.all()],
        takeaways=[(t.emoji, t.text) for t in talk.takeaways.all()],
        keywords=[k.text for k in talk.keywords.all()],
        highlights=[(h.start_seconds, h.text) for h in talk.highlights.all()],
    )


def _chapter_at(starts, seconds):
    """Index of the chapter playing at `seconds`, or None (before the first)."""
    index = None
    for i, start in enumerate(starts):
        if start <= seconds:
            index = i
    return index


def layout(root):
    """Place every node top to bottom; returns a Layout in SVG units."""
    boxes, links = [], []
    root_box = _box(root, MARGIN)
    boxes.append(root_box)
    y = root_box.y + root_box.height
    spine_x, leaf_spine_offset = 24, 12
    for index, branch in enumerate(root.children):
        y += GAP_BEFORE["branch"]
        box = _box(branch, y, colour=index % PALETTE)
        boxes.append(box)
        links.append(_elbow(spine_x, root_box.y + root_box.height, box))
        y = box.y + box.height
        for leaf in branch.children:
            y += GAP_BEFORE["leaf"]
            leaf_box = _box(leaf, y, colour=box.colour)
            boxes.append(leaf_box)
            links.append(
                _elbow(box.x + leaf_spine_offset, box.y + box.height, leaf_box)
            )
            y = leaf_box.y + leaf_box.height
    return Layout(WIDTH, y + MARGIN, boxes, links)


def _box(node, y, colour=0):
    font_size, line_height, max_lines = STYLE[node.kind]
    x = INDENT[node.kind]
    width = WIDTH - MARGIN - x
    lines = wrap(node.label, (width - 2 * PAD) / font_size, max_lines)
    height = 2 * PAD + line_height * len(lines)
    return Box(node, x, y, width, height, lines, font_size, line_height, colour)


def _elbow(from_x, from_y, box, radius=6):
    """A line down from the parent, turning right into the middle of `box`."""
    mid = box.y + box.height // 2
    return (
        f"M{from_x} {from_y}V{mid - radius}"
        f"Q{from_x} {mid} {from_x + radius} {mid}H{box.x}"
    )


def char_width(char):
    """Width in em: full-width letters (kanji, kana, emoji) 1, the rest 0.6."""
    if unicodedata.combining(char) or char in "\u200d\ufe0f":
        return 0
    return 1 if unicodedata.east_asian_width(char) in "WFA" else 0.6


def wrap(text, width_em, max_lines):
    """Lines of at most `width_em`; the last one cut with "…" when text is left."""
    lines, line, used = [], "", 0.0
    for char in " ".join(text.split()):
        w = char_width(char)
        if used + w > width_em and line and char not in NO_LINE_START:
            lines.append(line)
            line, used = "", 0.0
            if char == " ":
                continue
        line += char
        used += w
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last, used = "", 0.0
    for char in kept[-1]:
        if used + char_width(char) > width_em - 1:
            break
        last += char
        used += char_width(char)
    kept[-1] = last.rstrip() + "…"
    return kept
