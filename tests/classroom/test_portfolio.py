"""B10 portfolios: entries added, edited, archived (never deleted), damaged files set aside, growth, export"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import upload
from toolkit.classroom.portfolio import (
    ARCHIVED,
    Portfolio,
    PortfolioBuilder,
    PortfolioStore,
    growth_summary,
    growth_table,
    normalise_date,
    split_tags,
)
from toolkit.modules import load_sample

SLIPPING = "202507039"  # 魏明哲: 69, 61, 52, 43, 40 in the sample unit tests


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_add_edit_archive_and_reload(tmp_path: Path) -> None:
    store = PortfolioStore(tmp_path / "p")
    folio = store.load("202507001", "蔡皓")
    assert folio.name == "蔡皓" and len(folio) == 0
    first = folio.add(
        "一元一次方程应用题", "作业", date="2025-10-08", tags="第2单元、方程", reflection="会设未知数了"
    )
    second = folio.add(
        "单元小结思维导图", "作品", date=dt.date(2025, 9, 20), selected=True, link="http://x.cn/a"
    )
    third = folio.add("第三单元测验订正", "测验", date="2025/11/3", comment="订正认真")
    assert [first.id, second.id, third.id] == ["e001", "e002", "e003"]
    assert third.date == "2025-11-03" and first.tags == ("第2单元", "方程")
    edited = folio.edit("e001", title="方程应用题（行程问题）", tags=["第2单元", "行程"])
    assert edited.title == "方程应用题（行程问题）" and edited.created == first.created
    folio.archive("e002")
    store.save(folio)
    again = store.load("202507001")
    assert len(again) == 3, "archiving never deletes"
    assert again.entry("e002").status == ARCHIVED and again.entry("e002").title == "单元小结思维导图"
    assert [e.id for e in again.active] == ["e001", "e003"]  # by date
    assert again.timeline()["编号"].tolist() == ["e001", "e003"]
    assert again.timeline(include_archived=True)["编号"].tolist() == ["e002", "e001", "e003"]
    assert again.timeline(include_archived=True)["状态"].tolist() == ["已归档", "在用", "在用"]
    again.restore("e002")
    assert [e.id for e in again.active] == ["e002", "e001", "e003"]
    assert again.add("又一条", "反思").id == "e004"
    data = json.loads((tmp_path / "p" / "202507001.json").read_text(encoding="utf-8"))
    assert data["student_id"] == "202507001" and len(data["entries"]) == 3
    assert store.students() == ["202507001"]


def test_bad_values_are_refused(tmp_path: Path) -> None:
    folio = Portfolio("s1")
    with pytest.raises(ValueError, match="标题"):
        folio.add("  ", "作业")
    with pytest.raises(ValueError, match="类型"):
        folio.add("小报", "海报")
    with pytest.raises(ValueError, match="年-月-日"):
        folio.add("小报", "作品", date="2025-13-01")
    entry = folio.add("小报", "作品", date="2025-10-01")
    with pytest.raises(ValueError):
        folio.edit(entry.id, status=ARCHIVED)
    with pytest.raises(KeyError):
        folio.archive("e999")
    with pytest.raises(ValueError):
        Portfolio(" ")
    assert normalise_date("2025年9月5日") == "2025-09-05"
    assert split_tags("第2单元, 方程；小组 方程") == ("第2单元", "方程", "小组")


def test_a_damaged_file_is_set_aside_and_reported(tmp_path: Path) -> None:
    store = PortfolioStore(tmp_path)
    (tmp_path / "s1.json").write_text('{"kind": "portfolio", "entries": [', encoding="utf-8")
    folio = store.load("s1", "王一")
    assert len(folio) == 0 and folio.name == "王一"
    backups = list(tmp_path.glob("s1.damaged-*.json"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == '{"kind": "portfolio", "entries": ['
    assert "已损坏" in store.notices[0] and backups[0].name in store.notices[0]
    folio.add("新的开始", "反思")
    store.save(folio)
    assert store.load("s1").entries[0].title == "新的开始"
    assert store.students() == ["s1"]


def test_attached_files_are_copied_and_never_overwritten(tmp_path: Path) -> None:
    store = PortfolioStore(tmp_path)
    first = store.attach("s1", "../作业 1.jpg", b"one")
    second = store.attach("s1", "作业 1.jpg", b"two")
    assert first == "files/s1/作业_1.jpg" and second == "files/s1/作业_1-2.jpg"
    assert (tmp_path / first).read_bytes() == b"one" and (tmp_path / second).read_bytes() == b"two"


def test_growth_combines_unit_scores_with_entries() -> None:
    units = load_sample("class_7a_units.csv")
    folio = Portfolio(SLIPPING, "魏明哲")
    folio.add("第三单元测验订正", "测验", tags="订正")
    folio.add("分式方程错题整理", "作业", tags="第3单元、错题")
    folio.add("第5单元学习反思", "反思")
    hidden = folio.add("第1单元小报", "作品")
    folio.archive(hidden.id)
    table = growth_table(units, SLIPPING, folio.entries)
    assert table["单元"].tolist() == ["第1单元", "第2单元", "第3单元", "第4单元", "第5单元"]
    assert table["得分"].tolist() == [69, 61, 52, 43, 40]
    assert table["班级平均"].tolist() == [73.3, 74.4, 74.0, 74.9, 76.9]
    assert table["比上一单元"].tolist()[1:] == [-8, -9, -9, -3]
    assert table["相关档案"].tolist() == ["", "", "第三单元测验订正；分式方程错题整理", "", "第5单元学习反思"]
    summary = growth_summary(table)
    assert "从 69 分到 40 分（下降 29 分）" in summary and "下降的有 4 次" in summary
    assert "比班级平均低 36.9 分" in summary
    assert growth_table(units, "nobody").empty
    assert "没有这位学生" in growth_summary(growth_table(units, "nobody"))


def test_export_contains_the_entries_selected_works_reflections_and_growth(tmp_path: Path) -> None:
    store = PortfolioStore(tmp_path / "p")
    folio = store.load(SLIPPING, "魏明哲")
    folio.add("方程应用题", "作业", date="2025-10-08", tags="第2单元", reflection="我总是漏掉单位")
    folio.add("数学小报", "作品", date="2025-11-02", selected=True, comment="版面清楚", link="http://x.cn/b")
    gone = folio.add("旧草稿", "其他", date="2025-09-01")
    folio.archive(gone.id)
    store.save(folio)
    md_path, doc_path = store.export_markdown(SLIPPING)
    assert md_path == tmp_path / "outputs" / f"B10_portfolio_{SLIPPING}.md" and doc_path.exists()
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("# 魏明哲 成长档案袋小结")
    for expected in ("## 时间线", "方程应用题", "★ 数学小报", "## 精选作品", "### 数学小报", "版面清楚"):
        assert expected in text
    assert "我总是漏掉单位" in text and "## 成长证据：单元测验" in text
    assert "| 第2单元 | 61 | 74.4 | -8 | 方程应用题 |" in text
    assert "旧草稿" not in text and "已归档 1 条" in text
    assert "<table>" in doc_path.read_text(encoding="utf-8")


# ---- the widget ----------------------------------------------------------------------------------


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
    assert "已损坏" in widget.message.value
    assert len(list(folder.glob("s2.damaged-*.json"))) == 1
