"""What is done and what is missing in the school-based research flow, per group and per teacher,
and the hours it earns: counted by the scheme, registered only after the school's acceptance."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.achievement.model import TYPICAL_CASE
from toolkit.course.research_log import ResearchState, replay
from toolkit.course.research_store import read_events
from toolkit.gradebook import CourseData
from toolkit.i18n import add_messages, t
from toolkit.ledger.course import research_rows
from toolkit.ledger.hours import count_hours
from toolkit.ledger.read import Ledger
from toolkit.scheme import Scheme

add_messages(
    {
        "research.yes": {"zh": "✓", "en": "✓"},
        "research.no": {"zh": "✗", "en": "✗"},
        "research.no_plan": {"zh": "未上传教研组研修计划", "en": "no group plan uploaded"},
        "research.unconfirmed": {"zh": "研修计划未经学校确认", "en": "plan not confirmed by the school"},
        "research.no_topic": {"zh": "还没有研修专题", "en": "no research topic yet"},
        "research.no_activity": {"zh": "还没有研修活动", "en": "no activity yet"},
        "research.awaiting_evidence": {
            "zh": "线下活动待组长上传佐证：{titles}",
            "en": "offline activities awaiting the leader's evidence: {titles}",
        },
        "research.no_case": {"zh": "还没有典型案例", "en": "no typical case yet"},
        "research.no_improvement": {
            "zh": "{count} 人未交提升计划（{who}）",
            "en": "{count} without an improvement plan ({who})",
        },
        "research.summaries_missing": {"zh": "{who} 缺能力点总结", "en": "{who} missing point summaries"},
        "research.short_hours": {"zh": "{count} 人学时未满", "en": "{count} short of the hours"},
        "research.missing_summary": {"zh": "缺 {points} 总结", "en": "missing summaries: {points}"},
        "research.no_points": {"zh": "研修计划中还没有选能力点", "en": "no points chosen in the plan"},
        "research.pending": {"zh": "待整校验收", "en": "awaiting acceptance"},
        "research.done": {"zh": "已完成", "en": "done"},
    }
)

GROUP_HEADERS = (
    "教研组", "组长", "成员", "研修计划", "学校确认", "研修专题", "研修活动",
    "典型案例", "提升计划", "能力点总结齐全", "学时达标", "尚缺",
)  # fmt: skip
TEACHER_HEADERS = (
    "工号", "姓名", "教研组", "提升计划", "选择的能力点", "已交总结", "缺少总结",
    "已得学时", "登记学时", "尚缺",
)  # fmt: skip


def research_ledger(state: ResearchState, scheme: Scheme, *, source: Path) -> Ledger:
    """The flow's participations as a ledger under ``scheme``, accepted or not."""
    return Ledger(file=source, scheme=scheme, rows=tuple(research_rows(state, scheme)), duplicates=())


@dataclass(frozen=True)
class FlowStatus:
    groups: pd.DataFrame  # GROUP_HEADERS
    teachers: pd.DataFrame  # TEACHER_HEADERS
    accepted: bool


