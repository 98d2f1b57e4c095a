"""Role scores and pass rates of a course's active members, from the course's merged ledger."""

from __future__ import annotations

from pathlib import Path

from toolkit.assess.score import Assessment, assess
from toolkit.gradebook import CourseData, read_course
from toolkit.ledger.course import course_ledger, course_roster
from toolkit.ledger.read import Ledger


def assessment_of(ledger: Ledger, data: CourseData) -> Assessment | None:
    """``workshop assess`` for the course's active members; None if the scheme scores no roles."""
    return assess(ledger, course_roster(data)) if ledger.scheme.roles else None


def course_assessment(course_dir: str | Path, *, data: CourseData | None = None) -> Assessment | None:
    """:func:`assessment_of` the course's merged ledger."""
    data = data or read_course(course_dir)
    return assessment_of(course_ledger(course_dir, data=data), data)
