"""A lesson evaluated by four parties (seed 004): the teacher, 2 peers, 3 students and 2 parents
(the parents' printed forms typed into the entry sheet), against the shipped smart-classroom
standard. Every figure below is worked out by hand in the comments."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests.conftest import roster, workshop
from toolkit.course import init_course
from toolkit.errors import InputError
from toolkit.lesson.agreement import evaluate
from toolkit.lesson.ratings import read_ratings
from toolkit.lesson.standard import load_standard

STANDARD = load_standard()
LESSON = "圆的面积"
# 目标清晰 技术融合 互动参与 思维发展 及时反馈 学习体验 (weights .15 .20 .20 .15 .15 .15)
SCHOOL_SIDE = """课例,执教教师,评价方,评价人,目标清晰,技术融合,互动参与,思维发展,及时反馈,学习体验
圆的面积,T1,自评,张老师,5,5,4,4,5,4
圆的面积,T1,同伴,李老师,4,4,4,3,4,4
圆的面积,T1,同伴,王老师,4,5,3,3,4,4
圆的面积,T1,学生,,,5,5,4,4,5
圆的面积,T1,学生,,,4,4,3,4,4
圆的面积,T1,学生,,,3,5,4,2,5
"""
PARENTS = [("家长", "小明家长", 4, 3), ("家长", "小红家长", 5, 4)]  # 互动参与, 学习体验


@pytest.fixture(scope="module")
def empty_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("lesson")
    init_course(base / "course", roster=roster(base / "r.csv", ["T1,张老师,一中,数学,教师"]))
    return base / "course"


@pytest.fixture
def course(empty_course: Path, tmp_path: Path) -> Path:
    """A copy of the module's course, for a test that imports ratings into it."""
    return Path(shutil.copytree(empty_course, tmp_path / "course"))


def parents_sheet(course: Path, tmp_path: Path) -> Path:
    """The entry sheet the school prints from `workshop lesson form … --out 录入表.xlsx`, filled in."""
    path = tmp_path / "家长评价录入.xlsx"
    assert workshop("lesson", str(course), "form", "--lesson", LESSON, "--teacher", "T1",
                    "--out", str(path)).returncode == 0  # fmt: skip
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = [cell.value for cell in sheet[2]]
    sheet.delete_rows(3, sheet.max_row)
    for party, name, interaction, experience in PARENTS:
        row = dict.fromkeys(header, None)
        row.update({"课例": LESSON, "执教教师": "T1", "评价方": party, "评价人": name})
        row.update({"互动参与": interaction, "学习体验": experience})
        sheet.append([row[h] for h in header])
    book.save(path)
    return path


