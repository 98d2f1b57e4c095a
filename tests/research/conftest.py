"""A course in the middle of Guangdong's school-based research flow (seed 003), built once for
the package; a test that changes it works on a copy.

数学组: leader L1, teachers T1 and T2. 语文组: leader L2, teacher T3. Administrator A1.
T1 chose A1 and B2 in the personal plan, T2 chose A1, T3 chose C1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import file_bytes, roster, workshop
from toolkit.course import init_course
from toolkit.plan.rules import PLAN_ASSIGNMENT, PLAN_KEY
from toolkit.research.commands import ResearchDesk

PEOPLE = [
    "A1,管理员甲,一中,,管理员",
    "L1,组长乙,一中,数学,坊主",
    "T1,教师丙,一中,数学,教师",
    "T2,教师丁,一中,数学,教师",
    "L2,组长戊,一中,语文,坊主",
    "T3,教师己,一中,语文,教师",
]
CHOSEN = {"T1": ["A1", "B2"], "T2": ["A1"], "T3": ["C1"]}


def research(course: Path, *args: str) -> str:
    result = workshop("research", str(course), *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="package")
def flow_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("research")
    people = roster(base / "名单.csv", PEOPLE)
    # The roster's 教研组 column names each teacher's group.
    text = (base / "名单.csv").read_text(encoding="utf-8").splitlines()
    groups = {"L1": "数学组", "T1": "数学组", "T2": "数学组", "L2": "语文组", "T3": "语文组"}
    rows = [text[0] + ",教研组"] + [line + "," + groups.get(line.split(",")[0], "") for line in text[1:]]
    (base / "名单.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    root = base / "course"
    init_course(root, roster=people, scheme="guangdong-2021")
    for teacher, points in CHOSEN.items():  # plans as the autograder leaves them
        folder = root / "autograded" / teacher / PLAN_ASSIGNMENT
        folder.mkdir(parents=True)
        answers = {"answers": {PLAN_KEY: {"environment": "C", "points": {p: {} for p in points}}}}
        (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    for name in ("计划.docx", "照片1.jpg", "评课表.xlsx", "提升计划.docx", "总结.docx"):
        (base / name).write_bytes(file_bytes(name))
    run_flow(root)
    return root


def files(course: Path) -> Path:
    return course.parent


def step(course: Path, action: str, *args: object, **kwargs: object) -> str:
    """One step in process, through a desk that reads the course afresh (as each command does)."""
    return getattr(ResearchDesk(course), action)(*args, **kwargs)


def run_flow(course: Path) -> None:
    """Every step up to (not including) the school's acceptance, in process (the calls the command
    and the page make); the command itself is driven in the acceptance test below."""
    here = files(course)
    step(course, "set_theme", "信息技术支持的课堂互动", by="A1")
    step(course, "form_group", "数学组", leader="L1", by="A1")
    step(course, "form_group", "语文组", leader="L2", by="A1")
    step(course, "upload_group_plan", "数学组", here / "计划.docx", by="L1")
    step(course, "confirm_plan", "数学组", by="A1")
    step(course, "upload_group_plan", "语文组", here / "计划.docx", by="L2")  # never confirmed
    step(course, "open_topic", "数学组", "互动课堂", by="L1")  # T1
    step(course, "open_topic", "语文组", "阅读课", by="L2")  # T2
    # 数学组: a seminar (2), an assignment (5), an observation (5) and a 10-hour offline activity.
    step(course, "add_activity", "T1", "教学研讨", "互动工具怎么用", by="L1")  # A1
    step(course, "add_activity", "T1", "研修作业", "教学反思", by="L1")  # A2
    step(course, "add_activity", "T1", "听课评课", "公开课", by="L1")  # A3
    research(
        course,
        "activity",
        "T1",
        "线下活动",
        "集体备课",
        "--hours",
        "10",
        "--participants",
        "T1",
        "T2",
        "--by",
        "L1",
    )  # A4
    step(course, "add_activity", "T2", "线下活动", "同课异构", hours=8, participants=["T3"], by="L2")  # A5
    for activity in ("A1", "A2", "A3"):
        step(course, "complete", activity, teacher="T1")
    step(course, "complete", "A2", teacher="T2")
    step(course, "add_evidence", "A4", [here / "照片1.jpg", here / "评课表.xlsx"], by="L1")
    for teacher in ("T1", "T2", "T3"):
        step(course, "improvement_plan", teacher, here / "提升计划.docx")
    step(course, "point_summary", "T1", "A1", here / "总结.docx")  # T1 lacks B2's summary
    step(course, "point_summary", "T2", "A1", here / "总结.docx")
