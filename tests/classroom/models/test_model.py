"""C6 models: the warning rules and least squares checked by hand, results as keys and numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.classroom.models.tables import STUDENTS, UNITS
from toolkit.classroom.models.model import fit_linear, risk_level, trend_drop, warning_flags
from toolkit.errors import InputError
from toolkit.modules import load_sample


def test_trend_drop_is_the_fall_of_the_trend_line_from_first_to_last_test() -> None:
    assert trend_drop([60, 55, 50, 45, 40]) == pytest.approx(20)  # slope -5 over four steps
    assert trend_drop([50, 55, 60]) == pytest.approx(-10)  # a rise is a negative drop
    assert np.isnan(trend_drop([50]))


def test_risk_level_counts_the_rules() -> None:
    assert [risk_level(n) for n in (0, 1, 2, 3)] == ["low", "medium", "high", "high"]


def test_each_rule_that_fires_is_listed_and_the_level_counts_them() -> None:
    flags = warning_flags(STUDENTS, UNITS)
    assert flags["学号"].tolist() == ["s1", "s3", "s4"]  # s2 fires nothing and is left out
    s1, s3, s4 = (flags.iloc[i] for i in range(3))
    # s1: homework 65 < 70, trend drop 20 >= 10, latest 40 < 60.
    assert s1["count"] == 3 and s1["level"] == "high"
    assert s1["rules"] == ("homework", "drop", "score")
    assert (s1["homework"], s1["drop"], s1["latest"]) == (65, 20, 40)
    # s3 drops exactly 10 (the threshold counts) and ends on 60 (not below 60).
    assert s3["count"] == 1 and s3["level"] == "medium" and s3["drop"] == 10
    assert s3["rules"] == ("drop",)
    # s4: 69.5 is below 70.
    assert s4["count"] == 1 and s4["rules"] == ("homework",)


def test_thresholds_change_who_is_flagged() -> None:
    strict = warning_flags(STUDENTS, UNITS, drop_at_least=25, homework_below=60, score_below=30)
    assert strict.empty and "level" in strict.columns
    everyone = warning_flags(STUDENTS, UNITS, include_all=True)
    assert everyone.set_index("学号").loc["s2", "level"] == "low"
    assert len(everyone) == 4


def test_least_squares_on_an_exact_line() -> None:
    data = pd.DataFrame({"x": [1, 2, 3, 4], "y": [3, 5, 7, 9]})  # y = 2x + 1
    fit = fit_linear(data, target="y", features="x")
    assert fit.coefficients["x"] == pytest.approx(2)
    assert fit.intercept == pytest.approx(1)
    assert fit.r_squared == pytest.approx(1)
    assert fit.strength == "strong"
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
    assert fit.strength == "weak"
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


def test_the_largest_residuals_above_and_below_the_line() -> None:
    data = pd.DataFrame({"x": [1, 2, 3, 4, 5], "y": [2, 4, 9, 8, 7]})
    fit = fit_linear(data, target="y", features="x")
    above, below = fit.largest_residuals()
    assert above.index.tolist() == [2, 3] and below.index.tolist() == [4, 0]
    assert (above > 0).all() and (below < 0).all()
    # The reading names them: 3 above the line at row 2, 1.8 below it at row 4.
    assert (
        "实际比预测高得最多：#2（+3.0）、#3（+0.6）；比预测低得最多：#4（-1.8）、#0（-1.2）" in fit.explain()
    )


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
    flags = warning_flags(load_sample("class_7a_students.csv"), units)
    dropping = flags[flags["rules"].map(lambda rules: "drop" in rules)]
    assert len(dropping) == 5
    # A single bad test does not make a slide: only the trend rule speaks of one.
    assert dropping["drop"].min() >= 10


def test_the_reading_names_who_sits_furthest_from_the_line() -> None:
    fit = fit_linear(STUDENTS, target="期中成绩", features="作业完成率")
    assert "实际比预测高得最多：" in fit.explain() and "s2 李华" in fit.explain()
