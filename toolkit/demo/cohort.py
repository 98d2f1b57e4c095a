"""A large synthetic cohort in a real nbgrader course, for trying dashboards, reports and exports at scale.

``workshop init`` and real ``nbgrader generate_assignment`` make the course; the graded submissions
then go straight into nbgrader's own tables, in the shape its autograder and the rubric desk leave
them, with a few set-based inserts in one transaction. Autograding thousands of notebooks would take
hours and tell the dashboards nothing more, so no submission folders are written.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import (
    Assignment,
    BaseCell,
    Comment,
    Grade,
    GradeCell,
    Notebook,
    SolutionCell,
    SubmittedAssignment,
    SubmittedNotebook,
    TaskCell,
    new_uuid,
)
from sqlalchemy import Connection, Table, create_engine, func, select
from tqdm import tqdm

from toolkit.course import init_course, load_course, tables
from toolkit.course.nbgrader_batch import run_nbgrader_steps
from toolkit.demo.run import MAX_TEACHERS
from toolkit.demo.synth import synthetic_ledger, synthetic_roster, write_ledger_csv, write_roster_csv
from toolkit.desk import GradingDesk
from toolkit.desk.model import TASK_CELL
from toolkit.errors import InputError
from toolkit.gradebook import SELF_TEST
from toolkit.i18n import add_messages, t
from toolkit.ledger.course import import_ledger
from toolkit.plan.rules import PLAN_ASSIGNMENT
from toolkit.roster import Teacher
from toolkit.rubric import Criterion, Rubric, grade_by_indicators

add_messages(
    {
        "cohort.step.generate": {
            "zh": "生成作业（nbgrader generate_assignment）",
            "en": "Generating assignments (nbgrader generate_assignment)",
        },
        "cohort.step.gradebook": {
            "zh": "写入模拟的提交、得分和量规评定",
            "en": "Writing synthetic submissions, scores and rubric grades",
        },
        "cohort.step.ledger": {"zh": "导入研修记录", "en": "Importing the research ledger"},
        "cohort.step.time": {"zh": "{step}：{seconds:.1f} 秒", "en": "{step}: {seconds:.1f} s"},
        "cohort.rows": {"zh": "成绩库行", "en": "gradebook rows"},
        "cohort.done": {
            "zh": "合成课程已就绪：{course}（{teachers} 名教师，{submissions} 份已评分提交，"
            "{rubric} 份量规评定，共 {seconds:.0f} 秒）",
            "en": "Synthetic course ready: {course} ({teachers} teachers, {submissions} graded submissions, "
            "{rubric} rubric grades, {seconds:.0f} s in all)",
        },
    }
)

POINT_TASKS = ("task_A1", "task_B1", "task_A5", "task_C1")
COHORT_ASSIGNMENTS = (SELF_TEST, PLAN_ASSIGNMENT, *POINT_TASKS)
# Nearly everyone takes the diagnosis and writes a plan; each point task is taken by about a third.
SUBMIT_SHARE = {SELF_TEST: 0.85, PLAN_ASSIGNMENT: 0.85, **{task: 1 / 3 for task in POINT_TASKS}}
DESK_SHARE = 0.6  # the rest of the task submissions still wait for the grader
GRADER = "cohort-坊主"
# nbgrader keeps timestamps as naive UTC (nbgrader.utils.parse_utc).
START = dt.datetime(2026, 3, 2, 9, 0)
OPENS_AFTER_DAYS = {SELF_TEST: 0, PLAN_ASSIGNMENT: 3, **{task: 20 for task in POINT_TASKS}}
OPEN_DAYS = 14
_CHUNK = 20_000  # rows per executemany, so the progress bar moves during one long transaction


@dataclass(frozen=True)
class _Cell:
    id: str
    name: str
    kind: str  # nbgrader's base_cell.type: GradeCell, SolutionCell or TaskCell
    max_score: float
    autograded: bool  # a code grade cell, which nbgrader's autograder scores


@dataclass(frozen=True)
class _Notebook:
    id: str
    cells: tuple[_Cell, ...]


@dataclass(frozen=True)
class _Assignment:
    id: str
    name: str
    notebooks: tuple[_Notebook, ...]


@dataclass
class _Rows:
    """What one nbgrader autograde plus the desk would have written, as rows per table."""

    submissions: list[dict[str, object]]
    notebooks: list[dict[str, object]]
    grades: list[dict[str, object]]
    comments: list[dict[str, object]]
    rubric_grades: list[dict[str, object]]

    def by_table(self) -> list[tuple[Table, list[dict[str, object]]]]:
        """In foreign-key order."""
        return [
            (SubmittedAssignment.__table__, self.submissions),
            (SubmittedNotebook.__table__, self.notebooks),
            (Grade.__table__, self.grades),
            (Comment.__table__, self.comments),
            (tables.rubric_grade, self.rubric_grades),
        ]


def synthetic_cohort(
    course_dir: str | Path,
    *,
    teachers: int,
    seed: int = 2021,
    scheme: str = "hefei-2021",
    progress: bool = True,
) -> Path:
    """Make a real nbgrader course for ``teachers`` synthetic teachers with a filled gradebook.

    Scores and rubric levels follow each teacher's ability and are the same for the same ``seed``;
    every teacher also gets a research ledger, imported as ``workshop ledger import`` does.
    """
    if not 1 <= teachers <= MAX_TEACHERS:
        raise InputError(t("demo.teachers", max=MAX_TEACHERS))
    root = Path(course_dir).resolve()
    if root.exists() and any(root.iterdir()):
        raise InputError(t("demo.exists", course=root))
    began = time.perf_counter()
    steps = tqdm(total=4, unit="step", disable=not progress)

    with _step(steps, t("demo.step.init"), progress):
        people = synthetic_roster(teachers, seed=seed)
        root.mkdir(parents=True, exist_ok=True)
        roster_file = root / "cohort_roster.csv"
        write_roster_csv(people, roster_file)
        init_course(root, roster=roster_file, environment="C", scheme=scheme)

    with _step(steps, t("cohort.step.generate"), progress):
        with tqdm(total=len(COHORT_ASSIGNMENTS), leave=False, disable=not progress) as bar:
            run_nbgrader_steps(
                root, [("generate_assignment", assignment) for assignment in COHORT_ASSIGNMENTS], progress=bar
            )

    with _step(steps, t("cohort.step.gradebook"), progress):
        desk = GradingDesk(root, grader=GRADER)
        rubrics = {name: desk.rubric(name) for name in POINT_TASKS}
        engine = create_engine(load_course(root).db_url, future=True)
        try:
            with engine.begin() as connection:
                rows = _synthetic_rows(_structure(connection), people, rubrics, desk, random.Random(seed))
                _insert(connection, rows, progress)
        finally:
            engine.dispose()

    with _step(steps, t("cohort.step.ledger"), progress):
        ledger_file = root / "cohort_ledger.csv"
        # A generator of its own, so the ledger does not shift the scores drawn above.
        write_ledger_csv(synthetic_ledger(people, random.Random(f"{seed}:ledger")), ledger_file)
        import_ledger(root, ledger_file)
    steps.close()

    if progress:
        print(
            t(
                "cohort.done",
                course=root,
                teachers=len(people),
                submissions=len(rows.submissions),
                rubric=len(rows.rubric_grades),
                seconds=time.perf_counter() - began,
            ),
            flush=True,
        )
    return root


@contextmanager
def _step(steps: tqdm, name: str, progress: bool) -> Iterator[None]:
    """One step of the bar, its duration printed afterwards (the figures to watch at scale)."""
    steps.set_description(name)
    began = time.perf_counter()
    yield
    steps.update(1)
    if progress:
        tqdm.write(t("cohort.step.time", step=name, seconds=time.perf_counter() - began))


def _structure(connection: Connection) -> list[_Assignment]:
    """The generated assignments' notebooks and cells, as nbgrader recorded them."""
    a, n, bc, gc, tc = (m.__table__ for m in (Assignment, Notebook, BaseCell, GradeCell, TaskCell))
    query = (
        select(
            a.c.id.label("assignment_id"),
            a.c.name.label("assignment"),
            n.c.id.label("notebook_id"),
            bc.c.id,
            bc.c.name,
            bc.c.type,
            func.coalesce(gc.c.max_score, tc.c.max_score, 0.0).label("max_score"),
            gc.c.cell_type,
        )
        .select_from(
            a.join(n, n.c.assignment_id == a.c.id)
            .join(bc, bc.c.notebook_id == n.c.id)
            .outerjoin(gc, gc.c.id == bc.c.id)
            .outerjoin(tc, tc.c.id == bc.c.id)
        )
        .where(a.c.name.in_(COHORT_ASSIGNMENTS))
        # Cells by name, so the same seed draws the same scores for the same cells.
        .order_by(n.c.name, bc.c.name, bc.c.type)
    )
    cells: dict[str, dict[str, list[_Cell]]] = {}
    ids: dict[str, str] = {}
    for row in connection.execute(query):
        ids[row.assignment] = row.assignment_id
        cells.setdefault(row.assignment, {}).setdefault(row.notebook_id, []).append(
            _Cell(
                row.id,
                row.name,
                row.type,
                float(row.max_score),
                row.type == GradeCell.__name__ and row.cell_type == "code",
            )
        )
    return [
        _Assignment(
            ids[name],
            name,
            tuple(_Notebook(notebook, tuple(found)) for notebook, found in cells[name].items()),
        )
        for name in COHORT_ASSIGNMENTS
    ]


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


