"""Fixtures for isolated grading: proven limits first, then a course with a code assignment.

Every test here runs submitted code only inside the sandbox. ``proven_limits``
starts a sandbox and checks from inside it that the limits really hold (user
id, memory, processes, no network, no view of the host); when any is missing
the test fails at once instead of running a bomb on the machine.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.conftest import nbgrader, roster
from toolkit.autograde import Limits, sandbox_problem
from toolkit.autograde.sandbox import Sandbox
from toolkit.course import init_course

# Small limits, so the bombs end quickly and could not hurt the machine if the sandbox failed.
TEST_LIMITS = Limits(
    cell_timeout=5, notebook_timeout=30, memory_mb=768, processes=24, cpu_seconds=20, file_mb=8, scratch_mb=64
)
PROBE = "probe"

_LIMITS_CHECK = """
import os, resource, socket
limits = {
    "uid": os.getuid(),
    "memory": resource.getrlimit(resource.RLIMIT_AS)[0],
    "processes": resource.getrlimit(resource.RLIMIT_NPROC)[0],
    "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
    "host_visible": os.path.exists(HOST_SENTINEL),
    "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
}
for name, address in (("outside", ("93.184.216.34", 80)), ("host", ("127.0.0.1", HOST_PORT))):
    try:
        socket.create_connection(address, timeout=2)
        limits[name] = "connected"
    except OSError as error:
        limits[name] = type(error).__name__
print(json.dumps(limits))
"""


@pytest.fixture(scope="session")
def proven_limits(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Limits]:
    """TEST_LIMITS, after checking inside a real sandbox that each one is in force."""
    problem = sandbox_problem()
    if problem:
        pytest.fail(f"isolated grading is not available here: {problem}")
    work = tmp_path_factory.mktemp("limits")
    sentinel = work / "host-sentinel.txt"
    sentinel.write_text("host", encoding="utf-8")
    folder = work / "submission"
    folder.mkdir()
    with socket.socket() as listener, Sandbox(slot=7, workdir=work, limits=TEST_LIMITS) as sandbox:
        listener.bind(("127.0.0.1", 0))
        listener.listen()  # the host listens: the sandbox's own loopback must not reach it
        port = listener.getsockname()[1]
        code = f"import json\nHOST_SENTINEL = {str(sentinel)!r}\nHOST_PORT = {port}\n{_LIMITS_CHECK}"
        run = sandbox.run([code], folder=folder, env={})
        uid = sandbox.uid
    assert run.status == "ok", (run.status, run.detail)
    outputs = run.cells[0]["outputs"]
    if not outputs or outputs[0].get("output_type") != "stream":
        pytest.fail(f"the limits probe printed nothing useful: {outputs}")
    seen = json.loads(outputs[0]["text"])
    expected = {
        "uid": uid,
        "memory": TEST_LIMITS.memory_mb * 1024 * 1024,
        "processes": TEST_LIMITS.processes,
        "cpu": TEST_LIMITS.cpu_seconds,
        "host_visible": False,
        "outside": "OSError",  # network unreachable
        "host": "ConnectionRefusedError",
    }
    missing = {key: seen.get(key) for key, value in expected.items() if seen.get(key) != value}
    if missing or seen["pids"] != [1, 2]:
        pytest.fail(f"sandbox limits are not in force (expected {expected}); saw {seen}")
    yield TEST_LIMITS


def probe_notebook() -> nbformat.NotebookNode:
    """A plain nbgrader code assignment: one answer cell the teacher writes, one hidden check."""

    def meta(grade_id: str, *, solution: bool, grade: bool, points: int = 0) -> dict[str, object]:
        nbgrader_meta: dict[str, object] = {
            "grade_id": grade_id,
            "solution": solution,
            "grade": grade,
            "locked": not solution,
            "schema_version": 3,
            "task": False,
        }
        if grade:
            nbgrader_meta["points"] = points
        return {"nbgrader": nbgrader_meta}

    return new_notebook(
        cells=[
            new_markdown_cell("把 answer 设为 42。", metadata=meta("intro", solution=False, grade=False)),
            new_code_cell(
                "### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION",
                metadata=meta("answer", solution=True, grade=False),
            ),
            new_code_cell(
                "### BEGIN HIDDEN TESTS\nassert answer == 42, 'SECRET-KEY-42'\n### END HIDDEN TESTS",
                metadata=meta("check", solution=False, grade=True, points=1),
            ),
            new_code_cell("print('after', answer)", metadata=meta("after", solution=False, grade=False)),
            new_code_cell(
                "assert isinstance(answer, int)",
                metadata=meta("check_type", solution=False, grade=True, points=1),
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )


def make_probe_course(base: Path, teacher_ids: list[str], *, cell_timeout: int = 5) -> Path:
    """A course with the probe assignment generated and released by real nbgrader."""
    course = base / "course"
    people = roster(base / "roster.csv", [f"{tid},教师{tid},一中,数学,教师" for tid in teacher_ids])
    init_course(course, roster=people)
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(f"c.ExecutePreprocessor.timeout = {cell_timeout}\n")
    source = course / "source" / PROBE
    source.mkdir(parents=True)
    nbformat.write(probe_notebook(), source / f"{PROBE}.ipynb")
    for step in ("generate_assignment", "release_assignment"):
        result = nbgrader(course, step, PROBE, "--force")
        assert result.returncode == 0, result.stderr[-2000:]
    return course


def submit(course: Path, teacher_id: str, answer_code: str, *, assignment: str = PROBE) -> Path:
    """Hand in the released notebook with ``answer_code`` in the answer cell."""
    folder = course / "submitted" / teacher_id / assignment
    shutil.copytree(course / "release" / assignment, folder)
    path = folder / f"{assignment}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "answer":
            cell.source = answer_code
    nbformat.write(notebook, path)
    (folder / "timestamp.txt").write_text("2026-03-02 09:00:00.000000 UTC", encoding="utf-8")
    return folder
