"""The case information form (案例信息表): read from the official Word table, written as one.

The table is read by its row labels, not by fixed positions, because schools
add and merge rows when they fill it in: 案例名称; 作者信息 (a header row of
姓名, 工作单位, 职称/职务, 手机, then one row per author); 案例类型 (three
options, one ticked); 案例概述; 作者声明 (the statement, a signature typed or
pasted as a picture, a date). The sharing consent (共享提示) follows the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx.oxml.ns import qn

from toolkit.case.call import CaseCall
from toolkit.case.wordxml import EMPTY_BOXES, TICK_MARKS, UNTICKED, has_picture, paragraphs
from toolkit.wordstyle import song_typeface

FORM_TITLE = "国家中小学智慧教育平台教师研修应用案例信息表"
AUTHOR_FIELDS = ("姓名", "工作单位", "职称/职务", "手机")
HOST_TITLE = "工作室主持人"
OVERVIEW_HINT = (
    "（根据选择的案例类型，概述案例情况、工作成效、特色亮点等，不超过300字。"
    "详细案例附后，参照要求的模板进行案例撰写，详细案例不超过3000字）"
)
DECLARATION = "我（们）在此申明：该案例是我（们）原创，不涉及抄袭或侵犯他人著作权等问题。"
CONSENT_PUBLISH = "同意将案例结集出版或在教师活动网站等公益性网站共享"
CONSENT_RECOMMEND = "同意将案例推荐给国家智慧教育公共服务平台（www.smartedu.cn）"
_HINT_PATTERN = re.compile(r"[（(]\s*根据选择的案例类型.*?[）)]\s*$|[（(]\s*根据选择的案例类型.*", re.S)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Author:
    name: str
    unit: str = ""
    title: str = ""  # 职称/职务
    phone: str = ""

    @property
    def is_host(self) -> bool:
        return "主持人" in self.title


@dataclass(frozen=True)
class CaseForm:
    """What the form says. ``types`` holds the ids of the ticked case types (exactly one is right)."""

    name: str
    authors: tuple[Author, ...]
    types: tuple[str, ...]
    overview: str
    declaration: bool
    signed: bool
    consent: bool
    signature: str = ""
    date: str = ""

    @property
    def first_author(self) -> str:
        return self.authors[0].name if self.authors else ""


def _squeeze(text: str) -> str:
    return _SPACES.sub("", text)


def _cells(row: object) -> list[object]:
    return list(row.iterchildren(qn("w:tc")))  # type: ignore[attr-defined]


def _text(element: object) -> str:
    return "\n".join(paragraphs(element)).strip()


def _form_table(body: object) -> object | None:
    for table in body.iter(qn("w:tbl")):  # type: ignore[attr-defined]
        text = _squeeze(_text(table))
        if "案例名称" in text and ("案例类型" in text or "作者信息" in text):
            return table
    return None


_LABELS = ("案例名称", "作者信息", "案例类型", "案例概述", "作者声明")


def _label(text: str) -> str | None:
    squeezed = _squeeze(text)
    return next((label for label in _LABELS if squeezed.startswith(label)), None)


def _type_marks(text: str, call: CaseCall) -> dict[str, str]:
    """Each case type found in the text → 'ticked', 'empty' (a box not ticked) or 'bare' (no box)."""
    marks: dict[str, str] = {}
    for case_type in call.types:
        where = text.find(case_type.name)
        if where < 0:
            where = text.find(case_type.name.replace("教师", ""))
        if where < 0:
            continue
        before = text[:where].rstrip()
        before = re.sub(rf"{case_type.number}\s*[.、．]$", "", before).rstrip()
        mark = before[-1:] if before else ""
        marks[case_type.id] = "ticked" if mark in TICK_MARKS else "empty" if mark in EMPTY_BOXES else "bare"
    return marks


def _chosen_types(text: str, call: CaseCall) -> tuple[str, ...]:
    marks = _type_marks(text, call)
    ticked = tuple(type_id for type_id, mark in marks.items() if mark == "ticked")
    if ticked:
        return ticked
    # The other options deleted and the chosen one left without a box: that one is the choice.
    if len(marks) == 1 and next(iter(marks.values())) == "bare":
        return tuple(marks)
    return ()


def _consented(text: str) -> bool:
    """Both consents are there and, where a box stands before one, it is ticked."""
    squeezed = _squeeze(text)
    for consent in (CONSENT_PUBLISH, CONSENT_RECOMMEND):
        key = _squeeze(consent)[:10]
        where = squeezed.find(key)
        if where < 0:
            return False
        before = squeezed[:where]
        if before[-1:] in EMPTY_BOXES:
            return False
    return True


def _signature(text: str) -> tuple[str, str]:
    """(signature, date) as typed after 作者签名 and 日期; blanks and underscores are not a signature."""
    squeezed = _squeeze(text)
    blank = "：:_＿-—."
    signature = ""
    date = ""
    if "作者签名" in squeezed:
        after = squeezed.split("作者签名", 1)[1]
        signature, _, date = after.partition("日期")
        signature, date = signature.strip(blank), date.strip(blank)
    return signature, date


def read_form(path: Path, call: CaseCall) -> CaseForm | None:
    """The form in the Word file ``path``; None when the file holds no case information table."""
    from docx import Document

    document = Document(str(path))
    body = document.element.body
    table = _form_table(body)
    if table is None:
        return None
    fields: dict[str, list[str]] = {label: [] for label in _LABELS}
    declaration_picture = False
    header: list[str] = []
    authors: list[Author] = []
    current: str | None = None
    for row in table.iter(qn("w:tr")):
        cells = _cells(row)
        if not cells:
            continue
        texts = [_text(cell) for cell in cells]
        label = _label(texts[0])
        if label is not None:
            current = label
        elif _squeeze(texts[0]):
            current = None  # a row the form does not have; its text is not any field's
            continue
        values = texts[1:]
        if current == "作者信息":
            if any(_squeeze(v) == "姓名" for v in values):
                header = [_squeeze(v) for v in values]
                continue
            row_values = dict(zip(header or list(AUTHOR_FIELDS), values, strict=False))
            if any(v.strip() for v in row_values.values()):
                authors.append(
                    Author(
                        name=_squeeze(row_values.get("姓名", "")),
                        unit=row_values.get("工作单位", "").strip(),
                        title=row_values.get("职称/职务", "").strip(),
                        phone=_squeeze(row_values.get("手机", "")),
                    )
                )
        elif current is not None:
            fields[current].extend(v for v in values if v.strip())
            if current == "作者声明":
                declaration_picture = declaration_picture or any(has_picture(c) for c in cells[1:])
    overview = _HINT_PATTERN.sub("", "\n".join(fields["案例概述"])).strip()
    declaration_text = "\n".join(fields["作者声明"])
    signature, date = _signature(declaration_text)
    outside = "\n".join("\n".join(paragraphs(child)) for child in body.iterchildren() if child is not table)
    return CaseForm(
        name=" ".join(fields["案例名称"]).strip(),
        authors=tuple(authors),
        types=_chosen_types("\n".join(fields["案例类型"]), call),
        overview=overview,
        declaration="原创" in declaration_text,
        signed=bool(signature) or declaration_picture,
        consent=_consented(outside),
        signature=signature,
        date=date,
    )


def write_form(form: CaseForm, path: Path, call: CaseCall) -> None:
    """The official form as a Word file, filled with ``form`` (blank rows where there are no authors)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    song_typeface(document, "Normal")
    document.styles["Normal"].font.size = Pt(11)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = heading.add_run(FORM_TITLE)
    title.bold = True
    title.font.size = Pt(15)
    rows = max(call.max_authors, len(form.authors))
    table = document.add_table(rows=5 + rows, cols=5)
    table.style = "Table Grid"

    def whole_row(index: int, label: str, value: str) -> object:
        row = table.rows[index]
        row.cells[0].text = label
        merged = row.cells[1].merge(row.cells[4])
        merged.text = value
        return merged

    whole_row(0, "案例名称", form.name)
    author_label = table.cell(1, 0).merge(table.cell(1 + rows, 0))
    author_label.text = f"作者信息（最多{call.max_authors}人）"
    for column, field in enumerate(AUTHOR_FIELDS, start=1):
        table.cell(1, column).text = field
    for index in range(rows):
        author = form.authors[index] if index < len(form.authors) else Author("")
        for column, value in enumerate((author.name, author.unit, author.title, author.phone), start=1):
            table.cell(2 + index, column).text = value
    options = "    ".join(f"{'☑' if c.id in form.types else UNTICKED}{c.number}.{c.name}" for c in call.types)
    whole_row(2 + rows, "案例类型", options)
    whole_row(3 + rows, "案例概述", form.overview or OVERVIEW_HINT)
    signature = form.signature or "________"
    date = form.date or "________"
    statement = DECLARATION if form.declaration else ""
    whole_row(4 + rows, "作者声明", f"{statement}\n作者签名：{signature}    日期：{date}")
    consent = document.add_paragraph()
    consent.add_run("共享提示：").bold = True
    # Consent not given: the same words with empty boxes, which reads back as not given.
    box = "" if form.consent else UNTICKED
    consent.add_run(f"{box}{CONSENT_PUBLISH}；{box}{CONSENT_RECOMMEND}。")
    document.save(str(path))