@dataclass(frozen=True)
class _Submitted:
    """One teacher's submitted notebook, with what decides its scores."""

    teacher_id: str
    assignment: str
    notebook_id: str  # the submitted_notebook row
    submitted: dt.datetime
    ability: float


def _synthetic_rows(
    structure: list[_Assignment],
    people: list[Teacher],
    rubrics: dict[str, Rubric],
    desk: GradingDesk,
    rng: random.Random,
) -> _Rows:
    rows = _Rows([], [], [], [], [])
    for person in people:
        ability = rng.gauss(0.3, 1.2)  # a logit, as in the demo's synthetic answers
        for assignment in structure:
            if rng.random() >= SUBMIT_SHARE[assignment.name]:
                continue
            opened = START + dt.timedelta(days=OPENS_AFTER_DAYS[assignment.name])
            submitted = opened + dt.timedelta(minutes=rng.randrange(OPEN_DAYS * 24 * 60))
            submission_id = new_uuid()
            rows.submissions.append(
                {
                    "id": submission_id,
                    "assignment_id": assignment.id,
                    "student_id": person.teacher_id,
                    "timestamp": submitted,
                    "extension": None,
                }
            )
            for notebook in assignment.notebooks:
                here = _Submitted(person.teacher_id, assignment.name, new_uuid(), submitted, ability)
                # Autograde resets the late penalty to NULL when the plugin gives none.
                rows.notebooks.append(
                    {
                        "id": here.notebook_id,
                        "assignment_id": submission_id,
                        "notebook_id": notebook.id,
                        "flagged": False,
                        "late_submission_penalty": None,
                    }
                )
                rubric = rubrics.get(assignment.name)
                if rubric is None:
                    _autograded(rows, notebook, here, rng)
                else:
                    _point_task(rows, notebook, here, rubric, desk, rng)
    return rows


