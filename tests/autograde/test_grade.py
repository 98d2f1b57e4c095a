"""`workshop grade` on the demo's self-test: nbgrader's results, resumable, one teacher at a time.

A copy of the demo course has its results wiped (scores nulled, autograded folders and
grading records archived away) and is graded again by the real command line. Another copy
is autograded by plain nbgrader (its own Autograde, through its API, as the formgrader does)
for a sample of teachers that includes the four whose notebooks are then broken; for them,
every cell score, every notebook's outputs and the generated feedback must come out as
nbgrader made them. (benchmarks/grade.py compares every teacher.)
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import nbgrader, workshop
from toolkit.autograde import Limits, grade_assignment
from toolkit.course.nbgrader_batch import run_nbgrader_steps
from toolkit.gradebook import SELF_TEST
from toolkit.gradebook.export import cell_scores

pytestmark = pytest.mark.slow

MODEL_ID = re.compile(r"[0-9a-f]{32}")


def outputs(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return MODEL_ID.sub("ID", json.dumps([c.get("outputs") for c in cells], ensure_ascii=False))


def _wiped_copy(demo_course: Path, base: Path) -> Path:
    course = base / "course"
    shutil.copytree(demo_course, course)
    with sqlite3.connect(course / "gradebook.db") as connection:
        connection.execute("UPDATE grade SET auto_score = NULL")
        connection.execute("DELETE FROM workshop_autograde_run")
    shutil.move(course / "autograded", base / "earlier-autograded")
    shutil.move(course / "feedback", base / "earlier-feedback")
    return course


@pytest.fixture(scope="module")
def by_nbgrader(demo_course: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Plain nbgrader's autograde and feedback for a sample: the first two teachers, the four whose
    notebooks are broken in the other copy, and the last."""
    course = _wiped_copy(demo_course, tmp_path_factory.mktemp("nbgrader"))
    teachers = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{SELF_TEST}"))
    sample = [*teachers[:2], *teachers[6:10], teachers[-1]]
    run_nbgrader_steps(course, [("autograde", SELF_TEST, teacher) for teacher in sample])
    result = nbgrader(course, "generate_feedback", SELF_TEST, "--force")
    assert result.returncode == 0, result.stderr[-2000:]
    return {"course": course, "sample": sample}


@pytest.fixture(scope="module")
def regraded(demo_course: Path, proven_limits: Limits, tmp_path_factory: pytest.TempPathFactory) -> dict:
    course = _wiped_copy(demo_course, tmp_path_factory.mktemp("regrade"))
    teachers = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{SELF_TEST}"))
    tampered = tamper(course, teachers[6:10])
    # A run that stopped after two teachers …
    first = grade_assignment(course, SELF_TEST, teachers=teachers[:2], workers=1, progress=False)
    # … then the command line picks up the rest.
    cli = workshop("grade", str(course), SELF_TEST, "--workers", "2")
    return {"course": course, "teachers": teachers, "first": first, "cli": cli, "tampered": tampered}


