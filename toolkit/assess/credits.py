"""Competency-point credits (学分): points passed at the rubric desk, each worth the scheme's credit
(Hefei: every teacher needs at least 20 学分 of point certification)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import create_engine, text

from toolkit.catalogue import TASK_PREFIX, load_catalogue
from toolkit.course import tables
from toolkit.scheme import CreditRule

CREDIT_COLUMNS = ["teacher_id", "credits", "credits_complete", "passed_points"]
DESK_COLUMNS = ["teacher_id", "assignment", "point", "level", "level_name"]
_EPSILON = 1e-9  # credits such as 0.5 + 0.5 must still reach a whole target


def desk_levels(db_url: str) -> pd.DataFrame:
    """DESK_COLUMNS: the current (not superseded) desk level of every graded point task."""
    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            if not connection.dialect.has_table(connection, tables.rubric_grade.name):
                return pd.DataFrame(columns=DESK_COLUMNS)
            graded = pd.read_sql_query(
                text(
                    "SELECT teacher_id, assignment, level, level_name FROM workshop_rubric_grade "
                    "WHERE superseded = :no"
                ),
                connection,
                params={"no": False},
            )
    finally:
        engine.dispose()
    graded = graded.loc[graded["assignment"].str.startswith(TASK_PREFIX).astype(bool)]
    graded = graded.assign(point=graded["assignment"].str.removeprefix(TASK_PREFIX))
    return graded[DESK_COLUMNS].reset_index(drop=True)


def count_credits(levels: pd.DataFrame, rule: CreditRule, *, people: list[str]) -> pd.DataFrame:
    """CREDIT_COLUMNS for each of ``people``: the credits of the points whose current desk level is
    one of the rule's passing levels, whether they reach the target, and those points in order."""
    order = {point.code: index for index, point in enumerate(load_catalogue().points)}
    passed = levels[levels["level_name"].isin(rule.levels)]
    points: dict[str, list[str]] = {}
    for teacher_id, point in zip(passed["teacher_id"], passed["point"], strict=True):
        points.setdefault(teacher_id, []).append(point)
    records = []
    for teacher_id in people:
        mine = sorted(set(points.get(teacher_id, [])), key=lambda code: order.get(code, len(order)))
        credits = sum(rule.credit(code) for code in mine)
        records.append((teacher_id, credits, credits >= rule.target - _EPSILON, "、".join(mine)))
    return pd.DataFrame(records, columns=CREDIT_COLUMNS)


def course_credits(db_url: str, rule: CreditRule | None, *, people: list[str]) -> pd.DataFrame | None:
    """:func:`count_credits` from a course's desk; None when the course's scheme gives no credits."""
    if rule is None:
        return None
    return count_credits(desk_levels(db_url), rule, people=people)
