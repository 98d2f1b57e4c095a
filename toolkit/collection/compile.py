"""``workshop collection``: the programme's achievement collections (成果集) compiled from the course.

Each collection takes the submissions of its assignments that a grader rated at the
rubric's top level (优秀) or recommended at the desk; the expert videos come from a
folder the trainers keep. The result is one folder per collection, an index workbook
(成果集索引.xlsx) and a readable index page (index.html) that links every file.
The output is built beside its destination and renamed into place at the end, so a
failure leaves nothing half-written; an existing folder with content is never touched.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd
import yaml
from tqdm import tqdm

from toolkit.achievement.model import MULTI_POINT, TYPICAL_CASE, chosen_points, confirmations, is_confirmation
from toolkit.catalogue import load_catalogue
from toolkit.course.config import load_course
from toolkit.desk.model import GradingDesk
from toolkit.errors import InputError
from toolkit.evidence.check import assignment_rubric, check_evidence, evidence_folder
from toolkit.evidence.files import content_format, mp4_minutes
from toolkit.i18n import add_messages, t
from toolkit.localtime import local_zone
from toolkit.plan.rules import PLAN_ASSIGNMENT, plan_points
from toolkit.resources import content_dir
from toolkit.submission.titles import assignment_title
from toolkit.tables import ColumnSpec, read_table
from toolkit.work.store import ANSWERS_FILE, read_answers

add_messages(
    {
        "collection.unknown": {
            "zh": "没有名为“{name}”的成果集规则（可用：{known}）",
            "en": "no collections file named '{name}' (available: {known})",
        },
        "collection.invalid": {
            "zh": "成果集规则不正确：{detail}",
            "en": "the collections file is wrong: {detail}",
        },
        "collection.out_exists": {
            "zh": "输出文件夹已有内容，未改动；请给一个新的文件夹",
            "en": "the output folder is not empty and was left as it is; give a new folder",
        },
        "collection.progress": {"zh": "汇编成果集", "en": "Compiling collections"},
        "collection.summary": {
            "zh": "已汇编 {count} 件成果到 {out}：",
            "en": "Compiled {count} items into {out}:",
        },
        "collection.line": {"zh": "  {name}（{form}）：{count} 件", "en": "  {name} ({form}): {count}"},
        "collection.files": {
            "zh": "索引：{workbook}、{page}",
            "en": "Index: {workbook}, {page}",
        },
        "collection.empty": {"zh": "（暂无）", "en": "(none yet)"},
        "collection.expert": {"zh": "专家", "en": "Expert"},
        "collection.no_file": {
            "zh": "登记的视频 {file} 不在文件夹中",
            "en": "the registered video {file} is not in the folder",
        },
        "collection.unconfirmed": {
            "zh": "{teacher} 提交的典型案例暂不收录：{members} 尚未确认参与",
            "en": "the typical case from {teacher} is held back: {members} have not confirmed",
        },
        "collection.bad_video": {
            "zh": "专家指导视频 {file} 不是 MP4 视频，未收录",
            "en": "expert video {file} is not an MP4 video; left out",
        },
    }
)

DEFAULT_COLLECTIONS = "hefei-2021"
INDEX_WORKBOOK = "成果集索引.xlsx"
INDEX_PAGE = "index.html"
VIDEO_REGISTER = "视频登记"
_SCHEMA_VERSION = 1
INDEX_COLUMNS = (
    "成果集", "序号", "作者", "工号", "学校", "学科", "作品",
    "等级", "推荐", "评分人", "评定时间", "说明", "文件夹", "文件",
)  # fmt: skip


@dataclass(frozen=True)
class CollectionSpec:
    id: str
    name: str
    form: str
    assignments: tuple[str, ...] = ()
    folder: str = ""  # a folder in the course holding the items (expert videos)


@dataclass(frozen=True)
class Collections:
    id: str
    name: str
    specs: tuple[CollectionSpec, ...]


@dataclass(frozen=True)
class Entry:
    """One achievement in a collection, with where its files come from."""

    collection: str
    assignment: str
    teacher_id: str
    author: str
    school: str
    subject: str
    title: str
    level: str
    recommended: bool
    grader: str
    graded_at: str
    note: str
    files: tuple[tuple[str, Path], ...]  # (name in the collection, source file)


@dataclass
class CollectionReport:
    out: Path
    collections: Collections
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def message(self) -> str:
        lines = [t("collection.summary", count=sum(len(v) for v in self.entries.values()), out=self.out)]
        for spec in self.collections.specs:
            lines.append(
                t("collection.line", name=spec.name, form=spec.form, count=len(self.entries[spec.id]))
            )
        lines += self.notes
        lines.append(t("collection.files", workbook=self.out / INDEX_WORKBOOK, page=self.out / INDEX_PAGE))
        return "\n".join(lines)


def load_collections(name: str = DEFAULT_COLLECTIONS) -> Collections:
    """The collections file ``name`` (shipped, or a path to .yaml), validated."""
    path = Path(name)
    if path.suffix.lower() not in (".yaml", ".yml"):
        folder = content_dir("rubrics") / "collections"
        path = folder / f"{name}.yaml"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml")))
            raise InputError(t("collection.unknown", name=name, known=known))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(t("collection.invalid", detail=str(error).splitlines()[0]), file=path) from None
    return _parse(data, path)


def _parse(data: Any, path: Path) -> Collections:
    def fail(detail: str) -> InputError:
        return InputError(t("collection.invalid", detail=detail), file=path)

    if not isinstance(data, Mapping) or data.get("schema_version") != _SCHEMA_VERSION:
        raise fail(f"schema_version: {_SCHEMA_VERSION}, kind: collections")
    if data.get("kind") != "collections":
        raise fail("kind: collections")
    entries = data.get("collections")
    if not isinstance(entries, list) or not entries:
        raise fail("collections")
    specs = []
    for number, entry in enumerate(entries, start=1):
        where = f"collections[{number}]"
        if not isinstance(entry, Mapping):
            raise fail(where)
        for key in ("id", "name", "form"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise fail(f"{where}.{key}")
        assignments = entry.get("assignments") or []
        folder = entry.get("folder") or ""
        if not isinstance(assignments, list) or bool(assignments) == bool(folder):
            raise fail(f"{where}: assignments | folder")
        specs.append(
            CollectionSpec(
                entry["id"], entry["name"], entry["form"], tuple(str(a) for a in assignments), str(folder)
            )
        )
    if len({s.id for s in specs}) != len(specs):
        raise fail("collections.id")
    return Collections(str(data.get("id") or path.stem), str(data.get("name") or path.stem), tuple(specs))


# ---- choosing what goes in ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Graded:
    """What the desk and the gradebook say, read once for every collection."""

    desk: GradingDesk
    grades: pd.DataFrame  # the latest desk grade of each (assignment, teacher)
    recommended: set[tuple[str, str]]
    teachers: dict[str, dict[str, object]]


def _graded(course_dir: Path) -> _Graded:
    from toolkit.gradebook import read_course

    desk = GradingDesk(course_dir, grader="collection")
    history = desk.history()
    if not history.empty:
        history = history[~history["superseded"]].drop_duplicates(["assignment", "teacher_id"], keep="last")
    frame = read_course(course_dir).teachers
    teachers = {str(row["teacher_id"]): dict(row) for row in frame.to_dict("records")}
    return _Graded(desk, history, desk.recommended(), teachers)


def _evidence_files(folder: Path, assignment: str) -> tuple[tuple[str, Path], ...]:
    rubric = assignment_rubric(assignment, folder)
    files = []
    for status in check_evidence(folder, rubric):
        place = evidence_folder(folder, status.criterion.id)
        for checked in status.files:
            if checked.ok:
                files.append((f"{status.criterion.name}-{checked.name}", place / checked.name))
    return tuple(files)


def _plan_document(plan: Mapping[str, Any], author: str, target: Path) -> None:
    """A personal plan (kept as answers) written out as a Word document for the collection."""
    from docx import Document

    catalogue = load_catalogue()
    document = Document()
    document.add_heading(f"个人研修计划 · {author}", level=1)
    for code, entry in plan_points(plan).items():
        document.add_heading(catalogue.point(code).label(), level=2)
        for label, key in (("选点理由", "reason"), ("研修目标", "goal"), ("研修活动", "activities")):
            document.add_paragraph(f"{label}：{entry.get(key, '')}")
        document.add_paragraph(
            f"时间：{entry.get('start') or '—'} 至 {entry.get('end') or '—'}；"
            f"线上 {entry.get('online_hours', 0)} 学时，实践 {entry.get('practice_hours', 0)} 学时"
        )
    document.save(str(target))


def _assignment_entries(
    course_dir: Path, spec: CollectionSpec, graded: _Graded, staging: Path, notes: list[str]
) -> list[Entry]:
    teachers, recommended = graded.teachers, graded.recommended
    entries = []
    for assignment in spec.assignments:
        top = graded.desk.rubric(assignment).levels[-1].id
        grades = graded.grades
        mine = grades[grades["assignment"] == assignment] if not grades.empty else grades
        levels = {row.teacher_id: row for row in mine.itertuples()}
        chosen = sorted(
            {teacher for teacher, row in levels.items() if row.level == top}
            | {teacher for (name, teacher) in recommended if name == assignment}
        )
        for teacher_id in chosen:
            folder = course_dir / "autograded" / teacher_id / assignment
            if not folder.is_dir() or (
                assignment == TYPICAL_CASE and is_confirmation(course_dir, teacher_id)
            ):
                continue
            person = teachers.get(teacher_id, {})
            row = levels.get(teacher_id)
            note = ""
            if assignment == TYPICAL_CASE:
                # A group's case is the group's only when every member named has confirmed.
                members = confirmations(course_dir, teacher_id)
                waiting = [member for member, confirmed in members.items() if not confirmed]
                if waiting:
                    notes.append(t("collection.unconfirmed", teacher=teacher_id, members="、".join(waiting)))
                    continue
                note = "参与成员：" + "、".join(str(teachers.get(m, {}).get("name", m)) for m in members)
            elif assignment == MULTI_POINT:
                note = "能力点：" + "、".join(chosen_points(folder))
            if assignment == PLAN_ASSIGNMENT:
                plan = (read_answers(folder / ANSWERS_FILE) or {}).get("plan")
                if not isinstance(plan, Mapping):
                    continue
                target = staging / f"plan-{teacher_id}.docx"
                _plan_document(plan, str(person.get("name", teacher_id)), target)
                files: tuple[tuple[str, Path], ...] = (("个人研修计划.docx", target),)
            else:
                files = _evidence_files(folder, assignment)
            entries.append(
                Entry(
                    collection=spec.id,
                    assignment=assignment,
                    teacher_id=teacher_id,
                    author=str(person.get("name", teacher_id)),
                    school=str(person.get("school", "")),
                    subject=str(person.get("subject", "")),
                    title=assignment_title(assignment),
                    level=str(row.level_name) if row is not None else "",
                    recommended=(assignment, teacher_id) in recommended,
                    grader=str(row.grader) if row is not None else "",
                    graded_at=_local(row.graded_at) if row is not None else "",
                    note=note,
                    files=files,
                )
            )
    return entries


def _local(stamp: object) -> str:
    """The desk's naive-UTC stamp as a reader's local time (China unless TZ says otherwise)."""
    return f"{pd.Timestamp(stamp).tz_localize('UTC').tz_convert(local_zone()):%Y-%m-%d %H:%M}"


_VIDEO_COLUMNS = (
    ColumnSpec("file", ("文件", "文件名", "file"), required=True),
    ColumnSpec("title", ("标题", "视频标题", "title")),
    ColumnSpec("expert", ("专家", "主讲", "expert")),
    ColumnSpec("topic", ("主题", "学段学科", "topic")),
    ColumnSpec("date", ("日期", "date")),
)


def _expert_entries(course_dir: Path, spec: CollectionSpec, notes: list[str]) -> list[Entry]:
    folder = course_dir / spec.folder
    if not folder.is_dir():
        return []
    register = next((folder / f"{VIDEO_REGISTER}{s}" for s in (".xlsx", ".xls", ".csv")
                     if (folder / f"{VIDEO_REGISTER}{s}").is_file()), None)  # fmt: skip
    rows: list[dict[str, str]] = []
    if register is not None:
        table = read_table(register, _VIDEO_COLUMNS)
        for number, values in table.rows:
            if not (folder / values["file"]).is_file():
                raise table.error(t("collection.no_file", file=values["file"]), row=number, key="file")
            rows.append(values)
    else:
        rows = [{"file": p.name} for p in sorted(folder.glob("*.mp4"))]
    entries = []
    for values in rows:
        video = folder / values["file"]
        if content_format(video) != "mp4":
            notes.append(t("collection.bad_video", file=video.name))
            continue
        minutes = mp4_minutes(video)
        entries.append(
            Entry(
                collection=spec.id,
                assignment="",
                teacher_id="",
                author=values.get("expert") or t("collection.expert"),
                school="",
                subject=values.get("topic", ""),
                title=values.get("title") or video.stem,
                level="",
                recommended=False,
                grader="",
                graded_at=values.get("date", ""),
                note=f"{minutes:.0f} 分钟" if minutes else "",
                files=((video.name, video),),
            )
        )
    return entries


# ---- writing -------------------------------------------------------------------------------------


def _place(source: Path, target: Path) -> None:
    """A hard link where the file system allows (videos are large), a copy otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _entry_folder(number: int, entry: Entry) -> str:
    who = f"{entry.author}（{entry.school}）" if entry.school else entry.author
    title = entry.title if not entry.assignment else ""
    name = f"{number:03d} {who}{(' ' + title) if title else ''}"
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name)


