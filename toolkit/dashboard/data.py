"""Everything the dashboards show, read once per page: the gradebook, the figures of the course's
scheme (hours, role scores, pass rates), which point each self-test item tests, and the levels the
grading desk gave. Filter changes work on these frames and never touch the disk again."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.assess import Assessment
from toolkit.assess.course import assessment_of
from toolkit.assess.credits import count_credits, desk_levels
from toolkit.assess.process import LessonCycle, lesson_cycles, monthly_activity, process_measures
from toolkit.catalogue import TASK_PREFIX, load_catalogue
from toolkit.course.config import CONFIG_NAME, CourseSettings
from toolkit.course.scope import CourseScope, course_scope
from toolkit.course.stored import stored_setting
from toolkit.gradebook import SELF_TEST, CourseData, item_points, read_course
from toolkit.ledger.course import course_ledger, hours_of
from toolkit.lesson.agreement import LessonEvaluation
from toolkit.lesson.store import course_evaluations
from toolkit.plan.rules import PLAN_ASSIGNMENT
from toolkit.research.flow import FlowStatus, course_flow_status
from toolkit.rubric import load_point_rubric
from toolkit.scheme import Scheme

LEVEL_COLUMNS = ["teacher_id", "assignment", "point", "level_name", "share"]


@dataclass(frozen=True)
class DashboardData:
    course: CourseData
    scheme: Scheme
    environment: str  # the course's teaching environment (A, B or C)
    hours: pd.DataFrame | None  # ``workshop hours`` columns; None when the scheme counts no hours
    assessment: Assessment | None  # ``workshop assess``; None when the scheme scores no roles
    items: pd.DataFrame  # self-test notebook, cell → point, dimension
    levels: pd.DataFrame  # LEVEL_COLUMNS: the desk's current level per (teacher, task)
    credits: pd.DataFrame | None = None  # CREDIT_COLUMNS; None when the scheme gives no point credits
    scope: CourseScope | None = None  # the points the school offers this cycle
    research: FlowStatus | None = None  # the school-based research flow; None before it starts
    process: pd.DataFrame | None = None  # process_measures of the course ledger
    cycles: tuple[LessonCycle, ...] = ()  # lesson-study cycles in the course ledger
    months: pd.DataFrame | None = None  # monthly_activity of the course ledger
    lessons: tuple[LessonEvaluation, ...] = ()  # lessons evaluated by every party

    @functools.cached_property
    def teachers(self) -> pd.DataFrame:
        """The active teachers (the people every page counts)."""
        return self.course.teachers[self.course.teachers["active"]].reset_index(drop=True)

    @functools.cached_property
    def assignments(self) -> list[str]:
        """The course's assignments: self-test and plan first, then tasks in catalogue order."""
        order = {SELF_TEST: 0, PLAN_ASSIGNMENT: 1}
        codes = [point.code for point in load_catalogue().points]
        known = set(self.course.assignments["assignment"])

        def position(name: str) -> tuple[int, int, str]:
            code = name.removeprefix(TASK_PREFIX)
            return (order.get(name, 2), codes.index(code) if code in codes else len(codes), name)

        return sorted(known, key=position)

    @functools.cached_property
    def item_scores(self) -> pd.DataFrame:
        """Self-test grades joined to their point and dimension: teacher_id, point, dimension, score,
        max_score (ungraded cells count as 0)."""
        grades = self.course.grades[self.course.grades["assignment"] == SELF_TEST]
        tagged = grades.merge(self.items, on=["notebook", "cell"], how="inner")
        return tagged.assign(score=tagged["score"].fillna(0))[
            ["teacher_id", "point", "dimension", "score", "max_score"]
        ]


def _desk_levels(db_url: str, course_dir: Path) -> pd.DataFrame:
    """The current desk level of each graded task, with its share of the top level."""
    graded = desk_levels(db_url)
    shares: dict[tuple[str, str], float] = {}
    for point in graded["point"].unique():
        rubric = load_point_rubric(point, course_dir=course_dir)
        top = rubric.levels[-1].points
        shares.update({(point, level.id): level.points / top for level in rubric.levels})
    share = [shares[key] for key in zip(graded["point"], graded["level"], strict=True)]
    return graded.assign(share=share)[LEVEL_COLUMNS].reset_index(drop=True)


def load_dashboard_data(course_dir: str | Path) -> DashboardData:
    """Read a course for the dashboards: a few SQL queries and the scheme's figures, once."""
    course = read_course(course_dir)
    root = course.settings.root
    ledger = course_ledger(root, data=course)
    levels = _desk_levels(course.settings.db_url, root)
    rule = ledger.scheme.credits
    active = list(course.teachers.loc[course.teachers["active"], "teacher_id"])
    return DashboardData(
        course=course,
        scheme=ledger.scheme,
        environment=stored_setting(course.settings.db_url, "environment") or "C",
        hours=hours_of(ledger, course),
        assessment=assessment_of(ledger, course),
        items=item_points(root, SELF_TEST),
        levels=levels,
        credits=count_credits(levels, rule, people=active) if rule is not None else None,
        scope=course_scope(root),
        research=course_flow_status(course, ledger.scheme),
        process=process_measures(ledger, people=active),
        cycles=tuple(lesson_cycles(ledger)),
        months=monthly_activity(ledger),
        lessons=course_evaluations(course.settings.db_url, root),
    )


def course_stamp(settings: CourseSettings) -> tuple[tuple[str, int, int], ...] | None:
    """What changes whenever the dashboards' figures may: the course's SQLite gradebook files and
    its settings (name, modification time, size). None for a database server, whose changes a
    file cannot show: such a course is read again for every page."""
    if not settings.db_url.startswith("sqlite:///"):
        return None
    database = Path(settings.db_url.removeprefix("sqlite:///"))
    files = [settings.root / CONFIG_NAME, database]
    files += [database.with_name(database.name + suffix) for suffix in ("-wal", "-journal")]
    return tuple(
        (path.name, stat.st_mtime_ns, stat.st_size)
        for path in files
        if path.exists() and (stat := path.stat())
    )
