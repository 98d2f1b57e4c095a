"""Run the whole workshop path on synthetic teachers, through real nbgrader."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from toolkit.course import init_course
from toolkit.course.nbgrader_run import run_nbgrader
from toolkit.dashboard import serve_dashboard
from toolkit.dashboard.serve import DEFAULT_PORT
from toolkit.demo.synth import read_item_keys, synthetic_answers, synthetic_roster, write_roster_csv
from toolkit.errors import InputError
from toolkit.gradebook import read_course
from toolkit.i18n import t
from toolkit.widgets import AnswerStore

SELF_TEST = "self_test"
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
    port: int = DEFAULT_PORT,
    seed: int = 2021,
) -> DemoReport:
    """Make a synthetic course, release the self-test, submit, autograde, then serve the dashboard."""
    if not 1 <= teachers <= MAX_TEACHERS:
        raise InputError(t("demo.teachers", max=MAX_TEACHERS))
    root = Path(course_dir).resolve()
    if root.exists() and any(root.iterdir()):
        raise InputError(t("demo.exists", course=root))

    steps = tqdm(total=5, desc="workshop demo", unit="step", leave=True)

    steps.set_description(t("demo.step.roster"))
    people = synthetic_roster(teachers, seed=seed)
    root.mkdir(parents=True, exist_ok=True)
    roster_file = root / "demo_roster.csv"
    write_roster_csv(people, roster_file)
    steps.update(1)

    steps.set_description(t("demo.step.init"))
    init_course(root, roster=roster_file, environment="C")
    steps.update(1)

    steps.set_description(t("demo.step.generate"))
    run_nbgrader(root, ["generate_assignment", SELF_TEST, "--force"])
    run_nbgrader(root, ["release_assignment", SELF_TEST, "--force"])
    steps.update(1)

    steps.set_description(t("demo.step.submit"))
    rng = random.Random(seed)
    keys = read_item_keys(root / "source" / SELF_TEST / f"{SELF_TEST}.ipynb")
    submitters = [p for p in people if rng.random() < SUBMIT_SHARE] or people[:1]
    stamp = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
    for offset, person in enumerate(tqdm(submitters, desc=t("demo.step.submit"), unit="人", leave=False)):
        folder = root / "submitted" / person.teacher_id / SELF_TEST
        shutil.copytree(root / "release" / SELF_TEST, folder)
        store = AnswerStore(folder / "answers.json")
        for item_id, answer in synthetic_answers(keys, rng.gauss(0.3, 1.2), rng).items():
            store.set(item_id, answer)
        submitted_at = stamp + dt.timedelta(minutes=17 * offset)
        (folder / "timestamp.txt").write_text(
            submitted_at.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8"
        )
    steps.update(1)

    steps.set_description(t("demo.step.autograde"))
    with tqdm(total=len(submitters), desc=t("demo.step.autograde"), unit="份", leave=False) as bar:
        run_nbgrader(root, ["autograde", SELF_TEST], progress=bar)
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
    if serve:
        serve_dashboard(root, port=port)
    return report
