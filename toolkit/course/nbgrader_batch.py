"""Several nbgrader steps in child processes that load nbgrader and the course's settings once.

``run_nbgrader_steps(course, [("generate_assignment", "self_test"), ...])`` does what the
same ``nbgrader`` commands do, through nbgrader's own API (the one its formgrader uses).
Each ``nbgrader`` command costs a new interpreter that imports nbgrader and reads the
course's configuration (2–3 s); a batch pays that once per child. The children keep
nbgrader's logging and working folder out of the caller's process.

Run as ``python -m toolkit.course.nbgrader_batch COURSE_DIR STEPS_JSON`` (the parent does).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from toolkit.course.nbgrader_run import NbgraderError
from toolkit.environment import tools_path
from toolkit.i18n import t

# What a step may ask nbgrader's API for: (method, assignment) or (method, assignment, teacher).
STEP_METHODS = ("generate_assignment", "release_assignment", "autograde", "generate_feedback")
Step = tuple[str, ...]


def _check(steps: Sequence[Step]) -> None:
    for step in steps:
        if step[0] not in STEP_METHODS or len(step) not in (2, 3):
            raise ValueError(f"not an nbgrader batch step: {step!r}")


def run_nbgrader_steps(
    course_dir: str | Path,
    steps: Sequence[Step],
    *,
    processes: int = 1,
    progress: tqdm | None = None,
) -> None:
    """Run ``steps`` in order, shared round-robin over ``processes`` children; raise NbgraderError
    naming the first step that failed, with nbgrader's last words.

    Steps given to different children must not depend on each other (for example feedback
    for different teachers); one child runs its share in the given order.
    """
    _check(steps)
    shares = [list(steps[index::processes]) for index in range(max(1, processes))]
    env = {**os.environ, "PATH": tools_path()}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "toolkit.course.nbgrader_batch", str(course_dir), json.dumps(share)],
            cwd=course_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        for share in shares
        if share
    ]
    failures = []
    for child in children:
        with child:  # closes its pipe and waits for it
            assert child.stdout is not None
            for line in child.stdout:
                kind, _, detail = line.rstrip("\n").partition("\t")
                if kind == "done" and progress is not None:
                    progress.update(1)
                elif kind == "failed":
                    failures.append(detail)
        if child.returncode != 0 and not failures:
            failures.append(f"exit {child.returncode}")
    if failures:
        step, _, tail = failures[0].partition("\t")
        raise NbgraderError(t("nbgrader.failed", command=step, code=1, tail=tail))


def _api(course_dir: Path) -> object:
    from nbgrader.apps import NbGraderAPI
    from nbgrader.apps.generatefeedbackapp import GenerateFeedbackApp

    os.chdir(course_dir)  # nbgrader reads nbgrader_config.py from the working folder
    app = GenerateFeedbackApp()
    app.initialize([])
    return NbGraderAPI(parent=app)


def main(argv: Sequence[str] | None = None) -> int:
    """The child: run each step, print ``done`` per step, or ``failed`` and stop at the first failure."""
    course_dir, steps_json = sys.argv[1:] if argv is None else argv
    steps = [tuple(step) for step in json.loads(steps_json)]
    _check(steps)
    api = _api(Path(course_dir))
    for method, *arguments in steps:
        result = getattr(api, method)(*arguments)
        if not result["success"]:
            lines = (result.get("error") or result.get("log") or "").strip().splitlines()
            tail = " | ".join(line.strip() for line in lines[-3:])
            print(f"failed\t{method} {' '.join(arguments)}\t{tail}", flush=True)
            return 1
        print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
