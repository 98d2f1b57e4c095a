"""A school's own classroom evaluation standard (课堂教学评价标准, seed 004) as a validated file:
its criteria with weights and the parties (teacher, peers, students, parents) that rate each."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.resources import content_dir
from toolkit.tables import normalise_label

add_messages(
    {
        "lesson.standard_schema": {
            "zh": "schema_version 应为 {expected}，kind 应为 lesson-standard",
            "en": "schema_version must be {expected} and kind must be 'lesson-standard'",
        },
        "lesson.standard_field": {"zh": "“{field}”{problem}", "en": "'{field}': {problem}"},
        "lesson.standard_unknown": {
            "zh": "没有名为“{name}”的评价标准（可用：{known}）",
            "en": "no evaluation standard named '{name}' (available: {known})",
        },
        "lesson.problem.missing": {"zh": "缺少或为空", "en": "is missing or empty"},
        "lesson.problem.scale": {
            "zh": "应为整数，且 min 小于 max",
            "en": "must be whole numbers, min below max",
        },
        "lesson.problem.weight": {"zh": "应为 0 到 1 之间的数", "en": "must be a number from 0 to 1"},
        "lesson.problem.weights": {
            "zh": "各指标权重之和应为 1，这里是 {total:g}",
            "en": "weights must add up to 1, not {total:g}",
        },
        "lesson.problem.party": {
            "zh": "中的“{value}”不是已定义的评价方（{known}）",
            "en": "'{value}' is not a defined party ({known})",
        },
        "lesson.problem.duplicate": {"zh": "中的“{value}”重复", "en": "repeats '{value}'"},
        "lesson.problem.unreadable": {"zh": "不是有效的 YAML：{reason}", "en": "is not valid YAML: {reason}"},
    }
)

SCHEMA_VERSION = 1
DEFAULT_STANDARD = "smart-classroom"
PARTY_ORDER = ("teacher", "peer", "student", "parent")


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.name, self.id, *self.aliases)


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    text: str
    weight: float
    parties: tuple[str, ...]
    parent_text: str = ""  # the same criterion as a parent can judge it

    def wording(self, party: str) -> str:
        return self.parent_text if party == "parent" and self.parent_text else self.text


@dataclass(frozen=True)
class LessonStandard:
    id: str
    name: str
    low: int
    high: int
    labels: dict[int, str]
    parties: dict[str, Party]
    criteria: tuple[Criterion, ...]
    file: Path

    def party(self, value: str) -> Party | None:
        wanted = normalise_label(value)
        return next(
            (p for p in self.parties.values() if wanted in {normalise_label(s) for s in p.spellings()}), None
        )

    def rated_by(self, party: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if party in c.parties)


def _fail(file: Path, field: str, problem: str, **values: Any) -> InputError:
    return InputError(
        t("lesson.standard_field", field=field, problem=t(f"lesson.problem.{problem}", **values)), file=file
    )


def parse_standard(data: Any, file: Path) -> LessonStandard:
    """A validated standard; every complaint names the file and the field to fix."""
    if (
        not isinstance(data, Mapping)
        or data.get("schema_version") != SCHEMA_VERSION
        or data.get("kind") != "lesson-standard"
    ):
        raise InputError(t("lesson.standard_schema", expected=SCHEMA_VERSION), file=file)
    scale = data.get("scale")
    if not isinstance(scale, Mapping):
        raise _fail(file, "scale", "scale")
    low, high = scale.get("min"), scale.get("max")
    if not (isinstance(low, int) and isinstance(high, int)) or isinstance(low, bool) or low >= high:
        raise _fail(file, "scale", "scale")
    labels = {int(k): str(v) for k, v in (scale.get("labels") or {}).items()}
    parties: dict[str, Party] = {}
    for party_id, entry in (data.get("parties") or {}).items():
        if not isinstance(entry, Mapping) or not str(entry.get("name") or "").strip():
            raise _fail(file, f"parties.{party_id}.name", "missing")
        parties[str(party_id)] = Party(
            str(party_id), str(entry["name"]), tuple(str(a) for a in entry.get("aliases") or ())
        )
    if not parties:
        raise _fail(file, "parties", "missing")
    criteria = []
    for number, entry in enumerate(data.get("criteria") or [], start=1):
        where = f"criteria #{number}"
        if not isinstance(entry, Mapping):
            raise _fail(file, where, "missing")
        for key in ("id", "name", "text"):
            if not str(entry.get(key) or "").strip():
                raise _fail(file, f"{where}.{key}", "missing")
        weight = entry.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 1:
            raise _fail(file, f"{where}.weight", "weight")
        rated = entry.get("parties") or []
        for party in rated:
            if party not in parties:
                raise _fail(file, f"{where}.parties", "party", value=party, known="、".join(parties))
        if not rated:
            raise _fail(file, f"{where}.parties", "missing")
        criteria.append(
            Criterion(
                id=str(entry["id"]),
                name=str(entry["name"]),
                text=str(entry["text"]),
                weight=float(weight),
                parties=tuple(str(p) for p in rated),
                parent_text=str(entry.get("parent_text") or ""),
            )
        )
    if not criteria:
        raise _fail(file, "criteria", "missing")
    ids = [c.id for c in criteria]
    for criterion_id in ids:
        if ids.count(criterion_id) > 1:
            raise _fail(file, "criteria", "duplicate", value=criterion_id)
    total = sum(c.weight for c in criteria)
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        raise _fail(file, "criteria.weight", "weights", total=total)
    return LessonStandard(
        id=str(data.get("id") or file.stem),
        name=str(data.get("name") or file.stem),
        low=low,
        high=high,
        labels=labels,
        parties=parties,
        criteria=tuple(criteria),
        file=file,
    )


def load_standard(name: str = DEFAULT_STANDARD, *, course_dir: str | Path | None = None) -> LessonStandard:
    """A standard by name (the course's own in ``COURSE_DIR/rubrics/lessons/`` first) or by path."""
    given = Path(name)
    shipped = content_dir("rubrics") / "lessons"
    if given.suffix.lower() in (".yaml", ".yml"):
        file = given
    elif course_dir is not None and (Path(course_dir) / "rubrics" / "lessons" / f"{name}.yaml").is_file():
        file = Path(course_dir) / "rubrics" / "lessons" / f"{name}.yaml"
    else:
        file = shipped / f"{name}.yaml"
    if not file.is_file():
        known = "、".join(sorted(p.stem for p in shipped.glob("*.yaml")))
        raise InputError(t("lesson.standard_unknown", name=name, known=known))
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise _fail(file, file.name, "unreadable", reason=str(error).splitlines()[0]) from None
    return parse_standard(data, file)
