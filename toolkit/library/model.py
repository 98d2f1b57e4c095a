"""A local library of teaching resources: a catalogue file (CSV) beside the files it lists.

The catalogue opens in Excel/WPS as it is; every change is written atomically.
Removing a resource archives it (状态 = 已归档) and keeps its file: a teacher's
records are never deleted.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import re
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pandas as pd

from toolkit.atomic import write_atomic, write_text_atomic
from toolkit.catalogue import load_catalogue
from toolkit.i18n import add_messages, t
from toolkit.tables import ColumnSpec, read_table

add_messages(
    {
        "library.unknown_point": {
            "zh": "“{value}”不是微能力点编号（应为 A1–A13、B1–B10、C1–C7 或其名称）",
            "en": "'{value}' is not a competency point (A1–A13, B1–B10, C1–C7 or a name)",
        },
        "library.blank_title": {"zh": "资源标题不能为空", "en": "a resource needs a title"},
        "library.duplicate_id": {"zh": "编号 {id} 重复", "en": "ID {id} appears twice"},
        "library.no_such_id": {"zh": "资源库里没有编号 {id}", "en": "no resource with ID {id}"},
        "library.file_exists": {
            "zh": "资源库里已有同名文件 {name}，请改名后再添加",
            "en": "the library already holds a file named {name}; rename it first",
        },
    }
)

CATALOGUE_FILE = "resources.csv"
FILES_DIR = "resources"
ACTIVE, ARCHIVED = "在用", "已归档"
KINDS = ("教学设计", "课件", "微课视频", "练习", "图片", "网页", "文档", "量规", "其他")
LICENCES = ("校内共享", "仅限本校", "CC BY 4.0", "CC BY-NC 4.0", "公有领域", "来源待核实")


@dataclass(frozen=True)
class Resource:
    """One catalogue row. ``file`` is relative to the library folder (or a web address)."""

    id: str
    title: str
    subject: str = ""
    grade: str = ""
    kind: str = "其他"
    point: str = ""
    licence: str = "来源待核实"
    file: str = ""
    tags: str = ""
    source: str = ""
    added: str = ""
    status: str = ACTIVE


# Column headers in the catalogue file, Chinese first; English spellings are accepted on read.
HEADERS = {
    "id": ("编号", "id"),
    "title": ("标题", "title"),
    "subject": ("学科", "subject"),
    "grade": ("年级", "grade"),
    "kind": ("类型", "type", "kind"),
    "point": ("微能力点", "point"),
    "licence": ("授权", "licence", "license"),
    "file": ("文件", "file"),
    "tags": ("标签", "tags"),
    "source": ("来源", "source"),
    "added": ("添加日期", "added"),
    "status": ("状态", "status"),
}
_COLUMNS = [ColumnSpec(key, names, required=key in ("id", "title")) for key, names in HEADERS.items()]


def _point_code(value: str) -> str:
    if not value:
        return ""
    try:
        return load_catalogue().point(value).code
    except KeyError:
        raise ValueError(t("library.unknown_point", value=value)) from None


def normalised_title(title: str) -> str:
    """A title without spaces, punctuation and copy markers, for spotting near-duplicates."""
    text = re.sub(r"[（(]?(副本|拷贝|copy|复制)[)）]?", "", title, flags=re.IGNORECASE)
    return re.sub(r"[\s\W_]+", "", text).lower()


class ResourceLibrary:
    """The catalogue of one library folder, loaded and validated."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / CATALOGUE_FILE
        self.resources: list[Resource] = self._read() if self.path.exists() else []

    @classmethod
    def from_sample(cls, folder: str | Path, sample: str | Path) -> ResourceLibrary:
        """Open ``folder``, first filling it with a copy of the ``sample`` library if it is empty."""
        target, source = Path(folder), Path(sample)
        if not (target / CATALOGUE_FILE).exists():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / CATALOGUE_FILE, target / CATALOGUE_FILE)
            if (source / FILES_DIR).is_dir():
                shutil.copytree(source / FILES_DIR, target / FILES_DIR, dirs_exist_ok=True)
        return cls(target)

    def _read(self) -> list[Resource]:
        table = read_table(self.path, _COLUMNS)
        seen: set[str] = set()
        resources = []
        for row, values in table.rows:
            if values["id"] in seen:
                raise table.error(t("library.duplicate_id", id=values["id"]), row=row, key="id")
            seen.add(values["id"])
            try:
                point = _point_code(values.get("point", ""))
            except ValueError as error:
                raise table.error(str(error), row=row, key="point") from None
            given = {key: value for key, value in values.items() if value}
            resources.append(Resource(**{**given, "point": point}))
        return resources

    def save(self) -> None:
        """Write the catalogue atomically, with a BOM so Excel reads the Chinese correctly."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([HEADERS[f.name][0] for f in fields(Resource)])
        for resource in self.resources:
            writer.writerow([getattr(resource, f.name) for f in fields(Resource)])
        write_text_atomic(self.path, "\ufeff" + buffer.getvalue())

    def frame(self, *, include_archived: bool = False) -> pd.DataFrame:
        rows = [asdict(r) for r in self.resources if include_archived or r.status == ACTIVE]
        return pd.DataFrame(rows, columns=[f.name for f in fields(Resource)])

    def next_id(self) -> str:
        numbers = [int(r.id) for r in self.resources if r.id.isdigit()]
        return str(max(numbers, default=0) + 1)

    def add(self, *, title: str, file: str | Path | None = None, **details: str) -> Resource:
        """Add a resource; a local ``file`` is copied into the library's resources/ folder."""
        if not title.strip():
            raise ValueError(t("library.blank_title"))
        stored = ""
        if file:
            source = Path(file)
            if source.is_file():
                target = self.folder / FILES_DIR / source.name
                if target.exists():
                    raise ValueError(t("library.file_exists", name=source.name))
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
                stored = f"{FILES_DIR}/{source.name}"
            else:
                stored = str(file)  # a web address or a path to check later
        details = {**details, "point": _point_code(details.get("point", ""))}
        resource = Resource(
            id=self.next_id(), title=title.strip(), file=stored, added=dt.date.today().isoformat(), **details
        )
        self.resources.append(resource)
        self.save()
        return resource

    def archive(self, resource_id: str) -> Resource:
        """Take a resource out of use without deleting its row or its file."""
        for index, resource in enumerate(self.resources):
            if resource.id == resource_id:
                archived = Resource(**{**asdict(resource), "status": ARCHIVED})
                self.resources[index] = archived
                self.save()
                return archived
        raise KeyError(t("library.no_such_id", id=resource_id))

    def search(
        self,
        text: str = "",
        *,
        subject: str = "",
        grade: str = "",
        kind: str = "",
        point: str = "",
        licence: str = "",
    ) -> pd.DataFrame:
        """Resources in use matching every given filter; ``text`` looks in titles and tags."""
        table = self.frame()
        for column, wanted in (
            ("subject", subject),
            ("grade", grade),
            ("kind", kind),
            ("point", _point_code(point) if point else ""),
            ("licence", licence),
        ):
            if wanted:
                table = table[table[column] == wanted]
        if text.strip():
            needle = text.strip().lower()
            hay = (table["title"] + " " + table["tags"]).str.lower()
            table = table[hay.str.contains(needle, regex=False)]
        return table.reset_index(drop=True)

    def _local(self, resource: Resource) -> Path | None:
        if not resource.file or re.match(r"^[a-z]+://", resource.file):
            return None
        return self.folder / resource.file

    def missing_files(self) -> list[Resource]:
        """Resources in use whose local file is not there."""
        return [
            r
            for r in self.resources
            if r.status == ACTIVE and (path := self._local(r)) is not None and not path.is_file()
        ]

    def duplicates(self, *, title_similarity: float = 0.9) -> list[tuple[str, list[Resource]]]:
        """Groups of resources in use that share the same file content, or near-identical titles.

        Each group comes with its reason: 文件内容相同 or 标题几乎相同.
        """
        active = [r for r in self.resources if r.status == ACTIVE]
        groups: list[tuple[str, list[Resource]]] = []
        by_hash: dict[str, list[Resource]] = {}
        for resource in active:
            path = self._local(resource)
            if path is not None and path.is_file():
                by_hash.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(resource)
        grouped: set[str] = set()
        for members in by_hash.values():
            if len(members) > 1:
                groups.append(("文件内容相同", members))
                grouped.update(r.id for r in members)
        remaining = [r for r in active if r.id not in grouped]
        used: set[str] = set()
        for index, first in enumerate(remaining):
            if first.id in used:
                continue
            similar = [
                other
                for other in remaining[index + 1 :]
                if other.id not in used
                and difflib.SequenceMatcher(
                    None, normalised_title(first.title), normalised_title(other.title)
                ).ratio()
                >= title_similarity
            ]
            if similar:
                groups.append(("标题几乎相同", [first, *similar]))
                used.update(r.id for r in [first, *similar])
        return groups

    def values(self, column: str) -> list[str]:
        """The distinct non-empty values of ``column`` among resources in use, sorted."""
        return sorted(
            {getattr(r, column) for r in self.resources if r.status == ACTIVE and getattr(r, column)}
        )


def export_xlsx(resources: Iterable[Resource], path: str | Path) -> Path:
    """The catalogue as a formatted workbook: bold frozen header, sensible widths, a filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "资源目录"
    sheet.append([HEADERS[f.name][0] for f in fields(Resource)])
    for resource in resources:
        sheet.append([getattr(resource, f.name) for f in fields(Resource)])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1565C0")
    widths = {
        "A": 6,
        "B": 34,
        "C": 8,
        "D": 8,
        "E": 10,
        "F": 10,
        "G": 14,
        "H": 36,
        "I": 16,
        "J": 20,
        "K": 12,
        "L": 8,
    }
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return write_atomic(Path(path), book.save)
