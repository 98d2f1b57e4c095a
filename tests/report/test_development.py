"""Development reports for a teacher and a school: Word documents that open with python-docx and
carry the figures the dashboards show for the same course."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import workshop
from tests.lesson.test_evaluation import SCHOOL_SIDE
from toolkit.dashboard.data import load_dashboard_data
from toolkit.dashboard.portrait import portrait_html
from toolkit.dashboard.profile import PortraitBook
from toolkit.dashboard.progress import credit_tables, hours_tables

# They read the demo course, which runs real nbgrader end to end.
pytestmark = pytest.mark.slow


def tables_of(path: Path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(str(path)).tables]


@pytest.fixture(scope="module")
def course(demo_course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo course with one lesson of T0006 evaluated by every party."""
    ratings = tmp_path_factory.mktemp("ratings") / "评价.csv"
    ratings.write_text(SCHOOL_SIDE.replace(",T1,", ",T0006,"), encoding="utf-8")
    assert workshop("lesson", str(demo_course), "import", str(ratings)).returncode == 0
    return demo_course


def test_the_teacher_report_carries_the_portraits_figures(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "教师发展报告.docx"
    result = workshop("report", str(course), "--teacher", "T0006", "--out", str(out))
    assert result.returncode == 0, result.stderr
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("教师发展报告：") and "一、学习成果" in text and "六、建议" in text
    outcomes, process = tables_of(out)[:2]
    portrait = PortraitBook(load_dashboard_data(course)).portrait("T0006")
    assert [tuple(row) for row in outcomes[1:]] == portrait.outcomes
    assert [tuple(row) for row in process[1:]] == portrait.process
    card = portrait_html(portrait, links=False)
    for label, value in portrait.outcomes:  # the page shows the very same cells
        assert f"<td>{label}</td><td>{value}</td>" in card
    # The lesson evaluated by four parties, as the portrait words it.
    # Without parents, by hand: criterion means 4.5, 4.5, 12.1667/3, 10.6667/3, 12.3333/3, 12.6667/3
    # weighted .675 + .9 + .811111 + .533333 + .616667 + .633333 = 4.169444; spreads 1, 1, 7/6, 1,
    # 5/3, 2/3 → agreement 1 − (6.5/6)/4 = 72.9%.
    (lesson,) = portrait.lessons
    assert lesson.startswith("《圆的面积》综合 4.17 分，各方一致性 73%") and lesson in text


def test_the_school_report_carries_the_progress_pages_figures(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "学校发展报告.docx"
    result = workshop("report", str(course), "--school", "城南中学", "--out", str(out))
    assert result.returncode == 0, result.stderr
    figures = dict(tuple(row) for row in tables_of(out)[0][1:])
    data = load_dashboard_data(course)
    school = data.teachers[data.teachers["school"] == "城南中学"]
    hours_cards, _, _ = hours_tables(data, school)
    credit_cards, _, _ = credit_tables(data, school)
    done = re.search(r"(\d+ / \d+)", figures["学时达标"])[1]  # type: ignore[index]
    assert f">{done}<" in hours_cards
    done = re.search(r"(\d+ / \d+)", figures["学分达标"])[1]  # type: ignore[index]
    assert f">{done}<" in credit_cards
    schools = data.assessment.schools.set_index("school")  # type: ignore[union-attr]
    row = schools.loc["城南中学"]
    assert figures["学员合格率"].startswith(f"{int(row['passed'])} / {int(row['participants'])}")
    assert figures["合格率得分"] == f"{float(row['pass_rate_points']):g}"
    lessons = next(t for t in tables_of(out) if t[0][0] == "课例")
    name = data.teachers.set_index("teacher_id").at["T0006", "name"]
    assert lessons[1] == ["圆的面积", name, "4.17", "73%", "6"]


def test_a_report_for_someone_not_in_the_course_says_so(course: Path, tmp_path: Path) -> None:
    result = workshop("report", str(course), "--school", "火星中学", "--out", str(tmp_path / "x.docx"))
    assert result.returncode == 2 and "火星中学" in result.stderr and "城南中学" in result.stderr
    assert not (tmp_path / "x.docx").exists()
    result = workshop("report", str(course), "--teacher", "T0006", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and "应以 .docx 结尾" in result.stderr
