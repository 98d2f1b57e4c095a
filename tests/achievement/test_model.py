"""Achievements: completeness credit, what is still missing, the participation and point widgets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from toolkit.achievement import achievement_missing, chosen_points, read_participation
from toolkit.achievement.model import confirmations, is_confirmation
from toolkit.demo.files import write_evidence
from toolkit.grading import score_achievement
from toolkit.resources import content_dir
from toolkit.rubric.catalogue import achievement_names, load_achievement_rubric
from toolkit.submission.titles import ACHIEVEMENT_TITLES, assignment_title
from toolkit.work.store import AnswerStore


def _answers(folder: Path, **answers: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "answers.json").write_text(json.dumps({"format": 1, "answers": answers}), encoding="utf-8")


def _evidence(folder: Path, assignment: str, *, minutes: float = 20) -> None:
    for criterion in load_achievement_rubric(assignment).criteria:
        rule = criterion.files
        if rule is None or not rule.required:
            continue
        kind = next(k for k in ("pdf", "docx", "mp4", "png") if k in rule.formats)
        for copy in range(rule.min_files):
            write_evidence(
                folder / "evidence" / criterion.id / f"{criterion.id}{copy}.{kind}",
                kind,
                seconds=minutes * 60,
            )


def test_every_achievement_has_a_rubric_an_assignment_and_a_chinese_title() -> None:
    names = achievement_names()
    assert names == tuple(sorted(ACHIEVEMENT_TITLES))
    for name in names:
        rubric = load_achievement_rubric(name)
        assert rubric.tasks and not rubric.point and rubric.comments
        assert [level.name for level in rubric.levels] == ["不合格", "合格", "优秀"]
        assert (content_dir("assignments") / name / f"{name}.ipynb").is_file()
        assert assignment_title(name) != name and not assignment_title(name).isascii()
    demo = load_achievement_rubric("demo_case").criterion("lesson_video").files
    assert (demo.min_minutes, demo.max_minutes, demo.max_mb) == (15, 40, 1024)


@pytest.mark.parametrize(("minutes", "complete"), [(14.5, False), (15, True), (40, True), (40.5, False)])
def test_a_demonstration_recording_runs_15_to_40_minutes(
    tmp_path: Path, minutes: float, complete: bool
) -> None:
    _evidence(tmp_path, "demo_case", minutes=minutes)
    assert score_achievement("demo_case", points=2, folder=tmp_path) == (2 if complete else 1)
    missing = achievement_missing(tmp_path, "demo_case")
    assert bool(missing) is not complete
    if minutes < 15:
        assert "短于本项下限 15 分钟" in missing[0]


def test_a_typical_case_and_its_confirmations(tmp_path: Path) -> None:
    case = tmp_path / "submitted" / "T1" / "typical_case"
    _answers(case, participation={"mode": "submit", "members": ["t1", "T2", "T3"]})
    assert score_achievement("typical_case", points=2, folder=case) == 0.5  # members listed, no files
    _evidence(case, "typical_case")
    assert score_achievement("typical_case", points=2, folder=case) == 2
    confirm = tmp_path / "submitted" / "T2" / "typical_case"
    _answers(confirm, participation={"mode": "confirm", "submitter": "t1", "contribution": ""})
    assert achievement_missing(confirm, "typical_case") == ["请写明您在案例开发中承担的工作"]
    assert score_achievement("typical_case", points=2, folder=confirm) == 0
    _answers(confirm, participation={"mode": "confirm", "submitter": "t1", "contribution": "整理实录"})
    assert achievement_missing(confirm, "typical_case") == []  # a confirmation carries no files
    assert score_achievement("typical_case", points=2, folder=confirm) == 2
    assert is_confirmation(tmp_path, "T2") and not is_confirmation(tmp_path, "T1")
    assert confirmations(tmp_path, "T1") == {"T1": True, "T2": True, "T3": False}
    assert read_participation(case).members == ("T1", "T2", "T3")


def test_a_multi_point_lesson_names_two_points_at_least(tmp_path: Path) -> None:
    _evidence(tmp_path, "multi_point_case")
    _answers(tmp_path, points=["B2"])
    assert achievement_missing(tmp_path, "multi_point_case") == [
        "请至少选择 2 个在这节课中运用的能力点（已选 1 个）"
    ]
    assert score_achievement("multi_point_case", points=2, folder=tmp_path) == 1.5
    _answers(tmp_path, points=["b2", "A1", "Z9"])
    assert chosen_points(tmp_path) == ("A1", "B2")  # catalogue order, unknown codes dropped
    assert score_achievement("multi_point_case", points=2, folder=tmp_path) == 2


def test_the_widgets_save_what_the_teacher_chooses(tmp_path: Path) -> None:
    from toolkit.achievement import ParticipationPanel, PointChoice

    store = AnswerStore(tmp_path / "answers.json")
    panel = ParticipationPanel(store)
    assert "请先选择" in panel.status.value
    panel.role.value = "confirm"
    panel.submitter.value = "t0006"
    assert panel.members.layout.display == "none" and panel.submitter.layout.display is None
    panel.contribution.value = "参与磨课"
    assert "参与情况已填写完整" in panel.status.value and "不需要上传材料" in panel.status.value
    assert read_participation(tmp_path).submitter == "T0006"
    choice = PointChoice(store)
    choice.choice.value = ("A1", "C3")
    assert chosen_points(tmp_path) == ("A1", "C3") and "已选 2 个" in choice.status.value
    again = ParticipationPanel(AnswerStore(tmp_path / "answers.json"))
    assert again.role.value == "confirm" and again.contribution.value == "参与磨课"


def test_a_courses_own_rubric_replaces_the_draft(tmp_path: Path) -> None:
    own = tmp_path / "rubrics"
    own.mkdir()
    shipped = content_dir("rubrics") / "achievements" / "demo_case.yaml"
    shutil.copy(shipped, own / "demo_case.yaml")
    text = (own / "demo_case.yaml").read_text(encoding="utf-8").replace("min_minutes: 15", "min_minutes: 20")
    (own / "demo_case.yaml").write_text(text, encoding="utf-8")
    rubric = load_achievement_rubric("demo_case", course_dir=tmp_path)
    assert rubric.criterion("lesson_video").files.min_minutes == 20
