"""C7 micro-models: normalisation, index, rank and validation by hand; YAML checks; the builder headless."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.micromodel import Indicator, MicroModel, MicroModelBuilder, normalise
from toolkit.errors import InputError
from toolkit.modules import load_sample
from toolkit.work.progress import module_progress

DATA = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3"],
        "姓名": ["王小明", "李华", "张雨"],
        "作业": [0, 5, 10],
        "发言": [0, 10, 5],
        "紧张": [3, 3, 3],
        "期中成绩": [1, 2, 10],
    }
)


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_min_max_normalisation_and_its_reverse() -> None:
    values = pd.Series([0, 5, 10], name="作业")
    assert normalise(values).tolist() == [0, 50, 100]
    assert normalise(values, higher_is_better=False).tolist() == [100, 50, 0]
    assert normalise(pd.Series([2, None, 4])).tolist()[::2] == [0, 100]


def test_a_constant_column_scores_fifty_with_a_warning() -> None:
    with pytest.warns(UserWarning, match="“紧张”所有人的值都一样"):
        assert normalise(DATA["紧张"]).tolist() == [50, 50, 50]


def test_weighted_index_and_ranking_by_hand() -> None:
    # 作业 → 0, 50, 100 (weight 3); 发言 → 0, 100, 50 (weight 1).
    # Index: (3·0 + 0)/4 = 0; (150 + 100)/4 = 62.5; (300 + 50)/4 = 87.5.
    model = MicroModel("投入指数", [Indicator("作业", 3), Indicator("发言", 1)])
    assert model.index(DATA).tolist() == pytest.approx([0, 62.5, 87.5])
    table = model.score(DATA)
    assert table["学号"].tolist() == ["s3", "s2", "s1"]
    assert table["排名"].tolist() == [1, 2, 3]
    assert table["综合指数"].tolist() == [87.5, 62.5, 0]
    assert list(table.columns) == ["学号", "姓名", "作业（0–100）", "发言（0–100）", "综合指数", "排名"]
    assert model.describe() == "投入指数 = 作业（权重 3，越高越好） + 发言（权重 1，越高越好）"


def test_lower_is_better_and_shared_ranks() -> None:
    model = MicroModel("m", [Indicator("作业", 1, higher_is_better=False)])
    assert model.index(DATA).tolist() == [100, 50, 0]
    tied = pd.DataFrame({"学号": ["a", "b", "c"], "x": [1, 1, 0]})
    assert MicroModel("m", [Indicator("x")]).score(tied)["排名"].tolist() == [1, 1, 3]


def test_a_missing_value_leaves_its_weight_out() -> None:
    data = pd.DataFrame({"a": [0, 10, 5], "b": [0, 10, None]})
    index = MicroModel("m", [Indicator("a", 1), Indicator("b", 3)]).index(data)
    assert index.tolist() == [0, 100, 50]  # the third student is scored on a alone


def test_validation_pearson_and_spearman() -> None:
    # Index 0, 50, 100 against 1, 2, 10: the order agrees fully (Spearman 1), the line does not:
    # Pearson = 450 / (√5000 · √48.667) ≈ 0.912.
    model = MicroModel("m", [Indicator("作业")])
    check = model.validate(DATA, "期中成绩")
    assert check.n == 3
    assert check.spearman == pytest.approx(1)
    assert check.pearson == pytest.approx(0.912, abs=1e-3)
    reading = check.reading()
    assert "大体也越高" in reading and "很强" in reading and "只有 3 名学生" in reading


def test_validation_warns_about_reversed_direction_and_circular_checks() -> None:
    reversed_model = MicroModel("m", [Indicator("作业", higher_is_better=False)])
    assert "方向是否设反" in reversed_model.validate(DATA, "期中成绩").reading()
    circular = MicroModel("m", [Indicator("期中成绩")]).validate(DATA, "期中成绩")
    assert circular.circular and "虚高" in circular.reading()


def test_yaml_round_trip(tmp_path: Path) -> None:
    model = MicroModel(
        "学习投入指数",
        [Indicator("作业完成率", 3), Indicator("解方程时常感到紧张", 1.5, higher_is_better=False)],
        description="七年级数学",
    )
    path = model.save(tmp_path / "model.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("schema_version: 1\nkind: micro-model\nname: 学习投入指数\n")
    assert "weight: 3\n" in text and "weight: 1.5\n" in text
    again = MicroModel.load(path)
    assert again == model
    assert again.description == "七年级数学"
    assert again.indicators[1] == Indicator("解方程时常感到紧张", 1.5, False)


GOOD = (
    "schema_version: 1\nkind: micro-model\nname: m\n"
    "indicators:\n  - {column: a, weight: 2, higher_is_better: true}\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: [unclosed\n", "不是有效的 YAML"),
        ("- just\n- a list\n", "映射"),
        (GOOD.replace("schema_version: 1", "schema_version: 2"), "schema_version 应为 1"),
        (GOOD.replace("micro-model", "rubric"), "kind 应为 micro-model"),
        (GOOD.replace("name: m\n", ""), "缺少模型名称"),
        (GOOD.replace("weight: 2", "weight: -1"), "权重应是大于 0 的数"),
        (GOOD.replace("weight: 2", "weight: 很重要"), "权重应是大于 0 的数"),
        (GOOD.replace("higher_is_better: true", "higher_is_better: 高"), "应写 true 或 false"),
        (GOOD.replace("column: a", "colum: a"), "不认识的键“colum”"),
        (GOOD + "  - {column: a}\n", "出现了不止一次"),
        ("schema_version: 1\nkind: micro-model\nname: m\nindicators: []\n", "至少含一个指标"),
        (GOOD + "extra: 1\n", "不认识的键“extra”"),
    ],
)
def test_a_bad_model_file_is_an_input_error_that_says_why(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        MicroModel.load(path)
    assert caught.value.file == str(path)


def test_a_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\nkind: micro-model\nname: [oops\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        MicroModel.load(path)
    assert caught.value.row is not None


def test_a_missing_or_text_column_is_an_input_error() -> None:
    with pytest.raises(InputError, match="没有“出勤”列"):
        MicroModel("m", [Indicator("出勤")]).score(DATA)
    with pytest.raises(InputError, match="不是数值"):
        MicroModel("m", [Indicator("姓名")]).score(DATA)
    with pytest.raises(InputError, match="权重"):
        MicroModel("m", [Indicator("作业", 0)])


def test_builder_click_path_compute_read_export(tmp_path: Path) -> None:
    builder = MicroModelBuilder(DATA, name="投入指数")
    assert set(builder.ticks) == {"作业", "发言", "紧张", "期中成绩"}
    builder.compute_button.click()
    assert "请至少勾选一个指标" in builder.message.value

    builder.choose("作业", weight=3)
    builder.ticks["发言"].value = True  # weight 1, higher is better
    builder.compute_button.click()
    assert builder.result is not None
    assert builder.result["姓名"].tolist() == ["张雨", "李华", "王小明"]
    assert "投入指数 = 作业（权重 3" in builder.spec.value
    assert "皮尔逊" in builder.reading.value and "斯皮尔曼" in builder.reading.value
    assert bytes(builder.chart.value).startswith(b"\x89PNG")
    assert bytes(builder.check_chart.value).startswith(b"\x89PNG")

    builder.ticks["紧张"].value = True  # a constant column: a warning in the widget, no failure
    builder.compute_button.click()
    assert "所有人的值都一样" in builder.message.value

    builder.ticks["紧张"].value = False
    builder.directions["发言"].value = False
    builder.export_button.click()  # the change since the last computation is computed first
    yaml_path = tmp_path / "outputs" / "C7_micro_model.yaml"
    csv_path = tmp_path / "outputs" / "C7_micro_model_scores.csv"
    assert "C7_micro_model.yaml" in builder.status.value
    loaded = MicroModel.load(yaml_path)
    assert loaded == MicroModel(
        "投入指数", [Indicator("作业", 3), Indicator("发言", 1, higher_is_better=False)]
    )
    scores = pd.read_csv(csv_path, encoding="utf-8-sig", dtype={"学号": str})
    assert scores["学号"].tolist() == builder.result["学号"].tolist()
    assert module_progress("C7").outputs == 1


def test_builder_without_an_outcome_shows_no_check() -> None:
    builder = MicroModelBuilder(DATA, outcome=None)
    builder.choose("作业")
    builder.compute()
    assert builder.validation is None and builder.reading.value == ""
    assert builder.check_chart.layout.display == "none"


def test_sample_engagement_index_agrees_with_the_midterm() -> None:
    data = load_sample("class_7a_students.csv").merge(load_sample("class_7a_survey.csv"), on="学号")
    model = MicroModel(
        "学习投入指数",
        [Indicator("作业完成率", 3), Indicator("课堂发言次数", 2), Indicator("解方程时常感到紧张", 1, False)],
    )
    check = model.validate(data, "期中成绩")
    assert check.n == 42 and check.pearson > 0.4 and check.spearman > 0.4