def _index_rows(collections: Collections, placed: dict[str, list[tuple[Entry, str]]]) -> pd.DataFrame:
    rows = []
    for spec in collections.specs:
        for number, (entry, folder) in enumerate(placed[spec.id], start=1):
            rows.append(
                {
                    "成果集": spec.name,
                    "序号": number,
                    "作者": entry.author,
                    "工号": entry.teacher_id,
                    "学校": entry.school,
                    "学科": entry.subject,
                    "作品": entry.title,
                    "等级": entry.level,
                    "推荐": entry.recommended,
                    "评分人": entry.grader,
                    "评定时间": entry.graded_at,
                    "说明": entry.note,
                    "文件夹": folder,
                    "文件": "\n".join(name for name, _ in entry.files),
                }
            )
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)


def _index_page(collections: Collections, placed: dict[str, list[tuple[Entry, str]]]) -> str:
    sections = []
    for number, spec in enumerate(collections.specs, start=1):
        rows = []
        for index, (entry, folder) in enumerate(placed[spec.id], start=1):
            links = "<br>".join(
                f"<a href='{quote(folder)}/{quote(name)}'>{html.escape(name)}</a>" for name, _ in entry.files
            )
            level = html.escape(entry.level + ("（推荐）" if entry.recommended and entry.assignment else ""))
            rows.append(
                f"<tr><td>{index}</td><td>{html.escape(entry.author)}</td><td>{html.escape(entry.school)}</td>"
                f"<td>{html.escape(entry.title)}</td><td>{level}</td><td>{html.escape(entry.note)}</td>"
                f"<td>{links}</td></tr>"
            )
        body = (
            "<table><tr><th>序号</th><th>作者</th><th>学校</th><th>作品</th><th>等级</th><th>说明</th>"
            f"<th>文件</th></tr>{''.join(rows)}</table>"
            if rows
            else f"<p class='empty'>{t('collection.empty')}</p>"
        )
        sections.append(
            f"<h2>{number}. {html.escape(spec.name)} <small>{html.escape(spec.form)} · "
            f"{len(rows)} 件</small></h2>{body}"
        )
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{html.escape(collections.name)}</title><style>"
        "body{font-family:'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',"
        "sans-serif;"
        "margin:2em auto;max-width:1100px;line-height:1.6;color:#222}"
        "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
        "td,th{border:1px solid #bbb;padding:4px 8px;vertical-align:top}th{background:#1f4e79;color:#fff}"
        "small{color:#666;font-weight:normal}.empty{color:#888}</style></head><body>"
        f"<h1>{html.escape(collections.name)}</h1><p>生成时间：{stamp}</p>{''.join(sections)}</body></html>"
    )


