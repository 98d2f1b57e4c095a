"""The teacher's assignment pages, headless: what is missing, submitting through nbgrader's
real exchange as the teacher, the confirmation, and the titles teachers read."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import nbgrader, roster
from toolkit.course import init_course
from toolkit.course.nbgrader_batch import run_nbgrader_steps
from toolkit.resources import content_dir
from toolkit.submission import SubmitPanel, assignment_title, exchange, missing_items


def test_titles_are_chinese() -> None:
    assert assignment_title("self_test") == "自测诊断"
    assert assignment_title("personal_plan") == "个人研修计划"
    assert assignment_title("task_A1") == "A1 技术支持的学情分析 · 能力点证据"
    assert assignment_title("homework_7") == "homework_7"


def test_missing_items_count_what_a_teacher_still_has_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "self_test"
    shutil.copytree(content_dir("assignments") / "self_test", folder)
    answers = {"format": 1, "answers": {"q01": "B", "q02": ["A"], "q03": ""}}
    (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    missing = missing_items(folder, "self_test")
    assert len(missing) == 46 and missing[0] == "第 3 题未作答"
    plan = tmp_path / "personal_plan"
    shutil.copytree(content_dir("assignments") / "personal_plan", plan)
    assert missing_items(plan, "personal_plan") == ["计划还没有填写"]
    task = tmp_path / "task_A1"
    shutil.copytree(content_dir("assignments") / "task_A1", task)
    assert [m.split("（")[0] for m in missing_items(task, "task_A1")] == [
        "证据不全：学情分析方案",
        "证据不全：学情分析报告",
    ]


@pytest.mark.slow
def test_the_panel_submits_through_nbgraders_exchange(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The trainer's side in process (the commands have tests of their own): one nbgrader child.
    course = tmp_path / "course"
    init_course(course, roster=roster(tmp_path / "r.csv", ["T1,甲,一中,数学,教师"]))
    run_nbgrader_steps(course, [("generate_assignment", "self_test"), ("release_assignment", "self_test")])
    # The teacher's side, configured as the hub configures every teacher's server.
    settings = tmp_path / "teacher-config"
    settings.mkdir()
    (settings / "nbgrader_config.py").write_text(
        "import os\nc = get_config()\n"
        f"c.CourseDirectory.course_id = 'course'\nc.Exchange.root = {str(course / 'exchange')!r}\n"
        "c.CourseDirectory.student_id = os.environ['WORKSHOP_TEACHER_ID']\n",
        encoding="utf-8",
    )
    workspace = tmp_path / "home"
    workspace.mkdir()
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(settings))
    monkeypatch.setenv(exchange.WORKSPACE_ENV, str(workspace))
    monkeypatch.setenv("HOME", str(workspace))  # nbgrader keeps its record of submissions there
    monkeypatch.setenv(exchange.TEACHER_ENV, "T1")
    monkeypatch.setenv("TZ", "Asia/Shanghai")

    assert exchange.released() == ["self_test"]
    exchange.fetch("self_test")
    panel = SubmitPanel("self_test", folder=workspace / "self_test")
    assert panel.status.value == "尚未提交。"
    panel.check_button.click()
    assert "还有 48 项未完成" in panel.message.value
    panel.submit_button.click()  # with items missing it asks first
    assert panel.confirm_row.layout.display == "flex" and "确定现在提交吗" in panel.message.value
    panel.cancel_button.click()
    assert panel.confirm_row.layout.display == "none" and exchange.submissions() == []
    panel.submit_button.click()
    panel.confirm_button.click()
    assert re.search(r"已提交（\d{4}-\d\d-\d\d \d\d:\d\d）", panel.message.value), panel.message.value
    assert [s.assignment for s in exchange.submissions()] == ["self_test"]
    assert nbgrader(course, "collect", "self_test").returncode == 0
    assert (course / "submitted" / "T1" / "self_test" / "self_test.ipynb").is_file()
    panel.feedback_button.click()
    assert "还没有反馈" in panel.feedback.value
