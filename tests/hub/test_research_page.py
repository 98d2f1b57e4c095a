"""The research flow through the real hub, each person logged in as themselves: on 我的校本研修 a
teacher joins an activity, hands in their improvement plan and a point summary, and is told
plainly when a file is refused; every step lands in the course's log as theirs. The leader then
uploads an offline activity's evidence on the course service's research page, and the teacher's
hours count it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.conftest import file_bytes, workshop
from tests.hub.conftest import ADMIN, GRADER, TEACHERS, Hub, shot
from tests.hub.test_teacher_flow import assert_no_code, log_in
from toolkit.course import load_course
from toolkit.course.research_store import read_events
from toolkit.hub.settings import DASHBOARDS_FOLDER, PORTRAIT_SERVICE
from toolkit.plan.rules import PLAN_ASSIGNMENT, PLAN_KEY

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.hub]


def research(hub: Hub, *args: str) -> None:
    """A step the administrator or the leader takes at the server's terminal."""
    done = workshop("research", str(hub.course), *args)
    assert done.returncode == 0, done.stderr


def submit(page: Page, row: str, button: str) -> str:
    page.locator(row).get_by_role("button", name=button).click()
    page.wait_for_selector("#mine-message")
    return page.inner_text("#mine-message")


def test_a_teacher_takes_their_own_steps_of_the_research_flow(
    hub: Hub, browser: Browser, tmp_path: Path
) -> None:
    teacher = TEACHERS[0]
    research(hub, "theme", "信息技术支持的课堂互动", "--by", ADMIN)
    research(hub, "group", "数学组", "--leader", GRADER, "--members", teacher, TEACHERS[1], "--by", ADMIN)
    research(hub, "topic", "数学组", "互动课堂", "--by", GRADER)
    research(hub, "activity", "T1", "研修作业", "课堂互动反思", "--by", GRADER)
    research(
        hub,
        "activity",
        "T1",
        "线下活动",
        "集体备课",
        "--hours",
        "4",
        "--participants",
        teacher,
        "--by",
        GRADER,
    )
    # The teacher's personal plan, as the autograder leaves it, chose A1 and B2.
    plan = hub.course / "autograded" / teacher / PLAN_ASSIGNMENT / "answers.json"
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.write_text(json.dumps({"answers": {PLAN_KEY: {"points": {"A1": {}, "B2": {}}}}}), encoding="utf-8")

    # A teacher's bookmark to the page leads through the login straight to it.
    context, page = log_in(browser, hub, teacher, going_to=f"/services/{PORTRAIT_SERVICE}/research")
    text = assert_no_code(page)
    assert page.get_attribute("text=我的画像", "href") == "/services/portrait/"
    assert "我的校本研修 · 教师1" in text and "教研组：数学组（组长 王坊主）" in text
    assert "校本研修学时：0 / 25" in text and "线下参加，组长上传佐证后计学时" in text

    assert "教师1 完成 课堂互动反思" in submit(page, "tr[data-activity='A1']", "我已完成")
    assert "✓ 已完成" in page.inner_text("tr[data-activity='A1']")
    assert "校本研修学时：5 / 25" in page.inner_text("#mine-hours")

    files = {name: tmp_path / name for name in ("提升计划.docx", "A1总结.pdf")}
    for name, path in files.items():
        path.write_bytes(file_bytes(name))
    # Submitting with no file chosen says so; choosing one shows its name, in Chinese throughout.
    assert "请先选择要上传的文件" in submit(page, "#mine-plan", "上传提升计划")
    assert "选择文件" in page.inner_text("#mine-plan") and "Choose" not in page.inner_text("body")
    page.set_input_files("#mine-plan input[type=file]", str(files["提升计划.docx"]))
    assert page.inner_text("#mine-plan .mine-chosen") == "提升计划.docx"
    assert "教师1 的提升计划" in submit(page, "#mine-plan", "上传提升计划")
    assert "✓ 已上传 提升计划.docx" in page.inner_text("#mine-plan")

    page.set_input_files("tr[data-point='A1'] input[type=file]", str(files["A1总结.pdf"]))
    assert "A1 提升总结" in submit(page, "tr[data-point='A1']", "上传总结")
    assert "✓ 已上传 A1总结.pdf" in page.inner_text("tr[data-point='A1']")
    assert "尚未上传" in page.inner_text("tr[data-point='B2']")

    renamed = tmp_path / "B2总结.pdf"
    renamed.write_bytes(b"MZ\x90\x00 not a pdf")
    page.set_input_files("tr[data-point='B2'] input[type=file]", str(renamed))
    refused = submit(page, "tr[data-point='B2']", "上传总结")
    assert "文件内容不是扩展名所说的 pdf 格式" in refused
    assert "mine-error" in page.get_attribute("#mine-message", "class")  # type: ignore[operator]
    shot(page, "6-teacher-research")

    # Every step is the teacher's own in the log, and the files are in the course.
    events = [e for e in read_events(load_course(hub.course).db_url) if e.actor == teacher]
    assert [e.kind for e in events] == ["completion", "improvement_plan", "summary"]
    assert (hub.course / events[-1].data["file"]).read_bytes() == file_bytes("A1总结.pdf")

    # The leader, logged in as themselves, uploads the offline activity's evidence on the
    # research page of the course service; the teacher's page then counts its 4 hours.
    research_page = f"/services/{hub.layout.course_service}/voila/render/{DASHBOARDS_FOLDER}/research.ipynb"
    leader_context, leader = log_in(browser, hub, GRADER, going_to=research_page)
    leader.wait_for_selector(".workshop-research .workshop-research-groups", timeout=180_000)
    leader.locator(".widget-dropdown:has(label:text-is('线下活动')) select").select_option(
        label="A2 集体备课"
    )
    photo = tmp_path / "集体备课.jpg"
    photo.write_bytes(file_bytes(photo.name))
    # As a person does it: the upload button opens the file chooser (its label counts the files,
    # and hovering shows its own name, not ipywidgets' "null").
    picker = leader.locator(".workshop-research button.widget-upload", has_text="上传佐证")
    assert picker.get_attribute("title") == "上传佐证"
    with leader.expect_file_chooser() as chooser:
        picker.click()
    chooser.value.set_files(str(photo))
    leader.wait_for_selector(".workshop-research button.widget-upload:has-text('上传佐证 (1)')")
    leader.get_by_role("button", name="上传佐证", exact=True).click()
    leader.wait_for_selector(".workshop-research-done", timeout=60_000)
    assert "集体备课 佐证 1 份（上传人 王坊主）" in leader.inner_text(".workshop-research")
    assert_no_code(leader)
    shot(leader, "7-leader-evidence")
    page.reload(wait_until="domcontentloaded")
    assert "✓ 组长已上传佐证" in page.inner_text("tr[data-activity='A2']")
    assert "校本研修学时：9 / 25" in page.inner_text("#mine-hours")
    leader_context.close()
    context.close()
