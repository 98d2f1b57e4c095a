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
        ({"schema_version": 1, "kind": "scheme", "selection": {"min_points": 0}}, "“min_points”应为 1 到 30"),
        ({"schema_version": 1, "kind": "scheme", "selection": {"min_dimensions": "三"}}, "这里是“三”"),
        ({"schema_version": 1, "kind": "scheme", "plan": {"min_practice_share": 1.5}}, "min_practice_share"),
    ],
)
def test_a_malformed_scheme_is_refused_naming_the_file_and_field(data: object, words: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_scheme(data, Path("rubrics/schemes/ours.yaml"))
    assert words in caught.value.message and caught.value.file == "rubrics/schemes/ours.yaml"
