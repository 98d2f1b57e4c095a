"""Fixtures for the B9 tests: private output files and the course's sample lab-report rubric."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.modules import sample_path
from toolkit.rubric import Rubric, load_rubric


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


@pytest.fixture
def rubric() -> Rubric:
    """criteria question/design/data/conclusion weighted 20/30/30/20, levels worth 1–4."""
    return load_rubric(sample_path("rubric_lab_report.yaml"))
