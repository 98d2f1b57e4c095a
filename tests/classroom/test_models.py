"""C6 models: the warning rules and least squares checked by hand; the explorer driven headless."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.classroom.models import ModelExplorer, early_warning, fit_linear, trend_drop
from toolkit.errors import InputError
from toolkit.modules import load_sample
from toolkit.work.progress import module_progress

STUDENTS = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3", "s4"],
        "姓名": ["王小明", "李华", "张雨", "赵强"],
        "作业完成率": [65, 90, 90, 69.5],
        "期中成绩": [50, 85, 70, 66],
    }
)
UNITS = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3", "s4"],
        "姓名": ["王小明", "李华", "张雨", "赵强"],
        "第1单元": [60, 80, 70, 75],
        "第2单元": [55, 80, 67.5, 75],
        "第3单元": [50, 80, 65, 75],
        "第4单元": [45, 80, 62.5, 75],
        "第5单元": [40, 80, 60, 75],
    }
)


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_trend_drop_is_the_fall_of_the_trend_line_from_first_to_last_test() -> None:
    assert trend_drop([60, 55, 50, 45, 40]) == pytest.approx(20)  # slope -5 over four steps
    assert trend_drop([50, 55, 60]) == pytest.approx(-10)  # a rise is a negative drop
    assert np.isnan(trend_drop([50]))


def test_each_rule_that_fires_is_listed_and_the_level_counts_them() -> None:
    table = early_warning(STUDENTS, UNITS)
    assert table["学号"].tolist() == ["s1", "s3", "s4"]  # s2 fires nothing and is left out
    s1, s3, s4 = (table.iloc[i] for i in range(3))
    # s1: homework 65 < 70, trend drop 20 >= 10, latest 40 < 60.
    assert s1["规则数"] == 3 and s1["风险等级"] == "高"
    assert s1["触发规则"].split("；") == [
        "作业完成率 65% 低于 70%",
        "单元成绩趋势下降 20 分（≥ 10）",
        "最近一次单元测验 40 分，低于 60",
    ]
    # s3 drops exactly 10 (the threshold counts) and ends on 60 (not below 60).
    assert s3["规则数"] == 1 and s3["风险等级"] == "中" and s3["趋势下降（分）"] == 10
    # s4: 69.5 is below 70.
    assert s4["规则数"] == 1 and "作业完成率" in s4["触发规则"]


def test_thresholds_change_who_is_flagged() -> None:
    strict = early_warning(STUDENTS, UNITS, drop_at_least=25, homework_below=60, score_below=30)
    assert strict.empty and "风险等级" in strict.columns
    everyone = early_warning(STUDENTS, UNITS, include_all=True)
    assert everyone.set_index("学号").loc["s2", "风险等级"] == "低"
    assert len(everyone) == 4


def test_least_squares_on_an_exact_line() -> None:
    data = pd.DataFrame({"x": [1, 2, 3, 4], "y": [3, 5, 7, 9]})  # y = 2x + 1
    fit = fit_linear(data, target="y", features="x")
    assert fit.coefficients["x"] == pytest.approx(2)
    assert fit.intercept == pytest.approx(1)
    assert fit.r_squared == pytest.approx(1)
    assert fit.residuals.abs().max() == pytest.approx(0, abs=1e-9)
    assert fit.predictions.tolist() == pytest.approx([3, 5, 7, 9])
    assert fit.predict(pd.DataFrame({"x": [10]})).tolist() == pytest.approx([21])


def test_least_squares_by_hand_on_three_points() -> None:
    # x = 1, 2, 3 and y = 1, 3, 2: slope 0.5, intercept 1, predictions 1.5, 2, 2.5,
    # residuals -0.5, 1, -0.5; SS_res = 1.5, SS_tot = 2, so R² = 0.25.
    data = pd.DataFrame({"x": [1, 2, 3], "y": [1, 3, 2]})
    fit = fit_linear(data, target="y", features=["x"])
    assert fit.coefficients["x"] == pytest.approx(0.5)
    assert fit.intercept == pytest.approx(1)
    assert fit.residuals.tolist() == pytest.approx([-0.5, 1, -0.5])
    assert fit.r_squared == pytest.approx(0.25)
    assert "关系较弱" in fit.explain()


def test_two_features_and_the_explanation_of_each_coefficient() -> None:
    a = [1, 2, 3, 4, 5, 6]
    b = [2, 1, 4, 3, 6, 5]
    data = pd.DataFrame({"a": a, "b": b, "y": [1 + 2 * p - 3 * q for p, q in zip(a, b, strict=True)]})
    fit = fit_linear(data, target="y", features=["a", "b"])
    assert fit.coefficients.tolist() == pytest.approx([2, -3])
    assert fit.intercept == pytest.approx(1)
    text = fit.explain()
    assert "“a”每增加 1，“y”平均高约 2.00" in text
    assert "“b”每增加 1，“y”平均低约 3.00" in text
    assert "其他变量相同" in text and "R² = 1.00" in text and "不是因果" in text
    assert fit.equation() == "y ≈ 1.00 + 2.00 × a - 3.00 × b"


def test_rows_with_gaps_are_left_out_and_bad_requests_are_input_errors() -> None:
    data = pd.DataFrame({"x": [1, 2, None, 4], "y": [3, 5, 100, 9], "name": list("abcd")})
    assert fit_linear(data, target="y", features="x").n == 3
    with pytest.raises(InputError, match="没有“z”列"):
        fit_linear(data, target="y", features="z")
    with pytest.raises(InputError, match="不是数值"):
        fit_linear(data, target="y", features="name")
    with pytest.raises(InputError, match="不能与要预测的量相同"):
        fit_linear(data, target="y", features="y")
    with pytest.raises(InputError, match="至少需要 3 行"):
        fit_linear(data.head(2), target="y", features="x")


def test_the_sample_rules_flag_every_sliding_student() -> None:
    units = load_sample("class_7a_units.csv")
    table = early_warning(load_sample("class_7a_students.csv"), units)
    dropping = table[table["触发规则"].str.contains("趋势下降")]
    assert len(dropping) == 5
    # A single bad test does not make a slide: only the trend rule speaks of one.
    assert dropping["趋势下降（分）"].min() >= 10


def test_explorer_click_path_sliders_model_switch_export(tmp_path: Path) -> None:
    explorer = ModelExplorer(STUDENTS, UNITS)
    assert "高风险 1 人，中风险 2 人" in explorer.summary.value
    assert "王小明" in explorer.table.value and "李华" not in explorer.table.value
    explorer.drop_at_least.value = 25
    assert "张雨" not in explorer.table.value
    assert "高风险 1 人，中风险 1 人" in explorer.summary.value
    explorer.homework_below.value = 40
    explorer.score_below.value = 30
    assert "没有学生触发规则" in explorer.table.value

    explorer.model.value = "linear"
    assert explorer.rules_panel.layout.display == "none"
    assert explorer.target.value == "期中成绩"
    explorer.feature.value = "第5单元"
    assert explorer.fit is not None and explorer.fit.features == ("第5单元",)
    assert "R² = " in explorer.summary.value and "回归方程" in explorer.reading.value
    assert bytes(explorer.chart.value).startswith(b"\x89PNG")

    explorer.export_button.click()
    text = (tmp_path / "outputs" / "C6_model_record.md").read_text(encoding="utf-8")
    assert "线性回归" in text and "第5单元" in text and "## 我的判断与后续行动" in text
    assert module_progress("C6").outputs == 1

    explorer.model.value = "rules"
    explorer.export()
    text = (tmp_path / "outputs" / "C6_model_record.md").read_text(encoding="utf-8")
    assert "作业完成率低于 40%" in text


def test_explorer_reports_a_bad_choice_instead_of_failing() -> None:
    explorer = ModelExplorer(STUDENTS, UNITS)
    explorer.model.value = "linear"
    explorer.feature.value = "期中成绩"  # same as the target
    assert explorer.fit is None and "不能与要预测的量相同" in explorer.summary.value


def test_explorer_defaults_to_the_sample_class() -> None:
    explorer = ModelExplorer()
    assert "全班 42 人" in explorer.summary.value
