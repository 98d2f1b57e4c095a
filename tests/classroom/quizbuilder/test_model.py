"""B1 quizzes: questions and their problems, the key format, and scoring checked by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.quizbuilder.model import (
    Problem,
    Question,
    QuizDraft,
    export_key,
    points_text,
    problem_text,
    read_key,
    score_responses,
)
from toolkit.errors import InputError
from toolkit.modules import load_sample, sample_path
from toolkit.work.progress import module_progress


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_the_course_key_has_the_same_format(tmp_path: Path) -> None:
    sample = read_key(sample_path("class_7a_quiz_key.csv"))
    assert sample.equals(load_sample("class_7a_quiz_key.csv"))
    draft = QuizDraft()
    for row in sample.itertuples(index=False):
        draft.add(f"第 {row.题号} 题", ["甲", "乙", "丙", "丁"], row.答案, row.知识点, row.分值)
    copy = draft.write_key_csv(tmp_path / "key.csv")
    assert copy.read_bytes() == "\ufeff".encode() + sample_path("class_7a_quiz_key.csv").read_bytes()


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
    assert QuizDraft().validate() == [Problem("no_questions")]
    assert [problem_text(p) for p in QuizDraft().validate()] == ["测验还没有题目"]
    broken = QuizDraft(questions=[Question("题", ("一", "二"), "E", "点")])
    assert broken.validate() == [Problem("key_not_option", {"answer": "E", "letters": "AB"}, question=1)]
    assert [problem_text(p) for p in broken.validate()] == ["第 1 题：正确答案 E 不在已填写的选项 A、B 之中"]
    with pytest.raises(InputError):
        broken.write_key_csv("unused.csv")


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


def test_each_problem_has_a_key_and_its_details() -> None:
    question = Question("", ("一", "", "一"), "", " ", True)
    assert [p.key for p in question.problems()] == [
        "blank_prompt",
        "option_gap",
        "duplicate_option",
        "key_not_option",
        "blank_knowledge",
        "bad_points",
    ]
    assert question.problems()[1].values == {"letter": "B"}
    assert question.problems()[2].values == {"first": "A", "second": "C"}
    assert Question("题", ("一", "二"), "A", "点", 2.5).problems() == []


def test_export_writes_the_key_and_records_it(tmp_path: Path) -> None:
    draft = QuizDraft("小测", [Question("题", ("一", "二"), "B", "点", 2.5)])
    path = export_key(draft, "B1")
    assert path == tmp_path / "outputs" / "B1_quiz_key.csv"
    assert path.read_text(encoding="utf-8-sig") == "题号,答案,知识点,分值\nQ1,B,点,2.5\n"
    assert module_progress("B1").outputs == 1
    assert points_text(5.0) == "5" and points_text(2.5) == "2.5"
    with pytest.raises(InputError, match="测验还没有题目"):
        export_key(QuizDraft(), "B1")


def test_a_saved_draft_reads_back() -> None:
    draft = QuizDraft("一元一次方程", [Question("题", ("一", "二"), "B", "点", 2.5)])
    assert QuizDraft.from_dict(draft.to_dict()) == draft
    assert QuizDraft.from_dict({}).title == "课堂小测" and len(QuizDraft.from_dict({})) == 0
