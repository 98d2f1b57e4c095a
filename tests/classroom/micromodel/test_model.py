"""C7 micro-models: normalisation, index, rank and validation by hand; YAML checks; the export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.micromodel.model import (
    Indicator,
    MicroModel,
    Validation,
    export_model,
    normalise,
    scaled_column,
)
from toolkit.errors import InputError
from toolkit.i18n import set_language
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
    assert scaled_column("作业") == "作业（0–100）"


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
    assert check.strength == "strong" and not check.opposite and check.small
    assert not check.coefficients_differ and not check.circular
    assert check.figures() == "与“期中成绩”的相关（n = 3）：皮尔逊 r = 0.91，斯皮尔曼 ρ = 1.00"
    reading = check.reading()
    assert "大体也越高" in reading and "很强" in reading and "只有 3 名学生" in reading


def test_validation_warns_about_reversed_direction_and_circular_checks() -> None:
    reversed_model = MicroModel("m", [Indicator("作业", higher_is_better=False)])
    reversed_check = reversed_model.validate(DATA, "期中成绩")
    assert reversed_check.opposite and "方向是否设反" in reversed_check.reading()
    circular = MicroModel("m", [Indicator("期中成绩")]).validate(DATA, "期中成绩")
    assert circular.circular and "虚高" in circular.reading()


@pytest.mark.parametrize(
    ("spearman", "strength"), [(0.7, "strong"), (-0.5, "moderate"), (0.2, "weak"), (0.1, "none")]
)
def test_validation_strength_reads_the_size_of_the_coefficient(spearman: float, strength: str) -> None:
    check = Validation("y", pearson=spearman, spearman=spearman, n=40)
    assert check.strength == strength and check.opposite == (spearman < 0) and not check.small
    # Without Spearman (e.g. ties everywhere) Pearson is read instead; far apart they are flagged.
    assert Validation("y", pearson=0.9, spearman=float("nan"), n=40).strength == "strong"
    assert Validation("y", pearson=0.9, spearman=0.6, n=40).coefficients_differ
    assert "两个系数相差较大" in Validation("y", pearson=0.9, spearman=0.6, n=40).reading()


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
    with pytest.raises(InputError, match="没有“期末”列"):
        MicroModel("m", [Indicator("作业")]).validate(DATA, "期末")


def test_export_writes_the_model_and_the_scores(tmp_path: Path) -> None:
    model = MicroModel("投入指数", [Indicator("作业", 3), Indicator("发言", 1)])
    yaml_path, csv_path = export_model(model, model.score(DATA))
    assert yaml_path == tmp_path / "outputs" / "C7_micro_model.yaml"
    assert MicroModel.load(yaml_path) == model
    text = csv_path.read_text(encoding="utf-8")
    assert text.startswith(
        "\ufeff学号,姓名,作业（0–100）,发言（0–100）,综合指数,排名\ns3,张雨,100.0,50.0,87.5,1\n"
    )
    assert module_progress("C7").outputs == 1


def test_sample_engagement_index_agrees_with_the_midterm() -> None:
    data = load_sample("class_7a_students.csv").merge(load_sample("class_7a_survey.csv"), on="学号")
    model = MicroModel(
        "学习投入指数",
        [Indicator("作业完成率", 3), Indicator("课堂发言次数", 2), Indicator("解方程时常感到紧张", 1, False)],
    )
    check = model.validate(data, "期中成绩")
    assert check.n == 42 and check.pearson > 0.4 and check.spearman > 0.4


def test_the_reading_follows_the_language() -> None:
    set_language("en")
    check = MicroModel("m", [Indicator("作业")]).validate(DATA, "期中成绩")
    assert "very strong" in check.reading() and check.figures().startswith("Correlation with '期中成绩'")
