"""Reading a whole gradebook: plain ``nbgrader export`` against ``toolkit.gradebook.export``.

Run from the repository root after the README's setup:

    .venv/bin/python benchmarks/gradebook.py [--teachers 5000] [--workdir DIR] [--runs 3]

The cohort is a real course made by ``toolkit.demo.synthetic_cohort`` (N teachers × 6 assignments
in the nbgrader gradebook). Both paths are timed as whole processes that write the CSV: nbgrader's
``nbgrader export --to FILE`` (a query per student per assignment), and ours (one set-based query).
Ours runs ``--runs`` times, nbgrader's once by default, since at 5,000 teachers it takes most of an
hour (``--baseline-runs`` to change that). The medians, their ratio and whether the two CSV files
are identical byte for byte are printed; the target is a ratio of at least 50 (exit 1 if not met
or if the files differ).
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
from toolkit.demo import synthetic_cohort  # noqa: E402

TARGET_RATIO = 50.0
OURS = "from toolkit.gradebook.export import export_csv; import sys; export_csv(sys.argv[1], out=sys.argv[2])"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=5000)
    parser.add_argument("--workdir", default=None, help="keep the cohort here and reuse it next time")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=1)
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench-gradebook-")).resolve()
    course = workdir / f"cohort-{args.teachers}"
    if not (course / "nbgrader_config.py").is_file():
        synthetic_cohort(course, teachers=args.teachers)
    theirs, ours = workdir / "nbgrader-export.csv", workdir / "toolkit-export.csv"

    print(f"nbgrader export, {args.teachers} teachers × 6 assignments (the slow one) …", flush=True)
    baseline = [
        timed([sys.executable, "-m", "nbgrader", "export", "--to", str(theirs)], cwd=course)
        for _ in range(args.baseline_runs)
    ]
    fast = [timed([sys.executable, "-c", OURS, str(course), str(ours)], cwd=course) for _ in range(args.runs)]
    identical = theirs.read_bytes() == ours.read_bytes()
    rows = len(ours.read_text(encoding="utf-8").splitlines()) - 1
    slow_median, fast_median = statistics.median(baseline), statistics.median(fast)
    ratio = slow_median / fast_median
    print(f"\nWhole gradebook to CSV, {rows} rows (whole process, seconds)")
    print(f"{'nbgrader export':<28}{slow_median:>10.2f}   median of {len(baseline)}")
    print(f"{'toolkit.gradebook.export':<28}{fast_median:>10.2f}   median of {len(fast)}")
    print(f"{'ratio':<28}{ratio:>9.1f}×   target at least {TARGET_RATIO:g}×")
    print(f"identical CSV files: {'yes' if identical else 'NO'}")
    return 0 if identical and ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
