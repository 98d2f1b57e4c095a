"""What an achievement submission holds besides its files: who took part, which points it shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.catalogue import load_catalogue
from toolkit.evidence.check import assignment_rubric, check_evidence
from toolkit.i18n import add_messages, t
from toolkit.work.store import ANSWERS_FILE, read_answers

add_messages(
    {
        "achievement.no_role": {
            "zh": "请先选择：提交本组案例，还是确认参与",
            "en": "choose first: submit the group's case, or confirm taking part",
        },
        "achievement.no_members": {
            "zh": "请填写参与本案例的组员工号（每行一个）",
            "en": "list the group members who took part (one ID per line)",
        },
        "achievement.no_submitter": {
            "zh": "请填写提交本组案例的老师的工号",
            "en": "give the ID of the teacher who submits the group's case",
        },
        "achievement.no_contribution": {
            "zh": "请写明您在案例开发中承担的工作",
            "en": "say what you did in developing the case",
        },
        "achievement.few_points": {
            "zh": "请至少选择 {need} 个在这节课中运用的能力点（已选 {have} 个）",
            "en": "choose at least {need} points this lesson shows (chosen: {have})",
        },
        "achievement.item.participation": {"zh": "参与情况", "en": "Participation"},
        "achievement.item.points": {"zh": "本课运用的能力点", "en": "Points this lesson shows"},
        "achievement.note.members": {
            "zh": "参与成员（✓ 已确认）：{members}；未确认 {waiting} 人",
            "en": "Members (✓ confirmed): {members}; {waiting} not yet confirmed",
        },
        "achievement.note.points": {"zh": "本课运用的能力点：{points}", "en": "Points shown: {points}"},
        "achievement.evidence_missing": {"zh": "证据“{name}”：{detail}", "en": "evidence '{name}': {detail}"},
    }
)

TYPICAL_CASE = "typical_case"
MULTI_POINT = "multi_point_case"
PARTICIPATION_KEY = "participation"
POINTS_KEY = "points"
SUBMIT, CONFIRM = "submit", "confirm"
MIN_POINTS = 2  # "一课多点": one lesson, several points


@dataclass(frozen=True)
class Participation:
    """A typical-case submission: the group's case with its members, or one member's confirmation."""

    mode: str  # submit, confirm, or "" when not chosen yet
    members: tuple[str, ...] = ()  # submit: the members who took part (IDs)
    submitter: str = ""  # confirm: whose case this member took part in
    contribution: str = ""

    @property
    def confirms(self) -> bool:
        return self.mode == CONFIRM

    def missing(self) -> list[str]:
        if self.mode not in (SUBMIT, CONFIRM):
            return [t("achievement.no_role")]
        if self.mode == SUBMIT:
            return [] if self.members else [t("achievement.no_members")]
        found = [] if self.submitter else [t("achievement.no_submitter")]
        return found + ([] if self.contribution.strip() else [t("achievement.no_contribution")])


def _ids(values: object) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(dict.fromkeys(str(v).strip().upper() for v in values if str(v).strip()))


def participation_from(value: Any) -> Participation:
    if not isinstance(value, dict):
        return Participation("")
    mode = value.get("mode") if value.get("mode") in (SUBMIT, CONFIRM) else ""
    return Participation(
        mode=mode,
        members=_ids(value.get("members")),
        submitter=str(value.get("submitter") or "").strip().upper(),
        contribution=str(value.get("contribution") or ""),
    )


def read_participation(folder: str | Path) -> Participation:
    return participation_from((read_answers(Path(folder) / ANSWERS_FILE) or {}).get(PARTICIPATION_KEY))


def chosen_points(folder: str | Path) -> tuple[str, ...]:
    """The point codes a "一课多点" lesson names, in catalogue order (unknown codes dropped)."""
    value = (read_answers(Path(folder) / ANSWERS_FILE) or {}).get(POINTS_KEY)
    chosen = {str(v).upper() for v in value} if isinstance(value, list) else set()
    return tuple(p.code for p in load_catalogue().points if p.code in chosen)


def achievement_missing(folder: str | Path, assignment: str) -> list[str]:
    """One line per thing still to do before an achievement submission is complete."""
    lines: list[str] = []
    if assignment == TYPICAL_CASE:
        participation = read_participation(folder)
        lines += participation.missing()
        if participation.confirms:
            return lines  # a confirmation carries no files
    if assignment == MULTI_POINT:
        have = len(chosen_points(folder))
        if have < MIN_POINTS:
            lines.append(t("achievement.few_points", need=MIN_POINTS, have=have))
    for status in check_evidence(folder, assignment_rubric(assignment, folder)):
        if status.complete:
            continue
        # Say why a file handed in does not count (a recording too short, say), not only that it doesn't.
        problems = [f"{f.name}：{'；'.join(f.problems)}" for f in status.files if f.problems]
        detail = status.summary() + (f"（{'；'.join(problems)}）" if problems else "")
        lines.append(t("achievement.evidence_missing", name=status.criterion.name, detail=detail))
    return lines


def _latest_folder(course_root: Path, teacher_id: str, assignment: str) -> Path | None:
    """The autograded copy of a submission, else the collected one."""
    for stage in ("autograded", "submitted"):
        folder = course_root / stage / teacher_id / assignment
        if folder.is_dir():
            return folder
    return None


def is_confirmation(course_root: str | Path, teacher_id: str) -> bool:
    """Whether this teacher's typical-case submission only confirms taking part in another's case."""
    folder = _latest_folder(Path(course_root), teacher_id, TYPICAL_CASE)
    return folder is not None and read_participation(folder).confirms


def confirmations(course_root: str | Path, submitter: str) -> dict[str, bool]:
    """The members a typical case names, each with whether they confirmed taking part in it.

    The submitter counts as confirmed by submitting; a member confirms by submitting the same
    assignment in confirm mode naming the submitter.
    """
    root = Path(course_root)
    folder = _latest_folder(root, submitter, TYPICAL_CASE)
    if folder is None:
        return {}
    members = read_participation(folder).members
    result = {}
    for member in dict.fromkeys((submitter.upper(), *members)):
        if member == submitter.upper():
            result[member] = True
            continue
        own = next(
            (
                _latest_folder(root, person.name, TYPICAL_CASE)
                for person in (root / "submitted").glob("*")
                if person.name.upper() == member
            ),
            None,
        )
        stated = read_participation(own) if own is not None else None
        result[member] = bool(stated and stated.confirms and stated.submitter == submitter.upper())
    return result


def achievement_notes(course_root: str | Path, assignment: str, teacher_id: str) -> tuple[str, ...]:
    """Lines for a grader: a typical case's members and who confirmed; a lesson's points."""
    if assignment == TYPICAL_CASE:
        members = confirmations(course_root, teacher_id)
        marks = "、".join(f"{member} {'✓' if done else '✗'}" for member, done in members.items())
        waiting = sum(1 for done in members.values() if not done)
        return (t("achievement.note.members", members=marks or "-", waiting=waiting),)
    if assignment == MULTI_POINT:
        folder = _latest_folder(Path(course_root), teacher_id, MULTI_POINT)
        codes = chosen_points(folder) if folder is not None else ()
        return (t("achievement.note.points", points="、".join(codes) or "-"),)
    return ()
