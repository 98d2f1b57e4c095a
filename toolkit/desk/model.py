"""The rubric grading desk (API): pick an assignment, see a submission, tick indicators, record the level.

Results go into the nbgrader gradebook as the manual score and comment of the
assignment's rubric cell, so ``nbgrader generate_feedback`` carries them; the
desk's own table keeps who graded what and when, every version of it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from nbgrader.api import Grade, Gradebook, MissingEntry
from sqlalchemy import select

from toolkit.achievement.model import TYPICAL_CASE, achievement_notes, is_confirmation
from toolkit.catalogue import TASK_PREFIX
from toolkit.course import tables
from toolkit.course.config import load_course
from toolkit.environment import GRADER_ENV
from toolkit.errors import InputError
from toolkit.evidence.check import EvidenceStatus, check_evidence
from toolkit.i18n import add_messages, t
from toolkit.plan.rules import PLAN_ASSIGNMENT, PLAN_KEY, RuleResult, check_plan, load_rules
from toolkit.rubric import IndicatorResult, Rubric, grade_by_indicators, load_plan_rubric, load_point_rubric
from toolkit.rubric.catalogue import achievement_names, is_achievement, load_achievement_rubric
from toolkit.work.store import ANSWERS_FILE, read_answers

add_messages(
    {
        "desk.not_rubric": {
            "zh": "作业“{assignment}”不是按量规评分的作业"
            "（可选：personal_plan、task_A1 … task_C7 和 {achievements}）",
            "en": "'{assignment}' is not graded by rubric"
            " (personal_plan, task_A1 … task_C7 and {achievements} are)",
        },
        "desk.not_autograded": {
            "zh": "{teacher} 的“{assignment}”还没有自动评分，请先运行 nbgrader autograde {assignment}",
            "en": "{teacher}'s {assignment} is not autograded yet; run nbgrader autograde {assignment} first",
        },
        "desk.unknown_criterion": {
            "zh": "量规 {rubric} 中没有“{criterion}”这一项",
            "en": "rubric {rubric} has no item '{criterion}'",
        },
        "desk.unknown_indicator": {
            "zh": "“{criterion}”没有这条指标：{indicator}",
            "en": "'{criterion}' has no indicator: {indicator}",
        },
        "desk.empty_comment": {"zh": "评语是空的", "en": "the comment is empty"},
    }
)


PLAN_CELL = "plan_quality"
TASK_CELL = "rubric_level"


def is_rubric_assignment(assignment: str) -> bool:
    return assignment == PLAN_ASSIGNMENT or assignment.startswith(TASK_PREFIX) or is_achievement(assignment)


@dataclass(frozen=True)
class Submission:
    """What the grader looks at: the autograded folder, its evidence checks or plan with rule results."""

    assignment: str
    teacher_id: str
    rubric: Rubric
    folder: Path
    evidence: tuple[EvidenceStatus, ...]
    plan: Mapping[str, Any] | None
    rules: tuple[RuleResult, ...]
    notes: tuple[str, ...] = ()  # what an achievement holds besides files: members, points

    @property
    def missing(self) -> frozenset[str]:
        """Evidence items with no valid file: they hold the level at 不合格 whatever is ticked."""
        return frozenset(s.criterion.id for s in self.evidence if not s.complete)


@dataclass(frozen=True)
class DeskGrade:
    assignment: str
    teacher_id: str
    result: IndicatorResult
    score: float
    max_score: float
    comment: str
    grader: str
    graded_at: dt.datetime


# Who is grading, when a server shared by several graders knows it (set per page on the hub).


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class GradingDesk:
    """Rubric grading for one course; the same calls serve the desk widget and scripts."""

    def __init__(self, course_dir: str | Path, *, grader: str | None = None) -> None:
        self.settings = load_course(course_dir)
        self.root = self.settings.root
        # On the hub the course service's Voila says who is grading (toolkit.hub.voila_hooks).
        self.grader = grader or os.environ.get(GRADER_ENV) or getpass.getuser()
        with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
            tables.metadata.create_all(gradebook.engine)

    # ---- what there is to grade ------------------------------------------------------------

    def assignments(self) -> list[str]:
        """Rubric-graded assignments that exist in the gradebook: the plan, the points, the achievements."""
        with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
            names = [a.name for a in gradebook.assignments if is_rubric_assignment(a.name)]
        return sorted(names, key=lambda name: (name != PLAN_ASSIGNMENT, is_achievement(name), name))

    def rubric(self, assignment: str) -> Rubric:
        if assignment == PLAN_ASSIGNMENT:
            return load_plan_rubric(course_dir=self.root)
        if assignment.startswith(TASK_PREFIX):
            return load_point_rubric(assignment[len(TASK_PREFIX) :], course_dir=self.root)
        if is_achievement(assignment):
            return load_achievement_rubric(assignment, course_dir=self.root)
        raise InputError(
            t("desk.not_rubric", assignment=assignment, achievements="、".join(achievement_names()))
        )

    def submissions(self, assignment: str) -> pd.DataFrame:
        """teacher_id, name, school, submitted_at, level (latest desk grade or empty), grader."""
        self.rubric(assignment)
        latest = self.history(assignment)
        latest = latest[~latest["superseded"]] if not latest.empty else latest
        with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
            rows = [
                {
                    "teacher_id": s.student.id,
                    "name": f"{s.student.last_name or ''}{s.student.first_name or ''}",
                    "submitted_at": s.timestamp,
                }
                for s in gradebook.find_assignment(assignment).submissions
            ]
        frame = pd.DataFrame(rows, columns=["teacher_id", "name", "submitted_at"])
        if assignment == TYPICAL_CASE:
            # A member's confirmation of a colleague's case is not a case to grade.
            frame = frame[[not is_confirmation(self.root, teacher) for teacher in frame["teacher_id"]]]
        graded = latest[["teacher_id", "level_name", "grader", "graded_at"]] if not latest.empty else None
        if graded is not None:
            frame = frame.merge(graded, on="teacher_id", how="left")
        else:
            frame = frame.assign(level_name=None, grader=None, graded_at=None)
        return frame.sort_values("teacher_id").reset_index(drop=True)

    def submission(self, assignment: str, teacher_id: str) -> Submission:
        rubric = self.rubric(assignment)
        folder = self.root / "autograded" / teacher_id / assignment
        if not folder.is_dir():
            raise InputError(t("desk.not_autograded", teacher=teacher_id, assignment=assignment))
        if assignment == PLAN_ASSIGNMENT:
            plan = (read_answers(folder / ANSWERS_FILE) or {}).get(PLAN_KEY)
            rules = tuple(check_plan(plan, load_rules(folder)))
            plan = plan if isinstance(plan, dict) else None
            return Submission(assignment, teacher_id, rubric, folder, (), plan, rules)
        evidence = tuple(check_evidence(folder, rubric))
        return Submission(
            assignment,
            teacher_id,
            rubric,
            folder,
            evidence,
            None,
            (),
            achievement_notes(self.root, assignment, teacher_id),
        )

    # ---- grading ---------------------------------------------------------------------------

    def preview(self, submission: Submission, ticks: Mapping[str, Iterable[str]]) -> IndicatorResult:
        """The level the ticks give for a submission already looked at, without recording anything.

        Taking the :class:`Submission` keeps the live display from re-reading its files and its
        rubric on every tick.
        """
        rubric = submission.rubric
        return grade_by_indicators(rubric, self._validated(rubric, ticks), missing=submission.missing)

    def grade(
        self,
        assignment: str,
        teacher_id: str,
        ticks: Mapping[str, Iterable[str]],
        *,
        comment: str = "",
    ) -> DeskGrade:
        """Record a rubric grade: nbgrader manual score + comment, and a row in the desk's history."""
        submission = self.submission(assignment, teacher_id)
        rubric = submission.rubric
        clean = self._validated(rubric, ticks)
        result = grade_by_indicators(rubric, clean, missing=submission.missing)
        cell = PLAN_CELL if assignment == PLAN_ASSIGNMENT else TASK_CELL
        with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
            try:
                found = gradebook.find_grade(cell, assignment, assignment, teacher_id)
                remark = gradebook.find_comment(cell, assignment, assignment, teacher_id)
            except MissingEntry:
                raise InputError(
                    t("desk.not_autograded", teacher=teacher_id, assignment=assignment)
                ) from None
            # Two graders on one teacher at once (PostgreSQL): the second waits here until the
            # first has committed, and is stamped after it, so the later grade is the one kept.
            # The row is read again after the wait: a score equal to the stale copy in this
            # session would otherwise not be written at all, leaving the first grader's score.
            grade = (
                gradebook.db.query(Grade)
                .filter(Grade.id == found.id)
                .with_for_update()
                .populate_existing()
                .one()
            )
            gradebook.db.refresh(remark)
            now = _now()
            max_score = float(grade.max_score)
            score = round(max_score * result.level.points / rubric.levels[-1].points, 2)
            text = self.comment_text(rubric, result, clean, comment, now)
            grade.manual_score = score
            grade.needs_manual_grade = False  # as nbgrader's formgrader does once a score is given
            remark.manual_comment = text
            session = gradebook.db
            session.execute(
                tables.rubric_grade.update()
                .where(tables.rubric_grade.c.assignment == assignment)
                .where(tables.rubric_grade.c.teacher_id == teacher_id)
                .values(superseded=True)
            )
            session.execute(
                tables.rubric_grade.insert().values(
                    assignment=assignment,
                    teacher_id=teacher_id,
                    rubric_id=rubric.id,
                    level=result.level.id,
                    level_name=result.level.name,
                    score=score,
                    ticks=json.dumps({k: sorted(v) for k, v in clean.items()}, ensure_ascii=False),
                    missing=json.dumps(sorted(result.missing)),
                    comment=comment.strip(),
                    grader=self.grader,
                    graded_at=now,
                    superseded=False,
                )
            )
            session.commit()
        return DeskGrade(assignment, teacher_id, result, score, max_score, text, self.grader, now)

    def last_ticks(self, assignment: str, teacher_id: str) -> dict[str, set[str]]:
        """The indicators ticked at the latest grading, so a grader picks up where it was left."""
        return self.last_grading(assignment, teacher_id)[0]

    def last_grading(self, assignment: str, teacher_id: str) -> tuple[dict[str, set[str]], str]:
        """The ticks and the grader's remark of the latest grading (empty when never graded)."""
        history = self.history(assignment)
        mine = (
            history[(history["teacher_id"] == teacher_id) & ~history["superseded"]]
            if len(history)
            else history
        )
        if mine.empty:
            return {}, ""
        latest = mine.iloc[-1]
        ticks = {k: set(v) for k, v in json.loads(latest["ticks"]).items()}
        return ticks, str(latest["comment"] or "")

    def history(self, assignment: str | None = None) -> pd.DataFrame:
        """Every desk grading, oldest first, superseded ones included."""
        query = select(tables.rubric_grade).order_by(tables.rubric_grade.c.id)
        if assignment is not None:
            query = query.where(tables.rubric_grade.c.assignment == assignment)
        with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
            frame = pd.read_sql_query(query, gradebook.engine)
        frame["superseded"] = frame["superseded"].astype(bool)
        return frame

    # ---- recommendations for the collections -----------------------------------------------

    def recommend(self, assignment: str, teacher_id: str, *, recommended: bool = True) -> None:
        """Recommend a submission for the programme's collections (or take that back)."""
        self.submission(assignment, teacher_id)  # a submission that exists and was autograded
        with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
            gradebook.db.execute(
                tables.recommendation.insert().values(
                    assignment=assignment,
                    teacher_id=teacher_id,
                    recommended=recommended,
                    grader=self.grader,
                    at=_now(),
                )
            )
            gradebook.db.commit()

    def recommended(self, assignment: str | None = None) -> set[tuple[str, str]]:
        """(assignment, teacher) pairs whose latest recommendation stands."""
        query = select(tables.recommendation).order_by(tables.recommendation.c.id)
        if assignment is not None:
            query = query.where(tables.recommendation.c.assignment == assignment)
        latest: dict[tuple[str, str], bool] = {}
        with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
            for row in gradebook.db.execute(query):
                latest[(row.assignment, row.teacher_id)] = bool(row.recommended)
        return {key for key, value in latest.items() if value}

    # ---- comment bank ----------------------------------------------------------------------

    def comment_bank(self, assignment: str) -> list[str]:
        rubric = self.rubric(assignment)
        query = select(tables.comment_bank.c.text).where(tables.comment_bank.c.rubric_id == rubric.id)
        with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
            added = [row[0] for row in gradebook.db.execute(query.order_by(tables.comment_bank.c.id))]
        return list(dict.fromkeys([*rubric.comments, *added]))

    def add_comment(self, assignment: str, text: str) -> list[str]:
        if not text.strip():
            raise InputError(t("desk.empty_comment"))
        rubric = self.rubric(assignment)
        if text.strip() not in self.comment_bank(assignment):
            with Gradebook(self.settings.db_url, self.settings.course_id) as gradebook:
                gradebook.db.execute(
                    tables.comment_bank.insert().values(
                        rubric_id=rubric.id, text=text.strip(), added_by=self.grader, added_at=_now()
                    )
                )
                gradebook.db.commit()
        return self.comment_bank(assignment)

    # ---- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _validated(rubric: Rubric, ticks: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
        clean: dict[str, set[str]] = {}
        for criterion_id, items in ticks.items():
            try:
                criterion = rubric.criterion(criterion_id)
            except StopIteration:
                raise InputError(
                    t("desk.unknown_criterion", rubric=rubric.id, criterion=criterion_id)
                ) from None
            known = {i for level in criterion.indicators.values() for i in level}
            chosen = set(items)
            for indicator in chosen - known:
                raise InputError(t("desk.unknown_indicator", criterion=criterion.name, indicator=indicator))
            clean[criterion_id] = chosen
        return clean

    def comment_text(
        self,
        rubric: Rubric,
        result: IndicatorResult,
        ticks: Mapping[str, set[str]],
        comment: str,
        when: dt.datetime,
    ) -> str:
        """The Markdown comment nbgrader shows in feedback: level, per task and item, what is not yet met."""
        lines = [f"**量规评定：{result.level.name}**（{rubric.title}）", ""]
        groups = [(task.name, rubric.task_criteria(task.id)) for task in rubric.tasks] or [
            ("", rubric.criteria)
        ]
        for name, criteria in groups:
            if name:
                level = result.tasks.get(next(c.task for c in criteria))
                lines.append(f"- 任务“{name}”：{level.name if level else '（可选证据未提交，不计）'}")
            for criterion in criteria:
                level = result.criteria.get(criterion.id)
                if level is None:
                    continue
                indent = "  " if name else ""
                note = "（证据缺交或不符合要求）" if criterion.id in result.missing else ""
                lines.append(f"{indent}- {criterion.name}：{level.name}{note}")
                for target in rubric.levels[1:]:
                    unmet = [
                        i
                        for i in criterion.indicators.get(target.id, ())
                        if i not in ticks.get(criterion.id, set())
                    ]
                    if unmet and criterion.id not in result.missing:
                        lines.append(f"{indent}  - 未达到的{target.name}指标：" + "；".join(unmet))
                        break
        if comment.strip():
            lines += ["", f"**评语：**{comment.strip()}"]
        lines += ["", f"评分人：{self.grader} · {when:%Y-%m-%d %H:%M}"]
        return "\n".join(lines)
