"""Role scores and school pass rates under a scheme's role items (``workshop assess``)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.ledger.read import Ledger, LedgerRow
from toolkit.roster import Roster, Teacher
from toolkit.scheme import RoleItem, Scheme

add_messages(
    {
        "assess.no_roles": {
            "zh": "方案“{scheme}”没有角色考核项目（有考核项目的方案：{known}）",
            "en": "scheme '{scheme}' has no role items (schemes with them: {known})",
        },
        "assess.unknown_person": {
            "zh": "工号 {teacher} 不在名单 {roster} 中",
            "en": "{teacher} is not on the roster {roster}",
        },
        "assess.role_not_in_scheme": {
            "zh": "名单中有角色“{role}”（如 {teacher}），但方案“{scheme}”没有这个角色的考核项目",
            "en": "the roster has role '{role}' (e.g. {teacher}) but scheme '{scheme}' does not assess it",
        },
    }
)

PERSON_COLUMNS = ["person_id", "role", "score", "max_score", "passed"]
SCHOOL_COLUMNS = ["school", "participants", "passed", "pass_rate", "pass_rate_points"]
_EPSILON = 1e-9


@dataclass(frozen=True)
class Assessment:
    people: pd.DataFrame  # PERSON_COLUMNS, then one column per scheme item
    schools: pd.DataFrame  # SCHOOL_COLUMNS


def _item_score(item: RoleItem, rows: list[LedgerRow]) -> float:
    """Score one item from this person's rows of its activity (not for school-level items)."""
    if item.points is not None and item.case_share is None:
        return item.points if rows else 0.0
    if item.each is not None:
        return min(item.each * len(rows), item.max)
    if item.minutes_per_point is not None:
        minutes = sum(r.minutes or 0.0 for r in rows)
        return min(float(math.floor(minutes / item.minutes_per_point + _EPSILON)), item.max)
    if item.rating:
        if item.min_hours is not None and sum(r.hours or 0.0 for r in rows) < item.min_hours - _EPSILON:
            return 0.0
        if item.video_minutes is not None:
            low, high = item.video_minutes
            rows = [r for r in rows if r.minutes is not None and low <= r.minutes <= high]
        ratings = [r.score for r in rows if r.score is not None]
        return min(max(ratings, default=0.0), item.max)
    raise AssertionError(f"item {item.id} is scored at school level")


def assess(ledger: Ledger, roster: Roster) -> Assessment:
    """Every roster member's role score (members without ledger rows score 0) and each school's pass rate."""
    from toolkit.scheme import available_schemes

    scheme = ledger.scheme
    if not scheme.roles:
        with_roles = available_schemes(having=lambda scheme: scheme.roles)
        raise InputError(t("assess.no_roles", scheme=scheme.id, known="、".join(with_roles)))
    people = {person.teacher_id: person for person in roster.teachers}
    for row in ledger.rows:
        if row.teacher_id not in people:
            raise InputError(
                t("assess.unknown_person", teacher=row.teacher_id, roster=roster.file),
                file=ledger.file,
                row=row.row,
                column="工号",
            )
    for person in roster.teachers:
        if person.role not in scheme.roles:
            raise InputError(
                t(
                    "assess.role_not_in_scheme",
                    role=t(f"role.{person.role}"),
                    teacher=person.teacher_id,
                    scheme=scheme.id,
                ),
                file=roster.file,
            )
    rows: dict[tuple[str, str], list[LedgerRow]] = defaultdict(list)
    school_rows: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in ledger.rows:
        rows[(row.teacher_id, row.kind.id)].append(row)
        school_rows[(people[row.teacher_id].school, row.kind.id)].add(row.activity_id)

    scores: dict[str, dict[str, float]] = {}
    # Individual items first: the pass rate that school-level items use depends on them.
    for person in roster.teachers:
        role = scheme.roles[person.role]
        scores[person.teacher_id] = {
            item.id: _item_score(item, rows[(person.teacher_id, item.activity or "")])
            for item in role.items
            if not item.pass_rate and item.case_share is None
        }

    def passed(person: Teacher) -> bool:
        role = scheme.roles[person.role]
        return sum(scores[person.teacher_id].values()) >= role.pass_mark - _EPSILON

    rate_roles = scheme.pass_rate.roles if scheme.pass_rate else ()
    schools: dict[str, list[Teacher]] = defaultdict(list)
    for person in roster.teachers:
        schools[person.school].append(person)
    figures: dict[str, tuple[int, int, float]] = {}
    for school, members in schools.items():
        participants = [m for m in members if m.role in rate_roles]
        passing = sum(1 for m in participants if passed(m))
        points = scheme.pass_rate.points(passing, len(participants)) if scheme.pass_rate else 0.0
        figures[school] = (len(participants), passing, points)

    for person in roster.teachers:
        role = scheme.roles[person.role]
        participants, _, rate_points = figures[person.school]
        for item in role.items:
            if item.pass_rate:
                scores[person.teacher_id][item.id] = min(rate_points, item.max)
            elif item.case_share is not None:
                cases = len(school_rows[(person.school, item.activity or "")])
                reached = participants > 0 and cases >= item.case_share * participants - _EPSILON
                scores[person.teacher_id][item.id] = float(item.points or 0) if reached else 0.0

    item_columns = list(dict.fromkeys(item.id for role in scheme.roles.values() for item in role.items))
    records = []
    for person in roster.teachers:
        role = scheme.roles[person.role]
        mine = scores[person.teacher_id]
        score = round(sum(mine.values()), 2)
        records.append(
            {
                "person_id": person.teacher_id,
                "role": person.role,
                "score": score,
                "max_score": role.max_score,
                "passed": bool(score >= role.pass_mark - _EPSILON),
                **{column: mine.get(column, math.nan) for column in item_columns},
            }
        )
    people_frame = pd.DataFrame(records, columns=PERSON_COLUMNS + item_columns)
    school_frame = pd.DataFrame(
        [
            (
                school,
                participants,
                passing,
                round(passing / participants, 4) if participants else math.nan,
                points,
            )
            for school, (participants, passing, points) in figures.items()
        ],
        columns=SCHOOL_COLUMNS,
    )
    return Assessment(people_frame, school_frame)


def item_names(scheme: Scheme) -> dict[str, str]:
    """Item id → Chinese name, for headers people read."""
    return {item.id: item.name for role in scheme.roles.values() for item in role.items}
