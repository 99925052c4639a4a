"""The English catalogue covers every UI string, and no template hides one.

When a test here fails it lists each string with its file:line. To fix it:
`make messages`, translate the new entries in
summaries/locale/en/LC_MESSAGES/django.po, then `make messages` again.
"""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import override_settings

BASE = Path(settings.BASE_DIR)
CATALOGUE = BASE / "summaries" / "locale" / "en" / "LC_MESSAGES"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
# The one page rendered without the template engine's help: bilingual by hand.
STATIC_PAGES = {"templates/500.html"}


def fresh_extraction(tmp_path):
    """The committed catalogue merged with strings extracted from the code now,
    as `make messages` would produce it, written to a scratch copy."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        if os.environ.get("GOVDX_REQUIRE_TOOLS"):
            pytest.fail("GNU gettext is missing: apt-get install gettext")
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed")
    scratch = tmp_path / "locale"
    (scratch / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(CATALOGUE / "django.po", scratch / "en" / "LC_MESSAGES")
    cwd = os.getcwd()
    os.chdir(BASE)
    try:
        with override_settings(LOCALE_PATHS=[scratch]):
            call_command(
                "makemessages",
                locale=["en"],
                no_obsolete=True,
                verbosity=0,
                # Never touch the real catalogue, nor extract test or build files.
                ignore_patterns=[
                    "summaries/locale",
                    "tests/*",
                    "staticfiles/*",
                    "node_modules/*",
                ],
            )
    finally:
        os.chdir(cwd)
    return polib.pofile(scratch / "en" / "LC_MESSAGES" / "django.po")


def where(entry):
    return ", ".join(f"{path}:{line}" for path, line in entry.occurrences)


def test_every_ui_string_has_an_english_translation(tmp_path):
    catalogue = fresh_extraction(tmp_path)
    assert len(catalogue) > 100  # the extraction really found the site's strings
    missing = [
        f"{where(entry)}: {entry.msgid!r}"
        + (" (fuzzy: check the guess)" if entry.fuzzy else "")
        for entry in catalogue
        if entry.fuzzy or not entry.translated()
    ]
    assert not missing, "Untranslated strings:\n" + "\n".join(missing)


def test_templates_have_no_japanese_outside_translation_tags():
    problems = []
    for path in sorted((BASE / "templates").rglob("*.html")):
        name = str(path.relative_to(BASE))
        if name not in STATIC_PAGES:
            problems += [f"{name}:{line}: {text}" for line, text in _loose_text(path)]
    assert not problems, (
        "Japanese text the English pages would show untranslated (wrap it in "
        "{% translate %} or {% blocktranslate %}):\n" + "\n".join(problems)
    )


def _loose_text(path):
    """(line, text) of Japanese outside translate tags, _("…") and comments."""
    translating = commenting = False
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        text = token.contents
        if token.token_type == TokenType.BLOCK:
            command = text.split()[0]
            if command in {"blocktranslate", "blocktrans", "comment"}:
                translating = translating or command != "comment"
                commenting = commenting or command == "comment"
                continue
            if command in {"endblocktranslate", "endblocktrans", "endcomment"}:
                translating = commenting = False
                continue
            if command in {"translate", "trans", "plural"}:
                continue
        elif token.token_type == TokenType.COMMENT or translating or commenting:
            continue
        text = re.sub(r"""_\((["']).*?\1\)""", "", text)
        if found := JAPANESE.search(text):
            line = token.lineno + text[: found.start()].count("\n")
            yield line, text.strip()[:80]


def test_the_loose_text_check_finds_what_it_should(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<h1>{% translate "講演" %}</h1>\n'
        "{% comment %}メモ{% endcomment %}{# メモ #}\n"
        "{% blocktranslate %}{{ n }}件{% endblocktranslate %}"
        '{{ x|default:_("なし") }}\n'
        "<p>未翻訳</p>\n"
        '{{ date|date:"Y年" }}\n',
        encoding="utf-8",
    )
    assert [line for line, _text in _loose_text(page)] == [4, 5]


def test_the_compiled_catalogue_matches_the_po_file():
    """The .mo is committed: it must be compiled from the current .po."""
    po = polib.pofile(CATALOGUE / "django.po")
    mo = polib.mofile(CATALOGUE / "django.mo")

    def pairs(entries):
        return {
            (e.msgid, e.msgid_plural): e.msgstr
            or tuple(sorted(e.msgstr_plural.items()))
            for e in entries
            if e.msgid
        }

    wanted = pairs(e for e in po if e.translated() and not e.fuzzy)
    assert pairs(mo) == wanted, "Run `make messages` to recompile django.mo"