def _grade(here: _Submitted, cell: _Cell, auto: float | None, manual: float | None) -> dict[str, object]:
    # nbgrader's rule (autograder, formgrader and desk alike): a grade needs a human while it has no score.
    return {
        "id": new_uuid(),
        "notebook_id": here.notebook_id,
        "cell_id": cell.id,
        "auto_score": auto,
        "manual_score": manual,
        "extra_credit": None,
        "needs_manual_grade": auto is None and manual is None,
    }


def _comment(here: _Submitted, cell: _Cell, manual: str | None) -> dict[str, object]:
    # An answered solution cell and any task cell get no automatic comment from the autograder.
    return {
        "id": new_uuid(),
        "notebook_id": here.notebook_id,
        "cell_id": cell.id,
        "auto_comment": None,
        "manual_comment": manual,
    }


def _for_grader(rows: _Rows, here: _Submitted, cell: _Cell) -> None:
    """A cell left to a human: a comment for a solution or task cell, an empty grade for a graded one."""
    if cell.kind != GradeCell.__name__:
        rows.comments.append(_comment(here, cell, None))
    if cell.kind != SolutionCell.__name__:
        rows.grades.append(_grade(here, cell, None, None))


def _autograded(rows: _Rows, notebook: _Notebook, here: _Submitted, rng: random.Random) -> None:
    """Self-test items get easier-to-harder partial credit; the plan's rules are met or not."""
    graded = [c for c in notebook.cells if c.autograded]
    for position, cell in enumerate(graded):
        if here.assignment == SELF_TEST:
            difficulty = -1.0 + 2.0 * position / max(1, len(graded) - 1)
            chance = _logistic(here.ability - difficulty)
            roll = rng.random()
            # A near miss earns part of a multiple-choice or ordering item, as the hidden tests allow.
            earned = 1.0 if roll < chance else rng.choice((0.25, 0.5, 0.75)) if roll < chance + 0.15 else 0.0
        else:
            earned = 1.0 if rng.random() < _logistic(here.ability + 2.0) else 0.0
        rows.grades.append(_grade(here, cell, round(cell.max_score * earned, 2), None))
    for cell in notebook.cells:
        if not cell.autograded:
            _for_grader(rows, here, cell)


