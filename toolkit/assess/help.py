"""Targeted help (精准帮扶): teachers of a school who share a gap on a point, grouped, each group
with a suggested mentor, a colleague strong on that point (from their own research group first)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

MIN_GROUP = 2  # a gap shared by at least this many teachers of a school makes a help group


@dataclass(frozen=True)
class HelpGroup:
    school: str
    point: str  # point code
    teachers: tuple[str, ...]  # teacher IDs, in roster order
    mentor: str | None  # a teacher strong on the point, or None when the school has nobody
    mentor_group: str  # the mentor's research group ("" without a mentor)


def help_groups(
    gaps: Mapping[str, set[str]],
    strengths: Mapping[str, Mapping[str, float]],
    people: pd.DataFrame,
    *,
    point_order: list[str],
) -> list[HelpGroup]:
    """Groups of ``MIN_GROUP`` or more teachers of one school with the same gap point, largest
    first. ``strengths`` gives each teacher's strong points with a strength to rank mentors by;
    ``people`` holds teacher_id, school and research_group."""
    info = people.set_index("teacher_id")
    order = {code: index for index, code in enumerate(point_order)}
    roster_order = {teacher: index for index, teacher in enumerate(people["teacher_id"])}
    shared: dict[tuple[str, str], list[str]] = {}
    for teacher, points in gaps.items():
        if teacher not in info.index:
            continue
        for point in points:
            shared.setdefault((str(info.at[teacher, "school"]), point), []).append(teacher)
    groups = []
    for (school, point), members in shared.items():
        if len(members) < MIN_GROUP:
            continue
        members.sort(key=lambda teacher: roster_order[teacher])
        their_group = Counter(str(info.at[m, "research_group"]) for m in members).most_common(1)[0][0]
        candidates = [
            teacher
            for teacher, strong in strengths.items()
            if point in strong
            and teacher not in members  # strong in the self-test yet rated lowest at the desk
            and teacher in info.index
            and str(info.at[teacher, "school"]) == school
        ]
        # Same research group first, then the strongest, then roster order.
        candidates.sort(
            key=lambda teacher: (
                str(info.at[teacher, "research_group"]) != their_group,
                -strengths[teacher][point],
                roster_order[teacher],
            )
        )
        mentor = candidates[0] if candidates else None
        groups.append(
            HelpGroup(
                school=school,
                point=point,
                teachers=tuple(members),
                mentor=mentor,
                mentor_group=str(info.at[mentor, "research_group"]) if mentor else "",
            )
        )
    groups.sort(key=lambda g: (-len(g.teachers), g.school, order.get(g.point, len(order))))
    return groups
