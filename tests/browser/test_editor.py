"""The editor's widgets in a real browser: ordering by drag and drop and by
keyboard, the tag input (IME composition included), the unsaved-changes warning."""

import pytest
from django.test import Client
from django.urls import reverse

from summaries.models import Tag, Talk
from tests.factories import make_talk


@pytest.fixture
def editor_page(page, django_user_model):
    """`page`, logged in as a staff editor."""
    from django.contrib.auth.models import Group

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


def open_change_form(page, talk):
    page.goto(reverse("admin:summaries_talk_change", args=[talk.pk]))


def save(page):
    page.get_by_role("button", name="保存して編集を続ける").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0, page.locator(
        ".errornote"
    ).inner_text()


def texts(rows):
    return [row.text for row in rows]


def test_keyboard_moves_takeaways_with_the_up_and_down_buttons(editor_page):
    page = editor_page
    talk = make_talk(takeaways=3)
    open_change_form(page, talk)
    group = page.locator("#takeaways-group")
    numbers = group.locator("tr.form-row:not(.empty-form) .ordering-number")
    assert numbers.all_inner_texts() == ["1", "2", "3"]
    first_up = group.get_by_role("button", name="「要点1」を上へ移動")
    assert first_up.is_disabled()

    down = group.get_by_role("button", name="「要点1」を下へ移動")
    down.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Space")  # focus stays on the moved row's button
    assert (
        group.locator(".ordering-live").inner_text()
        == "「要点1」を3番目に移動しました。"
    )
    # At the bottom now: its 下へ is disabled and focus went to 上へ.
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "「要点1」を上へ移動"
    assert numbers.all_inner_texts() == ["1", "2", "3"]
    save(page)
    assert texts(talk.takeaways.all()) == ["要点2", "要点3", "要点1"]


def test_drag_and_drop_reorders_questions_and_takeaways(editor_page):
    page = editor_page
    talk = make_talk(questions=3, takeaways=3)
    open_change_form(page, talk)

    def drag(group, source_row, target_row):
        """Drop on the target row's upper edge (moving up) or lower edge (down)."""
        rows = group.locator("tr.form-row")
        height = rows.nth(target_row).bounding_box()["height"]
        y = 4 if target_row < source_row else height - 4
        rows.nth(source_row).locator(".ordering-handle").drag_to(
            rows.nth(target_row), target_position={"x": 40, "y": y}
        )

    questions = page.locator("#questions-group")
    drag(questions, 2, 0)  # the third question to the top
    assert (
        questions.locator(".ordering-live")
        .inner_text()
        .endswith("1番目に移動しました。")
    )

    # (The outline is a text area now: admin/long_parts.py.)
    takeaways = page.locator("#takeaways-group")
    drag(takeaways, 0, 2)
    save(page)
    assert [q.text for q in talk.questions.all()] == ["質問3？", "質問1？", "質問2？"]
    assert texts(talk.takeaways.all()) == ["要点2", "要点3", "要点1"]


def test_a_new_row_moved_up_is_saved_where_it_is_shown(editor_page):
    page = editor_page
    talk = make_talk(takeaways=2)
    open_change_form(page, talk)
    group = page.locator("#takeaways-group")
    group.get_by_role("button", name="要点 の追加").click()
    new_row = group.locator("tr.form-row.dynamic-takeaways").nth(2)
    new_row.locator("td.field-text textarea").fill("新しい要点")
    new_row.get_by_role("button", name="「新しい要点」を上へ移動").click()
    save(page)
    assert texts(talk.takeaways.all()) == ["要点1", "新しい要点", "要点2"]


