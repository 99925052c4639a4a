"""Review and approval in a real browser, approval on: submit, approve, see
it live; send back; a pending change to a live talk; expiry; who else is
editing. axe (WCAG 2.2 AA) on the pages editors and approvers use."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from summaries.models import Talk
from tests.factories import make_talk
from tests.html_forms import submit

from .axe import WCAG_22_AA, describe, run_axe


@pytest.fixture(autouse=True)
def _approval_on(settings):
    settings.GOVDX_REQUIRE_APPROVAL = True
    settings.GOVDX_ALLOW_SELF_APPROVAL = False


def log_in(context, base_url, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": base_url,
            }
        ]
    )


@pytest.fixture
def people(page, browser, live_server, django_user_model):
    """(editor's page, approver's page): two people, two browser contexts."""
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="編集者"))
    approver = django_user_model.objects.create_user(
        "approver", email="approver@example.jp", is_staff=True
    )
    approver.groups.add(Group.objects.get(name="承認者"))
    log_in(page.context, page.base_url, editor)
    context = browser.new_context(
        base_url=live_server.url,
        locale="ja-JP",
        viewport={"width": 1280, "height": 900},
    )
    log_in(context, live_server.url, approver)
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield page, other
    context.close()


def no_violations(page, *within):
    """axe's WCAG 2.2 AA rules: none broken on the page, or within the
    review's own parts of an admin page (the admin's own chrome and fields
    are the walkthrough's axe run, issue 15 item 8)."""
    from axe_playwright_python.sync_playwright import Axe

    if not within:
        results = run_axe(page)
    else:
        options = {
            "runOnly": {"type": "tag", "values": WCAG_22_AA},
            "resultTypes": ["violations"],
        }
        context = {"include": [[selector] for selector in within]}
        results = Axe().run(page, context=context, options=options)
    assert results.violations_count == 0, describe(results)


def change(page, talk):
    page.goto(reverse("admin:summaries_talk_change", args=[talk.pk]))


def save(page):
    page.get_by_role("button", name="保存して編集を続ける").click()
    page.wait_for_load_state()


def reader_status(talk):
    return Client().get(talk.get_absolute_url()).status_code


def test_submit_approve_and_see_it_live_then_send_back(people):
    editor, approver = people
    talk = make_talk("決裁を待つ講演", status=Talk.Status.DRAFT)
    change(editor, talk)
    editor.get_by_label("状態").select_option("published")
    save(editor)
    assert "下書きとして保存し、公開をレビューに申請しました。" in editor.content()
    assert editor.locator(".review-notice .publication--pending").inner_text() == (
        "レビュー待ち"
    )
    no_violations(editor, ".review-notice")
    assert reader_status(talk) == 404

    approver.goto(reverse("admin:summaries_talk_changelist"))
    approver.get_by_role("link", name="レビュー待ち").first.click()
    approver.wait_for_load_state()
    assert "決裁を待つ講演" in approver.content()
    no_violations(approver, "#result_list")
    errors = []
    approver.on("pageerror", lambda error: errors.append(error))
    approver.goto(reverse("admin:summaries_talk_review", args=[talk.pk]))
    approver.wait_for_load_state("load")
    # The admin's date and time shortcuts run (they need its translations).
    assert approver.locator(".datetimeshortcuts").count() >= 1
    assert errors == []
    no_violations(approver, "#content-main")
    approver.get_by_label("コメント").fill("確認しました")
    approver.get_by_role("button", name="承認する").click()
    approver.wait_for_load_state()
    assert "承認しました。" in approver.content()
    assert reader_status(talk) == 200

    second = make_talk("差し戻される講演", status=Talk.Status.DRAFT)
    change(editor, second)
    editor.get_by_label("状態").select_option("published")
    save(editor)
    approver.goto(reverse("admin:summaries_talk_review", args=[second.pk]))
    approver.get_by_role("button", name="差し戻す").click()
    approver.wait_for_load_state()
    assert "差し戻すときは、直してほしい点をコメントに書いてください。" in (
        approver.locator(".errornote").inner_text()
    )
    no_violations(approver, "#content-main")
    approver.get_by_label("コメント").fill("要点を3つ以上にしてください")
    approver.get_by_role("button", name="差し戻す").click()
    approver.wait_for_load_state()
    change(editor, second)
    assert "差し戻されています。" in editor.content()
    editor.get_by_role("link", name="レビュー画面").click()
    editor.wait_for_load_state()
    assert "要点を3つ以上にしてください" in editor.content()
    no_violations(editor, "#content-main")
    assert reader_status(second) == 404


