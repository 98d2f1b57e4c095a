"""B10 portfolios in words: entry statuses, the growth sentence and the exported summary document."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.classroom.portfolio.model import Portfolio, PortfolioStore, growth_table
from toolkit.classroom.portfolio.report import export_portfolio, growth_summary, timeline_table
from toolkit.i18n import set_language
from toolkit.modules import load_sample

SLIPPING = "202507039"  # 魏明哲: 69, 61, 52, 43, 40 in the sample unit tests


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_the_timeline_names_each_status() -> None:
    folio = Portfolio("s1")
    folio.add("小报", "作品", date="2025-10-01")
    folio.archive(folio.add("草稿", "其他", date="2025-09-01").id)
    assert timeline_table(folio, include_archived=True)["状态"].tolist() == ["已归档", "在用"]
    assert timeline_table(folio)["状态"].tolist() == ["在用"]


def test_the_growth_sentence() -> None:
    units = load_sample("class_7a_units.csv")
    folio = Portfolio(SLIPPING, "魏明哲")
    folio.add("分式方程错题整理", "作业", tags="第3单元、错题")
    summary = growth_summary(growth_table(units, SLIPPING, folio.entries))
    assert "从 69 分到 40 分（下降 29 分）" in summary and "下降的有 4 次" in summary
    assert "比班级平均低 36.9 分" in summary
    assert "没有这位学生" in growth_summary(growth_table(units, "nobody"))
    assert "上升 4 分" in growth_summary(growth_table(units, "202507001"))


def test_export_contains_the_entries_selected_works_reflections_and_growth(tmp_path: Path) -> None:
    store = PortfolioStore(tmp_path / "p")
    folio = store.load(SLIPPING, "魏明哲")
    folio.add("方程应用题", "作业", date="2025-10-08", tags="第2单元", reflection="我总是漏掉单位")
    folio.add("数学小报", "作品", date="2025-11-02", selected=True, comment="版面清楚", link="http://x.cn/b")
    gone = folio.add("旧草稿", "其他", date="2025-09-01")
    folio.archive(gone.id)
    store.save(folio)
    md_path, doc_path = export_portfolio(store, SLIPPING)
    assert md_path == tmp_path / "outputs" / f"B10_portfolio_{SLIPPING}.md" and doc_path.exists()
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("# 魏明哲 成长档案袋小结")
    for expected in ("## 时间线", "方程应用题", "★ 数学小报", "## 精选作品", "### 数学小报", "版面清楚"):
        assert expected in text
    assert "我总是漏掉单位" in text and "## 成长证据：单元测验" in text
    assert "| 第2单元 | 61 | 74.4 | -8 | 方程应用题 |" in text
    assert "旧草稿" not in text and "已归档 1 条" in text
    assert "<table>" in doc_path.read_text(encoding="utf-8")


def test_the_words_follow_the_language() -> None:
    set_language("en")
    folio = Portfolio("s1")
    folio.archive(folio.add("草稿", "其他").id)
    assert timeline_table(folio, include_archived=True)["状态"].tolist() == ["archived"]
    assert growth_summary(growth_table(load_sample("class_7a_units.csv"), "nobody")).startswith("The score")
