"""A case call's rules (seed 000) as a validated file in rubrics/cases/, never as code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import InputError
from toolkit.i18n import t
from toolkit.resources import content_dir

SCHEMA_VERSION = 1
DEFAULT_CALL = "shanghai-2024"
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class CaseType:
    id: str
    name: str  # as printed on the official form
    short: str  # 区域, 校本, 工作室
    number: int  # the option's number on the form (1., 2., 3.)
    quota: int  # how many a district sends at least
    host_required: bool


@dataclass(frozen=True)
class ReviewReason:
    id: str
    name: str


@dataclass(frozen=True)
class CaseCall:
    id: str
    name: str
    max_authors: int
    overview_max_chars: int
    document_max_chars: int
    sections: tuple[str, ...]
    package_max_bytes: int
    material_formats: tuple[str, ...]
    types: tuple[CaseType, ...]
    district_min_cases: int
    studio_min_contribution: float
    studio_min_livestreams: int
    review_reasons: tuple[ReviewReason, ...]
    file: Path

    @property
    def package_max_mb(self) -> float:
        return self.package_max_bytes / MEGABYTE

    def case_type(self, type_id: str) -> CaseType:
        for case_type in self.types:
            if case_type.id == type_id:
                return case_type
        known = ", ".join(c.id for c in self.types)
        raise InputError(t("case.call.unknown_type", value=type_id, known=known))

    def reason(self, text: str) -> ReviewReason:
        """A disqualification reason by id or Chinese name."""
        for reason in self.review_reasons:
            if text.strip() in (reason.id, reason.name):
                return reason
        known = "、".join(f"{r.name}（{r.id}）" for r in self.review_reasons)
        raise InputError(t("case.review.reason", value=text, known=known))


def calls_dir() -> Path:
    return content_dir("rubrics") / "cases"


def call_file(name: str) -> Path:
    path = Path(name)
    if path.suffix.lower() in (".yaml", ".yml"):
        if not path.is_file():
            raise InputError(t("case.call.missing_file"), file=path)
        return path
    shipped = calls_dir() / f"{name}.yaml"
    if not shipped.is_file():
        known = ", ".join(sorted(p.stem for p in calls_dir().glob("*.yaml")))
        raise InputError(t("case.call.unknown", name=name, known=known))
    return shipped


class _Fields:
    """Reads one call file and names the field at fault."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, field: str, key: str = "case.call.field", **values: Any) -> InputError:
        return InputError(t(key, field=field, **values), file=self.file)

    def section(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, Mapping):
            raise self.fail(key, "case.call.section")
        return value

    def whole(self, data: Mapping[str, Any], key: str, field: str, *, low: int = 0) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise self.fail(field, "case.call.number", low=low, value=value)
        return value

    def text(self, data: Mapping[str, Any], key: str, field: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "case.call.text")
        return value.strip()

    def texts(self, data: Mapping[str, Any], key: str, field: str) -> tuple[str, ...]:
        value = data.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.fail(field, "case.call.texts")
        return tuple(v.strip() for v in value)

    def entries(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(key, "case.call.entries")
        return value


def parse_call(data: object, file: Path) -> CaseCall:
    fields = _Fields(file)
    if (
        not isinstance(data, Mapping)
        or data.get("schema_version") != SCHEMA_VERSION
        or data.get("kind") != "case-call"
    ):
        raise InputError(t("case.call.schema", expected=SCHEMA_VERSION), file=file)
    document = fields.section(data, "document")
    package = fields.section(data, "package")
    studio = fields.section(data, "studio")
    types = []
    for index, entry in enumerate(fields.entries(data, "types"), start=1):
        where = f"types[{index}]"
        types.append(
            CaseType(
                id=fields.text(entry, "id", f"{where}.id"),
                name=fields.text(entry, "name", f"{where}.name"),
                short=fields.text(entry, "short", f"{where}.short"),
                number=fields.whole(entry, "number", f"{where}.number", low=1),
                quota=fields.whole(entry, "quota", f"{where}.quota"),
                host_required=bool(entry.get("host_required", False)),
            )
        )
    for key in ("id", "short", "number"):
        values = [getattr(c, key) for c in types]
        if len(set(values)) != len(values):
            raise fields.fail(f"types.{key}", "case.call.duplicate")
    reasons = [
        ReviewReason(
            id=fields.text(entry, "id", f"review_reasons[{index}].id"),
            name=fields.text(entry, "name", f"review_reasons[{index}].name"),
        )
        for index, entry in enumerate(fields.entries(data, "review_reasons"), start=1)
    ]
    formats = tuple(
        f.lower().lstrip(".") for f in fields.texts(package, "material_formats", "package.material_formats")
    )
    return CaseCall(
        id=fields.text(data, "id", "id"),
        name=fields.text(data, "name", "name"),
        max_authors=fields.whole(fields.section(data, "authors"), "max", "authors.max", low=1),
        overview_max_chars=fields.whole(
            fields.section(data, "overview"), "max_chars", "overview.max_chars", low=1
        ),
        document_max_chars=fields.whole(document, "max_chars", "document.max_chars", low=1),
        sections=fields.texts(document, "sections", "document.sections"),
        package_max_bytes=fields.whole(package, "max_mb", "package.max_mb", low=1) * MEGABYTE,
        material_formats=formats,
        types=tuple(types),
        district_min_cases=fields.whole(fields.section(data, "district"), "min_cases", "district.min_cases"),
        studio_min_contribution=fields.whole(studio, "min_contribution", "studio.min_contribution"),
        studio_min_livestreams=fields.whole(studio, "min_livestreams", "studio.min_livestreams"),
        review_reasons=tuple(reasons),
        file=file,
    )


def load_call(name: str = DEFAULT_CALL) -> CaseCall:
    """Call ``name`` (a shipped name or a path to a .yaml file), validated."""
    file = call_file(name)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(t("case.call.unreadable", reason=str(error).splitlines()[0]), file=file) from None
    return parse_call(data, file)
