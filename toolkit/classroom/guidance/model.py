"""C5 基于数据的个别化指导: one student's data read as needs, in plain pandas.

The model joins a class's quiz answers (scored against the key, per knowledge
point), its unit tests (least-squares trend) and homework completion, and
turns what stands out into needs: what kind, how urgent, and the numbers that
show it. A knowledge point that the whole class has not mastered is a matter
for whole-class teaching, so it is reported separately and not as an
individual need. The words (findings, recommendations, the plan document) are
the report's; the planner widget lets a teacher edit and export the plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.classroom.classtable import (
    STUDENT_ID,
    by_student,
    homework_rates,
    names_by_id,
    require_columns,
    student_ids,
    unit_scores,
    unit_trend,
)
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t

CODE = "C5"
ITEM, ANSWER, TOPIC, POINTS = "题号", "答案", "知识点", "分值"
KEY_COLUMNS = (ITEM, ANSWER, TOPIC)

MASTERY_BELOW = 60.0
SLOPE_AT_MOST = -3.0
HOMEWORK_BELOW = 70.0

# How much each kind of need weighs when the class list is ordered: a steady slide is news
# and comes first (it outweighs everything else together), then homework, then each
# individually weak point (at most four count).
URGENCY = {"trend": 8, "homework": 3, "mastery": 1}
MASTERY_URGENCY_CAP = 4

add_messages(
    {
        "guidance.table.quiz": {"zh": "测验作答表", "en": "quiz answer table"},
        "guidance.table.key": {"zh": "测验答案表", "en": "quiz key table"},
        "guidance.table.units": {"zh": "单元成绩表", "en": "unit-test table"},
        "guidance.table.students": {"zh": "学生信息表", "en": "student table"},
        "guidance.error.student": {
            "zh": "找不到学号为 {id} 的学生",
            "en": "no student with number {id}",
        },
    }
)


def _require(table: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """``what`` is quiz, key, units or students: the table the error message names."""
    require_columns(table, list(columns), table=t(f"guidance.table.{what}"))


def _worth(key: pd.DataFrame) -> pd.Series:
    """Each item's points: the key's 分值 column, or 1 per item without one."""
    return key[POINTS].astype(float) if POINTS in key.columns else pd.Series(1.0, index=key.index)


def item_points(quiz: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Points earned per student (rows, by 学号) and item (columns); a blank or wrong answer earns 0."""
    _require(quiz, [STUDENT_ID], "quiz")
    _require(key, KEY_COLUMNS, "key")
    earned = {}
    for row, worth in zip(key.itertuples(index=False), _worth(key), strict=True):
        item, answer = str(getattr(row, ITEM)), str(getattr(row, ANSWER)).strip().upper()
        if item not in quiz.columns:
            _require(quiz, [item], "quiz")
        given = quiz[item].fillna("").astype(str).str.strip().str.upper()
        earned[item] = (given == answer).astype(float) * worth
    return pd.DataFrame(earned).set_axis(student_ids(quiz), axis=0)


