"""Every rule of the call (seed 000) on one case, each broken rule a message naming its file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.case.call import CaseCall, load_call
from toolkit.case.count import word_count
from toolkit.case.document import CaseDocument, read_document
from toolkit.case.form import CaseForm
from toolkit.case.parts import CaseParts, opened
from toolkit.evidence.files import content_fits, content_format, named_format
from toolkit.i18n import t

_FORMAT_NAMES = {
    "pdf": "PDF", "docx": "Word", "doc": "Word/Office（旧版）", "pptx": "PowerPoint", "xlsx": "Excel",
    "png": "PNG 图片", "jpg": "JPEG 图片", "mp4": "MP4 视频", "text": "纯文本",
}  # fmt: skip
# Names a camera, a chat program or "New document" gives: they say nothing of the content.
_GENERIC_NAME = re.compile(
    r"^(img|dsc|dscn|dcim|vid|mvimg|pxl|screenshot|screen shot|微信图片|微信截图|qq图片|截图|屏幕截图|"
    r"新建|未命名|untitled|document|image|photo|图片|照片|视频|video|文档|副本|copy|新建文件夹|"
    r"microsoft|word|ppt|pdf|文件|file|scan|扫描件|[a-z])*$"
)


@dataclass(frozen=True)
class CaseCheck:
    """One case checked: what was found and every problem, each already naming its file."""

    source: Path
    form: CaseForm | None
    document: CaseDocument | None
    overview_chars: int
    document_chars: int
    total_bytes: int
    files: tuple[str, ...]  # every packed file, as shown to the user
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_author(self) -> str:
        return self.form.first_author if self.form else ""

    @property
    def title(self) -> str:
        return self.form.name if self.form else ""

    @property
    def type_id(self) -> str | None:
        return self.form.types[0] if self.form and len(self.form.types) == 1 else None


def _is_generic(stem: str) -> bool:
    letters = re.sub(r"[\d\s_\-—.()（）\[\]【】+#~]+", "", stem.lower())
    return not letters or bool(_GENERIC_NAME.match(letters))


def form_problems(form: CaseForm, call: CaseCall) -> list[str]:
    """What is wrong with the form's content, in words (the file is named by the caller)."""
    problems: list[str] = []

    def add(key: str, **values: object) -> None:
        problems.append(t(key, **values))

    if not form.name:
        add("case.form.no_name")
    if not form.authors:
        add("case.form.no_authors")
    if len(form.authors) > call.max_authors:
        add("case.form.too_many_authors", count=len(form.authors), limit=call.max_authors)
    for number, author in enumerate(form.authors, start=1):
        if not author.name:
            add("case.form.author_no_name", number=number)
    if not form.types:
        add("case.form.no_type", options="、".join(c.name for c in call.types))
    elif len(form.types) > 1:
        names = "、".join(call.case_type(type_id).name for type_id in form.types)
        add("case.form.many_types", count=len(form.types), names=names)
    elif call.case_type(form.types[0]).host_required and not any(a.is_host for a in form.authors):
        add("case.form.no_host", type=call.case_type(form.types[0]).name)
    if not form.overview:
        add("case.form.no_overview")
    else:
        count = word_count(form.overview)
        if count > call.overview_max_chars:
            add("case.form.overview_long", count=count, limit=call.overview_max_chars)
    if not form.declaration:
        add("case.form.no_declaration")
    elif not form.signed:
        add("case.form.unsigned")
    if not form.consent:
        add("case.form.no_consent")
    return problems


def _document(parts: CaseParts, call: CaseCall) -> tuple[CaseDocument | None, list[str]]:
    path = parts.document_file
    if path is None:
        return None, []
    shown = parts.shown(path)
    found = content_format(path)
    if found != "docx":
        if found == "doc":
            return None, [f"{shown}：{t('case.document.legacy')}"]
        kind = _FORMAT_NAMES.get(found or "", t("case.unknown_format"))
        return None, [f"{shown}：{t('case.document.not_word', kind=kind)}"]
    try:
        document = read_document(path)
    except Exception:  # noqa: BLE001 - python-docx raises many kinds for one damaged file
        return None, [f"{shown}：{t('case.document.damaged')}"]
    return document, [f"{shown}：{problem}" for problem in document_problems(document, call)]


def document_problems(document: CaseDocument, call: CaseCall) -> list[str]:
    """Over the length limit, and each section missing."""
    problems = []
    count = document.characters
    if count > call.document_max_chars:
        problems.append(t("case.document.long", count=count, limit=call.document_max_chars))
    for name in document.missing_sections(call.sections):
        problems.append(t("case.document.missing_section", section=name))
    return problems


def _material_problems(parts: CaseParts, call: CaseCall) -> list[str]:
    problems: list[str] = []
    if not parts.materials:
        problems.append(f"{parts.source.name}：{t('case.material.none', folder='支撑材料')}")
    for path in parts.materials:
        problems += [f"{parts.shown(path)}：{problem}" for problem in material_problems(path, call)]
    for link in parts.links:
        problems.append(f"{parts.shown(link)}：{t('case.material.link')}")
    return problems


def material_problems(path: Path, call: CaseCall) -> list[str]:
    """One supporting file: an accepted kind, not empty, its content what its name says, named by content."""
    claimed = named_format(path)
    if claimed not in call.material_formats:
        return [t("case.material.kind", kind=claimed or "-", allowed="、".join(call.material_formats))]
    if path.stat().st_size == 0:
        return [t("case.material.empty")]
    problems = []
    found = content_format(path)
    if not content_fits(found, claimed):
        kind = _FORMAT_NAMES.get(found or "", t("case.unknown_format"))
        problems.append(t("case.material.mismatch", claimed=claimed, kind=kind))
    if _is_generic(path.stem):
        problems.append(t("case.material.generic_name"))
    return problems


def check_parts(parts: CaseParts, call: CaseCall) -> CaseCheck:
    problems = [f"{parts.source.name}：{p}" for p in parts.problems]
    form = parts.form
    if form is not None and parts.form_file is not None:
        shown = parts.shown(parts.form_file)
        problems += [f"{shown}：{problem}" for problem in form_problems(form, call)]
    document, document_problems = _document(parts, call)
    problems += document_problems
    problems += _material_problems(parts, call)
    total = sum(p.stat().st_size for p in parts.files)
    if total > call.package_max_bytes:
        problems.append(
            f"{parts.source.name}：{t('case.too_big', size=total / (1024 * 1024), limit=call.package_max_mb)}"
        )
    return CaseCheck(
        source=parts.source,
        form=form,
        document=document,
        overview_chars=word_count(form.overview) if form else 0,
        document_chars=document.characters if document else 0,
        total_bytes=total,
        files=tuple(parts.shown(p) for p in parts.files),
        problems=tuple(problems),
    )


def check_case(path: str | Path, *, call: CaseCall | None = None) -> CaseCheck:
    """Check the case folder or package at ``path`` against every rule of the call."""
    rules = call or load_call()
    with opened(Path(path), rules) as parts:
        return check_parts(parts, rules)
