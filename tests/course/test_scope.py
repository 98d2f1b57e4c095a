"""The course scope an administrator chooses (Hefei: 学校管理员选择课程范围): which point courses
the school offers, kept by the course, checked in the personal plan and shown in the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from tests.conftest import roster, workshop
from toolkit.course import init_course
from toolkit.plan.rules import PLAN_ASSIGNMENT, RULES_FILE, check_plan, load_rules


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course nobody has narrowed; the tests that change the scope work on a copy."""
    base = tmp_path_factory.mktemp("scope")
    people = roster(base / "r.csv", ["T1,甲,一中,数学,教师", "A1,丁,一中,,管理员"])
    init_course(base / "course", roster=people, scheme="hefei-2021", environment="B")
    return base / "course"


def plan_choosing(*codes: str) -> dict[str, object]:
    return {"environment": "B", "points": {code: {} for code in codes}}


def environment_rule(course: Path, *codes: str) -> tuple[bool, str]:
    rules = load_rules(course / "source" / PLAN_ASSIGNMENT)
    (result,) = [r for r in check_plan(plan_choosing(*codes), rules) if r.rule == "environment"]
    return result.passed, result.detail


def test_a_new_course_offers_every_point_of_its_environment(course: Path) -> None:
    shown = workshop("scope", str(course))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "课程范围：全部 23 个能力点（混合学习环境）"  # A1–A13 and B1–B10
    assert environment_rule(course, "A1", "B5") == (True, "")


def test_the_chosen_scope_is_kept_checked_in_the_plan_and_survives_init(course: Path, tmp_path: Path) -> None:
    source = course
    course = Path(shutil.copytree(source, tmp_path / "course"))
    shutil.copy(source.parent / "r.csv", tmp_path / "r.csv")
    chosen = workshop("scope", str(course), "--points", "B2,A3", "A1、技术支持的学情分析")
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.startswith("课程范围已更新：3 个能力点：A1、A3、B2。")
    rules_file = course / "source" / PLAN_ASSIGNMENT / RULES_FILE
    assert yaml.safe_load(rules_file.read_text(encoding="utf-8"))["scope"] == ["A1", "A3", "B2"]
    assert environment_rule(course, "A1", "B2") == (True, "")
    assert environment_rule(course, "A1", "B5") == (False, "不在学校选定的课程范围内：B5")
    # Re-running init with the roster keeps the administrator's choice.
    init_course(course, roster=tmp_path / "r.csv", scheme="hefei-2021", environment="B")
    assert workshop("scope", str(course)).stdout.strip() == "课程范围：3 个能力点：A1、A3、B2"
    assert environment_rule(course, "B5") == (False, "不在学校选定的课程范围内：B5")
    report = tmp_path / "report.xlsx"
    assert workshop("report", str(course), "--out", str(report)).returncode == 0
    about = {row[0]: row[1] for row in load_workbook(report)["说明"].iter_rows(values_only=True)}
    assert about["课程范围"] == "3 个能力点：A1、A3、B2"
    # --all offers everything again.
    assert workshop("scope", str(course), "--all").returncode == 0
    assert environment_rule(course, "B5") == (True, "")


@pytest.mark.parametrize(
    ("points", "words"),
    [
        ("A1,C3", "本课程的教学环境是混合学习环境，这些能力点不能选：C3"),
        ("A1,X9", "“X9”不是能力点"),
    ],
)
def test_a_scope_outside_the_environment_or_the_catalogue_is_refused(
    course: Path, points: str, words: str
) -> None:
    rules_file = course / "source" / PLAN_ASSIGNMENT / RULES_FILE
    before = rules_file.read_bytes()
    result = workshop("scope", str(course), "--points", points)
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr
    assert rules_file.read_bytes() == before
    assert workshop("scope", str(course)).stdout.strip().startswith("课程范围：全部")
