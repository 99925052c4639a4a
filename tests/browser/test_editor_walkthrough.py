"""The editor's side as a new editor meets it: the talk form fits the window,
every admin page editors use passes axe (WCAG 2.2 AA), and one journey through
them works by keyboard alone."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from summaries.models import Talk
from tests.summary_samples import FULL

from .axe import run_axe


@pytest.fixture
def seed_talk(transactional_db):
    call_command("loaddata", "talks", verbosity=0)
    return Talk.objects.get(slug="tokyo-dx-miyasaka-2024")


@pytest.fixture
def editor_page(page, django_user_model):
    """`page`, logged in as a staff editor."""
    user = django_user_model.objects.create_user(
        "editor", password="correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name="編集者"))
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": page.base_url,
            }
        ]
    )
    return page


def overflow(page):
    """How far the page scrolls sideways, and controls that end off-screen."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const controls = '#content input:not([type=hidden]), #content textarea, '
            + '#content select, #content button';
          const outside = [...document.querySelectorAll(controls)]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.name || e.id || e.className, e.getBoundingClientRect().right])
            .filter(([, right]) => right > width + 0.5);
          return {scroll: document.documentElement.scrollWidth - width, outside};
        }"""
    )


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_talk_form_fits_the_window(editor_page, seed_talk, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(reverse("admin:summaries_talk_change", args=[seed_talk.pk]))
    # Open every collapsed section: they must fit too.
    for summary in page.locator("details > summary").all():
        if summary.is_visible():
            summary.click()
    page.screenshot(path=f"/tmp/wt_shots/form-{width}.png", full_page=True)
    found = overflow(page)
    assert found == {"scroll": 0, "outside": []}
    # The takeaways' delete box is on screen, beside its row.
    delete = page.locator("#takeaways-group input[name$='-DELETE']").first
    box = delete.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= width


def history_of(talk):
    """The seed talk with history: its first version and one edit."""
    from summaries.history import recording, versions_of

    with recording("テスト", None, talks={talk.pk}):
        talk.tldr = talk.tldr + "（追記）"
        talk.save()
    versions = list(versions_of(talk.pk))
    return versions[0], versions[-1]


def editor_pages(talk):
    from summaries.search.models import SearchLog

    SearchLog.objects.create(query="防災", result_count=0)
    SearchLog.objects.create(query="DX", result_count=3)
    latest, first = history_of(talk)
    pk = talk.pk
    pages = [
        ("dashboard", reverse("admin:index")),
        ("changelist", reverse("admin:summaries_talk_changelist")),
        ("change form", reverse("admin:summaries_talk_change", args=[pk])),
        ("history", reverse("admin:summaries_talk_history", args=[pk])),
        ("diff", reverse("admin:summaries_talk_version", args=[pk, latest.pk])),
        ("restore", reverse("admin:summaries_talk_restore", args=[pk, first.pk])),
        ("import", reverse("admin:summaries_talk_import")),
        ("insights", reverse("admin:search_searchlog_changelist")),
    ]
    try:
        pages.append(("captions", reverse("admin:summaries_talk_captions", args=[pk])))
    except Exception:  # the captions page has not landed
        pass
    return pages


def open_tag_merge(page):
    page.goto(reverse("admin:summaries_tag_changelist"))
    boxes = page.locator("input.action-select")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.locator("select[name=action]").select_option("merge")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    assert page.locator("form.merge-form").count() == 1


def describe(results):
    """Every violation and every node it found (axe.describe shows five)."""
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [
            f"    {node['target']}: {node['html'][:160]}" for node in violation["nodes"]
        ]
    return "\n".join(lines)


def test_every_editor_page_passes_axe(editor_page, seed_talk):
    page = editor_page
    failures = []
    for name, url in editor_pages(seed_talk):
        response = page.goto(url)
        assert response.status == 200, (name, url, response.status)
        results = run_axe(page)
        if results.violations_count:
            failures.append(f"{name} {url}:\n{describe(results)}")
    open_tag_merge(page)
    results = run_axe(page)
    if results.violations_count:
        failures.append(f"tag merge:\n{describe(results)}")
    assert not failures, "\n".join(failures)


# --- One journey by keyboard alone ------------------------------------------

FOCUSED = """(test) => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  // Shown on the element, or on the widget around it (:focus-within).
  const shows = (el) => {
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      || style.boxShadow !== 'none';
  };
  const seen = shows(e) || (e.parentElement && shows(e.parentElement))
    || (e.parentElement?.parentElement && shows(e.parentElement.parentElement));
  return {
    tag: e.tagName, name: e.getAttribute('name') || '', type: e.type || '',
    text: (e.textContent || e.value || '').trim(), href: e.getAttribute('href') || '',
    cls: e.className || '', seen,
  };
}"""


def tab_to(page, wanted, limit=600, backwards=False):
    """Press Tab (or Shift+Tab) until the focused element satisfies `wanted`;
    every stop on the way must show where focus is."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["seen"], f"focus not visible on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError(f"never reached by {key}")


