"""How fast the command line answers: ``workshop --help`` and ``workshop points``.

Run from the repository root after the README's setup:

    .venv/bin/python benchmarks/startup.py [--runs 9]

Each command is timed as a whole process, ``--runs`` times; the medians are printed beside a bare
``python -c pass`` (the interpreter's own start, the floor) and ``nbgrader --help`` (the tool a
trainer runs beside ours). Target: both of ours in at most 0.5 s (exit 1 if not).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

from benchmarks.timing import timed  # noqa: E402

TARGET_SECONDS = 0.5
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "nbgrader --help": [sys.executable, "-m", "nbgrader", "--help"],
    "workshop --help": [sys.executable, "-m", "toolkit", "--help"],
    "workshop points": [sys.executable, "-m", "toolkit", "points"],
}
OURS = ("workshop --help", "workshop points")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    medians = {}
    for name, command in COMMANDS.items():
        timed(command, cwd=folder)  # a first run fills the file cache
        medians[name] = statistics.median(timed(command, cwd=folder) for _ in range(args.runs))
    floor = medians["python -c pass"]
    print(f"{'command':<20}{'median s':>10}{'× python':>10}   ({args.runs} runs each, whole process)")
    for name, seconds in medians.items():
        print(f"{name:<20}{seconds:>10.3f}{seconds / floor:>9.1f}×")
    met = all(medians[name] <= TARGET_SECONDS for name in OURS)
    print(f"target: {' and '.join(OURS)} within {TARGET_SECONDS:g} s: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
