"""The wheel carries course/, assignments/ and rubrics/, so an installed toolkit works anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_wheel_ships_content_inside_the_package(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("competency_workshop-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "toolkit/_content/rubrics/points.yaml" in names
    assert "toolkit/_content/assignments/self_test/self_test.ipynb" in names
    for page in ("cohort", "progress", "portrait", "desk"):
        assert f"toolkit/dashboard/notebooks/{page}.ipynb" in names
    assert "toolkit/_content/course/home.ipynb" in names
    assert "toolkit/_content/course/A1_learner_analysis.ipynb" in names
    assert "toolkit/_content/course/data/class_7a_quiz.csv" in names
    assert "toolkit/_content/course/data/resources/equation_intro.md" in names
    assert "toolkit/py.typed" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "workshop = toolkit.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
