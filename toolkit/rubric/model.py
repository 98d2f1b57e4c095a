"""One rubric model for everything the toolkit grades or teaches: criteria × levels.

A rubric has ordered levels (lowest first), each worth some points, and
criteria, each with a weight, an optional descriptor per level, optional
indicator lists per level, and optional evidence (what must be handed in).

A competency-point rubric (DOMAIN.md §2) is written as tasks, each asking for
evidence items; every evidence item becomes one criterion with its task, its
indicator lists for 合格 and 优秀 and the file rule it is handed in under
(formats, size, number of files, video length).

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

import re
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
        "rubric.task": {"zh": "第 {n} 项任务", "en": "task {n}"},
        "rubric.evidence": {"zh": "{task}的第 {n} 项证据", "en": "{task}, evidence {n}"},
        "rubric.tasks_or_criteria": {
            "zh": "量规应写 tasks（任务与证据）或 criteria（评价维度）二者之一",
            "en": "a rubric has either tasks (with evidence) or criteria, exactly one of them",
        },
        "rubric.format": {
            "zh": "{where}的文件格式“{value}”不在可用格式之列（{known}）",
            "en": "{where}: file format '{value}' is not one of {known}",
        },
        "rubric.number": {
            "zh": "{where}的“{field}”应为正数，这里是“{value}”",
            "en": "{where}: '{field}' must be a positive number, found '{value}'",
        },
        "rubric.indicators_missing": {
            "zh": "{where}缺少“{level}”等级的指标：按指标评定时，最低等级以上的每个等级都要有指标",
            "en": "{where} has no indicators for level '{level}': every level above the lowest needs some",
        },
    }
)

SCHEMA_VERSION = 1
AGGREGATIONS = ("weighted", "conjunctive")
# The file kinds evidence may be handed in as (checked by content, not only by name).
FILE_FORMATS = ("docx", "doc", "pdf", "pptx", "xlsx", "csv", "md", "png", "jpg", "mp4", "yaml")


@dataclass(frozen=True)
class FileRule:
    """How an evidence item is handed in: accepted formats, size per file, how many files, video length."""

    formats: tuple[str, ...]
    max_mb: float
    min_files: int = 1
    max_minutes: float | None = None
    min_minutes: float | None = None  # a classroom recording of at least this length (示范案例 15 分钟)
    required: bool = True  # optional evidence that is not handed in is not "missing"


@dataclass(frozen=True)
class Task:
    id: str
    name: str
    description: str = ""


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
    task: str = ""  # the task this evidence item belongs to, in a task rubric
    description: str = ""
    files: FileRule | None = None


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
    tasks: tuple[Task, ...] = ()
    comments: tuple[str, ...] = ()

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def task_criteria(self, task_id: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.task == task_id)

    @property
    def by_indicators(self) -> bool:
        """Whether levels are reached by ticking indicators (rather than chosen directly)."""
        return any(c.indicators for c in self.criteria)

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


@dataclass(frozen=True)
class IndicatorResult:
    """Levels reached by ticking indicators: per criterion (evidence item), per task, and overall."""

    criteria: Mapping[str, Level]
    tasks: Mapping[str, Level]
    level: Level
    missing: tuple[str, ...]  # criteria whose evidence is missing


def grade_by_indicators(
    rubric: Rubric,
    ticked: Mapping[str, set[str] | frozenset[str] | list[str]],
    *,
    missing: set[str] | frozenset[str] = frozenset(),
) -> IndicatorResult:
    """Apply the conjunctive rule (DOMAIN.md §2) to the indicators ticked per criterion.

    Each criterion reaches the highest level whose indicators (and all lower ones)
    are ticked; a criterion in ``missing`` stays at the lowest level, except
    optional evidence, which then simply does not count. A task takes its lowest
    evidence level and the whole takes its lowest task level: any task below 合格
    or any missing evidence gives 不合格, only all-优秀 gives 优秀.
    """
    order = {level.id: index for index, level in enumerate(rubric.levels)}
    counted = [c for c in rubric.criteria if not (c.id in missing and c.files and not c.files.required)]
    levels = {
        c.id: level_from_indicators(
            rubric, c, set(ticked.get(c.id, ())), evidence_complete=c.id not in missing
        )
        for c in counted
    }

    def lowest(items: list[Level]) -> Level:
        return min(items, key=lambda level: order[level.id]) if items else rubric.levels[0]

    tasks = {
        task.id: lowest([levels[c.id] for c in rubric.task_criteria(task.id) if c.id in levels])
        for task in rubric.tasks
        if any(c.id in levels for c in rubric.task_criteria(task.id))
    }
    overall = lowest(list(levels.values()))
    return IndicatorResult(
        criteria=levels,
        tasks=tasks,
        level=overall,
        missing=tuple(c.id for c in counted if c.id in missing),
    )


# ---- reading and validating ----------------------------------------------------------------


# YAML folds a long line with a space, which Chinese text must not have.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def _prose(value: Any) -> str:
    return _CJK_GAP.sub("", str(value or "").strip())


def _fail(file: Path, message: str) -> InputError:
    return InputError(message, file=file)


def _text(entry: Mapping[str, Any], key: str, where: str, file: Path) -> str:
    value = entry.get(key)
    if value is None or not str(value).strip():
        raise _fail(file, t("rubric.field", where=where, field=key))
    return str(value).strip()


def _levels(data: Mapping[str, Any], file: Path) -> tuple[Level, ...]:
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
    return tuple(levels)


def _positive(
    entry: Mapping[str, Any], key: str, where: str, file: Path, default: float | None
) -> float | None:
    value = entry.get(key, default)
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if number <= 0:
        raise _fail(file, t("rubric.number", where=where, field=key, value=value))
    return number


def _file_rule(entry: Mapping[str, Any], where: str, file: Path) -> FileRule:
    formats = entry.get("formats")
    if not isinstance(formats, list) or not formats:
        raise _fail(file, t("rubric.field", where=where, field="formats"))
    for value in formats:
        if str(value).lower() not in FILE_FORMATS:
            raise _fail(file, t("rubric.format", where=where, value=value, known="、".join(FILE_FORMATS)))
    max_mb = _positive(entry, "max_mb", where, file, None)
    if max_mb is None:
        raise _fail(file, t("rubric.field", where=where, field="max_mb"))
    min_files = _positive(entry, "min_files", where, file, 1)
    if min_files != int(min_files):  # type: ignore[arg-type]
        raise _fail(file, t("rubric.number", where=where, field="min_files", value=entry.get("min_files")))
    max_minutes = _positive(entry, "max_minutes", where, file, None)
    min_minutes = _positive(entry, "min_minutes", where, file, None)
    if min_minutes is not None and max_minutes is not None and min_minutes > max_minutes:
        value = entry.get("min_minutes")
        raise _fail(file, t("rubric.number", where=where, field="min_minutes", value=value))
    return FileRule(
        formats=tuple(str(value).lower() for value in formats),
        max_mb=max_mb,
        min_files=int(min_files),  # type: ignore[arg-type]
        max_minutes=max_minutes,
        min_minutes=min_minutes,
        required=entry.get("required", True) is not False,
    )


def _criterion(
    entry: Any, where: str, known: list[str], file: Path, *, task: str = "", with_files: bool = False
) -> Criterion:
    if not isinstance(entry, Mapping):
        raise _fail(file, t("rubric.field", where=where, field="id"))
    weight_value = entry.get("weight", 1)
    try:
        weight = float(weight_value)
    except (TypeError, ValueError):
        weight = -1.0
    if weight <= 0:
        raise _fail(file, t("rubric.weight", where=where, value=weight_value))
    descriptors = {str(k): str(v) for k, v in (entry.get("descriptors") or {}).items()}
    indicators = {str(k): tuple(str(i) for i in v or ()) for k, v in (entry.get("indicators") or {}).items()}
    for level_id in [*descriptors, *indicators]:
        if level_id not in known:
            raise _fail(file, t("rubric.unknown_level", where=where, level=level_id, known="、".join(known)))
    return Criterion(
        _text(entry, "id", where, file),
        _text(entry, "name", where, file),
        weight,
        descriptors,
        indicators,
        evidence=tuple(str(e) for e in entry.get("evidence") or ()) if not with_files else (),
        task=task,
        description=_prose(entry.get("description")),
        files=_file_rule(entry, where, file) if with_files else None,
    )


def _tasks(
    raw_tasks: Any, known: list[str], file: Path
) -> tuple[tuple[Task, ...], list[tuple[str, Criterion]]]:
    if not isinstance(raw_tasks, list) or not raw_tasks:
        raise _fail(file, t("rubric.tasks_or_criteria"))
    tasks: list[Task] = []
    criteria: list[tuple[str, Criterion]] = []
    for n, entry in enumerate(raw_tasks, start=1):
        where = t("rubric.task", n=n)
        if not isinstance(entry, Mapping):
            raise _fail(file, t("rubric.field", where=where, field="id"))
        task = Task(
            _text(entry, "id", where, file),
            _text(entry, "name", where, file),
            _prose(entry.get("description")),
        )
        if any(other.id == task.id for other in tasks):
            raise _fail(file, t("rubric.duplicate", where=where, id=task.id))
        evidence = entry.get("evidence")
        if not isinstance(evidence, list) or not evidence:
            raise _fail(file, t("rubric.field", where=where, field="evidence"))
        for m, item in enumerate(evidence, start=1):
            where_item = t("rubric.evidence", task=task.name, n=m)
            criterion = _criterion(item, where_item, known, file, task=task.id, with_files=True)
            criteria.append((where_item, criterion))
        tasks.append(task)
    return tuple(tasks), criteria


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
    levels = _levels(data, file)
    known = [level.id for level in levels]
    if ("tasks" in data) == ("criteria" in data):
        raise _fail(file, t("rubric.tasks_or_criteria"))
    tasks: tuple[Task, ...] = ()
    if "tasks" in data:
        tasks, criteria = _tasks(data["tasks"], known, file)
    else:
        raw_criteria = data.get("criteria") or []
        if not isinstance(raw_criteria, list) or not raw_criteria:
            raise _fail(file, t("rubric.criteria"))
        criteria = [
            (where, _criterion(entry, where, known, file))
            for n, entry in enumerate(raw_criteria, start=1)
            for where in [t("rubric.criterion", n=n)]
        ]
    seen: set[str] = set()
    for where, criterion in criteria:
        if criterion.id in seen:
            raise _fail(file, t("rubric.duplicate", where=where, id=criterion.id))
        seen.add(criterion.id)
    if tasks or any(c.indicators for _, c in criteria):
        # Ticking indicators decides the level, so a level without indicators would be free.
        for where, criterion in criteria:
            for level in levels[1:]:
                if not criterion.indicators.get(level.id):
                    raise _fail(file, t("rubric.indicators_missing", where=where, level=level.name))
    comments = data.get("comments") or []
    return Rubric(
        id=_text(data, "id", "量规", file),
        title=_text(data, "title", "量规", file),
        levels=levels,
        criteria=tuple(c for _, c in criteria),
        aggregation=aggregation,
        point=str(data.get("point") or ""),
        draft=bool(data.get("draft", False)),
        description=_prose(data.get("description")),
        tasks=tasks,
        comments=tuple(str(c).strip() for c in comments if str(c).strip()),
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
    if rubric.tasks:
        data["tasks"] = [
            {
                "id": task.id,
                "name": task.name,
                **({"description": task.description} if task.description else {}),
                "evidence": [_criterion_dict(c) for c in rubric.task_criteria(task.id)],
            }
            for task in rubric.tasks
        ]
    else:
        data["criteria"] = [_criterion_dict(c) for c in rubric.criteria]
    if rubric.comments:
        data["comments"] = list(rubric.comments)
    return data


def _criterion_dict(c: Criterion) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": c.id, "name": c.name}
    if c.files is None:
        entry["weight"] = c.weight
    if c.description:
        entry["description"] = c.description
    if c.files is not None:
        entry["formats"] = list(c.files.formats)
        entry["max_mb"] = c.files.max_mb
        if c.files.min_files != 1:
            entry["min_files"] = c.files.min_files
        if c.files.max_minutes is not None:
            entry["max_minutes"] = c.files.max_minutes
        if c.files.min_minutes is not None:
            entry["min_minutes"] = c.files.min_minutes
        if not c.files.required:
            entry["required"] = False
    if c.evidence:
        entry["evidence"] = list(c.evidence)
    if c.descriptors:
        entry["descriptors"] = dict(c.descriptors)
    if c.indicators:
        entry["indicators"] = {k: list(v) for k, v in c.indicators.items()}
    return entry
