"""Status per assignment and the at-risk list, on the hand-made cohort of conftest.py."""

from __future__ import annotations

import pandas as pd

from toolkit.dashboard.data import DashboardData
from toolkit.dashboard.markup import filter_teachers
from toolkit.dashboard.status import assignment_status, at_risk, desk_href, risk_actions


def test_each_teacher_has_a_status_per_assignment_in_order(small: DashboardData) -> None:
    assert small.assignments == ["self_test", "personal_plan", "task_A1"]
    status = assignment_status(small, small.teachers, links=False)
    status.index = small.teachers["teacher_id"]
    assert status.loc["T1"].tolist() == ["8 / 10", "7 / 7", "不合格"]
    assert status.loc["T2"].tolist() == ["4 / 10", "未提交", "待评分"]
    assert status.loc["T3"].tolist() == ["未提交", "未提交", "未提交"]
    assert "T4" not in status.index  # left the course


def test_a_task_waiting_for_the_desk_links_to_that_submission(small: DashboardData) -> None:
    status = assignment_status(small, small.teachers, links=True)
    pending = status.loc[small.teachers["teacher_id"] == "T2", "task_A1"].iloc[0]
    assert "desk.ipynb?assignment=task_A1&amp;teacher=T2" in pending and "待评分" in pending
    assert desk_href("task_A1", "T 2") == "desk.ipynb?assignment=task_A1&teacher=T+2"


def test_at_risk_lists_every_reason_most_reasons_first(small: DashboardData) -> None:
    risk = at_risk(small, small.teachers)
    assert list(risk["teacher_id"]) == ["T2", "T3", "T1"]
    reasons = dict(zip(risk["teacher_id"], risk["reasons"], strict=True))
    assert reasons["T2"] == ["未提交研修计划", "自测得分率 40%", "学时 10 / 25", "考核 30 分，合格线 42 分"]
    assert reasons["T3"] == ["未提交自测诊断", "未提交研修计划", "学时 0 / 25"]
    assert reasons["T1"] == ["A1 证据评定为不合格"]
    assert dict(zip(risk["teacher_id"], risk["regrade"], strict=True)) == {
        "T2": "",
        "T3": "",
        "T1": "task_A1",
    }


def test_risk_actions_link_the_portrait_and_the_failed_task(small: DashboardData) -> None:
    actions = risk_actions("T1", "task_A1")
    assert (
        "portrait.ipynb?teacher=T1" in actions and "desk.ipynb?assignment=task_A1&amp;teacher=T1" in actions
    )
    assert "desk.ipynb" not in risk_actions("T3", "")


def test_a_teacher_on_track_is_not_at_risk(small: DashboardData) -> None:
    people = small.assessment.people if small.assessment is not None else pd.DataFrame()
    on_track = small.levels.iloc[0:0]
    data = type(small)(
        small.course, small.scheme, small.environment, small.hours, small.assessment, small.items, on_track
    )
    assert "T1" not in set(at_risk(data, data.teachers)["teacher_id"])
    assert bool(people.set_index("person_id").loc["T1", "passed"])


def test_the_list_follows_the_filters(small: DashboardData) -> None:
    school = filter_teachers(
        small.teachers, {"school": "一中", "research_group": "", "subject": "", "role": ""}
    )
    assert list(at_risk(small, school)["teacher_id"]) == ["T2", "T1"]
    leaders = filter_teachers(small.teachers, {"role": "leader"})
    assert list(at_risk(small, leaders)["teacher_id"]) == ["T3"]
    maths = filter_teachers(small.teachers, {"subject": "数学", "school": "一中"})
    assert list(maths["teacher_id"]) == ["T1"]