def _point_task(
    rows: _Rows, notebook: _Notebook, here: _Submitted, rubric: Rubric, desk: GradingDesk, rng: random.Random
) -> None:
    """Evidence handed in (its share scored as toolkit.grading.score_evidence does) and, for some, a
    desk grade: indicators ticked by ability, the level found by the rubric's own rule."""
    complete = [c for c in rubric.criteria if rng.random() < _logistic(here.ability + 2.5)]
    missing = {c.id for c in rubric.criteria} - {c.id for c in complete}
    for cell in notebook.cells:
        if cell.autograded:
            share = len(complete) / len(rubric.criteria)
            rows.grades.append(_grade(here, cell, round(cell.max_score * share, 2), None))
        elif cell.kind == TaskCell.__name__ and cell.name == TASK_CELL and rng.random() < DESK_SHARE:
            _desk_grade(rows, here, cell, rubric, complete, missing, desk, rng)
        else:
            _for_grader(rows, here, cell)


def _desk_grade(
    rows: _Rows,
    here: _Submitted,
    cell: _Cell,
    rubric: Rubric,
    complete: list[Criterion],
    missing: set[str],
    desk: GradingDesk,
    rng: random.Random,
) -> None:
    """What GradingDesk.grade records: the manual score and comment in nbgrader, a row in its history."""
    ticks = {
        c.id: {
            indicator
            for step, level in enumerate(rubric.levels[1:])
            for indicator in c.indicators.get(level.id, ())
            # Each higher level's indicators are met less often.
            if rng.random() < _logistic(here.ability + 4.5 - 3.0 * step)
        }
        for c in complete
    }
    result = grade_by_indicators(rubric, ticks, missing=missing)
    score = round(cell.max_score * result.level.points / rubric.levels[-1].points, 2)
    graded_at = here.submitted + dt.timedelta(days=rng.randint(1, 10))
    remark = rng.choice(rubric.comments) if rubric.comments else ""
    # The desk's own Markdown, so generated feedback reads as after a real grading.
    text = desk.comment_text(rubric, result, ticks, remark, graded_at)
    rows.grades.append(_grade(here, cell, None, score))
    rows.comments.append(_comment(here, cell, text))
    rows.rubric_grades.append(
        {
            "assignment": here.assignment,
            "teacher_id": here.teacher_id,
            "rubric_id": rubric.id,
            "level": result.level.id,
            "level_name": result.level.name,
            "score": score,
            "ticks": json.dumps({k: sorted(v) for k, v in ticks.items()}, ensure_ascii=False),
            "missing": json.dumps(sorted(result.missing)),
            "comment": remark,
            "grader": GRADER,
            "graded_at": graded_at,
            "superseded": False,
        }
    )


def _insert(connection: Connection, rows: _Rows, progress: bool) -> None:
    """Set-based inserts (executemany per chunk), all inside the caller's one transaction."""
    pending = rows.by_table()
    with tqdm(
        total=sum(len(r) for _, r in pending), unit=t("cohort.rows"), leave=False, disable=not progress
    ) as bar:
        for table, table_rows in pending:
            bar.set_postfix_str(table.name, refresh=False)
            for start in range(0, len(table_rows), _CHUNK):
                chunk = table_rows[start : start + _CHUNK]
                connection.execute(table.insert(), chunk)
                bar.update(len(chunk))
