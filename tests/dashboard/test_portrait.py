"""The teacher portrait on the hand-made cohort: dimension shares, strengths, gaps and modules."""

from __future__ import annotations

import math

import pytest

from toolkit.dashboard.data import DashboardData
from toolkit.dashboard.portrait import portrait_html
from toolkit.dashboard.profile import PortraitBook, module_files
from toolkit.dashboard.radar import Series, radar_svg


def test_dimensions_come_from_the_self_test_and_the_graded_evidence(small: DashboardData) -> None:
    portrait = PortraitBook(small).portrait("T1")
    dims = portrait.dimensions.set_index("label")
    # T1 scored 4/4 (A1), 3/3 (A2), 1/2 (A5), 0/1 (A11); A1's evidence was rated 不合格.
    assert dims["self_test"].tolist() == [1.0, 1.0, 0.5, 0.0]
    assert dims.loc["学情分析", "evidence"] == 0.0
    assert all(math.isnan(v) for v in dims["evidence"].iloc[1:])
    # Cohort mean of the active teachers T1 and T2 (T4 has left): (4+1)/8, (3+0)/6, (1+2)/4, (0+1)/2.
    assert dims["cohort"].tolist() == [pytest.approx(0.625), 0.5, 0.75, 0.5]


def test_strengths_gaps_and_modules(small: DashboardData) -> None:
    portrait = PortraitBook(small).portrait("T1")
    assert portrait.strengths == [
        "A1 技术支持的学情分析（自测 100%）",
        "A2 数字教育资源获取与评价（自测 100%）",
    ]
    assert portrait.gaps == [
        "A1 技术支持的学情分析（证据评定不合格）",
        "A11 评价量规设计与应用（自测 0%）",
        "A5 技术支持的课堂导入（自测 50%）",
    ]
    files = module_files()
    assert portrait.modules == [
        f"A1 技术支持的学情分析 · 课程模块 {files['A1']}",
        f"A11 评价量规设计与应用 · 课程模块 {files['A11']}",
        f"A5 技术支持的课堂导入 · 课程模块 {files['A5']}",
    ]
    assert files["A1"] == "A1_learner_analysis.ipynb" and len(files) == 30
    assert PortraitBook(small).portrait("T2").to_grade == ["task_A1"]


def test_a_teacher_without_a_self_test_is_told_to_take_it(small: DashboardData) -> None:
    portrait = PortraitBook(small).portrait("T3")
    assert portrait.modules == [] and portrait.strengths == [] and "self_test" in portrait.advice
    assert portrait.dimensions["self_test"].isna().all()


def test_the_environment_limits_what_is_recommended(small: DashboardData) -> None:
    multimedia = type(small)(
        small.course, small.scheme, "A", small.hours, small.assessment, small.items, small.levels
    )
    assert all(module.startswith("A") for module in PortraitBook(multimedia).portrait("T2").modules)
    # T2 is weak on A2 (0/3); a B or C point would be left out in environment A.
    assert PortraitBook(multimedia).portrait("T2").modules[0].startswith("A2 ")


def test_the_card_and_radar_show_chinese_text(small: DashboardData) -> None:
    card = portrait_html(PortraitBook(small).portrait("T2"), links=True)
    assert "T2 · 乙 · 一中 · 语文组 · 语文 · 教师" in card
    assert "<svg" in card and "学情分析" in card and "推荐学习的模块" in card
    assert "desk.ipynb?assignment=task_A1&amp;teacher=T2" in card
    assert "desk.ipynb" not in portrait_html(PortraitBook(small).portrait("T2"), links=False)


def test_the_radar_never_draws_a_missing_figure_as_zero() -> None:
    whole = radar_svg(["甲", "乙", "丙", "丁"], [Series("自测", [1, 0.5, 0.5, 0], "#111")])
    partial = radar_svg(["甲", "乙", "丙", "丁"], [Series("证据", [1, None, None, None], "#222")])
    assert whole.count("fill='#111' fill-opacity") == 1 and whole.count("<circle") == 4
    assert "fill='#222' fill-opacity" not in partial and partial.count("<circle") == 1
    assert "<text" in partial and "证据" in partial
