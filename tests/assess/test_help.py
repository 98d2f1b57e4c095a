"""Targeted help groups: a shared gap in one school makes a group; the mentor is strong on that
point in the same school, from the group's own research group first."""

from __future__ import annotations

import pandas as pd

from toolkit.assess.help import help_groups

PEOPLE = pd.DataFrame(
    [
        ("T1", "一中", "数学组"),
        ("T2", "一中", "数学组"),
        ("T3", "一中", "语文组"),
        ("T4", "一中", "语文组"),
        ("T5", "一中", "数学组"),
        ("T6", "二中", "数学组"),
        ("T7", "二中", "数学组"),
    ],
    columns=["teacher_id", "school", "research_group"],
)
ORDER = ["A1", "A2", "B1", "C1"]


def test_groups_mentors_and_order() -> None:
    gaps = {"T1": {"A1", "B1"}, "T2": {"A1"}, "T3": {"B1"}, "T6": {"A1"}, "T7": {"C1"}}
    strengths = {
        "T4": {"A1": 2.0},  # the desk's top level, but in 语文组
        "T5": {"A1": 0.85, "B1": 0.9},  # 数学组, self-test strong
        "T3": {"A1": 0.95},
    }
    groups = help_groups(gaps, strengths, PEOPLE, point_order=ORDER)
    found = [(g.school, g.point, g.teachers, g.mentor) for g in groups]
    assert found == [
        # T1 and T2 (数学组) share A1: T5 is in 数学组, so T5 before the stronger T4 and T3.
        ("一中", "A1", ("T1", "T2"), "T5"),
        # T1 (数学组) and T3 (语文组) share B1: a tie on the group goes to the first, 数学组; T5.
        ("一中", "B1", ("T1", "T3"), "T5"),
    ]
    # T6 alone with A1 in 二中 and T7 alone with C1: no group of one.


def test_a_school_without_anyone_strong_gets_no_mentor() -> None:
    groups = help_groups({"T6": {"C1"}, "T7": {"C1"}}, {"T1": {"C1": 1.0}}, PEOPLE, point_order=ORDER)
    assert [(g.school, g.teachers, g.mentor) for g in groups] == [("二中", ("T6", "T7"), None)]


def test_a_member_of_the_group_is_never_its_own_mentor() -> None:
    # T2's self-test on A1 is strong, yet the desk rated A1 at the lowest level: a gap as well.
    groups = help_groups({"T1": {"A1"}, "T2": {"A1"}}, {"T2": {"A1": 0.9}}, PEOPLE, point_order=ORDER)
    assert [(g.teachers, g.mentor) for g in groups] == [(("T1", "T2"), None)]
