"""Programme schemes: a region's rules as a validated file in rubrics/schemes/, never as code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.resources import content_dir

add_messages(
    {
        "scheme.unknown": {
            "zh": "没有名为“{name}”的规则方案（可用：{known}）",
            "en": "no scheme named '{name}' (available: {known})",
        },
        "scheme.schema": {
            "zh": "schema_version 应为 {expected}，kind 应为 scheme",
            "en": "schema_version must be {expected} and kind must be 'scheme'",
        },
        "scheme.value": {
            "zh": "“{field}”应为 {low} 到 {high} 之间的数，这里是“{value}”",
            "en": "'{field}' must be a number from {low} to {high}, found '{value}'",
        },
        "scheme.unreadable": {"zh": "不是有效的 YAML：{reason}", "en": "not valid YAML: {reason}"},
    }
)

SCHEMA_VERSION = 1
DEFAULT_SCHEME = "default"


@dataclass(frozen=True)
class SelectionRule:
    """How many points a personal plan chooses, over how many dimensions, and its practice share."""

    min_points: int = 3
    min_dimensions: int = 3
    min_practice_share: float = 0.5


@dataclass(frozen=True)
class Scheme:
    id: str
    name: str
    selection: SelectionRule


def schemes_dir() -> Path:
    return content_dir("rubrics") / "schemes"


def available_schemes() -> list[str]:
    return sorted(path.stem for path in schemes_dir().glob("*.yaml"))


def _number(
    section: Mapping[str, Any], key: str, low: float, high: float, file: Path, default: float
) -> float:
    value = section.get(key, default)
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not low <= number <= high:
        raise InputError(t("scheme.value", field=key, low=low, high=high, value=value), file=file)
    return number


def parse_scheme(data: Any, file: Path) -> Scheme:
    if (
        not isinstance(data, Mapping)
        or data.get("schema_version") != SCHEMA_VERSION
        or data.get("kind") != "scheme"
    ):
        raise InputError(t("scheme.schema", expected=SCHEMA_VERSION), file=file)
    selection = data.get("selection") or {}
    plan = data.get("plan") or {}
    defaults = SelectionRule()
    rule = SelectionRule(
        min_points=int(_number(selection, "min_points", 1, 30, file, defaults.min_points)),
        min_dimensions=int(_number(selection, "min_dimensions", 1, 4, file, defaults.min_dimensions)),
        min_practice_share=_number(plan, "min_practice_share", 0, 1, file, defaults.min_practice_share),
    )
    return Scheme(
        id=str(data.get("id") or file.stem), name=str(data.get("name") or file.stem), selection=rule
    )


def load_scheme(name: str = DEFAULT_SCHEME) -> Scheme:
    """The shipped scheme ``name``; an unknown name is bad input naming the ones there are."""
    file = schemes_dir() / f"{name}.yaml"
    if not file.is_file():
        raise InputError(t("scheme.unknown", name=name, known="、".join(available_schemes())))
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(t("scheme.unreadable", reason=str(error).splitlines()[0]), file=file) from None
    return parse_scheme(data, file)