def test_tag_input_tokens_paste_suggestions_and_ime(editor_page):
    page = editor_page
    make_talk(tags=["DX"])
    talk = make_talk(tags=["防災"])
    open_change_form(page, talk)
    entry = page.get_by_role("combobox", name="タグ")
    tokens = page.locator(".tag-field__token > span")
    assert tokens.all_inner_texts() == ["防災"]

    entry.press_sequentially("窓口、")
    entry.press_sequentially("GovTech 東京")
    entry.press("Enter")  # confirms the tag; does not submit the form
    assert tokens.all_inner_texts() == ["防災", "窓口", "GovTech 東京"]
    assert "/change/" in page.url and page.locator(".messagelist").count() == 0

    # A pasted list becomes several tags.
    entry.evaluate(
        """(el) => {
          const data = new DataTransfer();
          data.setData('text/plain', '市民ニーズ,デジタル庁\\nKPI');
          el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data,
            bubbles: true, cancelable: true}));
        }"""
    )
    assert tokens.all_inner_texts()[-3:] == ["市民ニーズ", "デジタル庁", "KPI"]

    # An Enter that confirms an IME conversion adds nothing.
    prevented = entry.evaluate(
        """(el) => {
          el.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
          el.value = 'とうきょ';
          el.dispatchEvent(new InputEvent('input', {data: 'とうきょ',
            isComposing: true, bubbles: true}));
          const enter = new KeyboardEvent('keydown', {key: 'Enter', keyCode: 229,
            isComposing: true, bubbles: true, cancelable: true});
          el.dispatchEvent(enter);
          el.value = '東京都';
          el.dispatchEvent(new CompositionEvent('compositionend', {data: '東京都'}));
          return enter.defaultPrevented;
        }"""
    )
    assert prevented is False
    assert "東京都" not in tokens.all_inner_texts()
    assert entry.input_value() == "東京都"
    entry.press("Enter")  # now the editor confirms the tag
    assert tokens.all_inner_texts()[-1] == "東京都"

    # Suggestions: a full-width variant offers the existing tag.
    entry.press_sequentially("ｄ")
    option = page.get_by_role("option", name="DX（1件）")
    option.wait_for()
    assert entry.get_attribute("aria-expanded") == "true"
    entry.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    entry.press("Enter")
    assert tokens.all_inner_texts()[-1] == "DX"

    # Backspace on the empty entry removes the last tag, and × removes any.
    entry.press("Backspace")
    page.get_by_role("button", name="タグ「窓口」を外す").click()
    save(page)
    assert sorted(talk.tags.names()) == sorted(
        ["防災", "GovTech 東京", "市民ニーズ", "デジタル庁", "KPI", "東京都"]
    )
    assert Tag.objects.filter(key="dx").count() == 1


def test_leaving_with_unsaved_changes_asks_first(editor_page):
    page = editor_page
    talk = make_talk("元の題", takeaways=2)
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    open_change_form(page, talk)
    page.get_by_label("タイトル").fill("直しかけの題")
    try:
        page.goto(reverse("admin:index"), timeout=3000)
    except Exception:  # staying on the page cancels the navigation
        pass
    assert dialogs == ["beforeunload"]
    assert page.get_by_label("タイトル").input_value() == "直しかけの題"

    # Saving is not leaving: no question, and the page after it is clean.
    save(page)
    assert dialogs == ["beforeunload"]
    page.goto(reverse("admin:index"))
    assert dialogs == ["beforeunload"]
    assert Talk.objects.get(pk=talk.pk).title == "直しかけの題"


def test_reordering_alone_counts_as_an_unsaved_change(editor_page):
    page = editor_page
    talk = make_talk(takeaways=2)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    open_change_form(page, talk)
    page.get_by_role("button", name="「要点2」を上へ移動").click()
    page.goto(reverse("admin:index"))
    assert dialogs == ["beforeunload"]
    assert texts(talk.takeaways.all()) == ["要点1", "要点2"]


def test_the_widgets_speak_english_in_the_english_admin(editor_page):
    """Their texts come through the admin's JavaScript catalogue (djangojs.po)."""
    page = editor_page
    make_talk(tags=["DX", "防災"])
    talk = make_talk(takeaways=2, tags=["防災"])
    page.goto("/en" + reverse("admin:summaries_talk_change", args=[talk.pk]))
    group = page.locator("#takeaways-group")
    down = group.get_by_role("button", name="Move “要点1” down")
    assert group.locator(".ordering-handle").first.get_attribute("title") == (
        "Drag to reorder"
    )
    down.focus()
    page.keyboard.press("Enter")
    assert (
        group.locator(".ordering-live").inner_text() == "Moved “要点1” to position 2."
    )

    entry = page.get_by_role("combobox", name="Tags")
    assert page.get_by_role("list", name="Chosen tags").count() == 1
    page.get_by_role("button", name="Remove the tag “防災”").click()
    entry.press_sequentially("ｄ")
    page.get_by_role("option", name="DX (1 talk)").wait_for()
    assert page.locator(".tag-field [aria-live]").inner_text() == (
        "1 suggestion. Choose with the up and down arrow keys."
    )
