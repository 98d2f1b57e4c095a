"""The B10 portfolio builder driven headless: record, edit, archive, restore, export, damaged files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import upload
from toolkit.classroom.portfolio.widget import PortfolioBuilder

SLIPPING = "202507039"  # 魏明哲: 69, 61, 52, 43, 40 in the sample unit tests


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_builder_click_path(tmp_path: Path) -> None:
    widget = PortfolioBuilder()
    assert widget.store.folder == tmp_path / "outputs" / "portfolios"
    assert widget.student.value == "202507001" and len(widget.student.options) == 42
    assert "还没有条目" in widget.timeline_table.value
    assert bytes(widget.chart.value).startswith(b"\x89PNG")
    assert "从 69 分到 73 分" in widget.growth_note.value
    widget.save_button.click()
    assert "标题" in widget.message.value and len(widget.portfolio) == 0
    widget.fields["date"].value = dt.date(2025, 10, 8)
    widget.fields["title"].value = "第2单元 方程应用题"
    widget.fields["kind"].value = "作业"
    widget.fields["tags"].value = "方程、应用题"
    widget.fields["reflection"].value = "先画线段图再列方程"
    widget.fields["selected"].value = True
    widget.upload.value = upload("作业照片.jpg", b"jpeg bytes")
    widget.save_button.click()
    assert "e001" in widget.message.value and widget.fields["title"].value == ""
    entry = widget.portfolio.entry("e001")
    assert entry.file == "files/202507001/作业照片.jpg"
    assert (widget.store.folder / entry.file).read_bytes() == b"jpeg bytes"
    assert "第2单元 方程应用题" in widget.timeline_table.value
    assert "第2单元 方程应用题" in widget.growth_table.value
    # Edit through the form: pick, load, change, save.
    widget.entry_pick.value = "e001"
    widget.load_button.click()
    assert widget.fields["title"].value == "第2单元 方程应用题" and widget.editing == "e001"
    widget.fields["comment"].value = "思路清楚"
    widget.save_button.click()
    assert widget.portfolio.entry("e001").comment == "思路清楚" and len(widget.portfolio) == 1
    assert widget.portfolio.entry("e001").file == entry.file, "editing keeps the attached file"
    # Archive, then show archived, then restore.
    widget.fields["title"].value = "单元反思"
    widget.fields["kind"].value = "反思"
    widget.save_button.click()
    widget.entry_pick.value = "e002"
    widget.archive_button.click()
    assert "已归档" in widget.timeline_table.value and "单元反思</td>" not in widget.timeline_table.value
    widget.show_archived.value = True
    assert "单元反思</td>" in widget.timeline_table.value
    widget.entry_pick.value = "e002"
    widget.restore_button.click()
    assert widget.portfolio.entry("e002").status == "active"
    widget.export_button.click()
    text = (tmp_path / "outputs" / "B10_portfolio_202507001.md").read_text(encoding="utf-8")
    assert "第2单元 方程应用题" in text and "思路清楚" in text and "先画线段图再列方程" in text
    assert "B10_portfolio_202507001.md" in widget.export_message.value
    # Another student starts empty; coming back finds the saved entries (also in a new widget).
    widget.student.value = SLIPPING
    assert len(widget.portfolio) == 0 and "从 69 分到 40 分" in widget.growth_note.value
    widget.student.value = "202507001"
    assert len(widget.portfolio) == 2
    assert len(PortfolioBuilder().portfolio) == 2


def test_builder_with_own_folder_roster_and_a_damaged_file(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "s2.json").write_text("not json", encoding="utf-8")
    roster = pd.DataFrame({"学号": ["s1", "s2"], "姓名": ["王一", "李二"]})
    widget = PortfolioBuilder(folder, roster)
    assert "无法" not in widget.message.value and widget.growth_table.value == ""
    assert "没有这位学生" in widget.growth_note.value
    widget.student.value = "s2"
    backups = list(folder.glob("s2.damaged-*.json"))
    assert len(backups) == 1
    assert "已损坏" in widget.message.value and backups[0].name in widget.message.value
    assert widget.store.damaged == []  # reported once
