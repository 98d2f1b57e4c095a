"""Case folders built with python-docx the way schools fill the official form in Word.

Deliberately not the toolkit's own writer: the form here has its header row and
author rows laid out by hand, ticks typed in several ways, and so on, so the
reader is tested against forms it did not make.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TYPE_NAMES = ("区域教师研修应用案例", "校本教师研修应用案例", "线上名师名校长工作室建设与应用案例")
TYPE_NUMBERS = {"regional": 0, "school": 1, "studio": 2}
SECTIONS = ("基本情况", "过程与举措", "经验与成效", "特色与创新")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def mp4(minutes: float = 1.0) -> bytes:
    """A minimal MP4: ftyp, then moov/mvhd giving the length."""
    ftyp = struct.pack(">I4s4sI4s", 20, b"ftyp", b"isom", 0, b"isom")
    timescale = 1000
    mvhd_body = (
        b"\x00\x00\x00\x00" + b"\x00" * 8 + struct.pack(">II", timescale, int(minutes * 60 * timescale))
    )
    mvhd = struct.pack(">I4s", 8 + len(mvhd_body), b"mvhd") + mvhd_body
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    return ftyp + moov


@dataclass
class Form:
    name: str = "依托平台教研群的校本研修实践"
    authors: Sequence[tuple[str, str, str, str]] = (
        ("王芳", "上海市某某中学", "高级教师/教研组长", "13800000001"),
        ("李明", "上海市某某中学", "一级教师", "13800000002"),
    )
    type_line: str | None = None  # the whole 案例类型 text; None: tick ``case_type`` with ☑
    case_type: str = "school"
    overview: str = "本校依托国家中小学智慧教育平台开展常态化校本研修，形成了线上线下结合的研修共同体。"
    signature: str = "王芳"
    signature_picture: bool = False
    declaration: bool = True
    consent: str | None = (
        "共享提示：同意将案例结集出版或在教师活动网站等公益性网站共享；同意将案例推荐给国家智慧教育公共服务平台（www.smartedu.cn）。"
    )
    type_runs: list[object] = field(default_factory=list)  # extra XML in the type cell (symbols, fields)


def _type_line(form: Form) -> str:
    if form.type_line is not None:
        return form.type_line
    chosen = TYPE_NUMBERS[form.case_type]
    return "  ".join(f"{'☑' if i == chosen else '□'}{i + 1}.{name}" for i, name in enumerate(TYPE_NAMES))


def write_form(path: Path, form: Form) -> None:
    document = Document()
    document.add_paragraph("国家中小学智慧教育平台教师研修应用案例信息表")
    author_rows = max(3, len(form.authors))
    rows = 1 + 1 + author_rows + 2 + (1 if form.declaration else 0)
    table = document.add_table(rows=rows, cols=5)
    table.cell(0, 0).text = "案例名称"
    table.cell(0, 1).merge(table.cell(0, 4)).text = form.name
    table.cell(1, 0).merge(table.cell(1 + author_rows, 0)).text = "作者信息\n(最多3人)"
    for column, header in enumerate(("姓名", "工作单位", "职称/职务", "手机"), start=1):
        table.cell(1, column).text = header
    for index, author in enumerate(form.authors):
        for column, value in enumerate(author, start=1):
            table.cell(2 + index, column).text = value
    row = 2 + author_rows
    table.cell(row, 0).text = "案例类型"
    type_cell = table.cell(row, 1).merge(table.cell(row, 4))
    type_cell.text = _type_line(form)
    for element in form.type_runs:
        type_cell.paragraphs[0]._p.append(element)
    table.cell(row + 1, 0).text = "案例概述"
    table.cell(row + 1, 1).merge(table.cell(row + 1, 4)).text = form.overview
    if form.declaration:
        table.cell(row + 2, 0).text = "作者声明"
        cell = table.cell(row + 2, 1).merge(table.cell(row + 2, 4))
        cell.text = "我(们)在此申明:该案例是我(们)原创,不涉及抄袭或侵犯他人著作权等问题。"
        signed = cell.add_paragraph(f"作者签名: {form.signature or '_______'} 日期 2024年10月20日")
        if form.signature_picture:
            signed.add_run().add_picture(str(_tiny_png(path.parent)))
    if form.consent:
        document.add_paragraph(form.consent)
    document.save(str(path))


def _tiny_png(folder: Path) -> Path:
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00\xff\xff\xff"
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    path = folder.parent / "签名.png"
    path.write_bytes(png)
    return path


def symbol(font: str, char: str) -> object:
    """A run holding Insert → Symbol's ``w:sym`` (e.g. Wingdings 2, F052 = ☑)."""
    run = OxmlElement("w:r")
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), char)
    run.append(sym)
    return run


def text_run(text: str) -> object:
    run = OxmlElement("w:r")
    node = OxmlElement("w:t")
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(node)
    return run


def form_checkbox(checked: bool) -> object:
    """A legacy FORMCHECKBOX field's begin run (the only place its state lives)."""
    run = OxmlElement("w:r")
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    data = OxmlElement("w:ffData")
    box = OxmlElement("w:checkBox")
    default = OxmlElement("w:default")
    default.set(qn("w:val"), "1" if checked else "0")
    box.append(default)
    data.append(box)
    begin.append(data)
    run.append(begin)
    return run


def section_paragraphs(
    body_chars: int = 0, *, skip: Sequence[str] = (), heading: str = "{n}、{name}"
) -> list[str]:
    """A title, then each section as a heading and a sentence; padded with 字 to ``body_chars``."""
    numbers = "一二三四"
    lines = ["依托平台教研群的校本研修实践"]
    for index, name in enumerate(SECTIONS):
        if name in skip:
            continue
        lines.append(heading.format(n=numbers[index], i=index + 1, name=name))
        lines.append("本校组织教师在平台上学习并开展研讨。")
    if body_chars:
        from toolkit.case.count import word_count

        used = word_count("\n".join(lines))
        lines.append("字" * (body_chars - used))
    return lines


def write_document(path: Path, lines: Sequence[str]) -> None:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def make_case(
    folder: Path,
    *,
    form: Form | None = None,
    lines: Sequence[str] | None = None,
    materials: dict[str, bytes] | None = None,
) -> Path:
    """A case folder that passes every check unless told otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    write_form(folder / "案例信息表.docx", form or Form())
    write_document(folder / "案例介绍文档.docx", lines if lines is not None else section_paragraphs())
    (folder / "支撑材料").mkdir(exist_ok=True)
    chosen = {"校本研修制度.pdf": PDF, "教研活动现场照片.png": PNG} if materials is None else materials
    for name, data in chosen.items():
        (folder / "支撑材料" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "支撑材料" / name).write_bytes(data)
    return folder
