"""Schemes are data: shipped files load, and a malformed one is refused with a message to act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import InputError
from toolkit.scheme import SelectionRule, available_schemes, load_scheme, parse_scheme


def test_the_default_scheme_holds_the_domain_defaults() -> None:
    scheme = load_scheme()
    assert scheme.id == "default" and scheme.selection == SelectionRule(3, 3, 0.5)
    assert "default" in available_schemes()


def test_an_unknown_scheme_names_the_ones_there_are() -> None:
    with pytest.raises(InputError) as caught:
        load_scheme("atlantis")
    assert "atlantis" in caught.value.message and "default" in caught.value.message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"schema_version": 2, "kind": "scheme"}, "schema_version 应为 1"),
        ({"schema_version": 1, "kind": "rubric"}, "kind 应为 scheme"),
        (
            {"schema_version": 1, "kind": "scheme", "selection": {"min_points": 0}},
            "“selection.min_points”应为 1 到 30",
        ),
        ({"schema_version": 1, "kind": "scheme", "selection": {"min_dimensions": "三"}}, "这里是“三”"),
        ({"schema_version": 1, "kind": "scheme", "plan": {"min_practice_share": 1.5}}, "min_practice_share"),
        (
            {
                "schema_version": 1,
                "kind": "scheme",
                "hours": {"target": 60, "categories": {"网络": {"min": 30}}},
            },
            "“hours.categories”应为 online（线上）或 practice（实践），这里是“网络”",
        ),
        (
            {
                "schema_version": 1,
                "kind": "scheme",
                "hours": {"target": 60, "categories": {"online": {"name": "网络研修", "min": 61}}},
            },
            "“hours.categories.online.min”应为 0 到 60",
        ),
        (
            {"schema_version": 1, "kind": "scheme", "hours": {"target": 60, "minutes_per_hour": 0}},
            "“hours.minutes_per_hour”应为 1 到 600",
        ),
        (
            {
                "schema_version": 1,
                "kind": "scheme",
                "credits": {"target": 20, "per_point": 5, "points": {"D1": 3}},
            },
            "“credits.points”中的“D1”不是能力点编号",
        ),
        (
            {"schema_version": 1, "kind": "scheme", "credits": {"target": 20}},
            "缺少“credits.per_point”",
        ),
        (
            {
                "schema_version": 1,
                "kind": "scheme",
                "credits": {"target": 20, "per_point": 5, "levels": ["及格"]},
            },
            "“credits.levels”应为评定等级的列表",
        ),
    ],
)
def test_a_malformed_scheme_is_refused_naming_the_file_and_field(data: object, words: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_scheme(data, Path("rubrics/schemes/ours.yaml"))
    assert words in caught.value.message and caught.value.file == "rubrics/schemes/ours.yaml"


def _hefei() -> dict:
    import yaml

    from toolkit.scheme import scheme_file

    return yaml.safe_load(scheme_file("hefei-2021").read_text(encoding="utf-8"))


def test_every_shipped_scheme_loads() -> None:
    assert {"default", "guangdong-2021", "hefei-2021", "national"} <= set(available_schemes())
    for name in available_schemes():
        assert load_scheme(name).id == name


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["activities"][0].update(hours="two"), "固定学时数或 ledger"),
        (lambda d: d["activities"][1].update(aliases=["self-test"]), "“self-test”出现了不止一次"),
        (lambda d: d["activities"][2].update(category="offline"), "online（线上）或 practice"),
        (
            lambda d: d["roles"]["teacher"]["items"][0].update(activity="tea_party"),
            "“tea_party”没有在 activities",
        ),
        (lambda d: d["roles"]["teacher"]["items"][2].update(each=5), "必须且只能用一种计分方式"),
        (lambda d: d["roles"]["teacher"]["items"][2].pop("max"), "缺少“roles.teacher.items #3.max”"),
        (lambda d: d["roles"].update(visitor={"name": "访客", "items": []}), "角色“visitor”没有定义"),
        (lambda d: d["roles"]["teacher"]["items"].append(d["roles"]["admin"]["items"][3]), "不能再按合格率"),
        (lambda d: d.pop("pass_rate"), "没有 pass_rate 一节"),
        (lambda d: d["roles"]["admin"]["items"][3].update(max=12), "应等于 pass_rate 最高一档"),
        (lambda d: d["pass_rate"]["tiers"][0].update({"from": 95}), "pass_rate.tiers #1.from"),
    ],
)
def test_a_broken_regional_scheme_names_the_field_to_fix(change, words: str) -> None:  # noqa: ANN001
    data = _hefei()
    change(data)
    with pytest.raises(InputError) as caught:
        parse_scheme(data, Path("ours.yaml"))
    assert words in caught.value.message and caught.value.file == "ours.yaml"


def test_a_course_or_a_path_can_supply_its_own_scheme(tmp_path: Path) -> None:
    import yaml

    data = _hefei()
    data["id"] = "anhui-2022"
    data["roles"]["teacher"]["pass_share"] = 0.5
    own = tmp_path / "course" / "rubrics" / "schemes" / "anhui-2022.yaml"
    own.parent.mkdir(parents=True)
    own.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_scheme("anhui-2022", course_dir=tmp_path / "course").roles["teacher"].pass_mark == 35
    assert load_scheme(str(own)).id == "anhui-2022"
    with pytest.raises(InputError):
        load_scheme("anhui-2022")
