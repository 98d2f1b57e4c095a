"""The self-test notebook: runs headless, and real nbgrader grades it item by item."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.api import Gradebook

from tests.conftest import nbgrader, roster
from toolkit.catalogue import load_catalogue
from toolkit.course import init_course, load_course
from toolkit.demo.synth import read_item_keys
from toolkit.resources import content_dir
from toolkit.work.store import AnswerStore

SOURCE = content_dir("assignments") / "self_test" / "self_test.ipynb"


def test_every_item_is_tagged_with_a_point_and_its_dimension() -> None:
    notebook = nbformat.read(SOURCE, as_version=4)
    catalogue = load_catalogue()
    tagged = [c.metadata["toolkit"] for c in notebook.cells if "toolkit" in c.metadata]
    assert len(tagged) >= 45
    assert {t["point"] for t in tagged} == {p.code for p in catalogue.points}
    for tags in tagged:
        assert catalogue.point(tags["point"]).dimension.id == tags["dimension"]
    assert {t["dimension"] for t in tagged} == {d.id for d in catalogue.dimensions}
    assert {t["kind"] for t in tagged} == {"single", "multiple", "ordering", "number"}


def test_the_answer_key_is_only_in_hidden_tests() -> None:
    notebook = nbformat.read(SOURCE, as_version=4)
    for cell in notebook.cells:
        if "score_" in cell.source:
            assert cell.metadata["nbgrader"]["grade"]
            hidden = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
            assert "score_" in hidden
            assert "score_" not in cell.source.replace(hidden, "")


def test_notebook_executes_headless_and_shows_widgets(tmp_path: Path) -> None:
    shutil.copy(SOURCE, tmp_path / "self_test.ipynb")
    notebook = nbformat.read(tmp_path / "self_test.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) >= 49  # 48 items and the progress line
    assert not (tmp_path / "answers.json").exists()  # opening the quiz writes nothing


@pytest.mark.slow
def test_real_autograde_gives_full_empty_and_partial_credit(tmp_path: Path) -> None:
    course = tmp_path / "course"
    init_course(
        course,
        roster=roster(
            tmp_path / "r.csv",
            ["full,甲,一中,数学,教师", "empty,乙,一中,数学,教师", "part,丙,一中,数学,教师"],
        ),
    )
    assert nbgrader(course, "generate_assignment", "self_test").returncode == 0
    keys = read_item_keys(course / "source" / "self_test" / "self_test.ipynb")
    for teacher in ("full", "empty", "part"):
        folder = course / "submitted" / teacher / "self_test"
        shutil.copytree(course / "release" / "self_test", folder)
        (folder / "timestamp.txt").write_text(str(dt.datetime(2026, 3, 2, 9, 0)), encoding="utf-8")
    store = AnswerStore(course / "submitted" / "full" / "self_test" / "answers.json")
    for key in keys:
        store.set(
            key.item_id, key.key if key.kind != "ordering" else {x: i for i, x in enumerate(key.key, 1)}
        )
    # q01 right (1), q02 two of three right (2 × 2/3), q05 first two swapped (2 × 2/4), q03 wrong.
    partial = {"q01": "B", "q02": ["A", "B"], "q05": {"C": 1, "B": 2, "A": 3, "D": 4}, "q03": "A"}
    (course / "submitted" / "part" / "self_test" / "answers.json").write_text(
        json.dumps({"format": 1, "answers": partial}), encoding="utf-8"
    )
    graded = nbgrader(course, "autograde", "self_test")
    assert graded.returncode == 0, graded.stdout[-2000:] + graded.stderr[-2000:]
    settings = load_course(course)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        scores = {s.student.id: s.score for s in gradebook.find_assignment("self_test").submissions}
    assert scores == {"full": 67.0, "empty": 0.0, "part": pytest.approx(1 + 1.33 + 1.0)}