def link(text):
    return lambda f: f["tag"] == "A" and f["text"] == text


def field(name):
    return lambda f: f["name"] == name


def press(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)


def test_an_editors_journey_by_keyboard_alone(editor_page, seed_talk):
    from summaries.models import Tag
    from summaries.search.models import SearchLog

    page = editor_page
    SearchLog.objects.create(query="防災", result_count=0)
    original_tldr = seed_talk.tldr
    page.goto(reverse("admin:index"))

    # Admin home (the dashboard below) -> the talk list -> the seed talk.
    tab_to(page, lambda f: f["tag"] == "A" and f["href"].endswith("/summaries/talk/"))
    press(page)
    tab_to(page, link(seed_talk.title))
    press(page)

    # Change the TL;DR and save.
    tab_to(page, field("tldr"))
    page.keyboard.press("Control+End")
    page.keyboard.type("追記しました。")
    tab_to(page, field("_continue"))
    press(page)
    assert "変更しました" in page.locator(".messagelist").inner_text()
    seed_talk.refresh_from_db()
    assert seed_talk.tldr == original_tldr + "追記しました。"

    # History -> what changed -> back -> restore the first version.
    tab_to(page, lambda f: "historylink" in f["cls"])
    press(page)
    tab_to(page, link("変更内容を見る"))
    press(page)
    assert "追記しました。" in page.locator("ins").first.inner_text()
    tab_to(page, link("変更履歴"))
    press(page)
    tab_to(page, link("この版に戻す"))
    press(page)
    tab_to(page, lambda f: f["type"] == "submit" and "戻します" in f["text"])
    press(page)
    seed_talk.refresh_from_db()
    assert seed_talk.tldr == original_tldr

    # The captions page, from the talk's tools.
    tab_to(page, link("字幕から文字起こしを作成"))
    press(page)
    tab_to(page, lambda f: f["tag"] in {"INPUT", "TEXTAREA"} and f["type"] != "hidden")

    # The import page: paste a summary, ask for the preview.
    tab_to(page, link("講演"))
    press(page)
    tab_to(page, link("要約テキストから取り込む"))
    press(page)
    tab_to(page, lambda f: f["tag"] == "TEXTAREA")
    page.keyboard.insert_text(FULL)
    tab_to(page, lambda f: f["name"] == "preview")
    press(page)
    preview = page.locator("#content").inner_text()
    assert "避難所の状況をリアルタイムで共有した。" in preview, preview

    # Home: the dashboard, then search insights.
    tab_to(page, link("ホーム"))
    press(page)
    assert page.locator("#dashboard-heading").count() == 1
    tab_to(page, lambda f: f["tag"] == "A" and f["href"].endswith("/search/searchlog/"))
    press(page)
    assert "防災" in page.locator("#content").inner_text()

    # Tags: select two, choose the merge action, keep one.
    tab_to(page, link("ホーム"), backwards=True)
    press(page)
    tab_to(page, lambda f: f["tag"] == "A" and f["href"].endswith("/summaries/tag/"))
    press(page)
    tab_to(page, lambda f: "action-select" in f["cls"])
    page.keyboard.press("Space")
    tab_to(page, lambda f: "action-select" in f["cls"])
    page.keyboard.press("Space")
    tab_to(page, field("action"), backwards=True)
    page.keyboard.press("ArrowDown")
    assert page.locator("select[name=action]").input_value() == "merge"
    tab_to(page, field("index"))
    press(page)
    kept = tab_to(page, lambda f: f["type"] == "radio")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["type"] == "submit" and f["text"] == "統合する")
    press(page)
    assert "統合しました" in page.locator(".messagelist").inner_text()
    assert Tag.objects.count() == len(seed_tags()) - 1, kept


def seed_tags():
    from tests.summary_samples import SEED_TAGS

    return SEED_TAGS


def test_a_japanese_title_prefills_a_readable_ascii_slug(editor_page):
    from playwright.sync_api import expect

    page = editor_page
    page.goto(reverse("admin:summaries_talk_add"))
    slug = page.locator("#id_slug")
    page.locator("#id_title").press_sequentially("防災DXの最前線 〜自治体の挑戦〜")
    expect(slug).to_have_value("bosai-dx-saizensen-jichitai-chosen")
    # A slug of the editor's own is left alone.
    slug.fill("my-slug")
    page.locator("#id_title").press_sequentially("（続き）")
    page.wait_for_timeout(800)
    assert slug.input_value() == "my-slug"
