"""The B5 grouping tool driven headless: choose, click 分组, read the status, table and chart, export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.classroom.grouping.model import GROUP
from toolkit.classroom.grouping.widget import GroupingTool
from toolkit.i18n import set_language
from toolkit.modules import load_sample


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def eight() -> pd.DataFrame:
    """Eight students s1…s8 scoring 100, 90, …, 30."""
    return pd.DataFrame(
        {
            "学号": [f"s{n}" for n in range(1, 9)],
            "姓名": list("甲乙丙丁戊己庚辛"),
            "分数": [100, 90, 80, 70, 60, 50, 40, 30],
        }
    )


def test_tool_click_path_groups_draws_and_exports(tmp_path: Path) -> None:
    students = load_sample("class_7a_students.csv")
    tool = GroupingTool(students)
    assert "期中成绩" in tool.score.options and "学号" not in tool.score.options
    assert [value for _, value in tool.balance.options] == [None, "性别", "家中设备"]
    tool.export_button.click()
    assert "请先点击" in tool.status.value and not list(tmp_path.glob("*.csv"))

    tool.score.value = "期中成绩"
    tool.size.value = 4
    tool.balance.value = "性别"
    tool.group_button.click()
    assert tool.groups is not None and tool.groups[GROUP].nunique() == 11
    assert "11 组" in tool.status.value and "3–4 人" in tool.status.value
    assert bytes(tool.chart.value).startswith(b"\x89PNG")
    assert "组长" in tool.table.value and students["姓名"].iloc[0] in tool.table.value
    assert "性别:女" in tool.table.value

    tool.export_button.click()
    exported = pd.read_csv(tmp_path / "B5_groups.csv", encoding="utf-8-sig", dtype={"学号": str})
    assert exported.columns.tolist() == ["组号", "角色", "学号", "姓名", "期中成绩", "名次", "性别"]
    assert len(exported) == 42 and sorted(exported["学号"]) == sorted(students["学号"])
    assert "B5_groups.csv" in tool.status.value


def test_tool_shows_a_blank_score_instead_of_failing() -> None:
    students = eight()
    students["分数"] = students["分数"].astype(float)
    students.loc[2, "分数"] = np.nan  # an empty cell in the spreadsheet
    tool = GroupingTool(students)
    tool.group_button.click()
    assert tool.groups is None
    assert "第 4 行" in tool.status.value and "分数是空的" in tool.status.value
    assert "#c62828" in tool.status.value


def test_tool_without_a_numeric_column_says_so() -> None:
    tool = GroupingTool(eight().drop(columns="分数"))
    tool.group_button.click()
    assert tool.groups is None and "没有可以当作分数的数字列" in tool.status.value


def test_tool_speaks_english_when_asked() -> None:
    set_language("en")
    tool = GroupingTool(eight())
    assert tool.group_button.description == "Make groups"
    tool.group_button.click()
    assert "2 groups" in tool.status.value
