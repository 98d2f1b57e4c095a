"""Hours and scores under a scheme: tiers and what the next one needs, groups and people."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from toolkit.dashboard.data import DashboardData
from toolkit.dashboard.markup import filter_teachers
from toolkit.dashboard.progress import credit_tables, hours_tables, score_tables, tier_text
from toolkit.scheme import HoursCategory, HoursRule, load_scheme


@pytest.mark.parametrize(
    ("passed", "participants", "tier", "next_tier"),
    [
        (19, 20, "95%–100% → 10 分", "已在最高档"),
        (57, 60, "95%–100% → 10 分", "已在最高档"),
        (47, 50, "80%–95% → 8 分", "再合格 1 人可得 10 分"),
        (16, 20, "80%–95% → 8 分", "再合格 3 人可得 10 分"),
        (79, 100, "60%–80% → 6 分", "再合格 1 人可得 8 分"),
        (3, 5, "60%–80% → 6 分", "再合格 1 人可得 8 分"),
        (1, 2, "50%–60% → 4 分", "再合格 1 人可得 6 分"),
        (49, 100, "0%–50% → 0 分", "再合格 1 人可得 4 分"),
        (0, 7, "0%–50% → 0 分", "再合格 4 人可得 4 分"),
        (0, 0, "—", "—"),
    ],
)
def test_tier_and_what_the_next_one_needs(passed: int, participants: int, tier: str, next_tier: str) -> None:
    rule = load_scheme("hefei-2021").pass_rate
    assert rule is not None
    assert tier_text(rule, passed, participants) == (tier, next_tier)


def test_hours_per_group_and_person(small: DashboardData) -> None:
    cards, groups, people = hours_tables(small, small.teachers)
    assert ">25<" in cards and "1 / 3" in cards and ">11.7<" in cards  # (25 + 10 + 0) / 3
    assert groups.to_dict("records") == [
        {
            "学校": "一中",
            "教研组": "数学组",
            "人数": 1,
            "学时达标人数": 1,
            "达标率": "100%",
            "平均计入学时": 25.0,
        },
        {
            "学校": "一中",
            "教研组": "语文组",
            "人数": 1,
            "学时达标人数": 0,
            "达标率": "0%",
            "平均计入学时": 10.0,
        },
        {
            "学校": "二中",
            "教研组": "数学组",
            "人数": 1,
            "学时达标人数": 0,
            "达标率": "0%",
            "平均计入学时": 0.0,
        },
    ]
    bars = list(people["计入学时"])
    assert "width:100%" in bars[0] and "25 / 25" in bars[0]
    assert "width:40%" in bars[1] and "10 / 25" in bars[1]


def test_scores_per_role_school_and_person(small: DashboardData) -> None:
    cards, groups, schools, people = score_tables(small, small.teachers)
    assert "教师合格（合格线 42 / 70 分）" in cards and "1 / 2" in cards
    assert "坊主合格（合格线 60 / 100 分）" in cards and "1 / 1" in cards
    first = schools.iloc[0].to_dict()
    assert first["学校"] == "一中" and first["合格率"] == "50%"
    assert first["所在档位"] == "50%–60% → 4 分" and first["升档还需"] == "再合格 1 人可得 6 分"
    assert list(people["考核合格"]) == [True, False, True]
    assert "30 / 70（合格线 42）" in people["考核得分"].iloc[1]
    only = filter_teachers(small.teachers, {"school": "二中"})
    _, groups, schools, people = score_tables(small, only)
    assert list(schools["学校"]) == ["二中"] and list(people["工号"]) == ["T3"]


def test_credits_per_group_and_person(small: DashboardData) -> None:
    # T1 passed A1 and B1 at the desk (10 学分), T2 nothing, T3 four points (20 学分).
    credits = pd.DataFrame(
        [("T1", 10.0, False, "A1、B1"), ("T2", 0.0, False, ""), ("T3", 20.0, True, "A1、A2、B1、C1")],
        columns=["teacher_id", "credits", "credits_complete", "passed_points"],
    )
    data = dataclasses.replace(small, credits=credits)
    cards, groups, people = credit_tables(data, data.teachers)
    assert ">20<" in cards and "1 / 3" in cards and ">10.0<" in cards  # (10 + 0 + 20) / 3
    assert groups.to_dict("records")[0] == {
        "学校": "一中", "教研组": "数学组", "人数": 1, "学分达标人数": 0, "平均学分": 10.0,
    }  # fmt: skip
    assert "10 / 20" in people["认证学分"].iloc[0] and "width:50%" in people["认证学分"].iloc[0]
    assert list(people["通过的能力点"]) == ["A1、B1", "—", "A1、A2、B1、C1"]


def test_hours_show_each_category_against_its_own_minimum(small: DashboardData) -> None:
    rule = HoursRule(
        target=60,
        categories=(HoursCategory("online", "网络研修", 30), HoursCategory("practice", "校本研修", 30)),
    )
    hours = small.hours.assign(  # type: ignore[union-attr]
        counted_hours=[60.0, 60.0, 0.0], complete=[True, False, False],
        hours_online=[30.0, 29.5, 0.0], hours_practice=[30.0, 30.5, 0.0],
    )  # fmt: skip
    data = dataclasses.replace(small, scheme=dataclasses.replace(small.scheme, hours=rule), hours=hours)
    _, _, people = hours_tables(data, data.teachers)
    assert "30 / 30" in people["网络研修"].iloc[0] and "29.5 / 30" in people["网络研修"].iloc[1]
    assert "30.5 / 30" in people["校本研修"].iloc[1]
    assert list(people["学时达标"]) == [True, False, False]
