"""The talk page stays light: under 50 KB compressed with everything it loads."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

LIMIT = 50 * 1024


def compressed(data):
    return len(gzip.compress(data, compresslevel=6))


def test_the_talk_page_with_its_css_js_and_images_is_under_50_kb(client, seed):
    # The seed is the longest real page we ship; give it a video and a
    # transcript so the player, its script and the mind map all load.
    seed.video_url = "https://www.youtube.com/watch?v=AbCdEfGhI_0"
    seed.save()
    page = client.get(seed.get_absolute_url()).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', page)
    assert {b"summaries/css/site.css", b"summaries/js/player.js"} <= set(assets)
    total = compressed(page) + sum(
        compressed(open(finders.find(a.decode()), "rb").read()) for a in set(assets)
    )
    assert total < LIMIT, f"{total} bytes"
    # Everything the page loads is ours: no web fonts, no CDN, no thumbnails.
    loaded = re.findall(
        rb'<(?:script|img|iframe)[^>]* src="([^"]+)"|<link rel="(?:stylesheet|icon'
        rb'|preload|preconnect|dns-prefetch)" href="([^"]+)"',
        page,
    )
    assert loaded
    assert all(url.startswith(b"/static/") for pair in loaded for url in pair if url)
