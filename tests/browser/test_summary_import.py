"""The admin's import page in a real browser: keyboard only, and axe's WCAG 2.2
AA rules on the form, the preview and an error."""

import html

from summaries.models import Talk
from tests.summary_samples import FULL

from .axe import assert_accessible


def test_an_editor_imports_a_summary_with_the_keyboard(editor_page):
    page = editor_page
    page.goto("/admin/summaries/talk/")
    page.get_by_role("link", name="要約テキストから取り込む").press("Enter")
    page.wait_for_url("**/talk/import/")
    assert_accessible(page)

    page.get_by_label("要約テキスト").fill(FULL)
    page.get_by_role("button", name="内容を確認する").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("table", name="要点（2）").is_visible()
    assert_accessible(page)

    # A suggested keyword, by keyboard: it goes into the text, previewed again.
    suggestion = page.locator('ul[data-kind="keywords"] button').first
    keyword = suggestion.inner_text().strip()
    suggestion.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    status = page.get_by_role("status").filter(has_text="をテキストに加えました")
    assert f"キーワード「{keyword}」" in status.inner_text()
    assert f"  • {keyword}" in page.get_by_label("要約テキスト").input_value()
    assert not Talk.objects.exists()
    assert_accessible(page)

    confirm = page.get_by_role("button", name="この内容で取り込む")
    confirm.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/change/")
    talk = Talk.objects.get()
    assert talk.status == Talk.Status.DRAFT
    assert keyword in [item.text for item in talk.keywords.all()]
    assert "下書きとして取り込みました" in page.locator(".messagelist").inner_text()


def test_the_preview_with_suggestions_is_valid_html(client, editor, tmp_path):
    from tests.html_forms import submit

    from . import tools
    from .html_checker import invalid_pages

    tools.need_vnu()
    client.force_login(editor)
    url = "/admin/summaries/talk/import/"
    preview = client.post(url, {"text": FULL, "preview": "1"})
    page = preview.content.decode()
    value = html.unescape(page.split('name="accept" value="')[1].split('"')[0])
    accepted = submit(client, preview, {"accept": value},
                      form_id="summary-import-form", url=url)  # fmt: skip
    assert invalid_pages({"preview": preview, "accepted": accepted}, tmp_path) == {}


def test_an_error_is_announced_and_the_text_kept(editor_page):
    page = editor_page
    page.goto("/admin/summaries/talk/import/")
    text = FULL.replace("12 Mar", "31 Feb")
    page.get_by_label("要約テキスト").fill(text)
    page.get_by_role("button", name="内容を確認する").click()
    alert = page.get_by_role("alert")
    assert "4行目: 日付「31 Feb 2024」は存在しません。" in alert.inner_text()
    assert page.get_by_label("要約テキスト").input_value() == text
    assert_accessible(page)
    assert not Talk.objects.exists()
