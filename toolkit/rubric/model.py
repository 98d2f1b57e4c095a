"""One rubric model for everything the toolkit grades or teaches: criteria × levels.

A rubric has ordered levels (lowest first), each worth some points, and
criteria, each with a weight, an optional descriptor per level, optional
indicator lists per level, and optional evidence (what must be handed in).

Two ways to reach an overall result:
- ``weighted``: each criterion gets a level; the score is the weighted share of
  the maximum points, and the overall level is the highest level whose points
  the weighted mean reaches.
- ``conjunctive`` (the 2.0 school-assessment rule): a criterion reaches a level
  only when every indicator of that level and of each lower level holds, and
  the overall level is the lowest criterion level, so one task below 合格 (or
  missing evidence) makes the whole 不合格 and only all-优秀 gives 优秀.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t

add_messages(
    {
        "rubric.schema": {
            "zh": "schema_version 应为 {expected}，这里是 {found}；请按当前版本的量规格式修改",
            "en": "schema_version should be {expected}, found {found}; update the rubric to this format",
        },
        "rubric.kind": {"zh": "kind 应为 rubric", "en": "kind must be 'rubric'"},
        "rubric.field": {
            "zh": "{where}缺少“{field}”或它是空的",
            "en": "{where} lacks '{field}' or it is empty",
        },
        "rubric.levels": {"zh": "至少需要两个等级", "en": "at least two levels are needed"},
        "rubric.criteria": {"zh": "至少需要一个评价维度", "en": "at least one criterion is needed"},
        "rubric.duplicate": {"zh": "{where}的编号“{id}”重复", "en": "{where}: id '{id}' repeats"},
        "rubric.weight": {
            "zh": "{where}的权重“{value}”应为正数",
            "en": "{where}: weight '{value}' must be positive",
        },
        "rubric.points": {
            "zh": "等级的分值应从低到高递增（{where}）",
            "en": "level points must increase from lowest to highest ({where})",
        },
        "rubric.unknown_level": {
            "zh": "{where}用到了未定义的等级“{level}”（已定义：{known}）",
            "en": "{where} uses an undefined level '{level}' (defined: {known})",
        },
        "rubric.aggregation": {
            "zh": "aggregation 应为 weighted 或 conjunctive，这里是“{value}”",
            "en": "aggregation must be weighted or conjunctive, found '{value}'",
        },
        "rubric.unreadable": {"zh": "不是有效的 YAML：{reason}", "en": "not valid YAML: {reason}"},
        "rubric.criterion": {"zh": "第 {n} 个评价维度", "en": "criterion {n}"},
        "rubric.level": {"zh": "第 {n} 个等级", "en": "level {n}"},
        "rubric.unscored": {"zh": "“{name}”还没有评定等级", "en": "'{name}' has no level yet"},
    }
)

SCHEMA_VERSION = 1
AGGREGATIONS = ("weighted", "conjunctive")


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    points: float


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    weight: float = 1.0
    descriptors: Mapping[str, str] = field(default_factory=dict)
    indicators: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubric:
    id: str
    title: str
    levels: tuple[Level, ...]
    criteria: tuple[Criterion, ...]
    aggregation: str = "weighted"
    point: str = ""
    draft: bool = False
    description: str = ""

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.criteria)


@dataclass(frozen=True)
class RubricResult:
    """Per-criterion levels, the weighted mean of level points, that as 0–100, and the overall level."""

    levels: Mapping[str, str]
    mean_points: float
    score: float
    level: Level


def score(rubric: Rubric, chosen: Mapping[str, str]) -> RubricResult:
    """Combine a level per criterion (criterion id → level id) into the rubric's overall result."""
    order = {level.id: index for index, level in enumerate(rubric.levels)}
    for criterion in rubric.criteria:
        if chosen.get(criterion.id) not in order:
            raise ValueError(t("rubric.unscored", name=criterion.name))
    top = rubric.levels[-1].points
    base = rubric.levels[0].points
    mean_points = (
        sum(c.weight * rubric.level(chosen[c.id]).points for c in rubric.criteria) / rubric.total_weight
    )
    percent = round(100 * (mean_points - base) / (top - base), 2)
    if rubric.aggregation == "conjunctive":
        overall = rubric.levels[min(order[chosen[c.id]] for c in rubric.criteria)]
    else:
        overall = [level for level in rubric.levels if level.points <= mean_points + 1e-9][-1]
    return RubricResult(levels=dict(chosen), mean_points=round(mean_points, 2), score=percent, level=overall)


def level_from_indicators(
    rubric: Rubric, criterion: Criterion, ticked: set[str], *, evidence_complete: bool = True
) -> Level:
    """The highest level all of whose indicators (and those of every lower level) are ticked.

    Missing evidence keeps the criterion at the lowest level whatever is ticked.
    """
    reached = rubric.levels[0]
    if not evidence_complete:
        return reached
    for level in rubric.levels[1:]:
        if all(indicator in ticked for indicator in criterion.indicators.get(level.id, ())):
            reached = level
        else:
            break
    return reached


