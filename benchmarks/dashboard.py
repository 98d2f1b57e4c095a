"""Time to a rendered dashboard in headless Chromium: a 24-teacher and a 5,000-teacher cohort.

Run from the repository root (after the README's test setup, which installs Chromium):

    .venv/bin/python benchmarks/dashboard.py [--workdir DIR] [--runs 3]

Each cohort is a real course made by ``toolkit.demo.synthetic_cohort`` (real ``workshop init`` and
``nbgrader generate_assignment``, graded submissions written into the nbgrader gradebook, a research
ledger imported under hefei-2021). Each is served by real Voila, as ``workshop dashboard`` serves it.
For every page the clock runs from the browser's navigation to the moment the page's last part is
on screen (the whole path: a new kernel, reading the course, computing, drawing, sending widgets),
``--runs`` times after one untimed warm-up; the medians are printed side by side with their ratio.
The target: the 5,000-teacher page in at most twice the time of the 24-teacher one (exit 1 if not).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

from tests.conftest import CHROMIUM_FLAGS, http_server  # noqa: E402
from toolkit.dashboard import voila_command  # noqa: E402
from toolkit.dashboard.serve import dashboard_env, page_path  # noqa: E402
from toolkit.demo import synthetic_cohort  # noqa: E402

# What must be on screen for each page to count as rendered: its last-drawn part.
RENDERED = {
    "cohort": ".workshop-cohort img",
    "progress": ".workshop-progress img",
    "portrait": ".workshop-portrait svg",
}
TARGET_RATIO = 2.0


def time_pages(course: Path, *, runs: int, chromium: str, log: Path) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[float]] = {page: [] for page in RENDERED}
    with http_server(lambda port: voila_command(port=port), env=dashboard_env(course), log=log) as url:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            for page_name, selector in RENDERED.items():
                for run in range(runs + 1):
                    page = browser.new_page(viewport={"width": 1200, "height": 1600})
                    start = time.perf_counter()
                    page.goto(url + page_path(page_name), wait_until="domcontentloaded")
                    page.wait_for_selector(selector, timeout=600_000)
                    elapsed = time.perf_counter() - start
                    if "Traceback" in page.inner_text("body"):
                        raise RuntimeError(f"{page_name} of {course} shows a traceback")
                    page.close()
                    if run:  # the first load warms Voila's templates up and is not counted
                        timings[page_name].append(elapsed)
            browser.close()
    return timings


def build(course: Path, teachers: int) -> Path:
    if not (course / "nbgrader_config.py").is_file():
        started = time.perf_counter()
        synthetic_cohort(course, teachers=teachers)
        took = time.perf_counter() - started
        print(f"built the {teachers}-teacher cohort in {took:.0f} s: {course}", flush=True)
    return course


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default=None, help="keep the cohorts here and reuse them next time")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", type=int, default=24)
    parser.add_argument("--large", type=int, default=5000)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is not installed: run the README's test command, which installs it")
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench-dashboard-")).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    sizes = (args.small, args.large)
    results = {}
    for size in sizes:
        course = build(workdir / f"cohort-{size}", size)
        log = workdir / f"voila-{size}.log"
        results[size] = time_pages(course, runs=args.runs, chromium=chromium, log=log)

    print(f"\nTime to a rendered dashboard, median of {args.runs} (seconds)")
    print(f"{'page':<10}{f'{sizes[0]} teachers':>16}{f'{sizes[1]} teachers':>18}{'ratio':>9}")
    worst = 0.0
    for page_name in RENDERED:
        small, large = (statistics.median(results[size][page_name]) for size in sizes)
        ratio = large / small
        worst = max(worst, ratio)
        print(f"{page_name:<10}{small:>16.2f}{large:>18.2f}{ratio:>8.2f}×")
    verdict = "met" if worst <= TARGET_RATIO else "NOT met"
    print(f"target: {sizes[1]} teachers within {TARGET_RATIO:g}× of {sizes[0]} on every page: {verdict}")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