def test_a_pending_change_to_a_live_talk_and_who_else_is_editing(people):
    editor, approver = people
    talk = make_talk("公開中の講演", tldr="今の要約。")
    change(editor, talk)
    change(approver, talk)
    # Each sees the other within a few polls, before saving.
    notice = editor.locator("#presence")
    notice.get_by_text(
        "approverさんもこの講演を編集画面で開いています", exact=False
    ).wait_for(timeout=15_000)
    approver.locator("#presence").get_by_text(
        "editorさんもこの講演を編集画面で開いています", exact=False
    ).wait_for(timeout=15_000)
    no_violations(editor, ".review-notice", "#presence")

    editor.get_by_label("要約（TL;DR）").fill("承認を待つ新しい要約。")
    save(editor)
    assert "変更をレビューに提出しました。" in editor.content()
    # The approver's open form learns of the submission.
    approver.locator("#presence").get_by_text(
        "変更をレビューに提出しました", exact=False
    ).wait_for(timeout=15_000)
    assert "今の要約。" in Client().get(talk.get_absolute_url()).content.decode()
    editor.goto(talk.get_absolute_url())
    banner = editor.locator(".preview-banner")
    assert "レビュー待ちの変更のプレビュー" in banner.inner_text()
    assert "承認を待つ新しい要約。" in editor.content()
    no_violations(editor)

    approver.goto(reverse("admin:summaries_talk_review", args=[talk.pk]))
    assert "承認を待つ新しい要約。" in approver.content()
    approver.get_by_role("button", name="承認する").click()
    approver.wait_for_load_state()
    page = Client().get(talk.get_absolute_url()).content.decode()
    assert "承認を待つ新しい要約。" in page


def test_expiry(people):
    editor, approver = people
    talk = make_talk("期限のある講演")
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    change(approver, talk)
    approver.locator("#id_expires_at_0").fill(tomorrow.strftime("%Y-%m-%d"))
    approver.locator("#id_expires_at_1").fill(tomorrow.strftime("%H:%M:%S"))
    save(approver)
    talk.refresh_from_db()
    assert talk.expires_at is not None
    assert reader_status(talk) == 200
    # The moment passes (moved back here rather than waited for): no job runs.
    Talk.objects.filter(pk=talk.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert reader_status(talk) == 404
    editor.goto(reverse("admin:summaries_talk_changelist"))
    assert editor.locator(".publication--expired").first.inner_text() == "公開終了"
    no_violations(editor, "#result_list")
    editor.goto(talk.get_absolute_url())
    assert "公開を終了した講演です。" in editor.locator(".preview-banner").inner_text()
    no_violations(editor)


@pytest.mark.django_db
def test_the_review_pages_are_valid_html(client, django_user_model, tmp_path):
    from . import tools
    from .html_checker import check_files

    tools.need_vnu()
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="編集者"))
    client.force_login(editor)
    talk = make_talk("講演", takeaways=1)
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    submit(client, client.get(url), {"tldr": "新しい要約。"})
    client.post(
        reverse("admin:summaries_talk_review", args=[talk.pk]),
        {"action": "comment", "text": "確認をお願いします"},
    )
    pages = {
        "review": reverse("admin:summaries_talk_review", args=[talk.pk]),
        # The talk form's own markup is the walkthrough's (issue 15 item 8).
        "history": reverse("admin:summaries_talk_history", args=[talk.pk]),
        "preview": talk.get_absolute_url(),
    }
    files = {}
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[str(file)] = name
    errors = check_files(list(files))
    found = [f"{files[f]}: {m}" for f, messages in errors.items() for m in messages]
    assert found == [], "\n".join(found)
