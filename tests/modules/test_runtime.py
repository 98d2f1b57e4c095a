"""Module banner, progress file, sample data and the course home (with real nbgrader submissions)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.environment import tools_path
from toolkit.i18n import set_language
from toolkit.modules import CourseHome, ModulePage, find_modules, load_sample, submissions
from toolkit.widgets import SelfCheck
from toolkit.work.progress import module_progress
from toolkit.work.store import AnswerStore

QUESTIONS = [
    {"prompt": str(n), "options": ["是", "否"], "answer": "A", "explanation": "是。"} for n in range(3)
]


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_banner_names_the_point_and_counts_visits() -> None:
    first = ModulePage("A13", minutes=120)
    assert "A13 数据可视化呈现与解读" in first.value and "学业评价" in first.value
    assert "多媒体教学环境" in first.value and "预计用时 120 分钟" in first.value
    assert "第 1 次" in first.value and "尚未完成自我检测" in first.value
    check = SelfCheck("A13", QUESTIONS)
    check.check()  # nothing answered: not a result
    assert "尚未完成自我检测" in ModulePage("A13", minutes=120).value
    for index in range(len(QUESTIONS)):
        check.select(index, "B" if index != 1 else "A")
    check.check()
    again = ModulePage("A13", minutes=120)
    assert "第 3 次" in again.value and "自我检测最好成绩 1/3" in again.value
    set_language("en")
    assert "visualising and interpreting data" in ModulePage("A13", minutes=120).value


def test_damaged_progress_file_is_set_aside_not_lost(tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text("{not json", encoding="utf-8")
    AnswerStore._open.pop((tmp_path / "progress.json").resolve(), None)
    ModulePage("A1", minutes=90)
    backups = list(tmp_path.glob("progress.damaged-*.json"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "{not json"
    assert module_progress("A1").visits == 1


def test_sample_data_keeps_identifiers_as_text() -> None:
    quiz = load_sample("class_7a_quiz.csv")
    assert quiz["学号"].iloc[0] == "202507001" and len(quiz) == 42
    with pytest.raises(FileNotFoundError, match="class_7a_quiz.csv"):
        load_sample("missing.csv")


def test_sample_data_script_reproduces_the_committed_files(tmp_path: Path) -> None:
    from toolkit.resources import content_dir

    data = content_dir("course") / "data"
    copy = tmp_path / "data"
    copy.mkdir()
    (copy / "make_sample_data.py").write_bytes((data / "make_sample_data.py").read_bytes())
    subprocess.run([sys.executable, str(copy / "make_sample_data.py")], check=True, capture_output=True)
    for made in sorted(copy.glob("*.csv")) + sorted((copy / "resources").iterdir()):
        committed = data / made.relative_to(copy)
        assert made.read_bytes() == committed.read_bytes(), made.name


def test_home_lists_every_module_and_shows_progress(tmp_path: Path) -> None:
    modules = find_modules()
    assert len(modules) == 30 and modules["A1"].file == "A1_learner_analysis.ipynb"
    ModulePage("B5", minutes=60)
    check = SelfCheck("B5", QUESTIONS)
    for index in range(len(QUESTIONS)):
        check.select(index, "B")  # all wrong
    check.check()
    home = CourseHome(tmp_path, environment="A")
    home.modules = modules  # the course's modules, progress from this teacher's file
    home.refresh()
    assert "1 / 30" in home.cards.value and "还没有提交记录" in home.cards.value
    assert "href='A1_learner_analysis.ipynb'" in home.table.value
    assert "本校环境不可选" in home.table.value  # B and C points in a multimedia school
    assert home.table.value.count("<h4>") == 4
    home.environment.value = "C"
    assert "本校环境不可选" not in home.table.value and "0/3" in home.table.value


@pytest.mark.slow
def test_home_shows_a_real_nbgrader_submission(
    demo_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course_id = next(
        line.split("=")[1].strip().strip("'\"")
        for line in (demo_course / "nbgrader_config.py").read_text(encoding="utf-8").splitlines()
        if "course_id" in line
    )
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    (teacher / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {course_id!r}\n"
        f"c.Exchange.root = {str(demo_course / 'exchange')!r}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PATH": tools_path(), "JUPYTER_DATA_DIR": str(tmp_path / "data")}
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    for args in (["fetch_assignment", "self_test"], ["submit", "self_test"]):
        run = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args], cwd=teacher, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
    found = submissions(cwd=teacher)
    assert [e["assignment_id"] for e in found] == ["self_test"] and found[0]["course_id"] == course_id
    home = CourseHome(teacher)
    assert "self_test（" in home.cards.value and json.dumps(found)
