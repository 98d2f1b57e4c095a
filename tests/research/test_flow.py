"""Guangdong's school-based research flow (seed 003) end to end through ``workshop research``,
with every figure worked out by hand.

数学组: leader L1, teachers T1 and T2. 语文组: leader L2, teacher T3. Administrator A1.
T1 chose A1 and B2 in the personal plan, T2 chose A1, T3 chose C1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import file_bytes, roster, workshop
from tests.research.conftest import files, research, step
from toolkit.course import init_course, load_course
from toolkit.course.research_store import FILES_FOLDER, read_events
from toolkit.errors import InputError
from toolkit.research.commands import ResearchDesk


def refused(course: Path, *args: str) -> str:
    result = workshop("research", str(course), *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture
def course(flow_course: Path) -> Path:
    """The shared course, for tests that only read it."""
    return flow_course


def test_each_group_and_teacher_shows_what_is_done_and_missing(course: Path) -> None:
    status = ResearchDesk(course).status()
    groups = status.groups.set_index("教研组")
    assert groups.loc["数学组", "研修计划"] == "✓" and groups.loc["数学组", "学校确认"] == "✓"
    assert groups.loc["语文组", "学校确认"] == "✗"
    assert "研修计划未经学校确认" in groups.loc["语文组", "尚缺"]
    assert "线下活动待组长上传佐证：同课异构" in groups.loc["语文组", "尚缺"]
    assert groups.loc["数学组", "能力点总结齐全"] == "2 / 3"  # L1 chose no points; T1 lacks B2
    assert "教师丙 缺能力点总结" in groups.loc["数学组", "尚缺"]
    teachers = status.teachers.set_index("工号")
    assert teachers.loc["T1", "缺少总结"] == "B2" and teachers.loc["T1", "已交总结"] == "A1"
    assert teachers.loc["T2", "缺少总结"] == "—"
    # Hours by hand: T1 2 + 5 + 5 + 10 = 22; T2 5 + 10 = 15; T3's offline 8 has no evidence yet: 0.
    earned = [teachers.loc[teacher, "已得学时"] for teacher in ("T1", "T2", "T3")]
    assert earned == [22.0, 15.0, 0.0]
    # Before the school's acceptance nothing is registered.
    assert set(teachers["登记学时"]) == {"待整校验收"}
    assert not status.accepted

    # The evidence files are in the course, with the uploader on record.
    evidence = ResearchDesk(course).state.activities["A4"].evidence
    assert [(Path(e.file).name, e.by) for e in evidence] == [("照片1.jpg", "L1"), ("评课表.xlsx", "L1")]
    assert (course / evidence[0].file).read_bytes() == file_bytes("照片1.jpg")
    assert (course / FILES_FOLDER).is_dir()


def test_hours_are_registered_after_the_school_accepts(course: Path, tmp_path: Path) -> None:
    here = files(course)
    course = Path(shutil.copytree(course, tmp_path / "course"))
    # Through the command as a trainer types it: 语文组's evidence arrives, then the acceptance.
    research(course, "evidence", "A5", str(here / "照片1.jpg"), "--by", "L2")
    research(course, "accept", "--by", "A1")
    after = ResearchDesk(course).status().teachers.set_index("工号")
    # T3's 8-hour offline activity now has its evidence: 22 / 15 / 8.
    assert (after.loc["T1", "登记学时"], after.loc["T2", "登记学时"], after.loc["T3", "登记学时"]) == (
        22.0,
        15.0,
        8.0,
    )

    # The status command prints the same, and writes a printable workbook.
    printed = research(course, "status")
    assert "整校验收：已通过（A1" in printed and "T3,教师己,语文组,✓,C1,—,C1,8.0,8.0,缺 C1 总结" in printed
    assert "待组长上传佐证" not in printed
    out = files(course) / "校本研修完成情况.xlsx"
    research(course, "status", "--out", str(out))
    book = load_workbook(out)
    assert book.sheetnames == ["教研组", "教师"]
    assert book["教研组"].page_setup.orientation == "landscape"


def test_course_hours_count_the_flow_only_after_acceptance(tmp_path: Path) -> None:
    from toolkit.ledger.course import course_hours

    people = roster(
        tmp_path / "r.csv", ["A1,甲,一中,,管理员", "L1,乙,一中,数学,坊主", "T1,丙,一中,数学,教师"]
    )
    root = tmp_path / "course"
    init_course(root, roster=people, scheme="guangdong-2021")
    desk = ResearchDesk(root)
    desk.form_group("数学组", leader="L1", members=["T1"], by="A1")
    desk = ResearchDesk(root)
    desk.open_topic("数学组", "专题", by="L1")
    desk = ResearchDesk(root)
    desk.add_activity("T1", "研修作业", "反思", by="L1")
    desk = ResearchDesk(root)
    desk.complete("A1", teacher="T1")
    hours = course_hours(root).set_index("teacher_id")  # type: ignore[union-attr]
    assert hours.loc["T1", "counted_hours"] == 0  # withheld until 整校验收
    ResearchDesk(root).accept(by="A1")
    hours = course_hours(root).set_index("teacher_id")  # type: ignore[union-attr]
    assert hours.loc["T1", "counted_hours"] == 5


@pytest.mark.parametrize(
    ("action", "args", "kwargs", "words"),
    [
        ("set_theme", ("主题",), {"by": "T1"}, "这一步由学校管理员完成，T1 的角色是教师"),
        (
            "upload_group_plan",
            ("数学组", "计划.docx"),
            {"by": "T1"},
            "这一步由教研组“数学组”的组长 L1 完成，不是 T1",
        ),
        ("confirm_plan", ("英语组",), {"by": "A1"}, "没有名为“英语组”的教研组"),
        (
            "add_activity",
            ("T1", "茶话会", "聊天"),
            {"by": "L1"},
            "“茶话会”不是方案“guangdong-2021”中的研修活动类型",
        ),
        (
            "add_activity",
            ("T1", "线下活动", "备课"),
            {"hours": 12, "participants": ["T1"], "by": "L1"},
            "学时 12 超过“线下活动”的上限 10",
        ),
        ("add_activity", ("T1", "线下活动", "备课"), {"by": "L1"}, "要由组长设定学时"),
        ("add_activity", ("T1", "教学研讨", "研讨"), {"hours": 3, "by": "L1"}, "固定学时的线上活动"),
        (
            "add_activity",
            ("T1", "线下活动", "备课"),
            {"hours": 4, "participants": ["T3"], "by": "L1"},
            "T3 不是教研组“数学组”的成员",
        ),
        ("complete", ("A4",), {"teacher": "T1"}, "由组长上传佐证"),
        ("complete", ("A1",), {"teacher": "T3"}, "T3 不是教研组“数学组”的成员"),
        ("point_summary", ("T1", "C7", "总结.docx"), {}, "T1 的研修计划选择的是 A1、B2，没有 C7"),
        ("point_summary", ("T1", "Z9", "总结.docx"), {}, "“Z9”不是能力点"),
        ("improvement_plan", ("X9", "提升计划.docx"), {}, "工号 X9 不是本课程的在册教师"),
        ("add_evidence", ("A1", ["照片1.jpg"]), {"by": "L1"}, "是线上活动，不需要佐证"),
    ],
)
def test_a_step_that_does_not_fit_is_refused_and_logs_nothing(
    course: Path, action: str, args: tuple[object, ...], kwargs: dict[str, object], words: str
) -> None:
    here = files(course)
    resolved = [here / a if isinstance(a, str) and a.endswith((".docx", ".jpg")) else a for a in args]
    resolved = [[here / x for x in a] if isinstance(a, list) else a for a in resolved]
    before = read_events(load_course(course).db_url)
    with pytest.raises(InputError) as caught:
        step(course, action, *resolved, **kwargs)
    assert words in caught.value.message
    assert read_events(load_course(course).db_url) == before


def test_the_command_refuses_with_exit_2_and_no_traceback(course: Path) -> None:
    assert "这一步由学校管理员完成" in refused(course, "accept", "--by", "L1")


def test_the_progress_page_shows_each_group_done_and_missing(course: Path) -> None:
    from toolkit.dashboard import ProgressDashboard

    page = ProgressDashboard(course)
    shown = page.research.value
    assert "校本研修流程" in shown and "学校尚未整校验收" in shown
    assert "研修计划未经学校确认" in shown and "线下活动待组长上传佐证：同课异构" in shown
    assert "缺 B2 总结" in shown
    page.filters.dropdowns["research_group"].value = "语文组"  # the filters narrow the flow too
    assert "数学组" not in page.research.value and "语文组" in page.research.value