def mastery_table(quiz: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Per student and knowledge point: the share of that point's points earned, in percent (0–100)."""
    earned = item_points(quiz, key)
    topic = key.set_index(key[ITEM].astype(str))[TOPIC]
    possible = _worth(key).groupby(key[TOPIC].to_numpy()).sum()
    order = list(dict.fromkeys(key[TOPIC]))  # knowledge points in the order the quiz teaches them
    by_point = earned.T.groupby(topic.reindex(earned.columns).to_numpy()).sum().T
    return (by_point / possible * 100)[order]


def item_numbers(key: pd.DataFrame, point: str) -> tuple[str, ...]:
    """The numbers of the items that test ``point`` (题号 without its Q: "Q3" → "3")."""
    items = key.loc[key[TOPIC] == point, ITEM].astype(str).str.lstrip("Qq")
    return tuple(items)


@dataclass(frozen=True)
class Need:
    """One thing the data shows about a student, and the numbers that show it.

    ``kind`` is "trend" (``value``: points per unit, ``scores``: the unit scores),
    "homework" (``value``: completion %, ``average``: the class's, ``threshold``: the line)
    or "mastery" (``value``: mastery % of ``point``, ``average``: the class's, ``items``:
    the numbers of the point's items).
    """

    kind: str
    urgency: int
    value: float
    average: float | None = None
    threshold: float | None = None
    point: str = ""
    items: tuple[str, ...] = ()
    scores: tuple[float, ...] = ()


@dataclass(frozen=True)
class StudentProfile:
    """A student's data profile and the needs read from it (percentages are 0–100)."""

    student_id: str
    name: str
    quiz_score: float  # NaN when the student has no quiz answers
    quiz_total: float
    mastery: pd.Series
    class_mastery: pd.Series
    unit_scores: pd.Series
    slope: float
    homework: float | None
    class_homework: float | None
    needs: tuple[Need, ...]
    shared_weak: tuple[str, ...] = field(default=())
    mastery_below: float = MASTERY_BELOW

    @property
    def urgency(self) -> int:
        """How urgently this student needs individual attention (0 = not at all)."""
        return sum(need.urgency for need in self.needs)

    @property
    def weak_points(self) -> tuple[str, ...]:
        """Knowledge points below the threshold for this student but not for the class as a whole."""
        below = self.mastery[self.mastery < self.mastery_below].index
        return tuple(p for p in below if p not in self.shared_weak)

    @property
    def sliding(self) -> bool:
        """Whether the unit tests show a steady slide (a "trend" need)."""
        return any(need.kind == "trend" for need in self.needs)


class ClassData:
    """The four tables, checked and scored once, so many profiles are cheap."""

    def __init__(
        self, quiz: pd.DataFrame, key: pd.DataFrame, units: pd.DataFrame, students: pd.DataFrame
    ) -> None:
        _require(units, [STUDENT_ID], "units")
        _require(students, [STUDENT_ID], "students")
        self.key = key
        self.mastery = mastery_table(quiz, key)
        self.class_mastery = self.mastery.mean()
        self.quiz_scores = item_points(quiz, key).sum(axis=1)
        self.quiz_total = float(_worth(key).sum())
        self.units = unit_scores(units)
        self.homework = homework_rates(students)
        self.names = names_by_id(students, units, quiz)
        self.ids = list(dict.fromkeys([*by_student(students).index, *self.units.index, *self.mastery.index]))

    def profile(
        self, student_id: str, *, mastery_below: float, slope_at_most: float, homework_below: float
    ) -> StudentProfile:
        student_id = str(student_id).strip()
        if student_id not in self.ids:
            raise InputError(t("guidance.error.student", id=student_id))
        needs: list[Need] = []
        scores = self.units.loc[student_id] if student_id in self.units.index else pd.Series(dtype=float)
        slope = unit_trend(scores)
        if not np.isnan(slope) and slope <= slope_at_most:
            known = tuple(float(v) for v in scores.dropna())
            needs.append(Need("trend", URGENCY["trend"], slope, scores=known))
        homework = None
        class_homework = None
        if self.homework is not None and student_id in self.homework.index:
            value = self.homework.loc[student_id]
            homework = None if pd.isna(value) else float(value)
            class_homework = float(self.homework.mean())
        if homework is not None and homework < homework_below:
            needs.append(
                Need("homework", URGENCY["homework"], homework, class_homework, threshold=homework_below)
            )
        if student_id in self.mastery.index:
            mastery = self.mastery.loc[student_id]
            quiz_score = float(self.quiz_scores.loc[student_id])
        else:
            mastery = pd.Series(np.nan, index=self.mastery.columns)
            quiz_score = float("nan")
        shared = tuple(p for p in mastery.index if self.class_mastery[p] < mastery_below)
        weak = [p for p in mastery.index if mastery[p] < mastery_below and p not in shared]
        weak.sort(key=lambda p: mastery[p] - self.class_mastery[p])  # furthest behind the class first
        for rank, point in enumerate(weak):
            needs.append(
                Need(
                    "mastery",
                    URGENCY["mastery"] if rank < MASTERY_URGENCY_CAP else 0,
                    float(mastery[point]),
                    float(self.class_mastery[point]),
                    point=point,
                    items=item_numbers(self.key, point),
                )
            )
        return StudentProfile(
            student_id=student_id,
            name=str(self.names.get(student_id, "")),
            quiz_score=quiz_score,
            quiz_total=self.quiz_total,
            mastery=mastery.astype(float),
            class_mastery=self.class_mastery.astype(float),
            unit_scores=scores.astype(float),
            slope=slope,
            homework=homework,
            class_homework=class_homework,
            needs=tuple(needs),
            shared_weak=shared,
            mastery_below=mastery_below,
        )


def student_profile(
    student_id: str,
    *,
    quiz: pd.DataFrame,
    key: pd.DataFrame,
    units: pd.DataFrame,
    students: pd.DataFrame,
    mastery_below: float = MASTERY_BELOW,
    slope_at_most: float = SLOPE_AT_MOST,
    homework_below: float = HOMEWORK_BELOW,
) -> StudentProfile:
    """One student's profile: mastery per knowledge point, unit trend, homework, and needs.

    Needs: a knowledge point below ``mastery_below`` percent (unless the whole class is
    below it too), a unit trend of ``slope_at_most`` points per unit or worse, homework
    completion below ``homework_below`` percent.
    """
    data = ClassData(quiz, key, units, students)
    return data.profile(
        student_id, mastery_below=mastery_below, slope_at_most=slope_at_most, homework_below=homework_below
    )


def all_profiles(
    *,
    quiz: pd.DataFrame,
    key: pd.DataFrame,
    units: pd.DataFrame,
    students: pd.DataFrame,
    mastery_below: float = MASTERY_BELOW,
    slope_at_most: float = SLOPE_AT_MOST,
    homework_below: float = HOMEWORK_BELOW,
) -> list[StudentProfile]:
    """Every student's profile, in the order of the student list (then unit table, then quiz)."""
    data = ClassData(quiz, key, units, students)
    return [
        data.profile(
            sid, mastery_below=mastery_below, slope_at_most=slope_at_most, homework_below=homework_below
        )
        for sid in data.ids
    ]


def most_urgent(profiles: Iterable[StudentProfile]) -> list[StudentProfile]:
    """The students with at least one need, most urgent first (a slide, then homework, then weak points).

    Equal urgency: the steeper slide first (no trend last), then by 学号.
    """

    def order(profile: StudentProfile) -> tuple[int, bool, float, str]:
        slope = profile.slope
        return (-profile.urgency, math.isnan(slope), 0.0 if math.isnan(slope) else slope, profile.student_id)

    return sorted((p for p in profiles if p.needs), key=order)
