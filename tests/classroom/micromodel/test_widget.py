"""The C7 micro-model builder driven headless: tick, weigh, compute, read the check, export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.micromodel.model import Indicator, MicroModel
from toolkit.classroom.micromodel.widget import MicroModelBuilder
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


def test_export_with_nothing_ticked_asks_to_compute_first(tmp_path: Path) -> None:
    builder = MicroModelBuilder(DATA)
    assert builder.export() is None
    assert "请先点击“计算”" in builder.status.value
    assert not (tmp_path / "outputs" / "C7_micro_model.yaml").exists()
