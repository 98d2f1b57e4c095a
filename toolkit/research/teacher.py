"""One teacher's own part in the school-based research flow (seed 003, 教师): the activities their
group offers them, the hours they have, their improvement plan and one summary per chosen point."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.course.research_log import Activity, Upload
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.research.commands import ResearchDesk

add_messages({"research.unknown_action": {"zh": "无法识别的操作", "en": "unknown action"}})

# What a teacher may do themselves (seed 003, 教师): join an online activity, hand in the
# improvement plan, hand in a point's summary.
COMPLETE, PLAN, SUMMARY = "complete", "plan", "summary"


@dataclass(frozen=True)
class ActivityLine:
    """An activity as the teacher meets it: an online one to join, or an offline one they were named for."""

    id: str
    topic: str
    kind: str  # the scheme's name for it (教学研讨 …)
    title: str
    hours: float | None  # fixed by the scheme (online) or set by the leader (offline)
    online: bool
    done: bool  # online: completed; offline: the leader's evidence is in

    @property
    def can_complete(self) -> bool:
        return self.online and not self.done


@dataclass(frozen=True)
class TeacherResearch:
    teacher_id: str
    name: str
    theme: str
    group: str  # blank when the school has not put the teacher in a group
    leader: str  # the leader's name
    activities: tuple[ActivityLine, ...]
    earned: float  # hours the flow gives them so far
    target: float  # the scheme's hours target (25 in Guangdong), 0 when it counts no hours
    accepted: bool  # after 整校验收 the earned hours are registered
    improvement_plan: Upload | None
    points: tuple[str, ...]  # the points of their autograded personal plan
    summaries: dict[str, Upload]  # point → latest summary

    @property
    def missing_summaries(self) -> tuple[str, ...]:
        return tuple(point for point in self.points if point not in self.summaries)


def teacher_research(desk: ResearchDesk, teacher_id: str) -> TeacherResearch:
    """What ``teacher_id`` sees of the flow; the figures are the status table's own."""
    from toolkit.plan.choices import chosen_points

    desk.person(teacher_id)
    state = desk.state
    group = state.group_of(teacher_id)
    lines = []
    if group is not None:
        for activity in state.activities.values():
            if activity.group == group.name and (
                not activity.participants or teacher_id in activity.participants
            ):
                lines.append(_line(desk, activity, teacher_id, group.topics.get(activity.topic, "")))
    status = desk.status().teachers
    row = status[status["工号"] == teacher_id]
    earned = float(row["已得学时"].iloc[0]) if len(row) else 0.0
    points = tuple(chosen_points(desk.settings.root, [teacher_id]).get(teacher_id, ()))
    return TeacherResearch(
        teacher_id=teacher_id,
        name=desk.names[teacher_id],
        theme=state.theme,
        group=group.name if group else "",
        leader=desk.names.get(group.leader, group.leader) if group else "",
        activities=tuple(lines),
        earned=earned,
        target=desk.scheme.hours.target if desk.scheme.hours else 0.0,
        accepted=state.accepted is not None,
        improvement_plan=state.improvement_plans.get(teacher_id),
        points=points,
        summaries={point: upload for (who, point), upload in state.summaries.items() if who == teacher_id},
    )


def _line(desk: ResearchDesk, activity: Activity, teacher_id: str, topic: str) -> ActivityLine:
    kind = next((k for k in desk.scheme.activities if k.id == activity.kind), None)
    online = not activity.participants
    return ActivityLine(
        id=activity.id,
        topic=topic,
        kind=kind.name if kind else activity.kind,
        title=activity.title,
        hours=(kind.fixed_hours if kind else None) if online else activity.hours,
        online=online,
        done=teacher_id in activity.completed if online else bool(activity.evidence),
    )


def teacher_step(
    desk: ResearchDesk,
    teacher_id: str,
    action: str,
    *,
    activity: str = "",
    point: str = "",
    file: tuple[str, bytes] = ("", b""),
) -> str:
    """One of the teacher's own steps, recorded as theirs; the desk's checks apply as for anyone."""
    if action == COMPLETE:
        return desk.complete(activity, teacher=teacher_id)
    if action == PLAN:
        return desk.improvement_plan(teacher_id, file)
    if action == SUMMARY:
        return desk.point_summary(teacher_id, point, file)
    raise InputError(t("research.unknown_action"))
