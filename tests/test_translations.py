"""The English catalogues cover every UI string, and no template or Python
module hides one.

When a test here fails it lists each string with its file:line. To fix it:
wrap the string for translation if it is not, `make messages`, translate the
new entries in summaries/locale/en/LC_MESSAGES/django.po (djangojs.po for the
admin's scripts), then `make messages` again.
"""

import ast
import json
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

from summaries.accessibility import RECORDED_NAMES, RESULTS_PATH

BASE = Path(settings.BASE_DIR)
CATALOGUE = BASE / "summaries" / "locale" / "en" / "LC_MESSAGES"
# Japanese letters, and the Japanese punctuation that would show on English
# pages (「」、（）…).
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff9f]")
# The one page rendered without the template engine's help: bilingual by hand.
STATIC_PAGES = {"templates/500.html"}


def fresh_extraction(tmp_path, domain="django"):
    """The committed catalogue merged with strings extracted from the code now,
    as `make messages` would produce it, written to a scratch copy."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        if os.environ.get("GOVDX_REQUIRE_TOOLS"):
            pytest.fail("GNU gettext is missing: apt-get install gettext")
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed")
    scratch = tmp_path / "locale"
    (scratch / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(CATALOGUE / f"{domain}.po", scratch / "en" / "LC_MESSAGES")
    cwd = os.getcwd()
    os.chdir(BASE)
    try:
        with override_settings(LOCALE_PATHS=[scratch]):
            call_command(
                "makemessages",
                locale=["en"],
                domain=domain,
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
    return polib.pofile(scratch / "en" / "LC_MESSAGES" / f"{domain}.po")


def where(entry):
    return ", ".join(f"{path}:{line}" for path, line in entry.occurrences)


@pytest.mark.parametrize(
    ("domain", "at_least"),
    # at_least: the extraction really found the site's strings
    [("django", 500), ("djangojs", 10)],
)
def test_every_ui_string_has_an_english_translation(tmp_path, domain, at_least):
    catalogue = fresh_extraction(tmp_path, domain)
    assert len(catalogue) >= at_least
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
        '{{ date|date:"Y年" }}\n'
        "{{ a }}、{{ b }}\n",
        encoding="utf-8",
    )
    assert [line for line, _text in _loose_text(page)] == [4, 5, 6]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_matches_the_po_file(domain):
    """The .mo is committed: it must be compiled from the current .po."""
    po = polib.pofile(CATALOGUE / f"{domain}.po")
    mo = polib.mofile(CATALOGUE / f"{domain}.mo")

    def pairs(entries):
        return {
            (e.msgctxt, e.msgid, e.msgid_plural): e.msgstr
            or tuple(sorted(e.msgstr_plural.items()))
            for e in entries
            if e.msgid
        }

    wanted = pairs(e for e in po if e.translated() and not e.fuzzy)
    assert pairs(mo) == wanted, "Run `make messages` to recompile django.mo"


# Japanese in Python code is UI text and goes through a gettext call, unless it
# is data. The data, by file: the literals allowed there, or EVERY literal.
EVERY = None
PYTHON_DATA = {
    # The vocabulary generate_talks writes synthetic talks with: content.
    "summaries/generated.py": EVERY,
    # The summary text format's keywords (関連タグ, 今すぐアップグレード),
    # bullets and time codes: the format is Japanese in every language.
    "summaries/summary_format/layout.py": EVERY,
    # How captions are written: sentence ends, speaker labels, chapter lines
    # and sound notes such as (拍手), which are text in every language.
    "summaries/captions/vocabulary.py": EVERY,
    # Separators and punctuation that the format and the tag field read.
    "summaries/summary_format/parsing.py": {"。．.？?！!、"},
    "summaries/summary_format/rendering.py": {"、"},
    "summaries/summary_format/tags.py": {"[、，,;；､]", r"[\s#＃]+", "#＃"},
    "summaries/tagging.py": {r"[、，,;；\r\n]+", "、"},
    # Slugs: the particles left out of a romanised title, and kanji ranges.
    "summaries/slugs.py": EVERY,
    # Kana and kanji code point ranges, for guessing a file's encoding.
    "summaries/summary_format/decoding.py": {"\u3040", "ヿ", "一", "鿿"},
    # The pure format's own wording of a problem (tracebacks, other callers);
    # the site shows importer.describe(problem), which is translated.
    "summaries/summary_format/data.py": {"行目: ", "、"},
    # Characters a mind-map line may not start with (line breaking rules).
    "summaries/mindmap.py": {"、。，．,.)）」』】〕！？!?ー…・：；"},
    # Open data has no language: the CSV writes a speaker as 名前（役割）.
    "summaries/api/downloads.py": {"（", "）"},
    # An example value inside the (English) API schema.
    "summaries/api/schemas.py": {"Their part in this talk, e.g. 聞き手."},
    # The groups' names: database rows that migrations create.
    "summaries/roles.py": {"編集者", "承認者"},
    # How readers write telephone numbers and "@" in Japanese (ー between
    # digits, アットマーク): patterns the comment is matched with, never shown.
    "summaries/ratings/personal_data.py": EVERY,
    # Japanese text analysis: Sudachi's part-of-speech names, grammar words
    # and punctuation it compares text with; none is ever shown.
    "summaries/search/analysis/analyser.py": EVERY,
    "summaries/search/analysis/phrases.py": EVERY,
    "summaries/search/suggestions.py": EVERY,
    "summaries/search/highlights.py": EVERY,
}
TRANSLATION = "django.utils.translation"
# Where each function takes its message(s): makemessages extracts these.
MESSAGE_ARGS = {
    "gettext": (0,),
    "gettext_lazy": (0,),
    "gettext_noop": (0,),
    "_": (0,),
    "ngettext": (0, 1),
    "ngettext_lazy": (0, 1),
    "pgettext": (1,),
    "pgettext_lazy": (1,),
    "npgettext": (1, 2),
    "npgettext_lazy": (1, 2),
}


def untranslated_literals(source):
    """(line, text) of Japanese string constants in Python `source` that are
    neither a message of a gettext call (under any alias) nor a docstring."""
    tree = ast.parse(source)
    functions = dict(zip(MESSAGE_ARGS, MESSAGE_ARGS, strict=True))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "django.utils.translation"
        ):
            for name in node.names:
                if name.name in MESSAGE_ARGS:
                    functions[name.asname or name.name] = name.name
    accepted = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = node.func
            name = (
                callee.attr
                if isinstance(callee, ast.Attribute)
                else getattr(callee, "id", None)
            )
            for index in MESSAGE_ARGS.get(functions.get(name), ()):
                if index < len(node.args):
                    accepted.add(id(node.args[index]))
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
        ):
            accepted.add(id(body[0].value))
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in accepted
        and JAPANESE.search(node.value)
    )


def test_python_modules_have_no_japanese_outside_gettext():
    problems = []
    modules = [*(BASE / "summaries").rglob("*.py"), *(BASE / "govdx").rglob("*.py")]
    for path in sorted(modules):
        name = path.relative_to(BASE).as_posix()
        if "migrations" in path.parts:
            continue  # frozen by makemigrations: history, not UI
        allowed = PYTHON_DATA.get(name, set())
        if allowed is EVERY:
            continue
        source = path.read_text(encoding="utf-8")
        problems += [
            f"{name}:{line}: {text[:60]!r}"
            for line, text in untranslated_literals(source)
            if text not in allowed
        ]
    assert not problems, (
        "Japanese the English pages and commands would show untranslated: wrap it "
        "in gettext / gettext_lazy / ngettext (an f-string becomes "
        '_("…%(name)s…") % {…}), or, if it is data, add it to PYTHON_DATA with '
        "the reason:\n" + "\n".join(problems)
    )


def test_the_python_check_finds_what_it_should():
    source = '''"""モジュールの説明"""
from django.utils.translation import gettext_lazy as L, ngettext, pgettext
from django.utils import translation


def f(n):
    """関数の説明"""
    a = L("翻訳済み")
    b = ngettext("%(n)d件", "%(n)d件", n) % {"n": n}
    c = pgettext("context", "文脈付き")
    d = translation.gettext("属性で呼ぶ")
    e = f"{n}件"
    g = "、".join(["x"])
    h = pgettext("未翻訳の文脈", "x")
    return print("表示")
'''
    assert [line for line, _text in untranslated_literals(source)] == [12, 13, 14, 15]


def test_every_accessibility_check_name_is_marked_for_translation():
    """The statement shows the names the browser tests record: on /en/ too."""
    from tests.browser.site import PAGE_TYPES

    recorded = json.loads(RESULTS_PATH.read_text(encoding="utf-8"))
    names = {page["name"] for page in recorded["pages"]}
    names |= {check["name"] for check in recorded["keyboard"]}
    names |= {name for name, _path, _status in PAGE_TYPES}
    for path in (BASE / "tests" / "browser").glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == (
                "keyboard_check"
            ):
                names.add(node.args[0].value)
    assert len(names) > 10
    assert names - set(RECORDED_NAMES) == set(), (
        "Add these to summaries/accessibility.py RECORDED_NAMES"
    )


# The admin's scripts read their texts through gettext() from Django's
# JavaScript catalogue. Data they may hold as it is:
SCRIPT_DATA = {
    # The tag field's submitted value, which the server splits (tagging.py).
    "summaries/static/summaries/js/tag-input-model.js": {"、"},
}
JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\])//[^\n]*", re.S)
JS_STRING = re.compile(r"""(["'])((?:\\.|(?!\1)[^\\\n])*)\1""")
# What comes just before a message: `gettext(`, `ngettext(` or `ngettext("…", `.
JS_MESSAGE = re.compile(
    r"""(?:\bn?gettext\(\s*|\bngettext\(\s*(["'])(?:\\.|(?!\1).)*\1,\s*)$"""
)


def loose_script_strings(source):
    """(line, text) of Japanese string literals in a script that are not a
    message of gettext() or ngettext()."""
    code = JS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    for match in JS_STRING.finditer(code):
        text = match.group(2)
        if JAPANESE.search(text) and not JS_MESSAGE.search(code[: match.start()]):
            yield code.count("\n", 0, match.start()) + 1, text


def test_scripts_have_no_japanese_outside_gettext():
    problems = []
    for path in sorted((BASE / "summaries" / "static").rglob("*.js")):
        name = path.relative_to(BASE).as_posix()
        allowed = SCRIPT_DATA.get(name, set())
        problems += [
            f"{name}:{line}: {text[:60]!r}"
            for line, text in loose_script_strings(path.read_text(encoding="utf-8"))
            if text not in allowed
        ]
    assert not problems, (
        "Japanese the English admin would show untranslated: wrap it in gettext() "
        "(interpolate() for values), or, if it is data, add it to SCRIPT_DATA:\n"
        + "\n".join(problems)
    )


def test_the_script_check_finds_what_it_should():
    source = (
        "/* 説明 */ var a = gettext('翻訳済み'); // メモ\n"
        'var b = ngettext("%s件", "%s件", n);\n'
        'var c = "未翻訳" + x;\n'
        "el.title = '「' + name + '」';\n"
        'var url = "https://example.org/"; var d = "まだ";\n'
    )
    assert [line for line, _text in loose_script_strings(source)] == [3, 4, 4, 5]
