"""Who may open what on the hub: teachers only their own things, graders the course's tools.

Each request is made from a logged-in browser session (the hub's cookies, its OAuth
redirects), as a person would click or type the address.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import pytest

from tests.conftest import roster, workshop
from tests.hub.conftest import GRADER, PASSWORD, TEACHERS, Hub, people, shot
from tests.hub.test_teacher_flow import log_in
from toolkit.hub.accounts import system_name
from toolkit.hub.settings import DASHBOARDS_FOLDER, PORTRAIT_SERVICE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.hub]


def status(context: BrowserContext, url: str) -> tuple[int, str]:
    response = context.request.get(url, timeout=120_000)
    return response.status, response.text()


def course_pages(hub: Hub) -> dict[str, str]:
    service = f"{hub.url}services/{hub.layout.course_service}/"
    return {
        "formgrader": service + "formgrader",
        "cohort": service + f"voila/render/{DASHBOARDS_FOLDER}/cohort.ipynb",
        "desk": service + f"voila/render/{DASHBOARDS_FOLDER}/desk.ipynb",
        "research": service + f"voila/render/{DASHBOARDS_FOLDER}/research.ipynb",
    }


def test_a_teacher_reaches_only_their_own_things(hub: Hub, browser: Browser) -> None:
    other_context, _ = log_in(browser, hub, TEACHERS[1])  # the other teacher has a running server
    context, page = log_in(browser, hub, TEACHERS[0])

    response = page.goto(f"{hub.url}user/{TEACHERS[1]}/", wait_until="domcontentloaded")
    assert response is not None and response.status == 403
    assert "研修导航" not in page.inner_text("body")
    assert status(context, f"{hub.url}user/{TEACHERS[1]}/api/contents")[0] == 403
    code, text = status(context, f"{hub.url}services/{PORTRAIT_SERVICE}/")
    assert code == 200 and "教师画像" in text and "教师1" in text
    assert status(context, f"{hub.url}services/{PORTRAIT_SERVICE}/{TEACHERS[1]}")[0] == 403
    for name, url in course_pages(hub).items():
        assert status(context, url)[0] == 403, name
    # nbgrader's instructor tools are switched off in the teacher's own server too.
    assert status(context, f"{hub.url}user/{TEACHERS[0]}/formgrader")[0] == 404
    # No grader link in the hub's own pages either.
    page.goto(f"{hub.url}hub/home")
    assert page.locator("#workshop-grading-link").count() == 0
    # What the teacher's own system user can do on the machine (a terminal, a kernel):
    # not read another teacher's work, the gradebook or hidden tests, nor list submissions.
    other_home = hub.homes / system_name(TEACHERS[1])
    assert other_home.stat().st_mode & 0o077 == 0
    inbound = hub.course / "exchange" / hub.layout.course_id / "inbound"
    for command in (
        ["cat", str(other_home / "研修课程" / "home.ipynb")],
        ["touch", str(other_home / "planted.txt")],
        ["cat", str(hub.course / "gradebook.db")],
        ["ls", str(hub.course / "source" / "self_test")],
        ["ls", str(inbound)],
    ):
        as_teacher = ["runuser", "-u", system_name(TEACHERS[0]), "--", *command]
        done = subprocess.run(as_teacher, capture_output=True)
        assert done.returncode != 0 and b"Permission denied" in done.stderr, command
    context.close()
    other_context.close()


def test_a_grader_reaches_the_course_tools(hub: Hub, browser: Browser) -> None:
    teacher_context, _ = log_in(browser, hub, TEACHERS[1])
    # The grader comes for the course tools: their own server is not started for that.
    context, page = log_in(browser, hub, GRADER, going_to=f"/services/{PORTRAIT_SERVICE}/{TEACHERS[1]}")

    code, text = status(context, f"{hub.url}services/{PORTRAIT_SERVICE}/{TEACHERS[1]}")
    assert code == 200 and "教师2" in text
    # A teacher's own server stays theirs: a grader sees their work as submissions and portraits.
    response = page.goto(f"{hub.url}user/{TEACHERS[1]}/", wait_until="domcontentloaded")
    assert response is not None and response.status == 403
    pages = course_pages(hub)
    code, text = status(context, pages["formgrader"])
    assert code == 200 and "formgrader" in text.lower()
    page.goto(pages["cohort"], wait_until="domcontentloaded")
    page.wait_for_selector(".workshop-cohort", timeout=180_000)
    assert "研修坊总览" in page.inner_text("body")
    shot(page, "4-grader-cohort")
    page.goto(pages["desk"], wait_until="domcontentloaded")
    # This course has released no rubric-graded assignment yet, and the desk says so.
    page.wait_for_function(
        "() => document.body.innerText.includes('没有需要量规评分的作业')", timeout=180_000
    )
    # The research page acts for the logged-in grader, whose ID the page shows and does not let change.
    page.goto(pages["research"], wait_until="domcontentloaded")
    page.wait_for_selector(".workshop-research .workshop-research-groups", timeout=180_000)
    actor = page.locator(".workshop-research .widget-dropdown select").first
    assert actor.input_value().startswith(f"{GRADER} ") and actor.is_disabled()
    assert "教研组（组长）" in page.inner_text(".workshop-research")
    shot(page, "5-grader-research")
    page.goto(f"{hub.url}hub/home")
    assert page.locator("#workshop-grading-link").count() == 1
    context.close()
    teacher_context.close()


def test_jupyterlab_speaks_chinese_without_grader_tools(hub: Hub, browser: Browser) -> None:
    context, page = log_in(browser, hub, TEACHERS[0], going_to=f"/user/{TEACHERS[0]}/lab")
    page.wait_for_selector("#jp-menu-panel, .lm-MenuBar", timeout=180_000)
    page.wait_for_timeout(3000)  # a news prompt, if any, appears shortly after start
    menus = page.inner_text(".lm-MenuBar")
    assert "文件" in menus and "编辑" in menus and "File" not in menus
    body = page.inner_text("body")
    assert "news" not in body.lower() and "新闻" not in body
    assert "Formgrader" not in menus and "Create Assignment" not in body
    shot(page, "5-jupyterlab")
    context.close()


def test_an_archived_teacher_can_no_longer_log_in_and_keeps_their_work(hub: Hub, browser: Browser) -> None:
    leaving = TEACHERS[2]
    context, _ = log_in(browser, hub, leaving)
    context.close()
    home = hub.homes / system_name(leaving)
    assert (home / "self_test").is_dir()

    # Everyone else stays on the roster: other tests of this hub go on using their accounts.
    stays = roster(hub.course.parent / "r2.csv", people(leaving=leaving))
    result = workshop("init", str(hub.course), "--roster", str(stays))
    assert result.returncode == 0, result.stderr

    context = browser.new_context()
    page = context.new_page()
    page.goto(hub.url + "hub/login")
    page.fill("#username_input", leaving)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_selector(".login_error", timeout=60_000)
    assert "工号或密码不正确" in page.inner_text(".login_error")
    assert (home / "self_test" / "self_test.ipynb").is_file()
    context.close()
