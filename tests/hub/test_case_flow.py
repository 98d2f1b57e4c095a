"""A group's typical case through a real hub, in Chromium: one teacher submits it with its members,
a colleague confirms taking part from their own account, the grader sees both; and the
case-writing page opens from the home page without a line of code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.case.build import PDF, mp4
from tests.conftest import nbgrader, workshop
from tests.hub.conftest import TEACHERS, Hub, shot
from tests.hub.test_teacher_flow import _wait_or_explain, assert_no_code, log_in
from toolkit.desk import GradingDesk

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.hub]

# Not TEACHERS[2]: the archiving test takes that one off the roster.
SUBMITTER, COLLEAGUE = TEACHERS[1], TEACHERS[3]


def _open_typical_case(page: Page, hub: Hub, name: str) -> None:
    page.wait_for_selector(".workshop-assignment-table a:has-text('教研组典型案例')", timeout=180_000)
    page.click(".workshop-assignment-table a:has-text('教研组典型案例')")
    _wait_or_explain(page, hub, ".workshop-participation", name)
    text = assert_no_code(page)
    assert "ParticipationPanel" not in text and "EvidenceBoard" not in text


def _upload(page: Page, item: str, file: Path) -> None:
    box = page.locator(f".workshop-evidence-{item}")
    with page.expect_file_chooser() as chooser:
        box.locator(".widget-upload").click()
    chooser.value.set_files(str(file))
    box.get_by_role("button", name="上传到本项").click()
    page.wait_for_function(
        "([selector, name]) => (document.querySelector(selector)?.innerText || '').includes('✓ ' + name)",
        arg=[f".workshop-evidence-{item}", file.name],
        timeout=60_000,
    )


def _submit(page: Page) -> None:
    page.click(".workshop-submit button:has-text('提交作业')")
    page.wait_for_selector(".workshop-submit :text('已提交（')", timeout=120_000)


def test_a_typical_case_submitted_and_confirmed_through_the_hub(
    hub: Hub, browser: Browser, tmp_path: Path
) -> None:
    for step in ("generate_assignment", "release_assignment"):
        done = nbgrader(hub.course, step, "typical_case")
        assert done.returncode == 0, done.stdout + done.stderr
    files = {"design": tmp_path / "集体备课教学设计.pdf", "lesson_video": tmp_path / "课堂实录.mp4",
             "reflection": tmp_path / "教学反思.pdf"}  # fmt: skip
    files["design"].write_bytes(PDF)
    files["lesson_video"].write_bytes(mp4(30))
    files["reflection"].write_bytes(PDF)

    context, page = log_in(browser, hub, SUBMITTER)
    _open_typical_case(page, hub, "case-1-open")
    page.locator(".participation-role label", has_text="提交本组案例").click()
    page.locator(".participation-members textarea").fill(f"{SUBMITTER}\n{COLLEAGUE.lower()}")
    for item, file in files.items():
        _upload(page, item, file)
    page.wait_for_selector(".workshop-participation :text('参与情况已填写完整')", timeout=60_000)
    _submit(page)
    shot(page, "case-2-submitted")
    context.close()

    context, page = log_in(browser, hub, COLLEAGUE)
    # The case-writing page opens from the home page, as a page, not as code.
    page.click("a:has-text('研修案例撰写')")
    _wait_or_explain(page, hub, ".workshop-case-writer", "case-3-writer")
    text = assert_no_code(page)
    assert "案例信息表" in text and "CaseWriter" not in text
    shot(page, "case-3-writer")
    page.go_back(wait_until="domcontentloaded")
    _open_typical_case(page, hub, "case-4-open")
    page.locator(".participation-role label", has_text="确认参与本组案例").click()
    page.locator(".participation-submitter input").fill(SUBMITTER)
    page.locator(".participation-contribution textarea").fill("参与集体备课，整理课堂实录")
    page.wait_for_selector(".workshop-participation :text('参与情况已填写完整')", timeout=60_000)
    _submit(page)
    shot(page, "case-5-confirmed")
    context.close()

    collected = nbgrader(hub.course, "collect", "typical_case")
    assert collected.returncode == 0, collected.stderr
    graded = workshop("grade", str(hub.course), "typical_case", "--workers", "1")
    assert graded.returncode == 0, graded.stderr
    desk = GradingDesk(hub.course, grader="test")
    assert desk.submissions("typical_case")["teacher_id"].tolist() == [
        SUBMITTER
    ]  # the confirmation is no case
    (note,) = desk.submission("typical_case", SUBMITTER).notes
    assert re.fullmatch(rf"参与成员（✓ 已确认）：{SUBMITTER} ✓、{COLLEAGUE} ✓；未确认 0 人", note), note
