"""A1 learner analysis: hand-computed item statistics, input checks, the widget's main path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import upload
from toolkit.errors import InputError
from toolkit.learner import (
    LearnerAnalysis,
    item_analysis,
    load_quiz,
    need_groups,
    score_summary,
    topic_mastery,
)

# Ten students, three right/wrong items. Ranked by total (ties by ID) the upper 27 % (3 students)
# are s01, s03, s02 and the lower 3 are s07, s08, s09.
SCORES = """学号,姓名,I1,I2,I3
s01,甲,1,1,1
s02,乙,1,1,0
s03,丙,1,1,1
s04,丁,1,0,0
s05,戊,1,1,0
s06,己,1,0,1
s07,庚,0,0,1
s08,辛,1,0,0
s09,壬,0,0,1
s10,癸,1,1,0
"""


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def test_difficulty_and_discrimination_match_the_hand_computation(tmp_path: Path) -> None:
    quiz = load_quiz(write(tmp_path / "scores.csv", SCORES))
    items = item_analysis(quiz)
    assert items["通过率P"].to_dict() == {"I1": 0.8, "I2": 0.5, "I3": 0.5}
    # I1: upper 3/3 − lower 1/3; I2: 3/3 − 0/3; I3: 2/3 − 2/3.
    assert items["区分度D"].to_dict() == {"I1": 0.667, "I2": 1.0, "I3": 0.0}
    assert items.loc["I3", "提示"].startswith("区分度低")
    assert items.loc["I2", "提示"] == ""


def test_letters_are_scored_against_the_key_with_points_and_topics(tmp_path: Path) -> None:
    responses = write(tmp_path / "r.csv", "学号,姓名,Q1,Q2,Q3\n1,甲,B,AC,D\n2,乙,C,A,\n3,丙,B,CA,D\n")
    key = write(
        tmp_path / "k.csv", "题号,答案,知识点,分值\nQ1,B,概念,2\nQ2,AC,性质,4\nQ3,D,应用,4\n", "gb18030"
    )
    quiz = load_quiz(responses, key)
    assert quiz.totals.to_dict() == {"1": 10.0, "2": 0.0, "3": 10.0}
    assert quiz.full_marks == 10
    assert topic_mastery(quiz).loc["2"].to_dict() == {"应用": 0.0, "性质": 0.0, "概念": 0.0}
    summary = score_summary(quiz)
    assert (
        summary["人数"] == 3
        and summary["平均分"] == pytest.approx(6.67)
        and summary["及格率"] == pytest.approx(0.667)
    )
    groups = need_groups(quiz).set_index("学号")
    assert groups.loc["2", "分组"] == "需要重点帮助" and bool(groups.loc["2", "需要关注"])
    assert groups.loc["1", "分组"] == "可以拓展"


@pytest.mark.parametrize(
    ("responses", "key", "message", "row", "column"),
    [
        ("学号,Q1\n1,B\n2,??\n", "题号,答案\nQ1,B\n", "无法识别的作答“??”", 3, "Q1 (B)"),
        ("姓名,Q1\n甲,B\n", None, "找不到学号列", 1, None),
        ("学号,Q1\n1,B\n", None, "需要同时提供答案文件", None, None),
        ("学号,Q1\n1,1\n1,0\n", None, "学号 1 重复", 3, None),
        ("学号,Q1,Q2\n1,B,1\n", "题号,答案\nQ1,B\nQ2,A\n", "既有选项字母又有分数", None, None),
        ("学号,Q1\n1,-2\n", None, "无法识别的作答“-2”", 2, "Q1 (B)"),
        ("学号,Q1\n1,B\n", "题号,答案,分值\nQ1,B,zero\n", "分值“zero”不是正数", 2, "分值 (C)"),
    ],
)
def test_bad_files_name_the_row_and_column(
    tmp_path: Path, responses: str, key: str | None, message: str, row: int | None, column: str | None
) -> None:
    key_path = write(tmp_path / "key.csv", key) if key else None
    with pytest.raises(InputError) as caught:
        load_quiz(write(tmp_path / "responses.csv", responses), key_path)
    assert message in caught.value.message
    assert caught.value.row == row and caught.value.column == column


def test_key_without_an_item_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="没有题目 Q2"):
        load_quiz(
            write(tmp_path / "r.csv", "学号,Q1,Q2\n1,A,B\n"), write(tmp_path / "k.csv", "题号,答案\nQ1,A\n")
        )


def test_sample_class_shows_the_patterns_the_module_teaches() -> None:
    widget = LearnerAnalysis()
    widget.analyse_button.click()
    assert widget.message.value == ""
    assert widget.quiz is not None and len(widget.quiz.scores) == 42
    items = item_analysis(widget.quiz)
    assert items.loc["Q14", "区分度D"] < 0 and "负区分" in items.loc["Q14", "提示"]
    assert items.loc["Q7", "通过率P"] > 0.9
    hardest = topic_mastery(widget.quiz).mean().idxmin()
    assert hardest.startswith("实际问题")
    assert len(widget.overview.children) == 2 and bytes(widget.overview.children[1].value).startswith(
        b"\x89PNG"
    )
    assert "负区分" in widget.items.children[1].value


def test_report_exports_with_the_teachers_context(tmp_path: Path) -> None:
    widget = LearnerAnalysis()
    widget.analyse()
    widget.context.value = "七(1)班，2026 年 11 月单元测验"
    assert "七(1)班，2026 年 11 月单元测验" in widget.report_preview.value
    widget.export_button.click()
    report = (tmp_path / "outputs" / "A1_learner_analysis_report.md").read_text(encoding="utf-8")
    assert report.startswith("# 学情分析报告") and "Q14" in report and "需要重点关注的学生" in report
    doc = (tmp_path / "outputs" / "A1_learner_analysis_report.doc").read_text(encoding="utf-8")
    assert "urn:schemas-microsoft-com:office:word" in doc and "<table>" in doc
    assert "A1_learner_analysis_report.md" in widget.export_message.value


def test_uploaded_xlsx_is_analysed_and_bad_upload_gives_a_message(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for row in [line.split(",") for line in SCORES.strip().splitlines()]:
        book.active.append([int(v) if v.isdigit() else v for v in row])
    book.save(tmp_path / "class.xlsx")
    widget = LearnerAnalysis()
    widget.source.value = "upload"
    widget.analyse_button.click()
    assert "请先上传作答表" in widget.message.value
    widget.responses_upload.value = upload("class.xlsx", (tmp_path / "class.xlsx").read_bytes())
    widget.analyse_button.click()
    assert widget.message.value == ""
    assert widget.quiz is not None and widget.quiz.totals.sum() == 18


def test_option_counts_expose_a_mistyped_key_and_rekeying_fixes_it() -> None:
    widget = LearnerAnalysis()
    widget.analyse()
    assert widget.quiz is not None
    counts = widget.quiz.option_counts().loc["Q14"]
    assert counts["答案"] == "B" and counts["C"] == 35 and counts["B"] == 6 and counts["未答"] == 1
    before = widget.quiz.totals.mean()
    widget.rekey_item.value = "Q14"
    widget.rekey_answer.value = "c"
    widget.rekey_button.click()
    assert widget.quiz.totals.mean() == pytest.approx(before + (35 - 6) * 5 / 42)  # C now right, B wrong
    items = item_analysis(widget.quiz)
    assert items.loc["Q14", "区分度D"] > 0.3 and items.loc["Q14", "提示"] == ""
    assert "Q14 的答案改为 C" in widget.rekey_message.value and "负区分" not in widget.items.children[1].value


def test_survey_is_summarised_set_beside_scores_and_reported(tmp_path: Path) -> None:
    from toolkit.learner.survey import load_survey, survey_summary, survey_with_scores

    answers = "学号,姓名,喜欢,方式\ns01,甲,5,视频\ns02,乙,1,讲解\ns03,丙,3,视频\n"
    survey = load_survey(write(tmp_path / "s.csv", answers))
    summary = survey_summary(survey).set_index("题目")
    assert summary.loc["喜欢", "平均"] == 3 and summary.loc["喜欢", "分布"] == "1:1  3:1  5:1"
    assert summary.loc["方式", "分布"] == "视频:2  讲解:1"
    quiz = load_quiz(write(tmp_path / "scores.csv", SCORES))  # s01 3, s02 2, s03 3
    related = survey_with_scores(survey, quiz.totals).set_index("题目")["与测验总分的关系"]
    assert related["喜欢"] == "相关系数 r = 0.87"
    assert related["方式"] == "各选项学生的平均总分：视频 3.0 分（2 人）；讲解 2.0 分（1 人）"
    with pytest.raises(InputError, match="找不到学号列"):
        load_survey(write(tmp_path / "bad.csv", "姓名,喜欢\n甲,5\n"))

    widget = LearnerAnalysis()
    widget.analyse()
    widget.survey_button.click()
    assert "看微课视频:14" in widget.survey_result.value and "相关系数" in widget.survey_result.value
    assert "### 问卷调查" in widget.report() and "问卷调查" in widget.report_preview.value
