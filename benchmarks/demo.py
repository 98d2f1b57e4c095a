"""24 teachers to a served dashboard: ``workshop demo`` against the same steps, one command at a time.

Run from the repository root as root (the sandbox needs it), after the README's setup:

    .venv/bin/python benchmarks/demo.py [--teachers 24] [--runs 3]

Each run is a whole process on a new folder, timed from its start until the dashboard's overview
page answers over HTTP:

- ours: what ``workshop demo`` does (assignments generated and released in one nbgrader child,
  ``workshop grade`` for all four assignments at once, feedback in two children beside the ledger
  and report, Voila with preheated kernels);
- baseline: the same demo data made the way the demo made it before: one ``nbgrader`` command
  per step (``generate_assignment``, ``release_assignment``, ``autograde`` and
  ``generate_feedback`` for each assignment), then plain Voila.

Both must end with the same scores for every teacher. Target: ours in at most 90 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

TARGET_SECONDS = 90.0


def _baseline_steps(course_dir: str | Path, steps: Sequence[tuple[str, ...]], **_: object) -> None:
    """The batch's steps as the separate ``nbgrader`` commands the demo used to run."""
    from toolkit.course.nbgrader_run import run_nbgrader

    done: set[tuple[str, str]] = set()
    for method, assignment, *_teacher in steps:
        if (method, assignment) not in done:  # feedback was one command per assignment
            done.add((method, assignment))
            run_nbgrader(course_dir, [method, assignment, "--force"])


def _baseline_autograde(root: Path, assignments: Sequence[str]) -> None:
    from toolkit.course.nbgrader_run import run_nbgrader

    for assignment in assignments:
        run_nbgrader(root, ["autograde", assignment])


def inner(kind: str, folder: Path, teachers: int, port: int) -> None:
    """One timed run (in its own process): make the demo course, then serve it until it answers."""
    import toolkit.demo.run as demo
    from toolkit.dashboard.serve import dashboard_env, page_path, voila_command, wait_until_served

    if kind == "baseline":
        demo.run_nbgrader_steps = _baseline_steps  # type: ignore[assignment]
        demo.autograde = _baseline_autograde  # type: ignore[assignment]
    demo.run_demo(folder, teachers=teachers, serve=False)
    command = voila_command(port=port, preheat=kind == "ours")
    with subprocess.Popen(
        command, env=dashboard_env(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as voila:
        try:
            if not wait_until_served(f"http://127.0.0.1:{port}/" + page_path("cohort"), voila):
                sys.exit("the dashboard did not answer")
        finally:
            voila.terminate()


def _scores(course: Path) -> dict:
    from toolkit.gradebook import read_course

    scores = read_course(course).scores
    return {(row.teacher_id, row.assignment): row.score for row in scores.itertuples()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=1)
    parser.add_argument("--inner", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=8899)
    args = parser.parse_args()
    if args.inner:
        inner(args.inner[0], Path(args.inner[1]), args.teachers, args.port)
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    times: dict[str, list[float]] = {"baseline": [], "ours": []}
    for kind, runs in (("baseline", args.baseline_runs), ("ours", args.runs)):
        for run in range(runs):
            folder = workdir / f"{kind}-{run}"
            started = time.perf_counter()
            command = [
                sys.executable,
                __file__,
                "--inner",
                kind,
                str(folder),
                "--teachers",
                str(args.teachers),
            ]
            subprocess.run(command, check=True, capture_output=True)
            times[kind].append(time.perf_counter() - started)
            print(f"  {kind:<9} run {run + 1}: {times[kind][-1]:.1f} s", flush=True)
    same = _scores(workdir / "baseline-0") == _scores(workdir / "ours-0")
    slow, fast = statistics.median(times["baseline"]), statistics.median(times["ours"])
    print(f"\n{args.teachers} teachers, from nothing to a served overview page (whole process)")
    baseline = "one nbgrader command per step, plain Voila"
    print(f"{baseline:<46}{slow:>8.1f} s   median of {len(times['baseline'])}")
    print(f"{'workshop demo':<46}{fast:>8.1f} s   median of {len(times['ours'])}")
    print(f"{'ratio':<46}{slow / fast:>7.1f}×")
    print("scores: " + ("identical for every teacher and assignment" if same else "DIFFERENT"))
    met = fast <= TARGET_SECONDS
    print(f"target: at most {TARGET_SECONDS:g} s: {'met' if met else 'NOT met'}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if same and met else 1


if __name__ == "__main__":
    sys.exit(main())
