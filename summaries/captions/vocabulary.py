"""How captions are written, character by character: which letters are
Japanese, where sentences end, what a speaker label and a chapter line look
like. Data for the readers, not UI text (every literal here is punctuation
or a sound note that captions contain).

Joining lines (`join`): no space where either side is Japanese, one space
between two other characters. So 「デジタル」+「庁」 -> 「デジタル庁」,
"digital" + "agency" -> "digital agency", and a Latin word next to Japanese
touches it ("GovTech" + "東京" -> "GovTech東京", "DX" + "を推進" ->
"DXを推進"), which is how Japanese prose mixes the two; full-width letters and
digits count as Japanese.
"""

import re

# Sentence ends: 。 ！ ？ in every width. Half-width ! and ? end a sentence
# inside a line only before a space ("Yahoo!JAPAN" and URLs stay whole).
END_MARKS = "。｡！？!?‼⁇⁈⁉"
CLOSERS = "」』）)】〕〉》”’\"'"
SENTENCE_BREAK = re.compile(r"[。｡！？‼⁇⁈⁉]+(?![」』）)】〕〉》”’])|[!?]+(?=\s)")
SENTENCE_END = re.compile(rf"[{END_MARKS}][{CLOSERS}]*\s*$")

# A speaker label at the very start of a line: a short name of letters (no
# spaces, no digits) and a colon (宮坂： 宮坂:), a name in brackets ((浅沼)),
# or the >> that marks a change of speaker, optionally with a name after it.
NAME = r"(?:[^\W\d_]|[・＝])"
LONGEST_NAME = 12
NAMED = re.compile(rf"(?P<name>{NAME}{{1,{LONGEST_NAME}}}) ?[：:]\s*")
BRACKETED = re.compile(rf"[（(]\s*(?P<name>{NAME}{{1,{LONGEST_NAME}}})\s*[）)]\s*")
CHANGE = re.compile(r"(?:>>|＞＞)\s*")
# "URL: https://…" and "https://…" are addresses, not speakers.
ADDRESS = re.compile(r"//|https?:|www\.", re.I)
# Sound notes in brackets are text, not speakers: (拍手) (笑) (音楽).
SOUNDS = frozenset(
    word.casefold()
    for word in (
        "拍手 笑 笑い 笑う 爆笑 苦笑 歓声 どよめき 音楽 BGM 効果音 SE 音声 "
        "無音 沈黙 間 咳 咳払い ため息 雑音 ノイズ 不明 聞き取れず 聴取不能 "
        "英語 外国語 applause laughter laughs music silence inaudible noise"
    ).split()
)


def is_japanese(ch):
    """Kana, kanji, CJK punctuation and full-width forms."""
    code = ord(ch)
    return (
        0x3000 <= code <= 0x30FF  # CJK symbols and punctuation, hiragana, katakana
        or 0x31F0 <= code <= 0x31FF  # small katakana for Ainu
        or 0x3400 <= code <= 0x4DBF  # kanji, extension A
        or 0x4E00 <= code <= 0x9FFF  # kanji
        or 0xF900 <= code <= 0xFAFF  # compatibility kanji
        or 0xFF01 <= code <= 0xFF9F  # full-width forms, half-width katakana
        or 0x20000 <= code <= 0x3FFFF  # rare kanji
    )


def is_kana_or_kanji(ch):
    """Hiragana, full-width katakana and kanji: what Japanese text is mostly
    made of (half-width katakana are what a wrong decoding looks like)."""
    code = ord(ch)
    return (
        0x3041 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0x20000 <= code <= 0x3FFFF
    )


def join(left, right):
    """Two pieces of text as one line, as Japanese is written (module docstring)."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left or right
    if is_japanese(left[-1]) or is_japanese(right[0]):
        return left + right
    return f"{left} {right}"


def join_all(pieces):
    """`join` over many pieces, in one pass."""
    out, last = [], ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if last and not (is_japanese(last) or is_japanese(piece[0])):
            out.append(" ")
        out.append(piece)
        last = piece[-1]
    return "".join(out)


def sentences(text):
    """(piece, ends a sentence?) for each sentence of `text`, in order."""
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        piece = text[start : match.end()].strip()
        start = match.end()
        if piece:
            yield piece, True
    piece = text[start:].strip()
    if piece:
        yield piece, bool(SENTENCE_END.search(piece))


def speaker_label(text):
    """(name, rest) when `text` starts with a speaker label, else None; the
    name is "" for a bare >> (a new speaker whose name is not given)."""
    change = CHANGE.match(text) if text[:1] in ">＞" else None
    if change:
        named = _named(text[change.end() :])
        return named or ("", text[change.end() :])
    return _named(text)


def _named(text):
    head = text[: LONGEST_NAME + 2]
    if ":" not in head and "：" not in head and head[:1] not in "(（":
        return None  # most lines: no label, and no regular expression to try
    match = NAMED.match(text)
    if match:
        rest = text[match.end() :]
        return None if ADDRESS.match(rest) else (match["name"], rest)
    match = BRACKETED.match(text)
    if match and match["name"].casefold() not in SOUNDS:
        return match["name"], text[match.end() :]
    return None


def labelled(name, text):
    """The one form a label takes in a segment: 宮坂：本日は…"""
    return f"{name}：{text}" if name else text


# A chapter line of a video description: its time at the start (0:00 はじめに,
# 00:00 - はじめに, [0:00] はじめに, 0:00〜1:30 はじめに) or at the end
# (はじめに 0:00), in half or full width. Other lines are not chapters.
CLOCK = r"[0-9０-９]{1,2}(?:[:：][0-9０-９]{2}){1,2}(?![0-9０-９:：])"
OPEN, CLOSE = r"[(\[（【［]", r"[)\]）】］]"
DASH = r"[-‐–—―~〜～]"
SEPARATOR = r"[-‐–—―~〜～:：|｜]"
CHAPTER_FIRST = re.compile(
    rf"\s*(?:[-*•・●▶►]\s*)?{OPEN}?(?P<time>{CLOCK}){CLOSE}?"
    rf"(?:\s*{DASH}\s*{OPEN}?{CLOCK}{CLOSE}?)?"
    rf"(?:\s*{SEPARATOR})?\s*(?P<title>.*)"
)
CHAPTER_LAST = re.compile(
    rf"(?P<title>.*?\S)(?:\s*{SEPARATOR})?\s*{OPEN}?"
    rf"(?<![0-9０-９:：])(?P<time>{CLOCK}){CLOSE}?\s*"
)
