"""``workshop init`` makes an ordinary nbgrader course and never deletes anyone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from nbgrader.api import Gradebook

from tests.conftest import nbgrader, roster, workshop
from toolkit.course import init_course, load_course


def test_init_creates_an_nbgrader_course_with_the_teachers(tmp_path: Path) -> None:
    file = roster(tmp_path / "r.csv", ["00123,张伟,城南中学,数学,教师", "00124,欧阳娜娜,城南中学,语文,坊主"])
    result = workshop("init", str(tmp_path / "course"), "--roster", str(file), "--environment", "B")
    assert result.returncode == 0, result.stderr
    assert "2 名教师" in result.stdout
    course = tmp_path / "course"
    assert (course / "nbgrader_config.py").is_file()
    assert (course / "source" / "self_test" / "self_test.ipynb").is_file()

    listed = nbgrader(course, "db", "student", "list")
    assert listed.returncode == 0, listed.stderr
    assert "00123 (张, 伟)" in listed.stdout
    assert "00124 (欧阳, 娜娜)" in listed.stdout

    generated = nbgrader(course, "generate_assignment", "self_test")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert (course / "release" / "self_test" / "self_test.ipynb").is_file()

    settings = load_course(course)
    with sqlite3.connect(settings.db_url.removeprefix("sqlite:///")) as db:
        assert db.execute("select value from workshop_setting where key='environment'").fetchone() == ("B",)


def test_rerun_adds_updates_and_keeps_everyone(tmp_path: Path) -> None:
    course = tmp_path / "course"
    first = roster(tmp_path / "r1.csv", ["001,张伟,城南中学,数学,教师", "002,李静,城南中学,语文,教师"])
    init_course(course, roster=first)
    # A trainer's edit to the source assignment must survive a re-run.
    edited = course / "source" / "self_test" / "self_test.ipynb"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("自测诊断", "自测诊断（本校版）"), encoding="utf-8"
    )

    second = roster(tmp_path / "r2.csv", ["001,张伟,阳光小学,数学,坊主", "003,王芳,阳光小学,英语,教师"])
    report = init_course(course, roster=second)
    assert (report.created, report.added, report.updated, report.kept_inactive) == (False, 1, 1, 1)
    assert "本校版" in edited.read_text(encoding="utf-8")

    settings = load_course(course)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        assert sorted(s.id for s in gradebook.students) == ["001", "002", "003"]
    with sqlite3.connect(settings.db_url.removeprefix("sqlite:///")) as db:
        rows = dict(db.execute("select teacher_id, active from workshop_teacher").fetchall())
        assert rows == {"001": 1, "002": 0, "003": 1}
        school, role = db.execute(
            "select school, role from workshop_teacher where teacher_id='001'"
        ).fetchone()
        assert (school, role) == ("阳光小学", "leader")
        archived = db.execute("select teacher_id, reason, record from workshop_archive").fetchall()
    reasons = {(teacher_id, reason) for teacher_id, reason, _ in archived}
    assert reasons == {("001", "roster-update"), ("002", "left-roster")}
    old = next(json.loads(r) for tid, _, r in archived if tid == "001")
    assert old["school"] == "城南中学"


def test_bad_roster_creates_nothing(tmp_path: Path) -> None:
    file = roster(tmp_path / "r.csv", ["001,张伟,城南中学,数学,教师", "001,李静,城南中学,语文,教师"])
    result = workshop("init", str(tmp_path / "course"), "--roster", str(file))
    assert result.returncode == 2
    assert "第 3 行" in result.stderr and "工号" in result.stderr
    assert not (tmp_path / "course").exists()


def test_unusable_database_url_exits_2_and_creates_nothing(tmp_path: Path) -> None:
    file = roster(tmp_path / "r.csv", ["001,张伟,城南中学,数学,教师"])
    result = workshop("init", str(tmp_path / "course"), "--roster", str(file), "--db", "nosuchdb://x/y")
    assert result.returncode == 2
    assert "nosuchdb://x/y" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "course").exists()


def test_init_with_changed_roster_that_is_broken_changes_nothing(tmp_path: Path) -> None:
    course = tmp_path / "course"
    init_course(course, roster=roster(tmp_path / "r1.csv", ["001,张伟,城南中学,数学,教师"]))
    before = (course / "gradebook.db").read_bytes()
    bad = roster(tmp_path / "r2.csv", ["001,张伟,城南中学,数学,校长"])
    result = workshop("init", str(course), "--roster", str(bad))
    assert result.returncode == 2 and "未知角色“校长”" in result.stderr
    assert (course / "gradebook.db").read_bytes() == before


def test_an_unknown_scheme_exits_2_naming_the_schemes_there_are(tmp_path: Path) -> None:
    file = roster(tmp_path / "r.csv", ["001,张伟,城南中学,数学,教师"])
    result = workshop("init", str(tmp_path / "course"), "--roster", str(file), "--scheme", "atlantis-2030")
    assert result.returncode == 2
    assert "atlantis-2030" in result.stderr and "default" in result.stderr
    assert not (tmp_path / "course").exists()


def test_init_gives_each_assignment_the_course_rules_and_a_course_rubric_overrides_the_draft(
    tmp_path: Path,
) -> None:
    course = tmp_path / "course"
    file = roster(tmp_path / "r.csv", ["001,张伟,城南中学,数学,教师"])
    assert workshop("init", str(course), "--roster", str(file), "--environment", "A").returncode == 0
    rules = (course / "source" / "personal_plan" / "plan_rules.yaml").read_text(encoding="utf-8")
    assert "environment: A" in rules and "min_points: 3" in rules and "学情分析报告" in rules
    task_rubric = course / "source" / "task_A1" / "rubric.yaml"
    assert "学情分析报告" in task_rubric.read_text(encoding="utf-8")
    assert len(list((course / "source").glob("task_*/rubric.yaml"))) == 30

    shipped = (Path(__file__).parents[2] / "rubrics" / "points" / "A1.yaml").read_text(encoding="utf-8")
    (course / "rubrics").mkdir()
    override = course / "rubrics" / "A1.yaml"
    override.write_text(
        shipped.replace("name: 学情分析报告\n", "name: 学情诊断报告（区定）\n"), encoding="utf-8"
    )
    assert workshop("init", str(course), "--roster", str(file)).returncode == 0
    assert "学情诊断报告（区定）" in task_rubric.read_text(encoding="utf-8")
    assert "学情诊断报告（区定）" in (course / "source" / "personal_plan" / "plan_rules.yaml").read_text(
        encoding="utf-8"
    )

    # A broken override is refused before anything is written.
    before = task_rubric.read_bytes()
    override.write_text(shipped.replace("aggregation: conjunctive", "aggregation: average"), encoding="utf-8")
    refused = workshop("init", str(course), "--roster", str(file))
    assert refused.returncode == 2 and "A1.yaml" in refused.stderr
    assert task_rubric.read_bytes() == before


def test_rerun_with_next_terms_roster_keeps_the_courses_scheme_and_environment(tmp_path: Path) -> None:
    """Running init again with only a new roster (as a trainer does each term) must not switch a
    Guangdong course back to the default rules: before, it silently did."""
    from toolkit.course.stored import stored_setting
    from toolkit.ledger.course import course_scheme
    from toolkit.plan.rules import PLAN_ASSIGNMENT, load_rules

    course = tmp_path / "course"
    people = roster(tmp_path / "r.csv", ["001,张伟,城南中学,数学,教师"])
    init_course(course, roster=people, scheme="guangdong-2021", environment="B")
    result = workshop("init", str(course), "--roster", str(people))
    assert result.returncode == 0, result.stderr
    db_url = load_course(course).db_url
    assert course_scheme(course).id == "guangdong-2021"
    assert stored_setting(db_url, "environment") == "B"
    rules = load_rules(course / "source" / PLAN_ASSIGNMENT)
    assert rules.environment == "B"
    # Saying it switches it.
    init_course(course, roster=people, scheme="hefei-2021")
    assert course_scheme(course).id == "hefei-2021" and stored_setting(db_url, "environment") == "B"