# ---- reading and validating ----------------------------------------------------------------


def _fail(file: Path, message: str) -> InputError:
    return InputError(message, file=file)


def _text(entry: Mapping[str, Any], key: str, where: str, file: Path) -> str:
    value = entry.get(key)
    if value is None or not str(value).strip():
        raise _fail(file, t("rubric.field", where=where, field=key))
    return str(value).strip()


def parse_rubric(data: Any, file: Path) -> Rubric:
    """Validate a rubric mapping (as loaded from YAML); messages name the file and the entry."""
    if not isinstance(data, Mapping):
        raise _fail(file, t("rubric.field", where="量规", field="schema_version"))
    if data.get("schema_version") != SCHEMA_VERSION:
        raise _fail(file, t("rubric.schema", expected=SCHEMA_VERSION, found=data.get("schema_version")))
    if data.get("kind") != "rubric":
        raise _fail(file, t("rubric.kind"))
    aggregation = data.get("aggregation", "weighted")
    if aggregation not in AGGREGATIONS:
        raise _fail(file, t("rubric.aggregation", value=aggregation))
    raw_levels = data.get("levels") or []
    if not isinstance(raw_levels, list) or len(raw_levels) < 2:
        raise _fail(file, t("rubric.levels"))
    levels: list[Level] = []
    for n, entry in enumerate(raw_levels, start=1):
        where = t("rubric.level", n=n)
        if not isinstance(entry, Mapping):
            raise _fail(file, t("rubric.field", where=where, field="id"))
        level_id = _text(entry, "id", where, file)
        if any(level.id == level_id for level in levels):
            raise _fail(file, t("rubric.duplicate", where=where, id=level_id))
        try:
            points = float(entry.get("points", n - 1))
        except (TypeError, ValueError):
            raise _fail(file, t("rubric.points", where=where)) from None
        if levels and points <= levels[-1].points:
            raise _fail(file, t("rubric.points", where=where))
        levels.append(Level(level_id, _text(entry, "name", where, file), points))
    known = [level.id for level in levels]
    raw_criteria = data.get("criteria") or []
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise _fail(file, t("rubric.criteria"))
    criteria: list[Criterion] = []
    for n, entry in enumerate(raw_criteria, start=1):
        where = t("rubric.criterion", n=n)
        if not isinstance(entry, Mapping):
            raise _fail(file, t("rubric.field", where=where, field="id"))
        criterion_id = _text(entry, "id", where, file)
        if any(c.id == criterion_id for c in criteria):
            raise _fail(file, t("rubric.duplicate", where=where, id=criterion_id))
        weight_value = entry.get("weight", 1)
        try:
            weight = float(weight_value)
        except (TypeError, ValueError):
            weight = -1.0
        if weight <= 0:
            raise _fail(file, t("rubric.weight", where=where, value=weight_value))
        descriptors = {str(k): str(v) for k, v in (entry.get("descriptors") or {}).items()}
        indicators = {
            str(k): tuple(str(i) for i in v or ()) for k, v in (entry.get("indicators") or {}).items()
        }
        for level_id in [*descriptors, *indicators]:
            if level_id not in known:
                raise _fail(
                    file, t("rubric.unknown_level", where=where, level=level_id, known="、".join(known))
                )
        evidence = tuple(str(e) for e in entry.get("evidence") or ())
        criteria.append(
            Criterion(
                criterion_id, _text(entry, "name", where, file), weight, descriptors, indicators, evidence
            )
        )
    return Rubric(
        id=_text(data, "id", "量规", file),
        title=_text(data, "title", "量规", file),
        levels=tuple(levels),
        criteria=tuple(criteria),
        aggregation=aggregation,
        point=str(data.get("point") or ""),
        draft=bool(data.get("draft", False)),
        description=str(data.get("description") or ""),
    )


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate a rubric YAML file; bad files raise InputError naming what to fix."""
    file = Path(path)
    if not file.is_file():
        raise InputError(t("table.missing"), file=file)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise _fail(file, t("rubric.unreadable", reason=str(error).splitlines()[0])) from None
    return parse_rubric(data, file)


def rubric_to_dict(rubric: Rubric) -> dict[str, Any]:
    """The rubric as plain data in file order, ready for YAML."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": "rubric",
        "id": rubric.id,
        "title": rubric.title,
    }
    if rubric.point:
        data["point"] = rubric.point
    if rubric.draft:
        data["draft"] = True
    if rubric.description:
        data["description"] = rubric.description
    data["aggregation"] = rubric.aggregation
    data["levels"] = [{"id": lv.id, "name": lv.name, "points": lv.points} for lv in rubric.levels]
    criteria = []
    for c in rubric.criteria:
        entry: dict[str, Any] = {"id": c.id, "name": c.name, "weight": c.weight}
        if c.evidence:
            entry["evidence"] = list(c.evidence)
        if c.descriptors:
            entry["descriptors"] = dict(c.descriptors)
        if c.indicators:
            entry["indicators"] = {k: list(v) for k, v in c.indicators.items()}
        criteria.append(entry)
    data["criteria"] = criteria
    return data
