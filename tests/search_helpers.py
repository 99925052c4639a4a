"""Reading the search page as a reader does: titles, counts, links."""

import html
import re

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36"


def text_of(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def search(client, q=None, **params):
    """GET /talks/?q=…: (response, page text, [result titles in order])."""
    if q is not None:
        params["q"] = q
    response = client.get("/talks/", params, HTTP_USER_AGENT=BROWSER)
    page = response.content.decode()
    titles = [
        text_of(title)
        for title in re.findall(r'class="talk-card__title"><a [^>]*>(.*?)</a>', page)
    ]
    return response, page, titles


def result_count(page):
    match = re.search(r'<p class="result-count">([^<]*)<', page)
    return match and match.group(1)
