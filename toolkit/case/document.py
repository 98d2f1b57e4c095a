"""The case document (案例介绍文档): its text, its 字数 and which of the required sections it has.

A section is found where a paragraph starts with its name after any common
numbering (一、 （一） 1. 1、 第一部分 ① Ⅰ. 【】), either as a short heading line
(at most ``HEADING_MAX`` characters, so 一、案例基本情况 and 四、特色与创新之处
count) or as a leading line such as 基本情况：本校……. A long paragraph that only
mentions a section's name somewhere does not make a section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.case.count import word_count
from toolkit.case.wordxml import paragraphs
from toolkit.wordstyle import song_typeface

HEADING_MAX = 30
_NUMBER = (
    r"(?:第[一二三四五六七八九十百\d]+(?:部分|章|节|篇|点)?"
    r"|[（(\[【]?[一二三四五六七八九十\d]+[)）\]】]"
    r"|[一二三四五六七八九十]+|\d+(?:\.\d+)*"
    r"|[①-⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|[IVX]+)"
)
_PREFIX = re.compile(rf"^\s*(?:{_NUMBER}\s*[、.．:：)）\s]?)?\s*[【〔\[“\"《]?\s*")
_LEAD_END = '：:。，,、；;．.！!？?)）】〕]”"》—- \t'


@dataclass(frozen=True)
class CaseDocument:
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def characters(self) -> int:
        return word_count(self.text)

    def has_section(self, name: str) -> bool:
        for paragraph in self.paragraphs:
            line = _PREFIX.sub("", paragraph.strip(), count=1)
            if not line:
                continue
            if len(paragraph.strip()) <= HEADING_MAX and name in line:
                return True
            if line.startswith(name) and (len(line) == len(name) or line[len(name)] in _LEAD_END):
                return True
        return False

    def missing_sections(self, names: tuple[str, ...]) -> list[str]:
        return [name for name in names if not self.has_section(name)]


def read_document(path: Path) -> CaseDocument:
    """The body text of a .docx (tables and text boxes included; headers and footers not)."""
    from docx import Document

    body = Document(str(path)).element.body
    return CaseDocument(tuple(p for p in paragraphs(body)))


_NUMERALS = "一二三四五六七八九十"


def outline(title: str, sections: dict[str, str]) -> list[tuple[str, str]]:
    """The document the toolkit writes, as (kind, text): the title, then each section as a numbered
    heading and its non-blank lines. The case page counts this very text."""
    lines = [("title", title)]
    for index, (name, body) in enumerate(sections.items()):
        lines.append(("heading", f"{_NUMERALS[index % 10]}、{name}"))
        lines += [("text", line.strip()) for line in body.splitlines() if line.strip()]
    return lines


def write_document(path: Path, *, title: str, sections: dict[str, str]) -> None:
    """A case document: its title, then each section as a numbered heading and its paragraphs."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    song_typeface(document, "Normal", "Heading 1", "Heading 2", "Title")
    document.styles["Normal"].font.size = Pt(12)
    for kind, text in outline(title, sections):
        if kind == "title":
            heading = document.add_paragraph()
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = heading.add_run(text)
            run.bold = True
            run.font.size = Pt(16)
        elif kind == "heading":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    document.save(str(path))