def tamper(course: Path, teachers: list[str]) -> dict[str, bytes]:
    """Break four teachers' notebooks four ways; their answers (answers.json) stay as submitted."""
    paths = [course / "submitted" / teacher / SELF_TEST / f"{SELF_TEST}.ipynb" for teacher in teachers]
    invalid, shuffled, renamed, retyped = paths
    invalid.write_text('{"cells": [{"cell_type": "code", "sour', encoding="utf-8")
    notebook = json.loads(shuffled.read_text(encoding="utf-8"))
    graded = [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    notebook["cells"].remove(graded[0])  # a deleted grade cell
    notebook["cells"].append(graded[1])  # and a duplicated one
    shuffled.write_text(json.dumps(notebook), encoding="utf-8")
    renamed.rename(renamed.with_name("自测（副本）.ipynb"))
    notebook = json.loads(retyped.read_text(encoding="utf-8"))
    for cell in notebook["cells"][:8]:
        if cell["metadata"].get("nbgrader", {}).get("grade"):
            cell["cell_type"] = "markdown"  # a retyped grade cell …
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        else:
            cell["metadata"].pop("nbgrader", None)  # … and lost metadata
    retyped.write_text(json.dumps(notebook), encoding="utf-8")
    return {
        teacher: b"".join(
            p.read_bytes() for p in sorted((course / "submitted" / teacher).rglob("*")) if p.is_file()
        )
        for teacher in teachers
    }


def test_cli_grades_the_rest_and_prints_the_summary(regraded: dict) -> None:
    cli, teachers = regraded["cli"], regraded["teachers"]
    assert cli.returncode == 0, cli.stderr[-2000:]
    assert f"已评分 {len(teachers) - 6} 份，需复核 4 份，失败 0 份，跳过（已评过）2 份" in cli.stdout
    assert "评分 self_test" in cli.stderr and "100%" in cli.stderr  # the progress bar
    assert "Warning" not in cli.stderr  # nbgrader's SQLAlchemy warnings go to the run's log
    assert regraded["first"].count("graded") == 2


def test_broken_notebooks_are_graded_from_the_release_and_flagged(regraded: dict) -> None:
    course, cli = regraded["course"], regraded["cli"]
    for teacher, files in regraded["tampered"].items():
        line = next(line for line in cli.stdout.splitlines() if line.strip().startswith(teacher))
        assert "需复核" in line and "已按发布版本修复后评分" in line
        now = b"".join(
            p.read_bytes() for p in sorted((course / "submitted" / teacher).rglob("*")) if p.is_file()
        )
        assert now == files  # the teacher's own files are exactly as handed in
    assert "不是有效的笔记本文件" in cli.stdout and "改了名的 自测（副本）.ipynb" in cli.stdout


def test_every_cell_score_is_what_nbgrader_gave(regraded: dict, by_nbgrader: dict, demo_course: Path) -> None:
    ours = cell_scores(regraded["course"], SELF_TEST)
    assert None not in ours.values()
    assert len(ours) == 48 * len(regraded["teachers"])
    theirs = {
        key: score
        for key, score in cell_scores(by_nbgrader["course"], SELF_TEST).items()
        if score is not None
    }
    assert len(theirs) == 48 * len(by_nbgrader["sample"])
    assert {key: ours[key] for key in theirs} == theirs
    assert ours == cell_scores(demo_course, SELF_TEST)  # and the demo graded them the same way


def test_autograded_notebooks_have_nbgraders_outputs(regraded: dict, by_nbgrader: dict) -> None:
    for teacher in by_nbgrader["sample"]:
        relative = Path("autograded") / teacher / SELF_TEST / f"{SELF_TEST}.ipynb"
        assert outputs(regraded["course"] / relative) == outputs(by_nbgrader["course"] / relative), teacher


def test_feedback_is_what_nbgrader_gave(regraded: dict, by_nbgrader: dict) -> None:
    course = regraded["course"]
    result = nbgrader(course, "generate_feedback", SELF_TEST, "--force")
    assert result.returncode == 0, result.stderr[-2000:]
    for teacher in by_nbgrader["sample"]:
        relative = Path("feedback") / teacher / SELF_TEST / f"{SELF_TEST}.html"
        ours = MODEL_ID.sub("ID", (course / relative).read_text(encoding="utf-8"))
        theirs = MODEL_ID.sub("ID", (by_nbgrader["course"] / relative).read_text(encoding="utf-8"))
        assert ours == theirs, teacher
        assert "第 Q01 题" in ours


def test_a_second_run_skips_everyone_and_one_teacher_can_be_regraded(regraded: dict) -> None:
    course, teachers = regraded["course"], regraded["teachers"]
    again = workshop("grade", str(course), SELF_TEST)
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"已评分 0 份，需复核 0 份，失败 0 份，跳过（已评过）{len(teachers)} 份" in again.stdout
    before = cell_scores(course, SELF_TEST)
    one = workshop("grade", str(course), SELF_TEST, "--teacher", teachers[5])
    assert one.returncode == 0, one.stderr[-2000:]
    assert "已评分 1 份" in one.stdout
    assert cell_scores(course, SELF_TEST) == before  # regraded in place: nothing counted twice
    with sqlite3.connect(course / "gradebook.db") as connection:
        rows = connection.execute(
            "SELECT superseded FROM workshop_autograde_run WHERE teacher_id = ? ORDER BY id", (teachers[5],)
        ).fetchall()
    assert rows == [(1,), (0,)]  # the earlier record is kept, marked superseded


def test_bad_requests_exit_2_and_name_the_problem(regraded: dict) -> None:
    course = regraded["course"]
    missing = workshop("grade", str(course), "no_such_assignment")
    assert missing.returncode == 2
    assert "no_such_assignment" in missing.stderr and "Traceback" not in missing.stderr
    nobody = workshop("grade", str(course), SELF_TEST, "--teacher", "T9999")
    assert nobody.returncode == 2
    assert "T9999" in nobody.stderr