def compile_collections(
    course_dir: str | Path,
    *,
    out: str | Path,
    collections: str = DEFAULT_COLLECTIONS,
    progress: bool = False,
) -> CollectionReport:
    """Compile the collections of ``course_dir`` into ``out`` (a new or empty folder)."""
    spec_set = load_collections(collections)
    root = load_course(course_dir).root
    target = Path(out).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(t("collection.out_exists"), file=target)
    graded = _graded(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    report = CollectionReport(target, spec_set)
    try:
        staging = building / ".staging"
        staging.mkdir()
        placed: dict[str, list[tuple[Entry, str]]] = {}
        for number, spec in enumerate(
            tqdm(spec_set.specs, desc=t("collection.progress"), unit="集", disable=not progress), start=1
        ):
            entries = (
                _expert_entries(root, spec, report.notes)
                if spec.folder
                else _assignment_entries(root, spec, graded, staging, report.notes)
            )
            report.entries[spec.id] = entries
            placed[spec.id] = []
            for index, entry in enumerate(entries, start=1):
                folder = f"{number:02d} {spec.name}/{_entry_folder(index, entry)}"
                for name, source in entry.files:
                    _place(source, building / folder / name)
                placed[spec.id].append((entry, folder))
        shutil.rmtree(staging)
        _write_index(building, spec_set, placed)
        if target.exists():
            target.rmdir()  # empty, checked above
        building.rename(target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return report


def _write_index(folder: Path, collections: Collections, placed: dict[str, list[tuple[Entry, str]]]) -> None:
    from openpyxl import Workbook

    from toolkit.sheets import write_sheet

    overview = pd.DataFrame(
        [
            {"序号": n, "成果集": s.name, "形式": s.form, "收录": len(placed[s.id])}
            for n, s in enumerate(collections.specs, start=1)
        ]
    )
    book = Workbook()
    book.remove(book.active)
    write_sheet(book.create_sheet("总览"), overview, title=f"{collections.name} · 总览")
    write_sheet(
        book.create_sheet("成果清单"),
        _index_rows(collections, placed),
        title=f"{collections.name} · 成果清单",
    )
    book.save(folder / INDEX_WORKBOOK)
    (folder / INDEX_PAGE).write_text(_index_page(collections, placed), encoding="utf-8")
