"""A13 chart advice: recommendations per question, misleading-choice warnings, readings, the widget."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import upload
from toolkit.charts import ChartAdvisor, ChartSpec, chart_warnings, draw_chart, findings, recommend
from toolkit.modules import load_sample
from toolkit.plotting import figure_png


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


@pytest.mark.parametrize(
    ("question", "category", "values", "best"),
    [
        ("comparison", "班级", ("期中数学",), "bar"),
        ("trend", None, ("第1单元", "第2单元", "第3单元"), "line"),
        ("distribution", None, ("期中数学",), "histogram"),
        ("relationship", None, ("作业完成率", "期中成绩"), "scatter"),
        ("composition", "最喜欢的学习方式", (), "bar"),
        ("profile", None, ("a", "b", "c"), "radar"),
    ],
)
def test_each_question_gets_its_chart(
    question: str, category: str | None, values: tuple[str, ...], best: str
) -> None:
    advice = recommend(question, category=category, values=values)
    assert advice.best() is not None and advice.best().kind == best


def test_charts_that_cannot_be_drawn_yet_say_what_is_missing() -> None:
    advice = recommend("comparison", category=None, values=("期中数学",))
    assert advice.best() is None
    assert all("分组列" in r.missing for r in advice.recommendations)
    assert not recommend("relationship", category=None, values=("x",)).best()


def test_warnings_for_truncated_bars_big_pies_and_hidden_spread() -> None:
    midterm = load_sample("grade7_midterm.csv")
    truncated = chart_warnings(ChartSpec("bar", "班级", ("期中数学",), y_start=60), midterm)
    assert any("纵轴从 60" in w for w in truncated)
    assert any("七(3)班" in w and "箱线图" in w for w in truncated)  # the widest class
    assert not chart_warnings(ChartSpec("box", "班级", ("期中数学",)), midterm)
    slices = pd.DataFrame({"类": list("ABCDEFG")})
    assert any("7 块" in w for w in chart_warnings(ChartSpec("pie", "类"), slices))
    assert not chart_warnings(ChartSpec("pie", "类"), slices.head(4))
    mixed = pd.DataFrame({"a": [1, 5], "b": [2, 4], "c": [50, 100]})
    assert any("量纲不同" in w for w in chart_warnings(ChartSpec("radar", None, ("a", "b", "c")), mixed))


def test_findings_are_computed_from_the_data() -> None:
    exact = pd.DataFrame({"x": range(10), "y": [2 * v + 1 for v in range(10)]})
    assert findings(ChartSpec("scatter", None, ("x", "y")), exact) == [
        "x 与 y 的相关系数 r = 1.00，属于很强的正相关。"
    ]
    units = pd.DataFrame({"u1": [80, 70, 60], "u2": [70, 75, 60], "u3": [60, 80, 60]})
    notes = findings(ChartSpec("line", None, ("u1", "u2", "u3")), units)
    assert notes == ["全班平均从 70.0 变为 66.7（-3.3）。", "有 1 名学生每一次都比上一次低，值得单独关注。"]


@pytest.mark.parametrize("kind", ["bar", "line", "box", "histogram", "scatter", "heatmap", "radar", "pie"])
def test_every_kind_draws(kind: str) -> None:
    data = load_sample("class_7a_students.csv")
    values = ("上学期成绩", "作业完成率", "期中成绩")
    spec = ChartSpec(kind, "性别" if kind in ("bar", "pie", "box") else None, values, title="七(1)班")
    png = figure_png(draw_chart(spec, data))
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_widget_recommends_draws_warns_and_exports(tmp_path: Path) -> None:
    widget = ChartAdvisor()
    widget.question.value = "comparison"
    widget.category.value = "班级"
    widget.values.value = ("期中数学",)
    widget.recommend_button.click()
    assert widget.kind.value == "bar" and "柱状图" in widget.advice.value
    widget.y_start.value = 60
    widget.draw_button.click()
    first = bytes(widget.image.value)
    assert "纵轴从 60" in widget.reading.value and "七(2)班（77.4）" in widget.reading.value
    widget.kind.value = "box"
    widget.draw_button.click()
    assert bytes(widget.image.value) != first and "没有发现常见的误导问题" in widget.reading.value
    widget.export_button.click()
    assert (tmp_path / "outputs" / "A13_comparison_box.png").read_bytes().startswith(b"\x89PNG")
    widget.dataset.value = "class_7a_units.csv"
    assert widget.values.options == ("第1单元", "第2单元", "第3单元", "第4单元", "第5单元")


def test_uploaded_gbk_csv_keeps_ids_as_text_and_a_bad_file_gives_a_message() -> None:
    widget = ChartAdvisor()
    widget.upload.value = upload(
        "班级成绩.csv", "班级,学号,成绩\n一班,001,80\n一班,002,70\n二班,003,90\n".encode("gb18030")
    )
    assert widget.values.options == ("成绩",) and widget.data["学号"].tolist() == ["001", "002", "003"]
    assert [value for _, value in widget.category.options] == [None, "班级"]
    widget.upload.value = upload("空表.csv", "班级,成绩\n".encode())
    assert "只有表头，没有任何数据行" in widget.advice.value
