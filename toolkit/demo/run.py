"""Run the whole workshop path on synthetic teachers, through real nbgrader."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from toolkit.autograde import grade_assignments, sandbox_problem
from toolkit.catalogue import load_catalogue
from toolkit.course import init_course
from toolkit.course.nbgrader_batch import run_nbgrader_steps
from toolkit.course.nbgrader_run import run_nbgrader
from toolkit.dashboard import serve_dashboard
from toolkit.dashboard.serve import DEFAULT_PORT
from toolkit.demo.achievements import (
    DEMO_ACHIEVEMENTS,
    grade_achievements,
    submit_achievements,
    write_expert_videos,
)
from toolkit.demo.files import submit_release, write_evidence
from toolkit.demo.synth import (
    read_item_keys,
    synthetic_answers,
    synthetic_ledger,
    synthetic_plan,
    synthetic_roster,
    write_ledger_csv,
    write_roster_csv,
)
from toolkit.desk import GradingDesk
from toolkit.errors import InputError
from toolkit.evidence import EVIDENCE_DIR
from toolkit.gradebook import SELF_TEST, read_course
from toolkit.i18n import t
from toolkit.ledger.course import import_ledger
from toolkit.plan.rules import PLAN_ASSIGNMENT, PLAN_KEY, load_rules
from toolkit.report import write_report
from toolkit.rubric import load_point_rubric
from toolkit.work.store import AnswerStore

DEMO_SCHEME = "hefei-2021"  # role scores and pass rates, so every dashboard and report sheet has figures
MAX_TEACHERS = 5000
SUBMIT_SHARE = 0.92  # a few teachers have not submitted yet, as in any real workshop


@dataclass(frozen=True)
class DemoReport:
    course_dir: Path
    teachers: int
    graded: int
    mean: float
    max_score: float

    def message(self) -> str:
        return t(
            "demo.done",
            course=self.course_dir,
            teachers=self.teachers,
            graded=self.graded,
            mean=self.mean,
            max=self.max_score,
        )


def run_demo(
    course_dir: str | Path = "demo-course",
    *,
    teachers: int = 24,
    serve: bool = True,
    hub: bool = False,
    port: int = DEFAULT_PORT,
    seed: int = 2021,
) -> DemoReport:
    """Make a synthetic course, release, submit, autograde, grade at the desk, then serve the dashboard.

    Autograding uses ``workshop grade`` (every submission sandboxed, workers kept warm) where
    the sandbox is available, and plain ``nbgrader autograde`` otherwise, saying so once.
    With ``hub``, the course is served by a real JupyterHub instead (``workshop hub``), and
    the demo says which teacher and which leader to log in as.
    """
    if not 1 <= teachers <= MAX_TEACHERS:
        raise InputError(t("demo.teachers", max=MAX_TEACHERS))
    root = Path(course_dir).resolve()
    if root.exists() and any(root.iterdir()):
        raise InputError(t("demo.exists", course=root))

    started = time.monotonic()
    steps = tqdm(total=7, desc="workshop demo", unit="step", leave=True)
    people, submitters, rng = prepare_self_test(
        root,
        teachers=teachers,
        seed=seed,
        steps=steps,
        also=(PLAN_ASSIGNMENT, *DEMO_TASKS, *DEMO_ACHIEVEMENTS),
    )

    steps.set_description(t("demo.step.plans"))
    planners, taskers = _submit_plans_and_tasks(root, people, rng, SUBMITTED_AT)
    achievements = submit_achievements(root, people, SUBMITTED_AT)
    write_expert_videos(root)
    steps.update(1)

    steps.set_description(t("demo.step.autograde"))
    autograde(root, (SELF_TEST, PLAN_ASSIGNMENT, *DEMO_TASKS, *DEMO_ACHIEVEMENTS))
    _grade_at_desk(root, planners, taskers)
    grade_achievements(root, achievements)
    steps.update(1)

    steps.set_description(t("demo.step.ledger"))
    feedback = _feedback_in_background(root)
    ledger_file = root / "demo_ledger.csv"
    write_ledger_csv(synthetic_ledger(people, rng), ledger_file)
    import_ledger(root, ledger_file)
    write_report(root, out=root / "report.xlsx")
    feedback.join()
    if feedback.error is not None:
        raise feedback.error
    steps.update(1)
    steps.close()

    scores = read_course(root).scores
    self_test = scores[scores["assignment"] == SELF_TEST]
    report = DemoReport(
        course_dir=root,
        teachers=len(people),
        graded=len(self_test),
        mean=float(self_test["score"].mean()),
        max_score=float(self_test["max_score"].max()),
    )
    print(report.message(), flush=True)
    print(t("demo.took", seconds=time.monotonic() - started), flush=True)
    if hub:
        from toolkit.hub import run_hub

        waiting = [p for p in people if p.role == "teacher" and p not in submitters]
        teacher = (waiting or [p for p in people if p.role == "teacher"])[0]
        leader = next(p for p in people if p.role == "leader")
        print(t("demo.hub_people", teacher=teacher.teacher_id, leader=leader.teacher_id), flush=True)
        run_hub(root, port=port)
    elif serve:
        serve_dashboard(root, port=port, started=started)
    return report


def autograde(root: Path, assignments: Sequence[str]) -> None:
    """Autograde every submission of ``assignments``: ``workshop grade`` where submissions can be
    sandboxed, else plain ``nbgrader autograde`` (slower), after saying why once."""
    problem = sandbox_problem()
    if problem is None:
        grade_assignments(root, assignments)
        return
    print(t("demo.plain_autograde", reason=problem), flush=True)
    for assignment in assignments:
        submitted = len(list((root / "submitted").glob(f"*/{assignment}")))
        with tqdm(total=submitted, desc=t("demo.step.autograde"), unit="份", leave=False) as bar:
            run_nbgrader(root, ["autograde", assignment], progress=bar)


class _Background(threading.Thread):
    """A step run beside the main one; its error is kept for the main thread to raise."""

    def __init__(self, work: object) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.work()  # type: ignore[operator]
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            self.error = error


def _feedback_in_background(root: Path) -> _Background:
    """Generate every graded teacher's feedback in two nbgrader children, while the main thread
    imports the ledger and writes the report."""
    steps = [
        ("generate_feedback", assignment, folder.parent.name)
        for assignment in (SELF_TEST, PLAN_ASSIGNMENT, *DEMO_TASKS, *DEMO_ACHIEVEMENTS)
        for folder in sorted((root / "autograded").glob(f"*/{assignment}"))
    ]
    thread = _Background(lambda: run_nbgrader_steps(root, steps, processes=2))
    thread.start()
    return thread


SUBMITTED_AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


def prepare_self_test(
    root: Path,
    *,
    teachers: int,
    seed: int,
    steps: tqdm | None = None,
    also: Sequence[str] = (),
) -> tuple[list, list, random.Random]:
    """A new course in ``root`` with the self-test (and the assignments ``also``) released, and
    the self-test submitted by most teachers.

    Returns the roster's people, those who submitted, and the random source to go on
    with. Used by the demo and by benchmarks/grade.py, which then autograde the
    submissions each in their own way.
    """

    def step(key: str) -> None:
        if steps is not None:
            steps.set_description(t(key))

    def done() -> None:
        if steps is not None:
            steps.update(1)

    step("demo.step.roster")
    people = synthetic_roster(teachers, seed=seed)
    root.mkdir(parents=True, exist_ok=True)
    roster_file = root / "demo_roster.csv"
    write_roster_csv(people, roster_file)
    done()

    step("demo.step.init")
    init_course(root, roster=roster_file, environment="C", scheme=DEMO_SCHEME)
    done()

    step("demo.step.generate")
    run_nbgrader_steps(
        root,
        [
            (method, assignment)
            for assignment in (SELF_TEST, *also)
            for method in ("generate_assignment", "release_assignment")
        ],
    )
    done()

    step("demo.step.submit")
    rng = random.Random(seed)
    keys = read_item_keys(root / "source" / SELF_TEST / f"{SELF_TEST}.ipynb")
    submitters = [p for p in people if rng.random() < SUBMIT_SHARE] or people[:1]
    for offset, person in enumerate(tqdm(submitters, desc=t("demo.step.submit"), unit="人", leave=False)):
        when = SUBMITTED_AT + dt.timedelta(minutes=17 * offset)
        store = AnswerStore(submit_release(root, SELF_TEST, person.teacher_id, when) / "answers.json")
        for item_id, answer in synthetic_answers(keys, rng.gauss(0.3, 1.2), rng).items():
            store.set(item_id, answer)
    done()
    return people, submitters, rng


DEMO_TASKS = ("task_A1", "task_B1")
# Every fourth plan breaks one rule, so the rule messages show up in the demo's feedback.
_BROKEN = ("dimension_count", "practice_share", "point_count")


def _submit_plans_and_tasks(
    root: Path, people: list, rng: random.Random, stamp: dt.datetime
) -> tuple[list, list]:
    """Plans from most teachers (some breaking a rule), two point tasks from a few.

    Returns who submitted a plan and who submitted the tasks.
    """
    catalogue = load_catalogue()
    rules = load_rules(root / "source" / PLAN_ASSIGNMENT)
    dimensions = {p.code: p.dimension.id for p in catalogue.points}
    allowed = [p.code for p in catalogue.points_for(rules.environment)]
    planners = [p for p in people if rng.random() < SUBMIT_SHARE] or people[:1]
    for index, person in enumerate(planners):
        folder = submit_release(
            root, PLAN_ASSIGNMENT, person.teacher_id, stamp + dt.timedelta(days=3, minutes=11 * index)
        )
        broken = _BROKEN[(index // 4) % len(_BROKEN)] if index % 4 == 3 else None
        plan = synthetic_plan(rules.evidence, allowed, dimensions, person.subject, rng, break_rule=broken)
        AnswerStore(folder / "answers.json").set(PLAN_KEY, plan)
    taskers = planners[: max(1, len(planners) // 3)]
    for assignment in DEMO_TASKS:
        rubric = load_point_rubric(assignment.removeprefix("task_"), course_dir=root)
        for index, person in enumerate(taskers):
            folder = submit_release(
                root, assignment, person.teacher_id, stamp + dt.timedelta(days=20, minutes=7 * index)
            )
            for number, criterion in enumerate(rubric.criteria):
                if criterion.files is None or (index == 1 and number == 0):
                    continue  # the second teacher leaves out the first item: 不合格 whatever else
                kind = next(k for k in ("pdf", "docx", "mp4", "png") if k in criterion.files.formats)
                for copy in range(criterion.files.min_files):
                    write_evidence(
                        folder / EVIDENCE_DIR / criterion.id / f"{criterion.id}-{copy + 1}.{kind}",
                        kind,
                        text=f"{person.name} {criterion.name}",
                        seconds=60 * min(4.0, criterion.files.max_minutes or 4.0),
                    )
    return planners, taskers


def _grade_at_desk(root: Path, planners: list, taskers: list) -> None:
    """Half of the plans and tasks graded at the rubric desk; every third one 优秀 throughout."""
    desk = GradingDesk(root, grader="demo-坊主")
    for assignment in (PLAN_ASSIGNMENT, *DEMO_TASKS):
        rubric = desk.rubric(assignment)
        graded = planners if assignment == PLAN_ASSIGNMENT else taskers
        for index, person in enumerate(graded[: max(2, len(graded) // 2)]):
            top = index % 3 == 0  # every third one earns 优秀 on every indicator
            ticks = {
                c.id: {
                    i
                    for level in rubric.levels[1:]
                    if top or level == rubric.levels[1]
                    for i in c.indicators[level.id]
                }
                for c in rubric.criteria
            }
            desk.grade(
                assignment, person.teacher_id, ticks, comment=rubric.comments[0] if rubric.comments else ""
            )
