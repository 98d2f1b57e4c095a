"""The demo's achievements: plans, cases and lessons handed in by the right people, graded at the desk
so that every one of the programme's collections has something in it, and some things held back."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.achievement.model import (
    CONFIRM,
    MULTI_POINT,
    PARTICIPATION_KEY,
    POINTS_KEY,
    SUBMIT,
    TYPICAL_CASE,
)
from toolkit.demo.files import submit_release, write_evidence
from toolkit.desk import GradingDesk
from toolkit.evidence import EVIDENCE_DIR
from toolkit.roster import Teacher
from toolkit.rubric import Rubric
from toolkit.rubric.catalogue import load_achievement_rubric
from toolkit.work.store import AnswerStore

SCHOOL_PLAN, GROUP_PLAN, DEMO_CASE = "school_plan", "group_plan", "demo_case"
DEMO_ACHIEVEMENTS = (SCHOOL_PLAN, GROUP_PLAN, TYPICAL_CASE, DEMO_CASE, MULTI_POINT)
EXPERT_FOLDER = "专家指导视频"
GRADER = "demo-坊主"


@dataclass
class HandedIn:
    """Who handed in which achievement, and how the desk is to rate each (优秀, 合格, 推荐)."""

    excellent: list[tuple[str, str]] = field(default_factory=list)
    passed: list[tuple[str, str]] = field(default_factory=list)
    recommended: list[tuple[str, str]] = field(default_factory=list)


def _files(folder: Path, rubric: Rubric, person: Teacher, *, video_minutes: float, skip: str = "") -> None:
    """Every required evidence item of ``rubric`` (but ``skip``), as small genuine files."""
    for criterion in rubric.criteria:
        rule = criterion.files
        if rule is None or not rule.required or criterion.id == skip:
            continue
        kind = next(k for k in ("pdf", "docx", "mp4", "png") if k in rule.formats)
        for copy in range(rule.min_files):
            write_evidence(
                folder / EVIDENCE_DIR / criterion.id / f"{person.name}{criterion.name}-{copy + 1}.{kind}",
                kind,
                text=f"{person.name} {criterion.name}",
                seconds=60 * video_minutes,
            )


def submit_achievements(root: Path, people: list[Teacher], stamp: dt.datetime) -> HandedIn:
    """Achievements from the roster's administrator, leaders and a few teachers of one school."""
    plan = HandedIn()
    admins = [p for p in people if p.role == "admin"]
    leaders = [p for p in people if p.role == "leader"]
    teachers = [p for p in people if p.role == "teacher"]
    when = stamp + dt.timedelta(days=40)
    rubrics = {name: load_achievement_rubric(name, course_dir=root) for name in DEMO_ACHIEVEMENTS}

    for admin in admins[:1]:
        folder = submit_release(root, SCHOOL_PLAN, admin.teacher_id, when)
        _files(folder, rubrics[SCHOOL_PLAN], admin, video_minutes=0)
        plan.excellent.append((SCHOOL_PLAN, admin.teacher_id))
    for index, leader in enumerate(leaders):
        folder = submit_release(root, GROUP_PLAN, leader.teacher_id, when)
        _files(folder, rubrics[GROUP_PLAN], leader, video_minutes=0)
        # The first 优秀, the second 合格 but recommended, the third 合格, the rest not graded yet.
        ratings = (plan.excellent, plan.recommended, plan.passed)
        if index < len(ratings):
            ratings[index].append((GROUP_PLAN, leader.teacher_id))
        folder = submit_release(root, DEMO_CASE, leader.teacher_id, when)
        # The last leader's recording is 10 minutes, short of the 15 the case asks for.
        minutes = 10 if index == len(leaders) - 1 else 25
        _files(folder, rubrics[DEMO_CASE], leader, video_minutes=minutes)
        if index < 2:
            (plan.excellent if index == 0 else plan.passed).append((DEMO_CASE, leader.teacher_id))

    # Two typical cases: the first confirmed by both colleagues, the second missing one confirmation.
    groups = [group for group in (teachers[0:3], teachers[3:6]) if len(group) == 3]
    for number, (submitter, *members) in enumerate(groups):
        folder = submit_release(root, TYPICAL_CASE, submitter.teacher_id, when)
        AnswerStore(folder / "answers.json").set(
            PARTICIPATION_KEY, {"mode": SUBMIT, "members": [p.teacher_id for p in (submitter, *members)]}
        )
        _files(folder, rubrics[TYPICAL_CASE], submitter, video_minutes=30)
        plan.excellent.append((TYPICAL_CASE, submitter.teacher_id))
        confirming = members if number == 0 else members[:1]
        for member in confirming:
            folder = submit_release(root, TYPICAL_CASE, member.teacher_id, when + dt.timedelta(hours=2))
            AnswerStore(folder / "answers.json").set(
                PARTICIPATION_KEY,
                {
                    "mode": CONFIRM,
                    "submitter": submitter.teacher_id,
                    "contribution": "参与磨课并整理课堂实录",
                },
            )

    # "一课多点": two complete lessons, one naming a single point (incomplete, so not graded).
    lessons = (["A1", "B2"], ["A3", "A5", "B4"], ["A1"])
    for index, (person, points) in enumerate(zip(teachers[6:9], lessons, strict=False)):
        folder = submit_release(root, MULTI_POINT, person.teacher_id, when)
        AnswerStore(folder / "answers.json").set(POINTS_KEY, points)
        _files(folder, rubrics[MULTI_POINT], person, video_minutes=35)
        if index < 2:
            (plan.excellent if index == 0 else plan.passed).append((MULTI_POINT, person.teacher_id))
    return plan


def grade_achievements(root: Path, plan: HandedIn) -> None:
    """Rate at the desk as planned: every indicator for 优秀, the 合格 ones for 合格."""
    desk = GradingDesk(root, grader=GRADER)
    for pairs, top in ((plan.excellent, True), (plan.passed, False), (plan.recommended, False)):
        for assignment, teacher_id in pairs:
            rubric = desk.rubric(assignment)
            ticks = {
                c.id: {
                    i for level in rubric.levels[1 : 3 if top else 2] for i in c.indicators.get(level.id, ())
                }
                for c in rubric.criteria
            }
            desk.grade(assignment, teacher_id, ticks, comment=rubric.comments[0] if rubric.comments else "")
    for assignment, teacher_id in plan.recommended:
        desk.recommend(assignment, teacher_id)


def write_expert_videos(root: Path) -> Path:
    """Two expert guidance recordings and their register, as trainers keep them in the course."""
    folder = root / EXPERT_FOLDER
    videos = [
        ("信息技术与学科教学深度融合.mp4", "信息技术与学科教学深度融合", "专家甲", "通识", "2026-04-10", 42),
        (
            "一课多点课例的设计与打磨.mp4",
            "“一课多点”课例的设计与打磨",
            "专家乙",
            "初中数学",
            "2026-05-08",
            35,
        ),
    ]
    for file, _, _, _, _, minutes in videos:
        write_evidence(folder / file, "mp4", seconds=60 * minutes)
    with (folder / "视频登记.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["文件", "标题", "专家", "主题", "日期"])
        writer.writerows(row[:5] for row in videos)
    return folder
