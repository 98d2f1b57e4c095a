"""The rubric model: weighted and conjunctive results, indicators, validation, file round trips, builder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit.errors import InputError
from toolkit.modules import sample_path
from toolkit.rubric import (
    Criterion,
    Level,
    Rubric,
    RubricBuilder,
    level_from_indicators,
    load_rubric,
    load_xlsx,
    parse_rubric,
    rubric_to_dict,
    save_xlsx,
    save_yaml,
    score,
    to_markdown,
)

THREE = (Level("fail", "不合格", 0), Level("pass", "合格", 1), Level("excellent", "优秀", 2))


def point_rubric() -> Rubric:
    """Two tasks judged by the 2.0 rule: lowest task level wins."""
    return Rubric(
        id="a1",
        title="A1",
        levels=THREE,
        aggregation="conjunctive",
        criteria=(
            Criterion(
                "plan",
                "学情分析方案",
                indicators={"pass": ("目标明确",), "excellent": ("工具适切", "过程完整")},
            ),
            Criterion(
                "report", "学情分析报告", indicators={"pass": ("有数据",), "excellent": ("有改进建议",)}
            ),
        ),
    )


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


@pytest.mark.parametrize(
    ("plan", "report", "overall"),
    [
        ("excellent", "excellent", "优秀"),  # every task 优秀
        ("excellent", "pass", "合格"),
        ("pass", "pass", "合格"),
        ("excellent", "fail", "不合格"),  # any task below 合格
        ("fail", "fail", "不合格"),
    ],
)
def test_conjunctive_overall_level_follows_the_assessment_rule(plan: str, report: str, overall: str) -> None:
    assert score(point_rubric(), {"plan": plan, "report": report}).level.name == overall


def test_indicators_are_conjunctive_and_missing_evidence_fails() -> None:
    rubric = point_rubric()
    plan = rubric.criteria[0]
    assert level_from_indicators(rubric, plan, {"目标明确", "工具适切", "过程完整"}).name == "优秀"
    assert level_from_indicators(rubric, plan, {"目标明确", "工具适切"}).name == "合格"
    assert level_from_indicators(rubric, plan, {"工具适切", "过程完整"}).name == "不合格"  # 合格 not reached
    assert (
        level_from_indicators(
            rubric, plan, {"目标明确", "工具适切", "过程完整"}, evidence_complete=False
        ).name
        == "不合格"
    )


def test_weighted_score_and_level_by_hand() -> None:
    rubric = load_rubric(sample_path("rubric_lab_report.yaml"))
    # weights 20/30/30/20 with levels 4,3,3,2 → mean 3.0 on a 1–4 scale → (3−1)/(4−1) = 66.67 %, 良好.
    result = score(rubric, {"question": "excellent", "design": "good", "data": "good", "conclusion": "pass"})
    assert result.score == 66.67 and result.level.name == "良好"
    top = score(rubric, {c.id: "excellent" for c in rubric.criteria})
    assert top.score == 100 and top.level.name == "优秀"
    with pytest.raises(ValueError, match="还没有评定等级"):
        score(rubric, {"question": "pass"})


def base() -> dict:
    return rubric_to_dict(point_rubric())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema_version=2), "schema_version 应为 1"),
        (lambda d: d.update(kind="scheme"), "kind 应为 rubric"),
        (lambda d: d.update(aggregation="average"), "aggregation 应为"),
        (lambda d: d.update(levels=d["levels"][:1]), "至少需要两个等级"),
        (lambda d: d.update(criteria=[]), "至少需要一个评价维度"),
        (lambda d: d["criteria"][1].update(id="plan"), "第 2 个评价维度的编号“plan”重复"),
        (lambda d: d["criteria"][0].update(weight=0), "第 1 个评价维度的权重“0”应为正数"),
        (lambda d: d["levels"][2].update(points=0.5), "从低到高递增"),
        (lambda d: d["criteria"][0]["indicators"].update(good=["x"]), "未定义的等级“good”"),
        (lambda d: d["criteria"][0].update(name=" "), "第 1 个评价维度缺少“name”"),
    ],
)
def test_invalid_rubrics_are_refused_with_an_actionable_message(tmp_path: Path, change, message: str) -> None:  # noqa: ANN001
    data = base()
    change(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rubric(path)
    assert message in caught.value.message and caught.value.file == str(path)


def test_broken_yaml_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("levels: [unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="不是有效的 YAML"):
        load_rubric(path)


def test_yaml_and_xlsx_round_trip(tmp_path: Path) -> None:
    rubric = parse_rubric(base() | {"draft": True, "point": "A1"}, Path("x"))
    assert load_rubric(save_yaml(rubric, tmp_path / "r.yaml")) == rubric
    assert load_xlsx(save_xlsx(rubric, tmp_path / "r.xlsx")) == rubric
    markdown = to_markdown(rubric)
    assert "草案" in markdown and "| 学情分析方案 | 1 |" in markdown and "- 优秀：工具适切" in markdown


def test_builder_edits_scores_and_exports_a_rubric_that_reads_back(tmp_path: Path) -> None:
    builder = RubricBuilder()
    assert "权重合计 100" in builder.weights_note.value
    builder.choose(
        {"问题与猜想": "excellent", "实验设计": "good", "数据记录与处理": "good", "结论与反思": "pass"}
    )
    builder.score_button.click()
    assert "加权平均 3 分（满分 4 分），折合 66.67 / 100，总评：良好" in builder.result.value
    builder.add_criterion("合作与安全", 10)
    assert "权重合计 110" in builder.weights_note.value and len(builder.choices.children) == 5
    builder.editors.children[-1].descriptors["excellent"].value = "分工明确，规范使用器材"
    builder.level_set.value = builder.level_set.options[0][1]  # three levels
    assert list(builder.editors.children[0].descriptors) == ["fail", "pass", "excellent"]
    assert builder.editors.children[-1].descriptors["excellent"].value == "分工明确，规范使用器材"
    builder.aggregation.value = "conjunctive"
    builder.refresh()
    builder.choose({c.name: "pass" for c in builder.rubric().criteria} | {"合作与安全": "fail"})
    builder.score_button.click()
    assert "不合格" in builder.result.value
    yaml_path, xlsx_path, md_path = builder.export()
    assert load_rubric(yaml_path) == builder.rubric() == load_xlsx(xlsx_path)
    assert "合作与安全" in md_path.read_text(encoding="utf-8")
    builder.editors.children[0].remove.click()
    assert len(builder.rubric().criteria) == 4
