"""`workshop grade`: autograde an assignment's submissions in parallel, each one isolated.

The parent hands teachers to worker processes, shows a progress bar with an
estimate, records each outcome in the gradebook (so a run stopped half-way
resumes where it stopped, without grading anyone twice into the totals: a
regrade overwrites nbgrader's grades, it never adds to them), and prints a
summary with every flagged submission and why.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from toolkit.autograde import messages as _messages  # noqa: F401 - registers the messages
from toolkit.autograde.outcome import Outcome
from toolkit.autograde.records import RunRecords, fingerprint
from toolkit.autograde.sandbox import Limits, SandboxUnavailable, sandbox_problem
from toolkit.autograde.worker import worker_main
from toolkit.course import load_course
from toolkit.errors import InputError
from toolkit.i18n import t

POLL_SECONDS = 5.0  # how often the parent checks that its workers are still alive


@dataclass
class GradeSummary:
    """What one `workshop grade` run did."""

    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: int = 0

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def table(self) -> str:
        """The summary printed at the end: counts, then one line per flagged or failed teacher."""
        lines = [
            t(
                "autograde.summary",
                assignment=self.assignment,
                graded=self.count("graded"),
                flagged=self.count("flagged"),
                failed=self.count("failed"),
                skipped=self.skipped,
            )
        ]
        for outcome in sorted(self.outcomes, key=lambda o: o.teacher_id):
            if outcome.status != "graded":
                status = t(f"autograde.status.{outcome.status}")
                lines.append(f"  {outcome.teacher_id:<12} {status:<6} {'；'.join(outcome.reasons)}")
        return "\n".join(lines)


def _submitted(root: Path, assignment: str) -> dict[str, Path]:
    submitted = root / "submitted"
    if not submitted.is_dir():
        return {}
    return {
        folder.parent.name: folder
        for folder in sorted(submitted.glob(f"*/{assignment}"))
        if folder.is_dir() and not folder.parent.name.startswith(".")
    }


def grade_assignment(
    course_dir: str | Path,
    assignment: str,
    *,
    workers: int | None = None,
    teachers: Sequence[str] = (),
    force: bool = False,
    limits: Limits | None = None,
    progress: bool = True,
) -> GradeSummary:
    """Autograde ``assignment`` for every submission not yet graded (or only ``teachers``, regraded).

    ``workers`` defaults to the number of CPUs. ``force`` regrades everyone. ``limits``
    defaults to :class:`Limits`, with the course's nbgrader cell timeout.
    """
    (summary,) = grade_assignments(
        course_dir,
        [assignment],
        workers=workers,
        teachers=teachers,
        force=force,
        limits=limits,
        progress=progress,
    )
    return summary


def grade_assignments(
    course_dir: str | Path,
    assignments: Sequence[str],
    *,
    workers: int | None = None,
    teachers: Sequence[str] = (),
    force: bool = False,
    limits: Limits | None = None,
    progress: bool = True,
) -> list[GradeSummary]:
    """:func:`grade_assignment` for several assignments in one run: the workers start once.

    With ``teachers``, each of them is regraded in every assignment.
    """
    limits = limits or Limits()
    settings = load_course(course_dir)
    root = settings.root
    for assignment in assignments:
        if not (root / "source" / assignment).is_dir():
            raise InputError(t("autograde.no_assignment", assignment=assignment, course=root))
    problem = sandbox_problem()
    if problem:
        raise InputError(problem)
    submissions = {assignment: _submitted(root, assignment) for assignment in assignments}
    for assignment, submitted in submissions.items():
        unknown = [teacher for teacher in teachers if teacher not in submitted]
        if unknown:
            raise InputError(t("autograde.no_submission", teachers="、".join(unknown), assignment=assignment))

    records = {assignment: RunRecords(settings.db_url, assignment) for assignment in assignments}
    summaries = {assignment: GradeSummary(assignment) for assignment in assignments}
    try:
        prints: dict[tuple[str, str], str] = {}
        todo: list[tuple[str, str]] = []
        for assignment, submitted in submissions.items():
            for teacher, folder in submitted.items():
                prints[assignment, teacher] = fingerprint(folder)
            if teachers:
                chosen = list(teachers)
            else:
                done = {} if force else records[assignment].done()
                chosen = [
                    teacher for teacher in submitted if done.get(teacher) != prints[assignment, teacher]
                ]
            summaries[assignment].skipped = len(submitted) - len(chosen)
            todo.extend((assignment, teacher) for teacher in chosen)
        if todo:
            count = max(1, min(workers or os.cpu_count() or 1, len(todo)))
            label = "、".join(assignments)
            with tempfile.TemporaryDirectory(prefix="workshop-grade-") as workdir:
                for outcome in _run_workers(root, label, todo, count, limits, Path(workdir), progress):
                    records[outcome.assignment].add(
                        outcome.teacher_id,
                        status=outcome.status,
                        reasons=outcome.reasons,
                        fingerprint=prints[outcome.assignment, outcome.teacher_id],
                        seconds=outcome.seconds,
                    )
                    summaries[outcome.assignment].outcomes.append(outcome)
    finally:
        for record in records.values():
            record.close()
    return [summaries[assignment] for assignment in assignments]


def _run_workers(
    root: Path,
    label: str,
    todo: list[tuple[str, str]],
    count: int,
    limits: Limits,
    workdir: Path,
    progress: bool,
) -> Iterator[Outcome]:
    """Yield each (assignment, teacher) Outcome as the workers finish them."""
    context = multiprocessing.get_context("spawn")  # workers start clean, whatever the parent holds
    tasks = context.Queue()
    outcomes = context.Queue()
    for task in todo:
        tasks.put(task)
    for _ in range(count):
        tasks.put(None)
    processes = [
        context.Process(
            target=worker_main,
            args=(slot, str(root), limits, str(workdir), tasks, outcomes),
            daemon=True,
        )
        for slot in range(count)
    ]
    for process in processes:
        process.start()
    left = len(todo)
    bar = tqdm(total=left, desc=t("autograde.progress", assignment=label), unit="份", disable=not progress)
    try:
        while left:
            try:
                kind, value = outcomes.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not any(process.is_alive() for process in processes):
                    raise SandboxUnavailable(t("autograde.workers_died", log=workdir)) from None
                continue
            if kind == "done":
                left -= 1
                bar.set_postfix_str(value.teacher_id, refresh=False)
                bar.update(1)
                yield value
    finally:
        bar.close()
        for process in processes:
            if left:  # interrupted or failed: stop now; what was recorded is kept for the next run
                process.terminate()
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
        tasks.close()
        outcomes.close()
