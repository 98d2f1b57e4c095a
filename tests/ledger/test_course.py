"""A ledger imported into a course, merged with nbgrader's submissions, and never deleted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.conftest import roster, workshop
from toolkit.assess.course import course_assessment
from toolkit.course import init_course, load_course
from toolkit.ledger.course import course_hours, import_ledger

HEADER = "工号,活动编号,类型,学时,分钟,评分\n"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("ledger_course")
    people = roster(
        base / "r.csv",
        ["T1,甲,一中,数学,教师", "T2,乙,一中,数学,教师", "T3,丙,一中,语文,教师", "A1,丁,一中,,管理员"],
    )
    init_course(base / "course", roster=people, scheme="hefei-2021")
    return base / "course"


def write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def stored(course: Path) -> list[tuple]:
    database = load_course(course).db_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        return db.execute(
            "select teacher_id, activity_id, minutes, superseded from workshop_ledger order by id"
        ).fetchall()


def test_import_then_reimport_keeps_every_version(course: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "v1.csv", ["T1,c1,网络课程学习,,300,", "T2,c1,网络课程学习,,600,"])
    report = import_ledger(course, first)
    assert (report.added, report.unchanged, report.updated) == (2, 0, 0)
    second = write(tmp_path / "v2.csv", ["T1,c1,网络课程学习,,600,", "T2,c1,网络课程学习,,600,"])
    report = import_ledger(course, second)
    assert (report.added, report.unchanged, report.updated) == (0, 1, 1)
    assert stored(course) == [("T1", "c1", 300.0, 1), ("T2", "c1", 600.0, 0), ("T1", "c1", 600.0, 0)]


def test_a_row_for_someone_outside_the_course_stores_nothing(course: Path, tmp_path: Path) -> None:
    before = stored(course)
    bad = write(tmp_path / "bad.csv", ["T3,d1,线上讨论,,,", "X9,d1,线上讨论,,,"])
    result = workshop("ledger", "import", str(course), str(bad))
    assert result.returncode == 2 and "X9" in result.stderr and "第 3 行" in result.stderr
    assert stored(course) == before


# nbgrader's own add_submission triggers this SQLAlchemy warning inside nbgrader.
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_nbgrader_submissions_count_as_the_matching_activities(course: Path, tmp_path: Path) -> None:
    # The ledger as the tests above leave it, so this test holds on whichever worker runs it.
    online = ["T1,c1,网络课程学习,,600,", "T2,c1,网络课程学习,,600,"]
    import_ledger(course, write(tmp_path / "v2.csv", online))
    settings = load_course(course)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        for assignment in ("self_test", "personal_plan"):
            gradebook.update_or_create_assignment(assignment)
            gradebook.add_submission(assignment, "T1", timestamp=dt.datetime(2026, 3, 2, 9, 0))
    # T3's self-test is also in the ledger: it counts once.
    import_ledger(course, write(tmp_path / "v3.csv", ["T3,st,自测诊断,,,"]))
    people = course_assessment(course).people.set_index("person_id")  # type: ignore[union-attr]
    # T1: self-test 10 + plan 5 (nbgrader) + 30 (600 minutes, the re-imported row) = 45
    assert people.loc["T1", "score"] == 45 and people.loc["T1", "passed"]
    assert people.loc["T2", "score"] == 30 and people.loc["T3", "score"] == 10
    assert people.loc["A1", "role"] == "admin" and people.loc["A1", "pass_rate"] == 0  # 1 of 3 passed
    # Hefei's 60 学时 need 30 online: 600 minutes at 45 a 学时 are 13.33, so nobody is complete yet.
    hours = course_hours(course).set_index("teacher_id")  # type: ignore[union-attr]
    assert hours.loc["T1", "hours_online"] == hours.loc["T2", "hours_online"] == 13.33
    assert hours.loc["T1", "hours_practice"] == 0 and not hours["complete"].any()


def test_the_platform_kind_mapping_is_given_once_and_kept_by_the_course(course: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "对照.csv"
    mapping.write_text("平台类型,方案类型\n观看课程视频,网络课程学习\n", encoding="utf-8")
    platform = write(tmp_path / "platform.csv", ["T3,v1,观看课程视频,,120,"])
    refused = workshop("ledger", "import", str(course), str(platform))
    assert refused.returncode == 2 and "是不是“网络课程学习”？" in refused.stderr
    first = workshop("ledger", "import", str(course), str(platform), "--kinds", str(mapping))
    assert first.returncode == 0, first.stderr
    # The next export from the same platform goes through without the file.
    later = write(tmp_path / "platform-2.csv", ["T3,v2,观看课程视频,,60,"])
    assert workshop("ledger", "import", str(course), str(later)).returncode == 0
    assert [row for row in stored(course) if row[0] == "T3" and row[1] in ("v1", "v2")] == [
        ("T3", "v1", 120.0, 0),
        ("T3", "v2", 60.0, 0),
    ]


def test_an_older_course_database_gains_the_lesson_column_and_keeps_its_rows(tmp_path: Path) -> None:
    from toolkit.assess.process import lesson_cycles
    from toolkit.ledger.course import course_ledger

    people = roster(tmp_path / "r.csv", ["T1,甲,一中,数学,教师"])
    course = tmp_path / "course"
    init_course(course, roster=people, scheme="digital-learning-2022")
    old = tmp_path / "old.csv"
    old.write_text("工号,活动编号,类型,分钟\nT1,c1,课程学习,45\n", encoding="utf-8")
    import_ledger(course, old)
    database = load_course(course).db_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:  # as a course made before lessons were recorded
        db.execute("ALTER TABLE workshop_ledger DROP COLUMN lesson")
    new = tmp_path / "new.csv"
    new.write_text(
        "工号,活动编号,类型,日期,佐证,课例\nT1,p1,备课,2026-03-10,,《圆的面积》\nT1,p2,磨课,2026-03-12,,《圆的面积》\n",
        encoding="utf-8",
    )
    report = import_ledger(course, new)
    assert (report.added, report.updated) == (2, 0)
    ledger = course_ledger(course)
    assert sorted((row.activity_id, row.lesson) for row in ledger.rows) == [
        ("c1", ""),
        ("p1", "《圆的面积》"),
        ("p2", "《圆的面积》"),
    ]
    (cycle,) = lesson_cycles(ledger)
    assert (cycle.lesson, cycle.done, cycle.next_stage) == ("《圆的面积》", ("备课", "磨课"), "听评课")
