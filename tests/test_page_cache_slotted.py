"""gzip around the readers' tokens: compressed once, read as plain gzip."""

import gzip
import random
import zlib

import pytest

from summaries.pagecache.slotted import Slotted

HOLE = b"__hole__"


def page(parts):
    return HOLE.join(parts)


def inflate_streaming(body):
    """As a browser reads it: chunk by chunk, the CRC and length checked."""
    reader = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = b"".join(
        reader.decompress(body[i : i + 100]) for i in range(0, len(body), 100)
    )
    assert reader.eof and not reader.unused_data
    return out + reader.flush()


@pytest.mark.parametrize(
    "parts",
    [
        [b"<p>head ", b" tail</p>"],
        [b"", b" middle ", b""],  # tokens first and last
        [b"a", b"", b"b"],  # two tokens side by side
        [bytes(random.Random(1).randrange(256) for _ in range(70_000)), b"x" * 50_000],
    ],
)
def test_a_filled_page_is_the_served_text_gzipped(parts):
    slotted = Slotted(page(parts), HOLE)
    for token in (b"t" * 64, b"T0k3n" * 13, b""):
        served = token.join(parts)
        body = slotted.fill(served)
        assert gzip.decompress(body) == served
        assert inflate_streaming(body) == served


def test_the_page_is_compressed_once_and_only_the_token_is_written_per_reader():
    text = b"<li>\xe8\xa9\xb1\xe9\xa1\x8c</li>" * 2000
    slotted = Slotted(text + HOLE + text, HOLE)
    first = slotted.fill(text + b"a" * 64 + text)
    second = slotted.fill(text + b"b" * 64 + text)
    assert len(first) == len(second) < len(text) // 20
    assert (
        first.replace(b"a" * 64, b"b" * 64)[:-8] == second[:-8]
    )  # same but token, CRC


@pytest.mark.parametrize(
    "served",
    [
        b"<p>head tail</p> <p>two  tail</p>",  # shorter than the parts
        b"<p>HEAD tok tail</p> <p>two tok tail</p>",  # not this page
        b"<p>head tok tail</p> <p>two tok tail</p> <p>more</p>",
        b"<p>head tok tail</p> <p>two toke tail</p>",  # no one token length
    ],
)
def test_text_that_is_not_this_page_is_refused(served):
    slotted = Slotted(
        b"<p>head " + HOLE + b" tail</p> <p>two " + HOLE + b" tail</p>", HOLE
    )
    assert slotted.fill(served) is None
    assert Slotted(b"no hole", HOLE).fill(b"no hole") is None


def test_different_tokens_in_one_page_are_refused():
    slotted = Slotted(page([b"a", b"b", b"c"]), HOLE)
    assert slotted.fill(b"a11b22c") is None
    assert gzip.decompress(slotted.fill(b"a11b11c")) == b"a11b11c"
