"""Time to a rendered dashboard in headless Chromium: plain Voila, and ours cold and warm.

Run from the repository root (after the README's test setup, which installs Chromium):

    .venv/bin/python benchmarks/dashboard.py [--workdir DIR] [--runs 3]

Each cohort (24 and 5,000 teachers) is a real course made by ``toolkit.demo.synthetic_cohort``
(real ``workshop init`` and ``nbgrader generate_assignment``, graded submissions written into
the nbgrader gradebook, a research ledger imported under hefei-2021). For every page the clock
runs from the browser's navigation to the moment the page's last part is on screen, in one
browser profile kept for the whole run (as a trainer's browser keeps Voila's scripts cached):

- plain: real Voila as before preheating (``voila_command(preheat=False)``): a new kernel per
  page, which imports, reads the course and draws while the browser waits (``--runs`` times
  after one untimed warm-up);
- cold: ``workshop dashboard``'s Voila, the page asked for the moment the server answers, so its
  pooled kernel is still preparing;
- warm: the same, asked for after the pooled kernel had ``--settle`` seconds to prepare
  (``--runs`` times; the pool refills between runs).

Medians are printed side by side. The target: every warm page in at most 1 s (exit 1 if not).
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
TARGET_WARM = 1.0  # seconds
KINDS = ("plain", "cold", "warm")


def _render_time(browser: object, url: str, selector: str) -> float:
    page = browser.new_page()  # type: ignore[attr-defined]
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(selector, timeout=600_000)
    elapsed = time.perf_counter() - start
    if "Traceback" in page.inner_text("body"):
        raise RuntimeError(f"{url} shows a traceback")
    page.close()
    return elapsed


def time_pages(course: Path, *, runs: int, settle: float, chromium: str, log: Path) -> dict[str, dict]:
    """page → {"plain": [...], "cold": [...], "warm": [...]} seconds."""
    from playwright.sync_api import sync_playwright

    timings: dict[str, dict[str, list[float]]] = {
        page: {"plain": [], "cold": [], "warm": []} for page in RENDERED
    }
    env = dashboard_env(course)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        # One browser profile for every page, as a trainer's browser is: Voila's scripts are
        # fetched once (in the untimed first load) and come from its cache afterwards.
        browser = launched.new_context(viewport={"width": 1200, "height": 1600})
        with http_server(lambda port: voila_command(port=port, preheat=False), env=env, log=log) as url:
            for page_name, selector in RENDERED.items():
                for run in range(runs + 1):
                    elapsed = _render_time(browser, url + page_path(page_name), selector)
                    if run:  # the first load warms Voila's templates up and is not counted
                        timings[page_name]["plain"].append(elapsed)
        for page_name, selector in RENDERED.items():
            # A fresh server per page, so "cold" is the first request to a pool still preparing.
            with http_server(lambda port: voila_command(port=port), env=env, log=log) as url:
                timings[page_name]["cold"].append(_render_time(browser, url + page_path(page_name), selector))
                for _ in range(runs):
                    time.sleep(settle)
                    warm = _render_time(browser, url + page_path(page_name), selector)
                    timings[page_name]["warm"].append(warm)
        browser.close()
        launched.close()
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
    parser.add_argument("--settle", type=float, default=20.0, help="seconds a pooled kernel gets to prepare")
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
        results[size] = time_pages(course, runs=args.runs, settle=args.settle, chromium=chromium, log=log)

    print(f"\nTime to a rendered dashboard page in Chromium, seconds (plain and warm: median of {args.runs})")
    header = f"{'page':<10}" + "".join(f"{f'{kind} {size}':>14}" for size in sizes for kind in KINDS)
    print(header + f"{'plain/warm':>12}")
    worst = 0.0
    for page_name in RENDERED:
        row = f"{page_name:<10}"
        for size in sizes:
            for kind in KINDS:
                row += f"{statistics.median(results[size][page_name][kind]):>14.2f}"
        warm = [statistics.median(results[size][page_name]["warm"]) for size in sizes]
        plain = [statistics.median(results[size][page_name]["plain"]) for size in sizes]
        worst = max(worst, *warm)
        print(row + f"{min(p / w for p, w in zip(plain, warm, strict=True)):>11.1f}×")
    verdict = "met" if worst <= TARGET_WARM else "NOT met"
    print(f"target: every warm page within {TARGET_WARM:g} s at {' and '.join(map(str, sizes))}: {verdict}")
    return 0 if worst <= TARGET_WARM else 1


if __name__ == "__main__":
    sys.exit(main())
