"""The B1 quiz builder driven headless: type questions, add, remove, preview, export, reload."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.classroom.quizbuilder.model import Question, QuizDraft, read_key
from toolkit.classroom.quizbuilder.widget import QuizBuilder
from toolkit.i18n import set_language


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def type_question(
    builder: QuizBuilder, prompt: str, options: list[str], key: str, point: str, points: float
) -> None:
    """Fill the fields one by one, as a teacher types and clicks."""
    builder.prompt.value = prompt
    for box, text in zip(builder.option_fields, options + [""] * 6, strict=False):
        box.value = text
    builder.key_choice.value = key
    builder.knowledge_point.value = point
    builder.points.value = points


def three_questions() -> QuizBuilder:
    builder = QuizBuilder()
    type_question(builder, "方程 2x + 3 = 7 的解是", ["x = 1", "x = 2", "x = 5"], "B", "解方程", 5)
    builder.add_button.click()
    type_question(
        builder,
        "下列是一元一次方程的是",
        ["x + y = 1", "x² = 4", "3x - 1 = 5", "1/x = 2"],
        "C",
        "方程的概念",
        4,
    )
    builder.add_button.click()
    type_question(builder, "把 3(x - 1) = 6 去括号，得", ["3x - 1 = 6", "3x - 3 = 6"], "B", "去括号", 2.5)
    builder.add_button.click()
    return builder


def test_three_questions_built_by_clicking_export_and_reload_equal(tmp_path: Path) -> None:
    builder = three_questions()
    assert len(builder.draft) == 3
    assert "已添加 3 题，满分 11.5 分" in builder.listing.children[0].value
    # After 添加 the prompt and options are cleared for the next question.
    assert builder.prompt.value == "" and all(box.value == "" for box in builder.option_fields)

    builder.export_key_button.click()
    key_file = tmp_path / "outputs" / "B1_quiz_key.csv"
    assert key_file.read_text(encoding="utf-8-sig") == (
        "题号,答案,知识点,分值\nQ1,B,解方程,5\nQ2,C,方程的概念,4\nQ3,B,去括号,2.5\n"
    )
    reloaded = read_key(key_file)
    assert reloaded.equals(builder.draft.key_frame())
    assert "B1_quiz_key.csv" in builder.message.value

    builder.export_paper_button.click()
    paper = (tmp_path / "outputs" / "B1_quiz_paper.md").read_text(encoding="utf-8")
    assert "**2.** 下列是一元一次方程的是（4 分）" in paper
    assert "- D. 1/x = 2" in paper and "共 3 题，满分 11.5 分" in paper
    assert "题号" not in paper, "the students' paper must not carry the key"
    assert (tmp_path / "outputs" / "B1_quiz_paper.doc").exists()


def test_remove_button_drops_a_question_and_renumbers() -> None:
    builder = three_questions()
    builder.remove_buttons[0].click()
    assert [q.knowledge_point for q in builder.draft.questions] == ["方程的概念", "去括号"]
    assert builder.draft.key_frame()["题号"].tolist() == ["Q1", "Q2"]
    assert len(builder.remove_buttons) == 2 and "已删除第 1 题" in builder.message.value


def test_a_key_that_is_not_an_option_is_refused_in_the_widget() -> None:
    builder = QuizBuilder()
    type_question(builder, "3 + 4 = ?", ["6", "7"], "C", "加法", 5)
    builder.add_button.click()
    assert len(builder.draft) == 0
    assert "正确答案 C 不在已填写的选项 A、B 之中" in builder.message.value
    assert builder.prompt.value == "3 + 4 = ?", "a refused question stays in the fields to be fixed"


def test_export_of_an_empty_quiz_explains_instead_of_writing(tmp_path: Path) -> None:
    builder = QuizBuilder()
    builder.export_key_button.click()
    builder.export_paper_button.click()
    assert "测验还没有题目" in builder.message.value
    assert not (tmp_path / "outputs" / "B1_quiz_key.csv").exists()


def test_preview_plays_the_quiz_and_marks_it() -> None:
    builder = three_questions()
    builder.preview_button.click()
    assert len(builder.answer_controls) == 3
    builder.answer_controls[0].value = "B"
    builder.answer_controls[1].value = "A"
    builder.submit_button.click()
    assert "答对 1 / 3 题，得 5 / 11.5 分" in builder.preview_result.value
    assert "✔" in builder.preview_feedback[0].value
    assert "正确答案 C" in builder.preview_feedback[1].value
    assert "未作答" in builder.preview_feedback[2].value


def test_the_draft_survives_a_kernel_restart() -> None:
    builder = three_questions()
    builder.title_field.value = "一元一次方程 随堂检测"
    again = QuizBuilder()
    assert again.draft == builder.draft
    assert again.title_field.value == "一元一次方程 随堂检测"
    assert len(again.remove_buttons) == 3


def test_an_unready_quiz_lists_each_problem_with_its_question(tmp_path: Path) -> None:
    builder = QuizBuilder()
    builder.draft = QuizDraft(questions=[Question("题", ("一", "二"), "E", "点")])
    builder.export_key_button.click()
    assert "第 1 题：正确答案 E 不在已填写的选项 A、B 之中" in builder.message.value
    assert not (tmp_path / "outputs" / "B1_quiz_key.csv").exists()


def test_builder_speaks_english_when_asked() -> None:
    set_language("en")
    builder = QuizBuilder()
    assert builder.add_button.description == "Add" and builder.title_field.value == "Class quiz"
    builder.export_key_button.click()
    assert "the quiz has no questions" in builder.message.value