def test_four_parties_give_the_hand_computed_figures(course: Path, tmp_path: Path) -> None:
    school = tmp_path / "校内评价.csv"
    school.write_text(SCHOOL_SIDE, encoding="utf-8")
    parents = parents_sheet(course, tmp_path)
    for file in (school, parents):
        result = workshop("lesson", str(course), "import", str(file))
        assert result.returncode == 0, result.stderr
    ratings = read_ratings(school, STANDARD) + read_ratings(parents, STANDARD)
    figures = evaluate(ratings, STANDARD)
    assert figures.raters == {"teacher": 1, "peer": 2, "student": 3, "parent": 2}
    means = figures.means
    # Party means: peers 互动参与 (4+3)/2 = 3.5; students 思维发展 (4+3+4)/3; parents 学习体验 (3+4)/2.
    assert means.loc["interaction", "peer"] == 3.5
    assert means.loc["thinking", "student"] == pytest.approx(11 / 3)
    assert means.loc["experience", "parent"] == 3.5
    # Party scores (weights of the criteria each rates, scaled to 1):
    # teacher .15·5 + .2·5 + .2·4 + .15·4 + .15·5 + .15·4 = 4.5
    # peers   .15·4 + .2·4.5 + .2·3.5 + .15·3 + .15·4 + .15·4 = 3.85
    # students (.2·4 + .2·14/3 + .15·11/3 + .15·10/3 + .15·14/3) / .85 = 3.48333… / .85
    # parents (.2·4.5 + .15·3.5) / .35 = 1.425 / .35
    assert figures.party_scores["teacher"] == pytest.approx(4.5)
    assert figures.party_scores["peer"] == pytest.approx(3.85)
    assert figures.party_scores["student"] == pytest.approx(3.483333333 / 0.85)
    assert figures.party_scores["parent"] == pytest.approx(1.425 / 0.35)
    # Overall: criterion means of party means 4.5, 4.5, 16.6667/4, 10.6667/3, 12.3333/3, 16.1667/4
    # weighted: .675 + .9 + .833333 + .533333 + .616667 + .60625 = 4.164583
    assert figures.overall == pytest.approx(4.164583, abs=1e-6)
    # Spreads 1, 1, 4.6667−3.5, 1, 5−3.3333, 4.6667−3.5 → mean 7/6; agreement 1 − (7/6)/4 = 0.708333
    assert figures.means["spread"].tolist() == pytest.approx([1, 1, 7 / 6, 1, 5 / 3, 7 / 6])
    assert figures.agreement == pytest.approx(1 - (7 / 6) / 4)
    # Pairs: teacher–peer 4/6, teacher–student 4.3333/5, teacher–parent 0.5, peer–student 3.6667/5,
    # peer–parent 0.75, student–parent 1.3333/2.
    assert figures.pairwise == pytest.approx(
        {
            ("teacher", "peer"): 4 / 6,
            ("teacher", "student"): 13 / 15,
            ("teacher", "parent"): 0.5,
            ("peer", "student"): 11 / 15,
            ("peer", "parent"): 0.75,
            ("student", "parent"): 2 / 3,
        }
    )
    shown = workshop("lesson", str(course), "show")
    assert shown.returncode == 0, shown.stderr
    assert (
        "《圆的面积》执教 T1：综合 4.16 分，各方一致性 71%"
        "（执教教师自评 1 人、同伴教师 2 人、学生 3 人、家长 2 人）" in shown.stdout
    )
    assert "家长与学生" not in shown.stdout and "学生与家长平均相差,0.67" in shown.stdout


def test_the_printed_parent_form_lists_what_parents_rate_in_their_words(
    empty_course: Path, tmp_path: Path
) -> None:
    form = tmp_path / "家长评价表.docx"
    result = workshop("lesson", str(empty_course), "form", "--lesson", LESSON, "--teacher", "张老师",
                      "--party", "家长", "--out", str(form))  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = Document(str(form))
    assert document.paragraphs[0].text == "《圆的面积》课堂评价表（家长）"
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][:3] == ["指标", "说明", "1 很不符合"] and len(rows) == 3
    assert rows[1][0] == "互动参与" and rows[1][1].startswith("孩子愿意谈起这节课")
    assert rows[2][0] == "学习体验" and rows[1][2:] == ["☐"] * 5


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("圆的面积,T1,家长,,5,,4,,,4", "目标清晰 (E)", "家长不评“目标清晰”，这一格应留空"),
        ("圆的面积,T1,学生,,,6,4,4,4,4", "技术融合 (F)", "“6”不是 1–5 的整数分"),
        ("圆的面积,T1,学生,,,4.5,4,4,4,4", "技术融合 (F)", "“4.5”不是 1–5 的整数分"),
        ("圆的面积,T1,校长,,4,4,4,4,4,4", "评价方 (C)", "“校长”不是评价方"),
        ("圆的面积,T1,学生,,,,,,,", "评价方 (C)", "这一行没有任何评分"),
    ],
)
def test_a_bad_rating_names_the_cell(tmp_path: Path, line: str, column: str, words: str) -> None:
    path = tmp_path / "评价.csv"
    path.write_text(SCHOOL_SIDE.splitlines()[0] + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_ratings(path, STANDARD)
    assert (caught.value.row, caught.value.column) == (2, column)
    assert words in caught.value.message


def test_an_import_for_a_teacher_outside_the_course_stores_nothing(
    empty_course: Path, tmp_path: Path
) -> None:
    course = empty_course
    path = tmp_path / "评价.csv"
    path.write_text(SCHOOL_SIDE.replace(",T1,", ",T9,", 1), encoding="utf-8")
    result = workshop("lesson", str(course), "import", str(path))
    assert result.returncode == 2 and "T9" in result.stderr and "第 2 行" in result.stderr
    assert "还没有导入任何课堂评价" in workshop("lesson", str(course), "show").stdout
