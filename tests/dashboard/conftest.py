"""A small cohort built in memory, with figures worked out by hand in the tests that use it.

T1 一中/数学组: self-test 8/10, plan 7/7, task_A1 rated 不合格; 25 h; teacher 50 (passed).
T2 一中/语文组: self-test 4/10, task_A1 submitted, not graded; 10 h; teacher 30 (not passed).
T3 二中/数学组, leader: nothing submitted; 0 h; leader 70 (passed).
T4 left the course (inactive): never shown.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from toolkit.assess import Assessment
from toolkit.course import CourseSettings
from toolkit.dashboard.data import LEVEL_COLUMNS, DashboardData
from toolkit.gradebook import CourseData
from toolkit.scheme import HoursRule, load_scheme

# Self-test items: cell → point, dimension, max score.
ITEMS = [
    ("q1", "A1", "learner_analysis", 4.0),
    ("q2", "A2", "instructional_design", 3.0),
    ("q3", "A5", "learning_guidance", 2.0),
    ("q4", "A11", "assessment", 1.0),
]
SELF_TEST_SCORES = {"T1": [4, 3, 1, 0], "T2": [1, 0, 2, 1]}


def build_data(root: Path) -> DashboardData:
    teachers = pd.DataFrame(
        [
            ("T1", "甲", "一中", "数学", "初中", "数学组", "teacher", True),
            ("T2", "乙", "一中", "语文", "初中", "语文组", "teacher", True),
            ("T3", "丙", "二中", "数学", "初中", "数学组", "leader", True),
            ("T4", "丁", "二中", "数学", "初中", "数学组", "teacher", False),
        ],
        columns=["teacher_id", "name", "school", "subject", "stage", "research_group", "role", "active"],
    )
    assignments = pd.DataFrame(
        [("self_test", 10.0), ("personal_plan", 7.0), ("task_A1", 10.0)], columns=["assignment", "max_score"]
    )
    submissions = pd.DataFrame(
        [
            ("T1", "self_test", "2026-03-02"),
            ("T1", "personal_plan", "2026-03-03"),
            ("T1", "task_A1", "2026-03-04"),
            ("T2", "self_test", "2026-03-02"),
            ("T2", "task_A1", "2026-03-05"),
            ("T4", "self_test", "2026-03-02"),
        ],
        columns=["teacher_id", "assignment", "submitted_at"],
    )
    grade_rows = [
        (tid, "self_test", "self_test", cell, maximum, float(score), 0.0)
        for tid, scores in SELF_TEST_SCORES.items()
        for (cell, _, _, maximum), score in zip(ITEMS, scores, strict=True)
    ]
    grade_rows.append(("T1", "personal_plan", "personal_plan", "plan", 7.0, 7.0, 0.0))
    grade_rows.append(("T4", "self_test", "self_test", "q1", 4.0, 0.0, 0.0))
    grades = pd.DataFrame(
        grade_rows,
        columns=[
            "teacher_id",
            "assignment",
            "notebook",
            "cell",
            "max_score",
            "score",
            "extra_credit",
        ],
    )
    course = CourseData(
        CourseSettings(root=root, course_id="small", db_url=f"sqlite:///{root}/gradebook.db"),
        teachers,
        assignments,
        submissions,
        grades,
    )
    hefei = load_scheme("hefei-2021")
    scheme = dataclasses.replace(hefei, hours=HoursRule(target=25.0))
    hours = pd.DataFrame(
        [("T1", 25.0, True), ("T2", 10.0, False), ("T3", 0.0, False)],
        columns=["teacher_id", "counted_hours", "complete"],
    )
    people = pd.DataFrame(
        [
            ("T1", "teacher", 50.0, 70.0, True),
            ("T2", "teacher", 30.0, 70.0, False),
            ("T3", "leader", 70.0, 100.0, True),
        ],
        columns=["person_id", "role", "score", "max_score", "passed"],
    )
    schools = pd.DataFrame(
        [("一中", 2, 1, 0.5, 4.0), ("二中", 0, 0, float("nan"), 0.0)],
        columns=["school", "participants", "passed", "pass_rate", "pass_rate_points"],
    )
    items = pd.DataFrame(
        [("self_test", cell, point, dimension) for cell, point, dimension, _ in ITEMS],
        columns=["notebook", "cell", "point", "dimension"],
    )
    levels = pd.DataFrame([("T1", "task_A1", "A1", "不合格", 0.0)], columns=LEVEL_COLUMNS)
    return DashboardData(course, scheme, "C", hours, Assessment(people, schools), items, levels)


@pytest.fixture
def small(tmp_path: Path) -> DashboardData:
    return build_data(tmp_path)
