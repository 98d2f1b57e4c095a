"""Several nbgrader steps in one child: nbgrader's own results, and its failure named plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import nbgrader, roster
from toolkit.course import init_course
from toolkit.course.nbgrader_batch import run_nbgrader_steps
from toolkit.course.nbgrader_run import NbgraderError


@pytest.fixture
def course(tmp_path: Path) -> Path:
    people = roster(tmp_path / "r.csv", ["T1,张伟,城南中学,数学,教师", "T2,李静,城南中学,语文,教师"])
    init_course(tmp_path / "course", roster=people)
    return tmp_path / "course"


def test_generate_and_release_in_one_child_as_the_commands_would(course: Path) -> None:
    run_nbgrader_steps(
        course,
        [
            (method, name)
            for name in ("self_test", "task_A1")
            for method in ("generate_assignment", "release_assignment")
        ],
    )
    for name in ("self_test", "task_A1"):
        assert (course / "release" / name / f"{name}.ipynb").is_file()
        assert (course / "exchange" / course.name / "outbound" / name / f"{name}.ipynb").is_file()
    listed = nbgrader(course, "list")
    assert "self_test" in listed.stdout + listed.stderr and "task_A1" in listed.stdout + listed.stderr


def test_a_failing_step_is_named_with_nbgraders_last_words(course: Path) -> None:
    with pytest.raises(NbgraderError) as raised:
        run_nbgrader_steps(
            course, [("generate_assignment", "self_test"), ("release_assignment", "no_such_task")]
        )
    assert "release_assignment no_such_task" in str(raised.value)
    assert (course / "release" / "self_test").is_dir()  # the step before it was done


def test_only_nbgraders_api_steps_are_accepted(course: Path) -> None:
    with pytest.raises(ValueError, match="not an nbgrader batch step"):
        run_nbgrader_steps(course, [("rm", "-rf")])
