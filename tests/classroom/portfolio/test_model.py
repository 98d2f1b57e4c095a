"""B10 portfolios: entries added, edited, archived (never deleted), damaged files set aside, growth."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from toolkit.classroom.portfolio.model import (
    ARCHIVED,
    Growth,
    Portfolio,
    PortfolioStore,
    SetAside,
    growth_figures,
    growth_table,
    normalise_date,
    numbered_unit_columns,
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
    assert again.timeline(include_archived=True)["状态"].tolist() == ["archived", "active", "active"]
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


def test_a_damaged_file_is_set_aside_and_listed(tmp_path: Path) -> None:
    store = PortfolioStore(tmp_path)
    (tmp_path / "s1.json").write_text('{"kind": "portfolio", "entries": [', encoding="utf-8")
    folio = store.load("s1", "王一")
    assert len(folio) == 0 and folio.name == "王一"
    backups = list(tmp_path.glob("s1.damaged-*.json"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == '{"kind": "portfolio", "entries": ['
    assert store.damaged == [SetAside(tmp_path / "s1.json", backups[0])]
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
    growth = growth_figures(table)
    assert growth == Growth(units=5, first=69, last=40, drops=4, above_mean=-36.9)
    assert growth.change == -29
    assert growth_table(units, "nobody").empty
    assert growth_figures(growth_table(units, "nobody")) is None


def test_entries_name_the_units_they_are_about() -> None:
    folio = Portfolio("s1")
    entry = folio.add("第十二单元 小结", "反思", tags="第3单元、第一单元")
    assert entry.units() == {12, 3, 1}
    units = load_sample("class_7a_units.csv").assign(备注="")
    assert numbered_unit_columns(units) == ["第1单元", "第2单元", "第3单元", "第4单元", "第5单元"]


def test_the_store_defaults_to_the_sample_unit_tests(tmp_path: Path) -> None:
    store = PortfolioStore(tmp_path)
    assert store.growth(SLIPPING)["得分"].tolist() == [69, 61, 52, 43, 40]
    assert len(store.units) == 42
