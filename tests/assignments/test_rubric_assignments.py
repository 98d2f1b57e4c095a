"""personal_plan and task_<code> through real nbgrader: generate, autograde, desk grading, feedback."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.conftest import nbgrader, roster
from toolkit.course import init_course, load_course
from toolkit.course.nbgrader_batch import run_nbgrader_steps
from toolkit.demo.files import write_evidence
from toolkit.desk import GradingDesk, GradingDeskApp
from toolkit.gradebook import read_course
from toolkit.plan import check_plan, default_rules
from toolkit.resources import content_dir
from toolkit.rubric.catalogue import is_achievement

pytestmark = pytest.mark.slow


def _entry(code: str, *, practice: float = 6) -> dict[str, object]:
    return {
        "reason": "自测诊断中得分率低",
        "goal": "在七年级数学课上用测验数据调整讲评",
        "activities": "学习模块，实践两次，请坊主听课",
        "evidence": [],
        "start": "2026-03-01",
        "end": "2026-04-30",
        "online_hours": 4,
        "practice_hours": practice,
    }


def _plan(**changes: object) -> dict[str, object]:
    rules = default_rules()
    points = {
        code: {**_entry(code), "evidence": [i for i, _ in rules.evidence[code]]}
        for code in ("A1", "A5", "B9")
    }
    points.update(changes)  # type: ignore[arg-type]
    return {"environment": "B", "points": points}


def test_a_rule_breaking_plan_is_flagged_with_the_rule_name() -> None:
    rules = default_rules()
    plan = _plan(A5=None)
    plan["points"] = {k: v for k, v in plan["points"].items() if v}  # type: ignore[union-attr]
    plan["points"]["B9"] = {**plan["points"]["B9"], "practice_hours": 1}  # type: ignore[index]
    results = {r.rule: r for r in check_plan(plan, rules)}
    assert not results["point_count"].passed and results["point_count"].name == "至少选择 3 个能力点"
    assert not results["dimension_count"].passed
    assert not results["practice_share"].passed and "B9" in results["practice_share"].detail
    assert results["environment"].passed and results["evidence"].passed
    c_point = check_plan({**_plan(), "environment": "A"}, rules)
    flagged = next(r for r in c_point if r.rule == "environment")
    assert not flagged.passed and "B9" in flagged.detail and "多媒体" in flagged.detail
    assert all(r.passed for r in check_plan(_plan(), rules))
    assert not all(r.passed for r in check_plan("not a plan", rules))


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("rubric_course")
    root = base / "course"
    init_course(
        root,
        roster=roster(
            base / "r.csv", ["full,甲,一中,数学,教师", "empty,乙,一中,数学,教师", "part,丙,一中,数学,教师"]
        ),
        environment="B",
    )
    return root


def _submit(course: Path, assignment: str, teacher: str) -> Path:
    folder = course / "submitted" / teacher / assignment
    shutil.copytree(course / "release" / assignment, folder)
    (folder / "timestamp.txt").write_text(str(dt.datetime(2026, 3, 2, 9, 0)), encoding="utf-8")
    return folder


def test_every_source_assignment_generates(course: Path) -> None:
    names = sorted(p.name for p in content_dir("assignments").iterdir() if p.is_dir())
    assert len(names) == 32 + 5  # self-test, plan, 30 point tasks, 5 achievements
    # nbgrader's own GenerateAssignment for each, in one child (a failure names the assignment).
    run_nbgrader_steps(course, [("generate_assignment", name) for name in names])
    for name in names:
        assert (course / "release" / name / f"{name}.ipynb").is_file()
    released = (course / "release" / "personal_plan" / "personal_plan.ipynb").read_text(encoding="utf-8")
    assert "score_plan_rule" not in released  # hidden tests stay with the trainer
    assert (course / "release" / "task_A1" / "rubric.yaml").is_file()
    assert (course / "release" / "typical_case" / "rubric.yaml").is_file()
    lesson = course / "release" / "multi_point_case" / "multi_point_case.ipynb"
    assert "score_achievement" not in lesson.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def autograded(course: Path) -> Path:
    """Three teachers hand in personal_plan and task_A1 (full, empty, partly right); nbgrader autogrades."""
    run_nbgrader_steps(course, [("generate_assignment", name) for name in ("personal_plan", "task_A1")])
    for assignment in ("personal_plan", "task_A1"):
        for teacher in ("full", "empty", "part"):
            _submit(course, assignment, teacher)
    plans = {
        "full": _plan(),
        "part": _plan(B9={**_entry("B9"), "practice_hours": 1, "evidence": ["peer_plan"]}),
    }
    for teacher, plan in plans.items():
        answers = course / "submitted" / teacher / "personal_plan" / "answers.json"
        answers.write_text(
            json.dumps({"format": 1, "answers": {"plan": plan}}, ensure_ascii=False), encoding="utf-8"
        )
    # A teacher's tampered rules file is replaced by the trainer's copy before grading.
    (course / "submitted" / "part" / "personal_plan" / "plan_rules.yaml").write_text("min_points: 1\n")
    full = course / "submitted" / "full" / "task_A1" / "evidence"
    write_evidence(full / "analysis_plan" / "方案.pdf", "pdf")
    write_evidence(full / "analysis_report" / "报告.docx", "docx")
    part = course / "submitted" / "part" / "task_A1" / "evidence"
    write_evidence(part / "analysis_plan" / "方案.pdf", "pdf")
    (part / "analysis_report").mkdir(parents=True)
    (part / "analysis_report" / "report.pdf").write_bytes(b"MZ\x90\x00 a program renamed to pdf")

    for assignment in ("personal_plan", "task_A1"):
        graded = nbgrader(course, "autograde", assignment)
        assert graded.returncode == 0, graded.stdout[-2000:]
    return course


def test_plan_and_task_round_trip_with_desk_grading(autograded: Path) -> None:
    course = autograded
    settings = load_course(course)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        plan_scores = {s.student.id: s.score for s in gradebook.find_assignment("personal_plan").submissions}
        task_scores = {s.student.id: s.score for s in gradebook.find_assignment("task_A1").submissions}
    # Seven rules of 1 point: "part" breaks evidence (B9 lists one of three) and practice_share.
    assert plan_scores == {"full": 7.0, "empty": 0.0, "part": 5.0}
    assert task_scores == {"full": 2.0, "empty": 0.0, "part": 1.0}

    desk = GradingDesk(course, grader="王坊主")
    plan_rubric = desk.rubric("personal_plan")
    everything = {c.id: {i for items in c.indicators.values() for i in items} for c in plan_rubric.criteria}
    plan_grade = desk.grade("personal_plan", "full", everything, comment="选点理由充分。")
    assert plan_grade.result.level.name == "优秀" and plan_grade.score == 10
    task_rubric = desk.rubric("task_A1")
    everything = {c.id: {i for items in c.indicators.values() for i in items} for c in task_rubric.criteria}
    assert desk.grade("task_A1", "part", everything).result.level.name == "不合格"  # report missing
    only_pass = {c.id: set(c.indicators["pass"]) for c in task_rubric.criteria}
    desk.grade("task_A1", "full", everything)
    task_grade = desk.grade("task_A1", "full", only_pass)  # a regrade: the first is kept, superseded
    assert task_grade.result.level.name == "合格" and task_grade.score == 6

    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        assert gradebook.find_submission("personal_plan", "full").score == 17.0
        assert gradebook.find_submission("task_A1", "full").score == 8.0
        rubric_level = gradebook.find_grade("rubric_level", "task_A1", "task_A1", "full")
        # Graded, as nbgrader's formgrader would record it: no longer waiting for a human.
        assert rubric_level.manual_score == 6 and not rubric_level.needs_manual_grade
    # The dashboards' and reports' reader counts the rubric (task) cells as nbgrader does.
    ours = read_course(course).scores.set_index(["teacher_id", "assignment"])
    assert ours.loc[("full", "personal_plan"), "score"] == 17.0
    assert ours.loc[("full", "task_A1"), ["score", "max_score"]].tolist() == [8.0, 12.0]
    history = desk.history("task_A1")
    assert list(history["superseded"]) == [False, True, False]
    assert set(history["grader"]) == {"王坊主"}

    for assignment in ("personal_plan", "task_A1"):
        assert nbgrader(course, "generate_feedback", assignment).returncode == 0
    plan_page = (course / "feedback" / "full" / "personal_plan" / "personal_plan.html").read_text(
        encoding="utf-8"
    )
    assert "量规评定：优秀" in plan_page and "选点理由充分。" in plan_page and "评分人：王坊主" in plan_page
    assert "17.0" in plan_page and "score_plan_rule" not in plan_page and "http" not in plan_page
    part_page = (course / "feedback" / "part" / "personal_plan" / "personal_plan.html").read_text(
        encoding="utf-8"
    )
    assert "每个能力点的实践学时不少于该点学时的 50%" in part_page and "不符合" in part_page
    task_page = (course / "feedback" / "full" / "task_A1" / "task_A1.html").read_text(encoding="utf-8")
    assert "量规评定：合格" in task_page and "未达到的优秀指标" in task_page and "8.0" in task_page
    part_task = (course / "feedback" / "part" / "task_A1" / "task_A1.html").read_text(encoding="utf-8")
    assert "文件内容不是扩展名所说的 pdf 格式" in part_task and "量规评定：不合格" in part_task


def test_the_desk_widget_grades_by_teacher_and_by_item(autograded: Path) -> None:
    app = GradingDeskApp(autograded, grader="李老师")
    # The plan first, then the points, then the achievements; each by its Chinese title.
    names = [name for _, name in app.assignment.options]
    kinds = [is_achievement(name) for name in names]
    assert names[:2] == ["personal_plan", "task_A1"] and kinds == sorted(kinds)
    assert app.assignment.options[0][0] == "个人研修计划（personal_plan）"
    assert [label for label, _ in app.teacher.options][:1] == ["empty 乙"]
    app.teacher.value = "part"
    assert "结构规则" in app.view.value and "✗ 每个能力点的实践学时不少于该点学时的 50%" in app.view.value

    def tick_all(value: bool) -> None:
        for boxes in app.boxes.values():
            for _, box in boxes:
                box.value = value

    tick_all(True)
    assert "当前等级：优秀" in app.level.value
    first_pass_box = next(iter(app.boxes.values()))[0][1]
    first_pass_box.value = False
    assert "当前等级：不合格" in app.level.value
    first_pass_box.value = True

    app.mode.value = "task"
    assert app.item.layout.display == "" and len(app.indicators.children) == 1
    app.item.value = app.item.options[-1][1]
    assert app.item.options[-1][0] in app.indicators.children[0].children[0].value

    assert app.bank.options, "the plan rubric ships a comment bank"
    app.bank.value = app.bank.options[0]
    app.insert.click()
    assert app.comment.value == app.bank.options[0]
    app.comment.value = "目标可以再具体到班级。"
    app.keep.click()
    assert "目标可以再具体到班级。" in app.bank.options

    app.save_button.click()
    assert "已保存：part 优秀（10 分）" in app.message.value
    assert app.item.value == app.item.options[-1][1]  # grading one item across teachers stays on it
    assert dict((v, label) for label, v in app.teacher.options)["part"].endswith("· 优秀")
    settings = load_course(autograded)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        grade = gradebook.find_grade("plan_quality", "personal_plan", "personal_plan", "part")
        assert (
            grade.manual_score == 10
            and "目标可以再具体到班级。"
            in gradebook.find_comment("plan_quality", "personal_plan", "personal_plan", "part").manual_comment
        )

    # The remark stays with its teacher: the next one starts empty, going back shows it again.
    app.next_teacher()
    assert app.teacher.value != "part" and app.comment.value == ""
    app.teacher.value = "part"
    assert app.comment.value == "目标可以再具体到班级。" and "当前等级：优秀" in app.level.value

    # Evidence that failed its check holds the task at 不合格 whatever is ticked.
    app.assignment.value = "task_A1"
    app.mode.value = "teacher"
    app.teacher.value = "part"
    assert "文件内容不是扩展名所说的 pdf 格式" in app.view.value
    tick_all(True)
    assert "当前等级：不合格" in app.level.value
    app.next_teacher()
    assert app.teacher.value != "part"
