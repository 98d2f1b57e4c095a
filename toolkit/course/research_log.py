"""The school-based research flow (校本研修, seed 003) replayed from its log of events.

The school sets a theme and forms groups with leaders; each leader uploads the group's plan, which
the school confirms; leaders open research topics (研修专题) holding activities; teachers complete
the online ones, while for an offline activity the leader names the participants and uploads the
evidence; every teacher uploads an improvement plan and one summary per point chosen; hours are
registered only after the school's acceptance (整校验收).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Event kinds, in the order the flow usually meets them.
EVENT_KINDS = (
    "theme",
    "group",
    "group_plan",
    "plan_confirmed",
    "topic",
    "activity",
    "completion",
    "evidence",
    "improvement_plan",
    "summary",
    "acceptance",
)


@dataclass(frozen=True)
class Event:
    kind: str
    subject: str  # the group, topic, activity or teacher the event is about
    actor: str  # who recorded it
    data: Mapping[str, Any]
    at: dt.datetime


@dataclass(frozen=True)
class Upload:
    """A file handed in: where the course keeps it, who uploaded it and when."""

    file: str
    by: str
    at: dt.datetime


@dataclass
class Activity:
    id: str
    topic: str
    group: str
    kind: str  # a scheme activity id: seminar, assignment, observation, offline
    title: str
    hours: float | None  # set by the leader for an offline activity
    participants: tuple[str, ...] = ()  # designated by the leader (offline)
    completed: set[str] = field(default_factory=set)  # who completed an online activity
    evidence: list[Upload] = field(default_factory=list)


@dataclass
class Group:
    name: str
    leader: str
    members: tuple[str, ...]
    plan: Upload | None = None
    plan_confirmed: Upload | None = None  # by the school: the confirming administrator, no file
    topics: dict[str, str] = field(default_factory=dict)  # topic id → title


@dataclass
class ResearchState:
    theme: str = ""
    groups: dict[str, Group] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)
    improvement_plans: dict[str, Upload] = field(default_factory=dict)  # teacher → latest plan
    summaries: dict[tuple[str, str], Upload] = field(default_factory=dict)  # (teacher, point) → latest
    accepted: Upload | None = None

    def group_of(self, teacher_id: str) -> Group | None:
        return next((g for g in self.groups.values() if teacher_id in g.members), None)

    def topic_group(self, topic_id: str) -> Group | None:
        return next((g for g in self.groups.values() if topic_id in g.topics), None)


def replay(events: Iterable[Event]) -> ResearchState:
    """The flow's current state: later events replace earlier ones (a group re-formed, a plan
    uploaded again); the log itself keeps every version."""
    state = ResearchState()
    for event in events:
        data, upload = event.data, Upload(str(event.data.get("file", "")), event.actor, event.at)
        if event.kind == "theme":
            state.theme = str(data["theme"])
        elif event.kind == "group":
            old = state.groups.get(event.subject)
            group = Group(event.subject, str(data["leader"]), tuple(data["members"]))
            if old is not None:
                group.plan, group.plan_confirmed, group.topics = old.plan, old.plan_confirmed, old.topics
            state.groups[event.subject] = group
        elif event.kind == "group_plan":
            state.groups[event.subject].plan = upload
            state.groups[event.subject].plan_confirmed = None  # a new plan needs confirming again
        elif event.kind == "plan_confirmed":
            state.groups[event.subject].plan_confirmed = upload
        elif event.kind == "topic":
            state.groups[str(data["group"])].topics[event.subject] = str(data["title"])
        elif event.kind == "activity":
            state.activities[event.subject] = Activity(
                id=event.subject,
                topic=str(data["topic"]),
                group=str(data["group"]),
                kind=str(data["kind"]),
                title=str(data["title"]),
                hours=None if data.get("hours") is None else float(data["hours"]),
                participants=tuple(data.get("participants") or ()),
            )
        elif event.kind == "completion":
            state.activities[event.subject].completed.add(str(data["teacher"]))
        elif event.kind == "evidence":
            state.activities[event.subject].evidence.append(upload)
        elif event.kind == "improvement_plan":
            state.improvement_plans[event.subject] = upload
        elif event.kind == "summary":
            state.summaries[(event.subject, str(data["point"]))] = upload
        elif event.kind == "acceptance":
            state.accepted = upload
    return state


@dataclass(frozen=True)
class Participation:
    """One teacher's part in one activity, as a research ledger row would record it."""

    teacher_id: str
    activity: Activity
    evidence: str  # the evidence files, joined; blank until the leader uploads them


def participations(state: ResearchState) -> list[Participation]:
    """Online activities count for the teachers who completed them; an offline one for the
    participants the leader designated (it counts once the leader's evidence is there)."""
    rows = []
    for activity in state.activities.values():
        people = activity.participants if activity.participants else tuple(sorted(activity.completed))
        evidence = "；".join(upload.file for upload in activity.evidence)
        rows += [Participation(teacher, activity, evidence) for teacher in people]
    return rows
