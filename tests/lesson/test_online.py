"""Ratings given on the 课堂评价 page: the teacher of the lesson rates it as 执教教师自评, two
colleagues as 同伴教师, against the shipped standard. By hand (weights .15 .20 .20 .15 .15 .15):

- self 5 5 4 4 5 4 → 4.50; peers' means 4 4.5 3.5 3 4 4 → 3.85;
- criterion means 4.5 4.75 3.75 3.5 4.5 4 → overall 4.175;
- spreads 1 .5 .5 1 1 0 → mean 2/3 → agreement 1 − (2/3)/4 = 83%.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from tests.conftest import page_text, roster
from toolkit.course import init_course, load_course, tables
from toolkit.errors import InputError
from toolkit.hub.lesson_page import page_html
from toolkit.lesson.online import rate_lesson, rating_sheet

LESSON = "圆的面积"
CRITERIA = ("goals", "technology", "interaction", "thinking", "feedback", "experience")
GIVEN = {"T1": (5, 5, 4, 4, 5, 4), "T2": (4, 4, 4, 3, 4, 4), "T3": (4, 5, 3, 3, 4, 4)}


def scores(values: tuple[int, ...]) -> dict[str, str]:
    return {criterion: str(value) for criterion, value in zip(CRITERIA, values, strict=True)}


@pytest.fixture(scope="module")
def empty_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("online")
    people = ["T1,张老师,一中,数学,教师", "T2,李老师,一中,数学,教师", "T3,王老师,二中,数学,教师"]
    init_course(base / "course", roster=roster(base / "r.csv", people))
    return base / "course"


@pytest.fixture
def course(empty_course: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(empty_course, tmp_path / "course"))


def rate(course: Path, rater: str, values: tuple[int, ...], *, teacher: str = "T1") -> str:
    return rate_lesson(course, rater=rater, teacher=teacher, lesson=LESSON, scores=scores(values))


def test_self_and_peer_ratings_give_the_figures_worked_out_by_hand(course: Path) -> None:
    assert "已保存您对 张老师《圆的面积》的评价（执教教师自评）" in rate(course, "T1", GIVEN["T1"])
    assert "（同伴教师）" in rate(course, "T2", GIVEN["T2"])
    rate(course, "T3", GIVEN["T3"])
    [evaluation] = rating_sheet(course, "T1").received
    assert evaluation.raters == {"teacher": 1, "peer": 2}
    assert evaluation.party_scores == pytest.approx({"teacher": 4.5, "peer": 3.85})
    assert evaluation.overall == pytest.approx(4.175)
    assert evaluation.agreement == pytest.approx(1 - (2 / 3) / 4)
    text = page_text(page_html(rating_sheet(course, "T1"), xsrf=""))
    assert "执教教师自评 4.50、同伴教师 3.85" in text and "83%" in text
    assert "执教教师自评 1、同伴教师 2" in text


def test_rating_again_supersedes_and_keeps_the_earlier_rating(course: Path) -> None:
    rate(course, "T2", GIVEN["T2"])
    assert "替换了您之前的评价（旧评价已存档）" in rate(course, "T2", (5, 5, 5, 5, 5, 5))
    [mine] = rating_sheet(course, "T2").given
    assert mine.scores == dict.fromkeys(CRITERIA, 5)
    engine = create_engine(load_course(course).db_url)
    with engine.connect() as connection:
        kept = connection.execute(
            select(func.count()).where(tables.lesson_rating.c.superseded.is_(True))
        ).scalar()
    engine.dispose()
    assert kept == 6  # the first rating's six rows, archived


@pytest.mark.parametrize(
    ("rater", "teacher", "lesson", "values", "words"),
    [
        (
            "T2",
            "T1",
            LESSON,
            {"goals": "4"},
            "还缺：技术融合、互动参与、思维发展、及时反馈、学习体验",
        ),
        ("T2", "T1", LESSON, scores((6, 4, 4, 4, 4, 4)), "“6”不是 1–5 的整数分"),
        ("T2", "X9", LESSON, scores(GIVEN["T2"]), "工号 X9 不是本课程的在册教师"),
        ("T2", "T1", "  ", scores(GIVEN["T2"]), "请填写课题"),
    ],
)
def test_a_rating_that_does_not_fit_is_refused_and_stores_nothing(
    course: Path, rater: str, teacher: str, lesson: str, values: dict[str, str], words: str
) -> None:
    with pytest.raises(InputError, match=re.escape(words)):
        rate_lesson(course, rater=rater, teacher=teacher, lesson=lesson, scores=values)
    assert rating_sheet(course, rater).given == ()


def test_the_scoring_form_is_the_raters_own_and_filled_with_their_last_rating(course: Path) -> None:
    rate(course, "T2", GIVEN["T2"])
    page = page_html(rating_sheet(course, "T2"), xsrf="<input name='_xsrf'>", teacher="T1", lesson=LESSON)
    text = page_text(page)
    assert "评价《圆的面积》（执教：张老师；您的身份：同伴教师）" in text
    assert "您评过这节课" in text
    assert page.count("type='radio'") == 6 * 5 and page.count(" checked") == 6
    assert "value='4' aria-label='目标清晰 4' checked" in page
    assert "1 很不符合" in text and "5 完全符合" in text
    for word in ("goals", "peer", "None", "Traceback", "workshop"):
        assert word not in text
    # A teacher's own lesson is rated as 执教教师自评; a lesson only peers have rated so far has
    # no agreement figure yet (not "nan%").
    own = page_html(rating_sheet(course, "T1"), xsrf="", teacher="T1", lesson="新课")
    assert "您的身份：执教教师自评" in page_text(own)
    assert (
        "<td>同伴教师 1</td><td>同伴教师 3.85</td><td>3.85</td><td>—（只有一方评价）</td>" in own
        and "nan" not in own
    )
    assert "您的课还没有收到评价" in page_text(page_html(rating_sheet(course, "T3"), xsrf=""))
