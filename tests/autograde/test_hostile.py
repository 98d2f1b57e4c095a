"""Hostile and broken submissions: each contained or flagged, everyone else graded, the course intact.

One course, graded once by the real `workshop grade` path (nbgrader's own
Autograde with Execute in the sandbox), under limits proven by ``proven_limits``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.autograde.conftest import PROBE, make_probe_course, submit
from toolkit.autograde import GradeSummary, Limits, grade_assignment
from toolkit.gradebook.export import cell_scores

pytestmark = pytest.mark.slow

GOOD = ["T01", "T02", "T03"]


def attacks(course: Path) -> dict[str, str]:
    """Teacher id → what that teacher put in the answer cell (most also set the right answer)."""
    return {
        "H_GRADEBOOK": f"open({str(course / 'gradebook.db')!r}, 'w').write('gone')\nanswer = 42",
        "H_SOURCE": (f"print(open({str(course / 'source' / PROBE / 'probe.ipynb')!r}).read())\nanswer = 42"),
        "H_DELETE": f"import shutil\nshutil.rmtree({str(course)!r})\nanswer = 42",
        "H_OTHERS": (f"import os\nprint(os.listdir({str(course / 'submitted')!r}))\nanswer = 42"),
        "H_LOOP": "while True:\n    pass",
        "H_MEMORY": "hoard = []\nwhile True:\n    hoard.append(bytearray(50_000_000))",
        "H_FORK": "import os\nwhile True:\n    os.fork()",
        "H_PRINT": "print('x' * 20_000_000)\nanswer = 42",
        "H_KILL": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
        "H_NETWORK": (
            "import urllib.request\nurllib.request.urlopen('http://93.184.216.34/', timeout=3)\nanswer = 42"
        ),
        "H_ESCAPE": "import os\nos.setuid(0)\nanswer = 42",
    }


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def graded(
    proven_limits: Limits, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, GradeSummary, dict]:
    base = tmp_path_factory.mktemp("hostile")
    hostile_ids = list(attacks(base / "course"))
    course = make_probe_course(base, [*GOOD, *hostile_ids, "B_JSON", "B_TAMPER", "B_WRONG", "H_SYMLINK"])
    for teacher in GOOD:
        submit(course, teacher, "answer = 42")
    for teacher, code in attacks(course).items():
        submit(course, teacher, code)
    submit(course, "B_WRONG", "answer = 41")
    # A link to the hidden tests, which nbgrader alone would copy into the graded folder.
    linked = submit(course, "H_SYMLINK", "print(open('leak.txt').read())\nanswer = 42")
    (linked / "leak.txt").symlink_to(course / "source" / PROBE / f"{PROBE}.ipynb")
    broken = submit(course, "B_JSON", "answer = 42") / f"{PROBE}.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    # Tampering: the hidden check replaced by one that always passes, its points raised to 100.
    tampered = submit(course, "B_TAMPER", "answer = 41") / f"{PROBE}.ipynb"
    notebook = json.loads(tampered.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "check":
            cell["source"] = "pass"
            cell["metadata"]["nbgrader"]["points"] = 100
    tampered.write_text(json.dumps(notebook), encoding="utf-8")

    before = {name: tree_digest(course / name) for name in ("source", "release", "submitted")}
    before["config"] = hashlib.sha256((course / "nbgrader_config.py").read_bytes()).hexdigest()
    summary = grade_assignment(course, PROBE, workers=2, limits=proven_limits, progress=False)
    return course, summary, before


def outcome(summary: GradeSummary, teacher: str):  # type: ignore[no-untyped-def]
    return next(o for o in summary.outcomes if o.teacher_id == teacher)


def test_every_submission_gets_an_outcome_and_the_batch_finishes(graded: tuple) -> None:
    course, summary, _ = graded
    assert len(summary.outcomes) == len(GOOD) + len(attacks(course)) + 4
    table = summary.table()
    assert "需复核" in table and "H_LOOP" in table and "T01" not in table


def test_good_teachers_get_full_marks_whatever_the_others_did(graded: tuple) -> None:
    course, summary, _ = graded
    scores = cell_scores(course, PROBE)
    for teacher in GOOD:
        assert outcome(summary, teacher).status == "graded"
        assert scores[(teacher, "check")] == 1.0
        assert scores[(teacher, "check_type")] == 1.0


def test_course_gradebook_and_other_work_are_untouched(graded: tuple) -> None:
    course, _, before = graded
    assert (course / "nbgrader_config.py").is_file()
    after = {name: tree_digest(course / name) for name in ("source", "release", "submitted")}
    after["config"] = hashlib.sha256((course / "nbgrader_config.py").read_bytes()).hexdigest()
    assert after == before
    with sqlite3.connect(course / "gradebook.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("teacher", ["H_GRADEBOOK", "H_SOURCE", "H_DELETE", "H_OTHERS", "H_NETWORK"])
def test_reaching_outside_fails_inside_the_sandbox_and_the_answer_still_counts(
    graded: tuple, teacher: str
) -> None:
    course, summary, _ = graded
    notebook = json.loads((course / "autograded" / teacher / PROBE / f"{PROBE}.ipynb").read_text("utf-8"))
    answer_cell = next(c for c in notebook["cells"] if c["metadata"]["nbgrader"]["grade_id"] == "answer")
    errors = [o for o in answer_cell["outputs"] if o["output_type"] == "error"]
    assert errors and errors[0]["ename"] in {"FileNotFoundError", "PermissionError", "URLError", "OSError"}
    seen = json.dumps(answer_cell["outputs"], ensure_ascii=False)
    assert "SECRET-KEY-42" not in seen  # the hidden check never reached the teacher's output
    assert "T01" not in seen
    # The answer line never ran (the line before raised): nbgrader's usual outcome, no more.
    assert cell_scores(course, PROBE)[(teacher, "check")] == 0.0


def test_a_link_to_the_hidden_tests_is_left_out_and_flagged(graded: tuple) -> None:
    course, summary, _ = graded
    result = outcome(summary, "H_SYMLINK")
    assert result.status == "flagged"
    assert any("符号链接未被采用：leak.txt" in reason for reason in result.reasons), result.reasons
    graded_folder = course / "autograded" / "H_SYMLINK" / PROBE
    assert not (graded_folder / "leak.txt").exists()
    notebook = json.loads((graded_folder / f"{PROBE}.ipynb").read_text("utf-8"))
    answer_cell = next(c for c in notebook["cells"] if c["metadata"]["nbgrader"]["grade_id"] == "answer")
    assert answer_cell["outputs"][0]["ename"] == "FileNotFoundError"
    assert "SECRET-KEY-42" not in json.dumps(answer_cell["outputs"])
    assert (course / "submitted" / "H_SYMLINK" / PROBE / "leak.txt").is_symlink()  # left as handed in


def test_setuid_back_to_root_is_refused(graded: tuple) -> None:
    course, _, _ = graded
    notebook = json.loads((course / "autograded" / "H_ESCAPE" / PROBE / f"{PROBE}.ipynb").read_text("utf-8"))
    answer_cell = next(c for c in notebook["cells"] if c["metadata"]["nbgrader"]["grade_id"] == "answer")
    assert answer_cell["outputs"][0]["ename"] == "PermissionError"


@pytest.mark.parametrize(
    ("teacher", "reasons"),
    [
        ("H_LOOP", ("运行超过 5 秒",)),
        ("H_MEMORY", ("内存用量超过上限 768 MB",)),
        # Which comes first depends on the machine: the process limit or the cell's time limit.
        ("H_FORK", ("进程数超过上限", "运行超过 5 秒")),
        ("H_PRINT", ("输出超过 8 MB",)),
        ("H_KILL", ("运行中途退出",)),
    ],
)
def test_bombs_are_flagged_with_the_reason_and_score_nothing(
    graded: tuple, teacher: str, reasons: tuple[str, ...]
) -> None:
    course, summary, _ = graded
    result = outcome(summary, teacher)
    assert result.status == "flagged"
    assert any(reason in line for line in result.reasons for reason in reasons), result.reasons
    scores = cell_scores(course, PROBE)
    if teacher in {"H_LOOP", "H_MEMORY", "H_FORK", "H_KILL"}:
        assert scores[(teacher, "check")] == 0.0  # a stopped run never passes a test
        assert scores[(teacher, "check_type")] == 0.0


def test_print_megabytes_keeps_the_answer_but_not_the_flood(graded: tuple) -> None:
    course, _, _ = graded
    path = course / "autograded" / "H_PRINT" / PROBE / f"{PROBE}.ipynb"
    assert path.stat().st_size < 2_000_000
    assert cell_scores(course, PROBE)[("H_PRINT", "check")] == 1.0


def test_tampered_grade_cell_is_restored_from_the_gradebook(graded: tuple) -> None:
    course, summary, _ = graded
    assert outcome(summary, "B_TAMPER").status == "graded"
    scores = cell_scores(course, PROBE)
    assert scores[("B_TAMPER", "check")] == 0.0  # answer 41: the real check ran, with 1 point
    assert scores[("B_WRONG", "check")] == 0.0


def test_invalid_json_fails_that_teacher_only_with_a_reason(graded: tuple) -> None:
    course, summary, _ = graded
    result = outcome(summary, "B_JSON")
    assert result.status == "failed"
    assert "NotJSONError" in result.reasons[0] and "JSON" in result.reasons[0], result.reasons