def flow_status(
    state: ResearchState,
    scheme: Scheme,
    *,
    names: Mapping[str, str],
    chosen: Mapping[str, Collection[str]],
    typical_case: Collection[str] = (),
    source: Path = Path("."),
) -> FlowStatus:
    """Per group and per teacher: what the flow has and what it lacks. ``names`` maps teacher IDs
    to names, ``chosen`` gives each teacher's plan points, ``typical_case`` the teachers who took
    part in a submitted typical case."""
    members = [teacher for group in state.groups.values() for teacher in group.members]
    # A scheme without an hours rule (the default one) earns no hours, and says so by zeros.
    hours = (
        count_hours(research_ledger(state, scheme, source=source), people=members).set_index("teacher_id")
        if scheme.hours is not None
        else pd.DataFrame(columns=["counted_hours"])
    )
    target = scheme.hours.target if scheme.hours else 0.0
    accepted = state.accepted is not None
    teacher_rows, group_rows = [], []
    for group in state.groups.values():
        no_plan, missing_summary, short = [], [], 0
        for teacher in group.members:
            points = sorted(chosen.get(teacher, ()))
            handed = [point for point in points if (teacher, point) in state.summaries]
            missing = [point for point in points if (teacher, point) not in state.summaries]
            earned = float(hours.loc[teacher, "counted_hours"]) if teacher in hours.index else 0.0
            gaps = []
            if teacher not in state.improvement_plans:
                no_plan.append(teacher)
                gaps.append(t("research.no_improvement", count=1, who=names.get(teacher, teacher)))
            if not points:
                gaps.append(t("research.no_points"))
            elif missing:
                missing_summary.append(teacher)
                gaps.append(t("research.missing_summary", points="、".join(missing)))
            if earned < target - 1e-9:
                short += 1
            teacher_rows.append(
                (
                    teacher,
                    names.get(teacher, ""),
                    group.name,
                    _mark(teacher in state.improvement_plans),
                    "、".join(points) or "—",
                    "、".join(handed) or "—",
                    "、".join(missing) or "—",
                    earned,
                    earned if accepted else t("research.pending"),
                    "；".join(gaps) or t("research.done"),
                )
            )
        activities = [a for a in state.activities.values() if a.group == group.name]
        waiting = [a.title for a in activities if a.participants and not a.evidence]
        has_case = any(teacher in typical_case for teacher in group.members)
        gaps = []
        if group.plan is None:
            gaps.append(t("research.no_plan"))
        elif group.plan_confirmed is None:
            gaps.append(t("research.unconfirmed"))
        if not group.topics:
            gaps.append(t("research.no_topic"))
        if not activities:
            gaps.append(t("research.no_activity"))
        if waiting:
            gaps.append(t("research.awaiting_evidence", titles="、".join(waiting)))
        if not has_case:
            gaps.append(t("research.no_case"))
        if no_plan:
            who = "、".join(names.get(teacher, teacher) for teacher in no_plan)
            gaps.append(t("research.no_improvement", count=len(no_plan), who=who))
        if missing_summary:
            gaps.append(
                t("research.summaries_missing", who="、".join(names.get(x, x) for x in missing_summary))
            )
        if short:
            gaps.append(t("research.short_hours", count=short))
        size = len(group.members)
        group_rows.append(
            (
                group.name,
                names.get(group.leader, group.leader),
                size,
                _mark(group.plan is not None),
                _mark(group.plan_confirmed is not None),
                len(group.topics),
                len(activities),
                _mark(has_case),
                f"{size - len(no_plan)} / {size}",
                f"{size - len(missing_summary)} / {size}",
                f"{size - short} / {size}",
                "；".join(gaps) or t("research.done"),
            )
        )
    return FlowStatus(
        groups=pd.DataFrame(group_rows, columns=list(GROUP_HEADERS)),
        teachers=pd.DataFrame(teacher_rows, columns=list(TEACHER_HEADERS)),
        accepted=accepted,
    )


def course_flow_status(data: CourseData, scheme: Scheme) -> FlowStatus | None:
    """The status of a course's logged flow; None when the course has not started the flow."""
    events = read_events(data.settings.db_url)
    return flow_status_of(data, scheme, replay(events)) if events else None


def flow_status_of(data: CourseData, scheme: Scheme, state: ResearchState) -> FlowStatus:
    """:func:`flow_status` of ``state`` with the course's teachers' names, plan points and
    typical-case submissions."""
    from toolkit.plan.choices import chosen_points

    active = data.teachers[data.teachers["active"]]
    members = [m for group in state.groups.values() for m in group.members]
    submissions = data.submissions
    return flow_status(
        state,
        scheme,
        names=dict(zip(active["teacher_id"], active["name"], strict=True)),
        chosen=chosen_points(data.settings.root, members),
        typical_case=set(submissions.loc[submissions["assignment"] == TYPICAL_CASE, "teacher_id"]),
        source=Path(data.settings.db_url),
    )


def _mark(done: bool) -> str:
    return t("research.yes") if done else t("research.no")
