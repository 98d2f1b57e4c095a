"""A teacher's whole round through a real hub, in a real headless Chromium.

First login (choosing a password), the home page with the released self-test, the
self-test page without a line of Python, two answers by clicking, 提交前检查 counting
what is missing, 提交作业 with a Chinese confirmation; then the trainer collects,
grades with ``workshop grade`` and returns feedback, and the teacher opens it from
the same page. Screenshots go to ``SCREENSHOTS``.
"""

from __future__ import annotations

import json
import re
import subprocess
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from tests.conftest import nbgrader, workshop
from tests.hub.conftest import PASSWORD, TEACHERS, Hub, shot
from toolkit.hub.accounts import system_name
from toolkit.hub.limits import memory_limit_of

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.hub]

TEACHER = TEACHERS[0]
# What a notebook's source would show if any of it reached the page.
CODE_MARKS = ("SingleChoice(", "SubmitPanel(", "AssignmentBoard(", "import ", "score_single", "HIDDEN TESTS")


def log_in(browser: Browser, hub: Hub, teacher_id: str, *, going_to: str = "") -> tuple[BrowserContext, Page]:
    """Log in through the hub's own login page; returns on the teacher's home page, or on
    ``going_to`` (a path under the hub, as a bookmark to 我的校本研修 leads there through the
    login: no server of their own is started for it)."""
    context = browser.new_context(viewport={"width": 1200, "height": 1400}, locale="zh-CN")
    page = context.new_page()
    after = f"?next={quote(going_to)}" if going_to else ""
    page.goto(hub.url + "hub/login" + after, wait_until="domcontentloaded")
    page.fill("#username_input", teacher_id.lower())  # typed in any case, it is the roster's ID
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    if going_to:
        page.wait_for_url(hub.url.rstrip("/") + going_to + "**", timeout=180_000)
    else:
        page.wait_for_url(re.compile(r".*/voila/render/.*home\.ipynb"), timeout=180_000)
    return context, page


def assert_no_code(page: Page) -> str:
    text = page.inner_text("body")
    for mark in CODE_MARKS:
        assert mark not in text, f"the page shows source code ({mark!r})"
    assert "Traceback" not in text
    return text


def _wait_or_explain(page: Page, hub: Hub, selector: str, name: str, timeout: int = 240_000) -> None:
    """Wait for ``selector``; if it never comes, fail with a screenshot and what the servers said."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(selector, timeout=timeout)
    except PlaywrightTimeout:
        picture = shot(page, name)
        log = (hub.course / "hub" / "hub.log").read_text(encoding="utf-8", errors="replace")
        processes = subprocess.run(
            ["ps", "-eo", "user,pid,pcpu,rss,etime,args"], capture_output=True, text=True
        )
        mine = [line[:200] for line in processes.stdout.splitlines() if "ws-" in line.split(" ")[0]]
        pytest.fail(
            f"{selector} did not appear (screenshot {picture}).\nhub log tail:\n{log[-6000:]}\n"
            + "teachers' processes:\n"
            + "\n".join(mine)
        )


def test_teacher_logs_in_answers_submits_and_reads_feedback(hub: Hub, browser: Browser) -> None:
    context, page = log_in(browser, hub, TEACHER)
    home = hub.homes / system_name(TEACHER)
    assert (home / "研修课程" / "home.ipynb").is_file() and oct(home.stat().st_mode & 0o777) == "0o700"
    # The teacher's server runs as their own system user, inside a 2 GiB memory limit.
    found = subprocess.run(
        ["pgrep", "-u", system_name(TEACHER), "-f", "jupyterhub-singleuser"], capture_output=True, text=True
    )
    server = int(found.stdout.split()[0])
    assert memory_limit_of(server) == 2 * 1024**3

    # The home page fetched the released self-test and lists it by its Chinese title.
    page.wait_for_selector(".workshop-assignment-table a", timeout=180_000)
    text = assert_no_code(page)
    assert "我的作业" in text and "自测诊断" in text and "未提交" in text
    assert "self_test" not in text and "Assignments" not in text and "Run All" not in text
    shot(page, "1-home")
    assert (home / "self_test" / "self_test.ipynb").is_file()

    page.click(".workshop-assignment-table a:has-text('自测诊断')")
    page.wait_for_selector(".workshop-submit", timeout=240_000)
    text = assert_no_code(page)
    assert "Q01" in text and "检查与提交" in text and "Assignments" not in text

    page.get_by_text("B. 课前用在线问卷推送", exact=False).first.click()
    page.get_by_text("A. 学生已有的知识与技能基础", exact=False).first.click()
    answers = home / "self_test" / "answers.json"
    page.wait_for_function("() => true", timeout=1000)
    for _ in range(50):
        saved = json.loads(answers.read_text(encoding="utf-8"))["answers"] if answers.exists() else {}
        if saved.get("q01") and saved.get("q02"):
            break
        page.wait_for_timeout(200)
    assert saved["q01"] == "B" and saved["q02"] == ["A"]

    page.click(".workshop-submit button:has-text('提交前检查')")
    page.wait_for_selector(".workshop-submit :text('还有 46 项未完成')", timeout=30_000)
    page.click(".workshop-submit button:has-text('提交作业')")
    page.click(".workshop-submit button:has-text('仍然提交')", timeout=30_000)
    page.wait_for_selector(".workshop-submit :text('已提交（')", timeout=120_000)
    confirmation = page.inner_text(".workshop-submit")
    assert re.search(r"已提交（\d{4}-\d\d-\d\d \d\d:\d\d）", confirmation), confirmation
    assert "UTC" not in confirmation
    shot(page, "2-self-test-submitted")

    # The trainer's side, as a trainer runs it in the course folder.
    collected = nbgrader(hub.course, "collect", "self_test")
    assert collected.returncode == 0, collected.stderr
    submitted = hub.course / "submitted" / TEACHER / "self_test" / "answers.json"
    assert json.loads(submitted.read_text(encoding="utf-8"))["answers"]["q01"] == "B"
    graded = workshop("grade", str(hub.course), "self_test", "--workers", "1")
    assert graded.returncode == 0, graded.stderr
    for step in ("generate_feedback", "release_feedback"):
        done = nbgrader(hub.course, step, "self_test")
        assert done.returncode == 0, done.stdout + done.stderr

    page.reload(wait_until="domcontentloaded")
    _wait_or_explain(page, hub, ".workshop-submit", "6-self-test-after-feedback")
    assert "最近一次提交：" in page.inner_text(".workshop-submit")
    page.click(".workshop-submit button:has-text('查看反馈')")
    link = page.wait_for_selector(".workshop-feedback-links a", timeout=120_000)
    assert "打开反馈" in link.inner_text()
    with context.expect_page() as opened:
        link.click()
    feedback = opened.value
    feedback.wait_for_load_state()
    feedback_text = feedback.inner_text("body")
    assert "自测诊断" in feedback_text and "Q01" in feedback_text
    shot(feedback, "3-feedback")
    context.close()
