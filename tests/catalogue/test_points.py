from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import workshop
from toolkit.catalogue import load_catalogue
from toolkit.errors import InputError
from toolkit.resources import content_dir

EXPECTED_CODES = (
    [f"A{i}" for i in range(1, 14)] + [f"B{i}" for i in range(1, 11)] + [f"C{i}" for i in range(1, 8)]
)


def test_catalogue_has_the_30_points_of_domain_md() -> None:
    catalogue = load_catalogue()
    assert [p.code for p in catalogue.points] == EXPECTED_CODES
    assert catalogue.point("A1").name == "技术支持的学情分析"
    assert catalogue.point("C7").name == "创建数据分析微模型"
    counts = Counter(p.dimension.name for p in catalogue.points)
    assert counts == {"学情分析": 2, "教学设计": 7, "学法指导": 14, "学业评价": 7}


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("公共管理技术资源", "B8"),
        ("支持学生创造性表达与展示", "C4"),
        ("基于数据的个别化辅导", "C5"),
        ("自评与互评活动的设计与组织", "B9"),
        ("技术与支持的方法指导", "A8"),
        (" a13 ", "A13"),
    ],
)
def test_variant_spellings_resolve_to_their_point(alias: str, code: str) -> None:
    assert load_catalogue().point(alias).code == code


@pytest.mark.parametrize(("environment", "count"), [("A", 13), ("B", 23), ("C", 30)])
def test_points_json_filtered_by_environment(environment: str, count: int) -> None:
    result = workshop("points", "--environment", environment, "--json")
    assert result.returncode == 0, result.stderr
    points = json.loads(result.stdout)
    assert len(points) == count
    assert [p["code"] for p in points] == EXPECTED_CODES[:count]


def test_points_json_lists_name_dimension_and_environment() -> None:
    result = workshop("points", "--json")
    points = {p["code"]: p for p in json.loads(result.stdout)}
    assert len(points) == 30
    assert points["B5"]["name"] == "学习小组组织与管理"
    assert points["B5"]["dimension"] == "学法指导"
    assert points["B5"]["environment"] == "B"
    assert points["A11"]["dimension"] == "学业评价"


def test_points_text_in_english() -> None:
    result = workshop("--lang", "en", "points", "--environment", "A")
    assert result.returncode == 0
    assert "13 micro-competency points" in result.stdout
    assert "A4 managing digital resources" in result.stdout


def _shipped() -> dict:
    return yaml.safe_load((content_dir("rubrics") / "points.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(schema_version=99), "schema_version is 99"),
        (lambda d: d["points"][4].update(dimension="learning"), "points #5 (A5): dimension 'learning'"),
        (lambda d: d["points"][13].update(environment="A"), "points #14 (B1): environment 'A'"),
        (lambda d: d["points"][1].update(name="技术支持的学情分析"), "already used by A1"),
        (lambda d: d["points"][2].pop("name"), "points #3 (A3): 'name' must be non-empty text"),
    ],
)
def test_a_broken_catalogue_is_refused_with_an_actionable_message(
    tmp_path: Path, mutate, expected: str
) -> None:
    data = _shipped()
    mutate(data)
    path = tmp_path / "points.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)
