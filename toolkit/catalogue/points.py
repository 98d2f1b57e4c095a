"""Load and validate rubrics/points.yaml."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import InputError
from toolkit.i18n import current_language, t
from toolkit.resources import content_dir

SCHEMA_VERSION = 1
_CODE = re.compile(r"^[ABC](?:[1-9]|1[0-3])$")

# Each point's evidence is the nbgrader assignment task_<code> (task_A1 … task_C7), graded at the desk.
TASK_PREFIX = "task_"


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    name_en: str

    def label(self) -> str:
        return self.name_en if current_language() == "en" else self.name


@dataclass(frozen=True)
class Environment:
    code: str
    name: str
    name_en: str
    allows: tuple[str, ...]

    def label(self) -> str:
        return self.name_en if current_language() == "en" else self.name


@dataclass(frozen=True)
class Point:
    code: str
    name: str
    name_en: str
    dimension: Dimension
    environment: str
    aliases: tuple[str, ...] = ()

    def label(self) -> str:
        name = self.name_en if current_language() == "en" else self.name
        return f"{self.code} {name}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "name_en": self.name_en,
            "dimension": self.dimension.name,
            "dimension_id": self.dimension.id,
            "dimension_en": self.dimension.name_en,
            "environment": self.environment,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class Catalogue:
    dimensions: tuple[Dimension, ...]
    environments: tuple[Environment, ...]
    points: tuple[Point, ...]

    def environment(self, code: str) -> Environment:
        for env in self.environments:
            if env.code == code.strip().upper():
                return env
        raise InputError(t("catalogue.bad_environment", value=code))

    def points_for(self, environment: str | None = None) -> list[Point]:
        """The points a school in ``environment`` may choose (all points when ``None``)."""
        if environment is None:
            return list(self.points)
        allowed = set(self.environment(environment).allows)
        return [p for p in self.points if p.environment in allowed]

    def point(self, code_or_name: str) -> Point:
        """Find a point by code, official name or any alias (surrounding space ignored)."""
        key = code_or_name.strip()
        for p in self.points:
            if key.upper() == p.code or key == p.name or key in p.aliases:
                return p
        raise KeyError(code_or_name)


def _fail(file: Path, problem: str) -> InputError:
    return InputError(t("catalogue.invalid", file=file, problem=problem))


def _text(entry: dict[str, Any], field: str, file: Path, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise _fail(file, f"{where}: '{field}' must be non-empty text")
    return value.strip()


def parse_catalogue(data: Any, file: Path) -> Catalogue:
    """Validate parsed YAML ``data`` (from ``file``, for messages) into a Catalogue."""
    if not isinstance(data, dict):
        raise _fail(file, "the top level must be a mapping")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise _fail(
            file,
            f"schema_version is {data.get('schema_version')!r}, this toolkit reads {SCHEMA_VERSION}",
        )
    if data.get("kind") != "point-catalogue":
        raise _fail(file, "kind must be 'point-catalogue'")

    dimensions: dict[str, Dimension] = {}
    for i, entry in enumerate(data.get("dimensions") or [], start=1):
        where = f"dimensions #{i}"
        if not isinstance(entry, dict):
            raise _fail(file, f"{where} must be a mapping")
        dim = Dimension(
            _text(entry, "id", file, where),
            _text(entry, "name", file, where),
            _text(entry, "name_en", file, where),
        )
        if dim.id in dimensions:
            raise _fail(file, f"{where}: dimension id '{dim.id}' is repeated")
        dimensions[dim.id] = dim
    if not dimensions:
        raise _fail(file, "no dimensions are listed")

    environments: list[Environment] = []
    for i, entry in enumerate(data.get("environments") or [], start=1):
        where = f"environments #{i}"
        if not isinstance(entry, dict):
            raise _fail(file, f"{where} must be a mapping")
        allows = entry.get("allows")
        if not isinstance(allows, list) or not all(a in ("A", "B", "C") for a in allows):
            raise _fail(file, f"{where}: 'allows' must list environment codes among A, B, C")
        environments.append(
            Environment(
                _text(entry, "code", file, where),
                _text(entry, "name", file, where),
                _text(entry, "name_en", file, where),
                tuple(allows),
            )
        )
    codes = [env.code for env in environments]
    if sorted(codes) != ["A", "B", "C"]:
        raise _fail(file, f"environments must be exactly A, B and C, found {codes}")

    points: list[Point] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(data.get("points") or [], start=1):
        where = f"points #{i}"
        if not isinstance(entry, dict):
            raise _fail(file, f"{where} must be a mapping")
        code = _text(entry, "code", file, where)
        where = f"points #{i} ({code})"
        if not _CODE.match(code):
            raise _fail(file, f"{where}: code must look like A1…A13, B1…B10 or C1…C7")
        dimension_id = _text(entry, "dimension", file, where)
        if dimension_id not in dimensions:
            raise _fail(file, f"{where}: dimension '{dimension_id}' is not one of {sorted(dimensions)}")
        environment = _text(entry, "environment", file, where)
        if environment != code[0]:
            raise _fail(file, f"{where}: environment '{environment}' does not match the code")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise _fail(file, f"{where}: aliases must be a list of text")
        point = Point(
            code=code,
            name=_text(entry, "name", file, where),
            name_en=_text(entry, "name_en", file, where),
            dimension=dimensions[dimension_id],
            environment=environment,
            aliases=tuple(a.strip() for a in aliases),
        )
        for label in (point.code, point.name, *point.aliases):
            if label in seen:
                raise _fail(file, f"{where}: '{label}' is already used by {seen[label]}")
            seen[label] = code
        points.append(point)
    if not points:
        raise _fail(file, "no points are listed")
    return Catalogue(tuple(dimensions.values()), tuple(environments), tuple(points))


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read and validate the point catalogue (the shipped one unless ``path`` is given)."""
    if path is None:
        return _shipped_catalogue()
    return _read(Path(path))


@functools.cache
def _shipped_catalogue() -> Catalogue:
    return _read(content_dir("rubrics") / "points.yaml")


def _read(file: Path) -> Catalogue:
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(t("table.missing"), file=file) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _fail(file, str(exc).splitlines()[0]) from exc
    return parse_catalogue(data, file)
