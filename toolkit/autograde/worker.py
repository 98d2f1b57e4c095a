"""One grading worker: a separate process that starts its sandbox, then nbgrader's converter, once.

It then autogrades one submission (assignment and teacher) at a time as the
parent hands them out, and reports each outcome back.
"""

from __future__ import annotations

import gc
from multiprocessing.queues import Queue
from pathlib import Path

from toolkit.autograde.sandbox import Limits, Sandbox
from toolkit.startup import skip_iri_grammar


def worker_main(
    slot: int,
    course_dir: str,
    limits: Limits,
    workdir: str,
    tasks: Queue,
    outcomes: Queue,
) -> None:
    """A worker process: take (assignment, teacher id) pairs from ``tasks`` until None, put an Outcome
    for each."""
    skip_iri_grammar()
    work = Path(workdir)
    with Sandbox(slot=slot, workdir=work, limits=limits) as sandbox:
        # nbgrader is imported once the sandbox's warm process is starting, so the two load side by side.
        from toolkit.autograde.converter import build_converter, grade_one
        from toolkit.autograde.execute import SandboxExecute

        SandboxExecute.sandbox = sandbox
        converter, errors = build_converter(Path(course_dir), work / f"nbgrader-{slot}.log")
        # What is loaded now lives as long as this process: keep the collector from walking it
        # again at every submission.
        gc.collect()
        gc.freeze()
        outcomes.put(("ready", slot))
        while True:
            task = tasks.get()
            if task is None:
                return
            assignment, teacher_id = task
            staging = work / f"staged-{slot}"
            outcomes.put(("done", grade_one(converter, errors, assignment, teacher_id, staging=staging)))
