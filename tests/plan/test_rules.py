"""The seven structural rules of a personal plan, each broken on its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from toolkit.errors import InputError
from toolkit.plan import check_plan, default_rules
from toolkit.plan.rules import RULE_IDS, load_rules, save_rules

RULES = default_rules()


def _entry(code: str, **changes: Any) -> dict[str, Any]:
    entry = {
        "reason": "自测得分低",
        "goal": "在七年级用测验数据调整讲评",
        "activities": "学习模块，上两节实践课",
        "evidence": [item_id for item_id, _ in RULES.evidence[code]],
        "start": "2026-03-01",
        "end": "2026-04-30",
        "online_hours": 4,
        "practice_hours": 4,
    }
    return {**entry, **changes}


def _plan(environment: str = "B", **entries: dict[str, Any]) -> dict[str, Any]:
    points = {"A1": _entry("A1"), "A5": _entry("A5"), "B9": _entry("B9")}
    points.update(entries)
    return {"environment": environment, "points": points}


def _failed(plan: Any) -> dict[str, str]:
    return {r.rule: r.detail for r in check_plan(plan, RULES) if not r.passed}


def test_a_good_plan_passes_every_rule_in_a_fixed_order() -> None:
    results = check_plan(_plan(), RULES)
    assert [r.rule for r in results] == list(RULE_IDS)
    assert all(r.passed for r in results)


def test_exactly_half_practice_is_enough_and_less_is_not() -> None:
    assert _failed(_plan(A1=_entry("A1", online_hours=5, practice_hours=5))) == {}
    failed = _failed(_plan(A1=_entry("A1", online_hours=5.5, practice_hours=4.5)))
    assert (
        list(failed) == ["practice_share"] and "A1 线上 5.5 学时、实践 4.5 学时" in failed["practice_share"]
    )


def test_a_point_with_no_practice_fails_even_with_no_online_hours() -> None:
    assert list(_failed(_plan(A1=_entry("A1", online_hours=0, practice_hours=0)))) == ["practice_share"]


@pytest.mark.parametrize(
    ("change", "rule", "detail"),
    [
        ({"goal": "  "}, "complete", "A1 缺少研修目标"),
        ({"activities": None}, "complete", "A1 缺少研修活动"),
        ({"evidence": ["analysis_plan"]}, "evidence", "A1 未列出：学情分析报告"),
        ({"end": "2026-02-01"}, "timeline", "A1 的日期不完整或先后颠倒"),
        ({"start": "三月"}, "timeline", "A1 的日期不完整或先后颠倒"),
        ({"practice_hours": "many"}, "practice_share", "A1 线上 4 学时、实践 0 学时"),
    ],
)
def test_each_rule_names_the_point_that_breaks_it(change: dict[str, Any], rule: str, detail: str) -> None:
    assert _failed(_plan(A1=_entry("A1", **change))) == {rule: detail}


def test_too_few_points_and_dimensions() -> None:
    plan = {"environment": "B", "points": {"A1": _entry("A1"), "B1": _entry("B1")}}
    failed = _failed(plan)
    assert failed == {"point_count": "现在选了 2 个", "dimension_count": "现在覆盖 1 个维度：学情分析"}


def test_a_point_outside_the_environment_is_named_with_the_environment() -> None:
    failed = _failed(_plan("A"))
    assert failed == {"environment": "多媒体教学环境不能选择：B9"}
    assert _failed({**_plan(), "environment": None}) == {"environment": "还没有选择学校的教学环境"}


@pytest.mark.parametrize("plan", [None, "text", [], {"points": "A1"}, {"points": {"Z9": {}}}])
def test_anything_malformed_fails_without_an_exception(plan: Any) -> None:
    results = check_plan(plan, RULES)
    assert not any(r.passed for r in results if r.rule != "environment")


def test_rules_saved_by_init_read_back_the_same(tmp_path: Path) -> None:
    rules = default_rules(environment="A", scheme="default")
    save_rules(rules, tmp_path / "plan_rules.yaml")
    assert load_rules(tmp_path) == rules


def test_a_damaged_rules_file_names_itself(tmp_path: Path) -> None:
    (tmp_path / "plan_rules.yaml").write_text("min_points: [\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rules(tmp_path)
    assert (
        caught.value.file == str(tmp_path / "plan_rules.yaml")
        and "计划规则文件格式不对" in caught.value.message
    )
