"""A reader's CSRF token for a cached page, as Django's `get_token` makes it,
at a fraction of its cost.

`get_token` draws each of its 64 random characters with `secrets.choice`
(one call into the system's random source per character): about 75 µs, the
largest part of a cached talk page served to a reader without a cookie. Here
the same characters come from one draw of random bytes: each byte below 248
(4 × 62) is kept and taken modulo 62, so every allowed character is equally
likely, as with `secrets.choice`. The secret goes into `request.META` exactly
as `get_token` puts it there, so `CsrfViewMiddleware` sets the cookie and
checks the token as it does any other (tests/test_page_cache_tokens.py).
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_CHARS = CSRF_ALLOWED_CHARS.encode()
_KEPT = 256 - 256 % len(_CHARS)
_TO_CHAR = bytes(_CHARS[byte % len(_CHARS)] for byte in range(256))
_DROPPED = bytes(range(_KEPT, 256))
_INDEX = {char: number for number, char in enumerate(CSRF_ALLOWED_CHARS)}


def random_string(length=CSRF_SECRET_LENGTH):
    """`length` characters drawn uniformly from CSRF_ALLOWED_CHARS."""
    kept = b""
    while len(kept) < length:
        # 3/2 the length: fewer than `length` kept happens about once in 10^9.
        drawn = secrets.token_bytes(length + length // 2)
        kept += drawn.translate(None, _DROPPED)
    return kept[:length].translate(_TO_CHAR).decode("ascii")


def reader_token(request):
    """What `django.middleware.csrf.get_token(request)` returns, with the same
    side effects: the reader's secret (a new one if the request has none)
    masked anew, the cookie marked to be sent."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = random_string()
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_string()
    count = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_INDEX[char] + _INDEX[key]) % count]
        for char, key in zip(secret, mask, strict=True)
    )
    return mask + cipher
