"""A teacher's own part of the research flow (seed 003, 教师): what they see, and the steps they take
themselves, checked as the desk checks anyone's. Figures by hand from the shared course (conftest)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import file_bytes, page_text
from toolkit.course import load_course
from toolkit.course.research_store import read_events
from toolkit.errors import InputError
from toolkit.hub.research_page import page_html
from toolkit.research.commands import ResearchDesk
from toolkit.research.teacher import COMPLETE, PLAN, SUMMARY, teacher_research, teacher_step


@pytest.fixture
def course(flow_course: Path, tmp_path: Path) -> Path:
    """A copy: these tests take steps."""
    return Path(shutil.copytree(flow_course, tmp_path / "course"))


def view(course: Path, teacher: str):  # noqa: ANN201 - the dataclass, as the page gets it
    return teacher_research(ResearchDesk(course), teacher)


def take(course: Path, teacher: str, action: str, **fields: object) -> str:
    return teacher_step(ResearchDesk(course), teacher, action, **fields)  # type: ignore[arg-type]


def test_each_teacher_sees_their_groups_activities_hours_and_summaries(flow_course: Path) -> None:
    t1 = view(flow_course, "T1")
    assert (t1.group, t1.leader, t1.theme) == ("数学组", "组长乙", "信息技术支持的课堂互动")
    lines = {line.id: (line.kind, line.hours, line.online, line.done) for line in t1.activities}
    # 数学组's three online activities (T1 did them all) and the offline one T1 was named for.
    assert lines == {
        "A1": ("教学研讨", 2.0, True, True),
        "A2": ("研修作业", 5.0, True, True),
        "A3": ("听课评课", 5.0, True, True),
        "A4": ("线下活动", 10.0, False, True),
    }
    assert (t1.earned, t1.target, t1.accepted) == (22.0, 25.0, False)
    assert t1.points == ("A1", "B2") and t1.missing_summaries == ("B2",)
    assert t1.improvement_plan is not None
    # T2 did only the assignment: the seminar and the observation are still open to them.
    t2 = view(flow_course, "T2")
    assert [line.id for line in t2.activities if line.can_complete] == ["A1", "A3"]
    assert t2.earned == 15.0
    # T3 (语文组) sees only their group's offline activity, waiting for the leader's evidence.
    t3 = view(flow_course, "T3")
    assert [(line.id, line.done) for line in t3.activities] == [("A5", False)]
    with pytest.raises(InputError, match="不是本课程的在册教师"):
        view(flow_course, "X9")


def test_a_teacher_completes_hands_in_and_is_refused_like_anyone(course: Path) -> None:
    db = load_course(course).db_url
    assert "教师丁 完成 互动工具怎么用" in take(course, "T2", COMPLETE, activity="A1")
    assert view(course, "T2").earned == 17.0  # 15 + the seminar's fixed 2
    summary = take(course, "T1", SUMMARY, point="B2", file=("B2总结.docx", file_bytes("B2总结.docx")))
    assert "教师丙 的 B2 提升总结" in summary
    after = view(course, "T1")
    assert after.missing_summaries == ()
    assert (course / after.summaries["B2"].file).read_bytes() == file_bytes("B2总结.docx")
    assert after.summaries["B2"].by == "T1"
    take(course, "T3", PLAN, file=("我的提升计划.pdf", file_bytes("我的提升计划.pdf")))
    assert view(course, "T3").improvement_plan.file.endswith("我的提升计划.pdf")  # type: ignore[union-attr]

    logged = len(read_events(db))
    for teacher, action, fields, words in [
        ("T3", COMPLETE, {"activity": "A1"}, "T3 不是教研组“数学组”的成员"),
        ("T3", COMPLETE, {"activity": "A5"}, "是线下活动：由组长上传佐证"),
        ("T1", SUMMARY, {"point": "C7", "file": ("C7.docx", file_bytes("C7.docx"))}, "没有 C7"),
        ("T1", PLAN, {"file": ("计划.pdf", b"MZ\x90\x00 a program")}, "文件内容不是扩展名所说的 pdf 格式"),
        ("T1", PLAN, {"file": ("计划.exe", b"MZ\x90\x00")}, "格式 exe 不在本项允许的格式之列"),
        ("T1", PLAN, {"file": ("", b"")}, "请先选择要上传的文件"),
        ("T1", "delete", {}, "无法识别的操作"),
    ]:
        with pytest.raises(InputError, match=re.escape(words)):
            take(course, teacher, action, **fields)
    assert len(read_events(db)) == logged  # a refused step logs nothing


def test_the_page_shows_the_teachers_own_flow_in_chinese(flow_course: Path) -> None:
    page = page_html(view(flow_course, "T2"), xsrf="<input type='hidden' name='_xsrf' value='x'>")
    text = page_text(page)
    assert "我的校本研修 · 教师丁" in text and "教研组：数学组（组长 组长乙）" in text
    assert "校本研修学时：15 / 25" in text and "还差 10 学时，请及时联系教研组长" in text
    assert "整校验收后学时才登记" in text
    assert page.count(">我已完成</button>") == 2  # the seminar and the observation
    assert "✓ 已完成" in text and "✓ 组长已上传佐证" in text
    assert "A1 技术支持的学情分析" in text
    assert page.count("name='_xsrf'") == page.count("<form")
    for word in ("seminar", "offline", "assignment", "observation", "None", "Traceback"):
        assert word not in text
    # Someone the school has not put in a group still hands in their plan.
    alone = page_html(view(flow_course, "A1"), xsrf="")
    assert "学校还没有把您编入教研组" in page_text(alone) and "上传提升计划" in page_text(alone)
