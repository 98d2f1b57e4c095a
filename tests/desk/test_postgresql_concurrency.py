"""Two graders at the rubric desk at the same moment, on one PostgreSQL gradebook.

Different teachers: both grades are saved. The same teacher: the later grade is the
one nbgrader keeps, and both gradings stay in the desk's history (the earlier one
marked superseded). Each grader has their own connection, as two trainers' desks do.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.conftest import nbgrader, roster, workshop
from toolkit.course import load_course
from toolkit.demo.files import write_evidence
from toolkit.desk import GradingDesk
from toolkit.desk.model import DeskGrade

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

TEACHERS = ("p1", "p2", "p3")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory, postgresql_url: str) -> Path:
    base = tmp_path_factory.mktemp("pg_desk")
    people = [f"{tid},教师{tid},一中,数学,教师" for tid in TEACHERS]
    result = workshop(
        "init", str(base / "course"), "--roster", str(roster(base / "r.csv", people)), "--db", postgresql_url
    )
    assert result.returncode == 0, result.stderr
    course = base / "course"
    assert nbgrader(course, "generate_assignment", "task_A1", "--force").returncode == 0
    for teacher in TEACHERS:
        folder = course / "submitted" / teacher / "task_A1"
        shutil.copytree(course / "release" / "task_A1", folder)
        (folder / "timestamp.txt").write_text(str(dt.datetime(2026, 3, 2, 9, 0)), encoding="utf-8")
        write_evidence(folder / "evidence" / "analysis_plan" / "方案.pdf", "pdf")
        write_evidence(folder / "evidence" / "analysis_report" / "报告.docx", "docx")
    graded = nbgrader(course, "autograde", "task_A1")
    assert graded.returncode == 0, graded.stdout[-2000:]
    return course


def at_once(*jobs: tuple[GradingDesk, str, dict[str, set[str]]]) -> list[DeskGrade]:
    """Run the gradings in threads released together; their results, in the jobs' order."""
    start = threading.Barrier(len(jobs))
    results: list[DeskGrade | BaseException | None] = [None] * len(jobs)

    def run(index: int, desk: GradingDesk, teacher: str, ticks: dict[str, set[str]]) -> None:
        start.wait()
        try:
            results[index] = desk.grade("task_A1", teacher, ticks)
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for result in results:
        if not isinstance(result, DeskGrade):
            raise AssertionError(f"a grading failed: {result!r}")
    return results  # type: ignore[return-value]


def manual_score(course: Path, teacher: str) -> float:
    settings = load_course(course)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        return float(gradebook.find_grade("rubric_level", "task_A1", "task_A1", teacher).manual_score)


def test_two_graders_at_the_same_moment_lose_nothing(course: Path) -> None:
    wang, li = GradingDesk(course, grader="王坊主"), GradingDesk(course, grader="李老师")
    rubric = wang.rubric("task_A1")
    excellent = {c.id: {i for items in c.indicators.values() for i in items} for c in rubric.criteria}
    passing = {c.id: set(c.indicators["pass"]) for c in rubric.criteria}

    # Different teachers at once: both saved.
    first, second = at_once((wang, "p1", excellent), (li, "p2", passing))
    assert (first.score, second.score) == (10, 6)
    assert (manual_score(course, "p1"), manual_score(course, "p2")) == (10, 6)

    # The same teacher at once, ten times over: the later grade wins, both are in the history.
    for _ in range(10):
        at_once((wang, "p3", excellent), (li, "p3", passing))
        history = wang.history("task_A1")
        pair = history[history["teacher_id"] == "p3"].sort_values("id").tail(2)
        assert set(pair["grader"]) == {"王坊主", "李老师"}
        assert list(pair["superseded"]) == [True, False]
        later = pair.iloc[-1]
        assert later["graded_at"] >= pair.iloc[0]["graded_at"]
        assert manual_score(course, "p3") == later["score"]
    history = wang.history("task_A1")
    assert len(history[history["teacher_id"] == "p3"]) == 20
    assert (history[history["teacher_id"] != "p3"]["superseded"] == False).all()  # noqa: E712
