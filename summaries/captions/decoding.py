"""bytes -> text, as caption files come: UTF-8 with or without a byte-order
mark, UTF-16 (YouTube Studio and some Windows tools write it) with or without
one, or a clear refusal that names the line of the first unreadable byte."""

import codecs
import re

from . import messages as msg
from .data import fail
from .vocabulary import is_kana_or_kanji

LINE_BREAK = re.compile(r"\r\n|\r|\n")
# How much of a file without a byte-order mark is looked at to spot UTF-16.
SAMPLE = 4096
# Encodings Japanese caption files come in, as (name shown, Python codec).
LEGACY = (("Shift_JIS", "cp932"), ("EUC-JP", "euc_jp"))


def decode(data, encoding=None):
    """The text of `data` (bytes, or a str pasted into a form)."""
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        codec = _codec(bytes(data), encoding)
        try:
            text = bytes(data).decode(codec)
        except UnicodeDecodeError as error:
            _unreadable(bytes(data), codec, error, encoding)
        text = text.removeprefix("\ufeff")
    if not text.strip():
        fail(1, msg.EMPTY_FILE)
    return text


def _codec(data, encoding):
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in data[:SAMPLE]:
        return _utf16_without_mark(data[:SAMPLE])
    if encoding:
        try:
            return codecs.lookup(encoding).name
        except LookupError:
            fail(1, msg.UNKNOWN_CODEC, codec=encoding)
    return "utf-8"


def _utf16_without_mark(sample):
    """UTF-16 text has a zero byte beside every ASCII character (a caption
    file's time codes are plenty of those), on one side only; a video or
    picture has zeros anywhere."""
    half = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd > 0.2 and even < 0.02:
        return "utf-16-le"
    if even > 0.2 and odd < 0.02:
        return "utf-16-be"
    fail(1, msg.NOT_TEXT)


def _unreadable(data, codec, error, encoding):
    before = data[: error.start].decode(codec, errors="ignore")
    line = len(LINE_BREAK.findall(before)) + 1
    if codec.startswith("utf-16"):
        fail(line, msg.BROKEN_UTF16)
    if encoding and codec not in ("utf-8", "utf-8-sig"):
        fail(line, msg.NOT_IN_CODEC, codec=encoding)
    guess = _legacy_japanese(data)
    if guess:
        name, legacy = guess
        fail(line, msg.LOOKS_LIKE, encoding=name, codec=legacy)
    fail(line, msg.NOT_UTF8)


def _legacy_japanese(data):
    """(name, codec) of the legacy encoding `data` reads as Japanese in, or
    None. Caption files are mostly ASCII time lines, so only the other
    characters are looked at: most of them must be kana or kanji (EUC-JP read
    as Shift_JIS gives half-width katakana, which do not count)."""
    for name, codec in LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        others = [ch for ch in text if not ch.isascii()]
        japanese = sum(is_kana_or_kanji(ch) for ch in others)
        if others and japanese >= 0.5 * len(others):
            return name, codec
    return None
