"""Readable ASCII slugs from Japanese titles, cut at a word boundary.

`東京都のDX、宮坂副知事が語るデジタル改革` becomes
`tokyoto-dx-miyasaka-fuku-chiji-kataru-dejitaru-kaikaku`: pykakasi splits the
title into words and gives each its Hepburn reading; particles (の, が, を…)
are left out, long vowels of kanji words are written as passports write them
(東京 tokyo, not toukyou), and Latin words stay as typed, in lower case. The
slug is cut before the word that would pass `max_length`, never inside one
(only a single word longer than the limit is cut). Pure: no Django.
"""

import re
import unicodedata
from functools import lru_cache

# Particles and copulas that carry no meaning in an address.
PARTICLES = frozenset(
    "の が を に へ と で は も や か から まで より って など です ます".split()
)
_KANJI = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff々〆ヶ]+$")
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi  # imported on first use: its dictionaries take a moment

    return pykakasi.kakasi()


def _reading(token):
    reading = token["hepburn"].lower()
    if _KANJI.match(token["orig"]):
        # Passport Hepburn: 東京 tokyo, 挑戦 chosen (okurigana words keep theirs).
        reading = reading.replace("ou", "o").replace("uu", "u")
    return reading


def words(title):
    """The title's words in ASCII, in order."""
    text = unicodedata.normalize("NFKC", title)
    found = []
    for token in _kakasi().convert(text):
        if token["orig"].strip() in PARTICLES:
            continue
        found.extend(_WORD.findall(_reading(token)))
    return found


def romanised_slug(title, max_length=60):
    """An ASCII slug of at most `max_length` characters, whole words only."""
    slug = ""
    for word in words(title):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            if not slug:
                slug = word[:max_length]
            break
        slug = candidate
    return slug
