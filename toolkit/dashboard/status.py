"""Where each teacher stands on each assignment, and who is at risk of not finishing, with why."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from toolkit.dashboard.data import TASK_PREFIX, DashboardData
from toolkit.dashboard.markup import PAGES, Html, link
from toolkit.gradebook import SELF_TEST
from toolkit.i18n import add_messages, t
from toolkit.plan.rules import PLAN_ASSIGNMENT

add_messages(
    {
        "status.missing": {"zh": "未提交", "en": "not submitted"},
        "status.submitted": {"zh": "已提交", "en": "submitted"},
        "status.to_grade": {"zh": "待评分", "en": "to grade"},
        "risk.no_self_test": {"zh": "未提交自测诊断", "en": "no self-test"},
        "risk.no_plan": {"zh": "未提交研修计划", "en": "no personal plan"},
        "risk.low_self_test": {"zh": "自测得分率 {share}", "en": "self-test {share}"},
        "risk.failed_task": {"zh": "{point} 证据评定为{level}", "en": "{point} evidence rated {level}"},
        "risk.hours": {"zh": "学时 {hours:g} / {target:g}", "en": "hours {hours:g} / {target:g}"},
        "risk.score": {
            "zh": "考核 {score:g} 分，合格线 {mark:g} 分",
            "en": "score {score:g}, pass mark {mark:g}",
        },
        "risk.reasons": {"zh": "原因", "en": "Reasons"},
        "risk.actions": {"zh": "操作", "en": "Actions"},
        "risk.portrait": {"zh": "画像", "en": "portrait"},
        "risk.grade": {"zh": "去评分", "en": "grade"},
    }
)

# A self-test below this share of full marks puts a teacher on the at-risk list and marks a gap
# in the portrait: the same 60 % that the Hefei scheme takes as its pass line.
LOW_SHARE = 0.6


def is_task(assignment: str) -> bool:
    return assignment.startswith(TASK_PREFIX)


def desk_href(assignment: str, teacher_id: str) -> str:
    """The grading desk opened on one submission (the desk reads these from the query string)."""
    return f"{PAGES['desk']}?{urlencode({'assignment': assignment, 'teacher': teacher_id})}"


def portrait_href(teacher_id: str) -> str:
    return f"{PAGES['portrait']}?{urlencode({'teacher': teacher_id})}"


def assignment_status(data: DashboardData, teachers: pd.DataFrame, *, links: bool) -> pd.DataFrame:
    """One column per assignment: the score (or desk level), 已提交, 待评分 or 未提交 for each teacher."""
    submissions = data.course.submissions
    submitted = set(zip(submissions["teacher_id"], submissions["assignment"], strict=True))
    scores = data.course.scores
    scored = {
        (tid, name): f"{score:g} / {maximum:g}"
        for tid, name, score, maximum in zip(
            scores["teacher_id"], scores["assignment"], scores["score"], scores["max_score"], strict=True
        )
    }
    graded = data.levels
    keys = zip(graded["teacher_id"], graded["assignment"], strict=True)
    levels = dict(zip(keys, graded["level_name"], strict=True))
    ids = list(teachers["teacher_id"])
    columns: dict[str, list[object]] = {}
    for name in data.assignments:
        shown: list[object] = []
        for tid in ids:
            key = (tid, name)
            if key not in submitted:
                shown.append(t("status.missing"))
            elif is_task(name):
                if key in levels:
                    shown.append(levels[key])
                else:
                    pending = t("status.to_grade")
                    shown.append(link(desk_href(name, tid), pending) if links else pending)
            else:
                shown.append(scored.get(key, t("status.submitted")))
        columns[name] = shown
    return pd.DataFrame(columns, index=teachers.index)


def at_risk(data: DashboardData, teachers: pd.DataFrame) -> pd.DataFrame:
    """teacher_id, the reasons each teacher may not finish and ``regrade`` (a task of theirs rated
    at the lowest level, for the desk, or ""); only teachers with a reason, most reasons first.

    The reasons: a missing self-test or plan, a self-test below ``LOW_SHARE``, evidence rated at the
    lowest level, hours short of the scheme's target, a score below the role's pass mark."""
    submitted = data.course.submissions.groupby("assignment")["teacher_id"].agg(set)
    reasons: dict[str, list[str]] = {tid: [] for tid in teachers["teacher_id"]}

    def add(tid: str, reason: str) -> None:
        if tid in reasons:
            reasons[tid].append(reason)

    for name, message in ((SELF_TEST, "risk.no_self_test"), (PLAN_ASSIGNMENT, "risk.no_plan")):
        if name in data.assignments:
            done = submitted.get(name, set())
            for tid in reasons:
                if tid not in done:
                    add(tid, t(message))
    for tid, share in data.course.self_test_shares.items():
        if share < LOW_SHARE:
            add(tid, t("risk.low_self_test", share=f"{share:.0%}"))
    failed = data.levels[data.levels["share"] <= 0]
    regrade: dict[str, str] = {}
    for tid, name, point, level in zip(
        failed["teacher_id"], failed["assignment"], failed["point"], failed["level_name"], strict=True
    ):
        add(tid, t("risk.failed_task", point=point, level=level))
        regrade.setdefault(tid, name)
    if data.hours is not None and data.scheme.hours is not None:
        target = data.scheme.hours.target
        short = data.hours[~data.hours["complete"]]
        for tid, hours in zip(short["teacher_id"], short["counted_hours"], strict=True):
            add(tid, t("risk.hours", hours=hours, target=target))
    if data.assessment is not None:
        people = data.assessment.people
        failing = people[~people["passed"]]
        for tid, role, score in zip(failing["person_id"], failing["role"], failing["score"], strict=True):
            add(tid, t("risk.score", score=score, mark=data.scheme.roles[role].pass_mark))
    frame = pd.DataFrame(
        {
            "teacher_id": list(reasons),
            "reasons": list(reasons.values()),
            "regrade": [regrade.get(tid, "") for tid in reasons],
        },
        columns=["teacher_id", "reasons", "regrade"],
    )
    frame = frame[frame["reasons"].map(len) > 0]
    order = frame["reasons"].map(len).sort_values(ascending=False, kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def risk_actions(teacher_id: str, regrade: str) -> Html:
    """Links to the teacher's portrait and, when a task of theirs was rated lowest, to it at the desk."""
    actions = [link(portrait_href(teacher_id), t("risk.portrait"))]
    if regrade:
        actions.append(link(desk_href(regrade, teacher_id), t("risk.grade")))
    return Html(" · ".join(actions))
