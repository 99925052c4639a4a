"""bytes -> text: UTF-8 (with or without a byte-order mark), or a clear refusal.

Editors on Windows still save Shift_JIS now and then: say so by name, and
accept it when they ask for it (`--encoding cp932`).
"""

import codecs

from .data import Problem, SummaryError, gettext_noop

EMPTY = gettext_noop("ファイルが空です。要約ページの本文を貼り付けてください。")
NOT_UTF8 = gettext_noop(
    "UTF-8 の文字として読めないバイトがあります。UTF-8 で保存し直してください。"
)
LOOKS_LIKE = gettext_noop(
    "UTF-8 ではありません。%(encoding)s で保存されたファイルのようです。"
    "UTF-8 で保存し直すか、文字コードに %(codec)s を指定してください。"
)
UTF16 = gettext_noop("UTF-16 で保存されたファイルです。UTF-8 で保存し直してください。")
NOT_IN_CODEC = gettext_noop(
    "%(codec)s の文字として読めないバイトがあります。"
    "文字コードの指定を確かめてください。"
)
UNKNOWN_CODEC = gettext_noop("文字コード「%(codec)s」は知りません。例: utf-8、cp932")

# Encodings Japanese editors' files come in, as (name shown, Python codec).
GUESSES = (("Shift_JIS", "cp932"), ("EUC-JP", "euc_jp"))


def decode(data, encoding=None):
    """The file's text; SummaryError (with the line of the first bad byte) if not."""
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise SummaryError(Problem(1, UNKNOWN_CODEC, {"codec": encoding})) from None
    else:
        codec = "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SummaryError(Problem(1, UTF16))
    try:
        text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        if encoding:
            raise SummaryError(
                Problem(line, NOT_IN_CODEC, {"codec": encoding})
            ) from None
        guess = guess_japanese_encoding(data)
        if guess:
            name, codec = guess
            params = {"encoding": name, "codec": codec}
            raise SummaryError(Problem(line, LOOKS_LIKE, params)) from None
        raise SummaryError(Problem(line, NOT_UTF8)) from None
    if not text.strip():
        raise SummaryError(Problem(1, EMPTY))
    return text


def guess_japanese_encoding(data):
    """(name, codec) of the legacy Japanese encoding `data` reads best in, or None:
    the one whose reading holds most kana and kanji."""
    best, best_share = None, 0.2
    for name, codec in GUESSES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = sum(_is_japanese(ch) for ch in text) / max(1, len(text.strip()))
        if share > best_share:
            best, best_share = (name, codec), share
    return best


def _is_japanese(ch):
    # Hiragana, full-width katakana and the common kanji block; half-width kana
    # are what mis-decoded EUC-JP looks like in cp932, so they do not count.
    return "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
