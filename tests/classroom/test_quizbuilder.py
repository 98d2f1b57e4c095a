"""The B1 quiz builder driven headless, the key format, and scoring checked by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.quizbuilder import Question, QuizBuilder, QuizDraft, read_key, score_responses
from toolkit.errors import InputError
from toolkit.modules import load_sample, sample_path


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


def test_the_course_key_has_the_same_format(tmp_path: Path) -> None:
    sample = read_key(sample_path("class_7a_quiz_key.csv"))
    assert sample.equals(load_sample("class_7a_quiz_key.csv"))
    draft = QuizDraft()
    for row in sample.itertuples(index=False):
        draft.add(f"第 {row.题号} 题", ["甲", "乙", "丙", "丁"], row.答案, row.知识点, row.分值)
    copy = draft.write_key_csv(tmp_path / "key.csv")
    assert copy.read_bytes() == "\ufeff".encode() + sample_path("class_7a_quiz_key.csv").read_bytes()


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


def test_validation_lists_every_problem() -> None:
    with pytest.raises(InputError) as caught:
        Question.create("", ["只有一个"], "B", "", 0)
    message = str(caught.value)
    for part in (
        "题干还没有填写",
        "选项需要 2–6 个，现在有 1 个",
        "正确答案 B 不在",
        "知识点还没有填写",
        "分值“0”",
    ):
        assert part in message
    with pytest.raises(InputError, match="选项 B 是空的"):
        Question.create("题", ["一", "", "三"], "A", "点")
    with pytest.raises(InputError, match="选项 A 和 C 内容相同"):
        Question.create("题", ["一", "二", "一"], "A", "点")
    with pytest.raises(InputError, match="现在有 7 个"):
        Question.create("题", list("一二三四五六七"), "A", "点")
    # Trailing blank option fields and spaces are ignored; the key letter may be lower case.
    question = Question.create(" 题 ", ["一", "二", "", ""], "b", " 点 ")
    assert question == Question("题", ("一", "二"), "B", "点", 5)
    assert QuizDraft().validate() == ["测验还没有题目"]
    broken = QuizDraft(questions=[Question("题", ("一", "二"), "E", "点")])
    assert broken.validate() == ["第 1 题：正确答案 E 不在已填写的选项 A、B 之中"]
    with pytest.raises(InputError):
        broken.write_key_csv("unused.csv")


def test_export_of_an_empty_quiz_explains_instead_of_writing(tmp_path: Path) -> None:
    builder = QuizBuilder()
    builder.export_key_button.click()
    builder.export_paper_button.click()
    assert "测验还没有题目" in builder.message.value
    assert not (tmp_path / "outputs" / "B1_quiz_key.csv").exists()


def test_scoring_a_tiny_class_by_hand() -> None:
    key = pd.DataFrame(
        {"题号": ["Q1", "Q2", "Q3"], "答案": ["A", "B", "C"], "知识点": ["甲", "甲", "乙"], "分值": [2, 3, 5]}
    )
    responses = pd.DataFrame(
        {
            "学号": ["s1", "s2", "s3"],
            "姓名": ["一", "二", "三"],
            "Q1": ["A", "a", "B"],  # lower case counts as the letter
            "Q2": ["B", None, "C"],  # s2 left it blank: wrong
            "Q3": ["D", "C", " C "],
        }
    )
    results = score_responses(responses, key)
    # s1: Q1 + Q2 = 5; s2: Q1 + Q3 = 7; s3: Q3 = 5.
    assert results.students["得分"].tolist() == [5, 7, 5]
    assert results.students["答对题数"].tolist() == [2, 2, 1]
    assert results.students.loc["s2", "姓名"] == "二"
    assert results.max_score == 10
    items = results.items
    assert items["正确率"].tolist() == pytest.approx([2 / 3, 1 / 3, 2 / 3])
    assert items["未作答"].tolist() == [0, 1, 0]
    assert items.loc["Q1", "错选最多"] == "B" and items.loc["Q1", "错选人数"] == 1
    assert items.loc["Q2", "错选最多"] == "C"
    assert results.knowledge_points.loc["甲", "题数"] == 2
    assert results.knowledge_points["正确率"].tolist() == pytest.approx([3 / 6, 2 / 3])


def test_scoring_the_course_sample_finds_the_miskeyed_item() -> None:
    results = score_responses(load_sample("class_7a_quiz.csv"), load_sample("class_7a_quiz_key.csv"))
    assert len(results.students) == 42 and results.max_score == 100
    assert results.students["得分"].between(0, 100).all()
    assert results.items["正确率"].idxmin() in {"Q14", "Q19", "Q20"}
    assert results.items.loc["Q14", "错选最多"] == "C"
    assert results.items.loc["Q7", "正确率"] > 0.9


def test_scoring_names_a_missing_column() -> None:
    key = pd.DataFrame({"题号": ["Q1", "Q2"], "答案": ["A", "B"]})
    with pytest.raises(InputError) as caught:
        score_responses(pd.DataFrame({"学号": ["s1"], "Q1": ["A"]}), key)
    assert caught.value.column == "Q2"
    with pytest.raises(InputError, match="学号"):
        score_responses(pd.DataFrame({"Q1": ["A"], "Q2": ["B"]}), key)
    # Without 分值 every item counts 1.
    assert score_responses(pd.DataFrame({"学号": ["s1"], "Q1": ["A"], "Q2": ["C"]}), key).max_score == 2


def test_a_bad_key_file_names_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "key.csv"
    bad.write_text("题号,答案,知识点,分值\nQ1,B,移项,5\nQ2,对,移项,5\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_key(bad)
    assert caught.value.row == 3 and caught.value.column == "答案 (B)"
    bad.write_text("题号,答案,知识点,分值\nQ1,B,移项,5\nQ1,C,移项,5\n", encoding="utf-8")
    with pytest.raises(InputError, match="第 2 行已经出现过") as caught:
        read_key(bad)
    assert caught.value.row == 3 and caught.value.column == "题号 (A)"
    bad.write_text("题号,答案,知识点,分值\nQ1,B,移项,五分\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_key(bad)
    assert caught.value.row == 2 and caught.value.column == "分值 (D)"


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
