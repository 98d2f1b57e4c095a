"""nbgrader's own Autograde converter, kept warm in a worker, with four of its steps replaced.

Execute runs in the worker's sandbox, the metadata check uses a schema compiled
once, the stored cells are read once per notebook and the grades are saved in one
transaction; every other step is nbgrader's. Notebooks are written with the same bytes
as nbformat writes them, faster.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

from nbgrader.apps import AutogradeApp
from nbgrader.converters import Autograde
from nbgrader.converters.base import NbGraderException
from nbgrader.preprocessors import CheckCellMetadata, Execute, OverwriteCells, SaveAutoGrades

from toolkit.autograde.cells import PrefetchedOverwriteCells
from toolkit.autograde.execute import SandboxExecute
from toolkit.autograde.grades import OneCommitSaveAutoGrades
from toolkit.autograde.metadata import CompiledCheckCellMetadata
from toolkit.autograde.notebook_json import FastNotebookExporter
from toolkit.autograde.outcome import Outcome
from toolkit.autograde.repair import stage_repairs


class LastErrors(logging.Handler):
    """nbgrader's error log for the teacher being graded, to say why grading failed."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if message:
            self.lines.append(message)

    def reason(self) -> str:
        """The exception line of the last traceback nbgrader logged, else its last error line."""
        for message in reversed(self.lines):
            if message.startswith("Traceback"):
                return message.splitlines()[-1]
        return self.lines[-1].splitlines()[-1] if self.lines else "nbgrader autograde failed"


def build_converter(course_dir: Path, log_file: Path) -> tuple[Autograde, LastErrors]:
    """The course's Autograde converter, logging to ``log_file``, and the handler keeping its errors."""
    os.chdir(course_dir)  # nbgrader reads nbgrader_config.py from the working folder
    app = AutogradeApp()
    app.initialize([])
    app.log.handlers.clear()
    to_file = logging.FileHandler(log_file, encoding="utf-8")
    app.log.addHandler(to_file)
    # Library warnings (nbgrader's own use of SQLAlchemy warns "not in session" for every new
    # submission) belong in the run's log, not on the trainer's terminal.
    logging.captureWarnings(True)
    library_warnings = logging.getLogger("py.warnings")
    library_warnings.addHandler(to_file)
    library_warnings.propagate = False
    errors = LastErrors()
    app.log.addHandler(errors)
    app.log.propagate = False
    converter = Autograde(coursedir=app.coursedir, parent=app)
    converter.force = True
    converter.exporter_class = FastNotebookExporter  # the same notebook files, written faster
    # nbgrader's own steps, but four: Execute runs in the sandbox, the metadata check uses a
    # schema compiled once, the stored cells are read once per notebook, and grades are saved
    # in one transaction (each gives nbgrader's results; see their modules and tests).
    replaced = {
        Execute: SandboxExecute,
        CheckCellMetadata: CompiledCheckCellMetadata,
        OverwriteCells: PrefetchedOverwriteCells,
        SaveAutoGrades: OneCommitSaveAutoGrades,
    }
    for steps in ("sanitize_preprocessors", "autograde_preprocessors"):
        setattr(converter, steps, [replaced.get(step, step) for step in getattr(converter, steps)])
    return converter, errors


def grade_one(
    converter: Autograde, errors: LastErrors, assignment: str, teacher_id: str, *, staging: Path
) -> Outcome:
    """Autograde one teacher with nbgrader's converter; never raises for a teacher's own problem.

    A broken notebook that can be rebuilt from the release is graded from a repaired
    copy under ``staging``; the submitted folder itself is never changed.
    """
    started = time.monotonic()
    SandboxExecute.flags = []
    errors.lines = []
    coursedir = converter.coursedir
    coursedir.assignment_id = assignment
    submitted = coursedir.submitted_directory
    repairs = stage_repairs(
        Path(coursedir.format_path(submitted, teacher_id, assignment)),
        Path(coursedir.format_path(coursedir.release_directory, ".", assignment)),
        staging / teacher_id / assignment,
    )
    if repairs:
        coursedir.submitted_directory = str(staging)
    coursedir.student_id = teacher_id
    try:
        converter.start()
    except NbGraderException:
        return Outcome(
            assignment, teacher_id, "failed", [*repairs, errors.reason()], time.monotonic() - started
        )
    finally:
        coursedir.submitted_directory = submitted
        shutil.rmtree(staging / teacher_id, ignore_errors=True)
    flags = [*repairs, *SandboxExecute.flags]
    return Outcome(
        assignment, teacher_id, "flagged" if flags else "graded", flags, time.monotonic() - started
    )
