"""C6 early warning in words: the table as the course notebook shows it, in both languages."""

from __future__ import annotations

from tests.classroom.models.tables import STUDENTS, UNITS
from toolkit.classroom.models.model import warning_flags
from toolkit.classroom.models.report import early_warning, level_name, warning_table
from toolkit.i18n import set_language
from toolkit.modules import load_sample


def test_each_rule_that_fires_is_a_sentence_and_the_level_a_word() -> None:
    table = early_warning(STUDENTS, UNITS)
    assert table.columns.tolist() == [
        "学号",
        "姓名",
        "作业完成率",
        "最近单元成绩",
        "趋势下降（分）",
        "触发规则",
        "规则数",
        "风险等级",
    ]
    assert table["学号"].tolist() == ["s1", "s3", "s4"]  # s2 fires nothing and is left out
    s1, s3, s4 = (table.iloc[i] for i in range(3))
    assert s1["规则数"] == 3 and s1["风险等级"] == "高"
    assert s1["触发规则"].split("；") == [
        "作业完成率 65% 低于 70%",
        "单元成绩趋势下降 20 分（≥ 10）",
        "最近一次单元测验 40 分，低于 60",
    ]
    assert s3["规则数"] == 1 and s3["风险等级"] == "中" and s3["趋势下降（分）"] == 10
    assert s4["规则数"] == 1 and "作业完成率" in s4["触发规则"]


def test_thresholds_change_who_is_flagged() -> None:
    strict = early_warning(STUDENTS, UNITS, drop_at_least=25, homework_below=60, score_below=30)
    assert strict.empty and "风险等级" in strict.columns
    everyone = early_warning(STUDENTS, UNITS, include_all=True)
    assert everyone.set_index("学号").loc["s2", "风险等级"] == "低"
    assert len(everyone) == 4
    # The sentences quote the thresholds the flags were computed with.
    flags = warning_flags(STUDENTS, UNITS, homework_below=80)
    assert "低于 80%" in warning_table(flags, homework_below=80).iloc[0]["触发规则"]


def test_the_sample_rules_speak_of_every_slide() -> None:
    units = load_sample("class_7a_units.csv")
    table = early_warning(load_sample("class_7a_students.csv"), units)
    dropping = table[table["触发规则"].str.contains("趋势下降")]
    assert len(dropping) == 5
    assert dropping["趋势下降（分）"].min() >= 10


def test_the_words_follow_the_language() -> None:
    set_language("en")
    assert level_name("high") == "high"
    table = early_warning(STUDENTS, UNITS)
    assert table.columns.tolist()[-1] == "Risk" and table.iloc[0]["Risk"] == "high"
    assert "homework 65% below 70%" in table.iloc[0]["Rules fired"]
