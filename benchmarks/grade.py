"""Autograding a cohort's self-test: plain ``nbgrader autograde`` against ``workshop grade``.

Run from the repository root after the README's setup (as root, with bubblewrap):

    .venv/bin/python benchmarks/grade.py [--teachers 24] [--workers 2] [--runs 3] [--workdir DIR]

One course is made by ``toolkit.demo.run.prepare_self_test`` (the demo's course: N teachers,
most of whom submitted the 48-item self-test). Each run grades a fresh copy of it, timed as a
whole process: ``nbgrader autograde self_test`` (one notebook after another, each in a new
kernel), and ``workshop grade COURSE self_test --workers W`` (nbgrader's own Autograde in warm
workers, each submission in its sandbox). The medians and their ratio are printed, then every
teacher's score on every graded cell is compared between the two gradebooks, and the outputs
of every autograded notebook (widget ids aside). Target: at least 10× with identical scores
(exit 1 if not met).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

from benchmarks.timing import timed  # noqa: E402
from toolkit.demo.run import prepare_self_test  # noqa: E402
from toolkit.gradebook import SELF_TEST  # noqa: E402
from toolkit.gradebook.export import cell_scores  # noqa: E402

TARGET_RATIO = 10.0
MODEL_ID = re.compile(r"[0-9a-f]{32}")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def feedback(page: Path) -> str:
    """A feedback page with the widget model ids (random in every run) left out."""
    return MODEL_ID.sub("ID", page.read_text(encoding="utf-8"))


def outputs(notebook: Path) -> list[list[dict]]:
    """Each code cell's outputs, with the widget model ids (random in every run) left out."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    result = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        shown = []
        for output in cell["outputs"]:
            output = dict(output)
            data = {
                key: "".join(v) if isinstance(v, list) else v for key, v in output.get("data", {}).items()
            }
            data.pop(WIDGET_VIEW, None)
            output["data"] = data
            if isinstance(output.get("text"), list):
                output["text"] = "".join(output["text"])
            shown.append(output)
        result.append(shown)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--workdir", default=None, help="keep the course here and reuse it next time")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench-grade-")).resolve()
    base = workdir / f"self-test-{args.teachers}"
    if not (base / "nbgrader_config.py").is_file():
        shutil.rmtree(base, ignore_errors=True)
        prepare_self_test(base, teachers=args.teachers, seed=2021)
    submissions = len(list((base / "submitted").glob(f"*/{SELF_TEST}")))

    def fresh(name: str) -> Path:
        copy = workdir / name
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(base, copy)
        return copy

    plain, ours = [], []
    print(f"{submissions} self-test submissions, {args.teachers} teachers", flush=True)
    for run in range(args.baseline_runs):
        course = fresh("nbgrader")
        plain.append(timed([sys.executable, "-m", "nbgrader", "autograde", SELF_TEST], cwd=course))
        print(f"  nbgrader autograde     run {run + 1}: {plain[-1]:.2f} s", flush=True)
    for run in range(args.runs):
        course = fresh("workshop")
        command = [
            sys.executable,
            "-m",
            "toolkit",
            "grade",
            str(course),
            SELF_TEST,
            "--workers",
            str(args.workers),
        ]
        ours.append(timed(command, cwd=course))
        print(f"  workshop grade         run {run + 1}: {ours[-1]:.2f} s", flush=True)

    theirs_scores, our_scores = (
        cell_scores(workdir / "nbgrader", SELF_TEST),
        cell_scores(workdir / "workshop", SELF_TEST),
    )
    same_scores = theirs_scores == our_scores and len(theirs_scores) > 0
    differing_notebooks = [
        folder.parent.name
        for folder in sorted((workdir / "nbgrader" / "autograded").glob(f"*/{SELF_TEST}"))
        if outputs(folder / f"{SELF_TEST}.ipynb")
        != outputs(
            workdir / "workshop" / "autograded" / folder.parent.name / SELF_TEST / f"{SELF_TEST}.ipynb"
        )
    ]
    for name in ("nbgrader", "workshop"):
        subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_feedback", SELF_TEST, "--force"],
            cwd=workdir / name,
            check=True,
            capture_output=True,
        )
    differing_feedback = [
        folder.parent.name
        for folder in sorted((workdir / "nbgrader" / "feedback").glob(f"*/{SELF_TEST}"))
        if feedback(folder / f"{SELF_TEST}.html")
        != feedback(workdir / "workshop" / "feedback" / folder.parent.name / SELF_TEST / f"{SELF_TEST}.html")
    ]
    slow, fast = statistics.median(plain), statistics.median(ours)
    ratio = slow / fast
    print(f"\n{'':<26}{'seconds':>10}")
    print(f"{'nbgrader autograde':<26}{slow:>10.2f}   median of {len(plain)}")
    print(f"{'workshop grade':<26}{fast:>10.2f}   median of {len(ours)}, {args.workers} workers")
    print(f"{'ratio':<26}{ratio:>9.1f}×   target at least {TARGET_RATIO:g}×")
    print(
        f"scores: {len(theirs_scores)} graded cells, "
        + ("identical for every teacher" if same_scores else "DIFFERENT")
    )
    same_notebooks = submissions - len(differing_notebooks)
    print(
        f"autograded notebooks: {same_notebooks} of {submissions} with identical outputs"
        + (f"; differ: {', '.join(differing_notebooks)}" if differing_notebooks else "")
    )
    feedback_files = len(list((workdir / "nbgrader" / "feedback").glob(f"*/{SELF_TEST}")))
    print(
        f"feedback: {feedback_files - len(differing_feedback)} of {feedback_files} pages identical"
        + (f"; differ: {', '.join(differing_feedback)}" if differing_feedback else "")
    )
    identical = same_scores and not differing_notebooks and not differing_feedback and feedback_files
    return 0 if identical and ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
