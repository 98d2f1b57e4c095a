"""Text of Word XML as a reader sees it, ticked boxes included, whatever way they were made.

Schools tick the case type in many ways: typing ☑ or √ or ■, Word's check-box
content control (its glyph is ordinary text), Insert → Symbol (a ``w:sym`` in a
Wingdings font) or a letter typed in a Wingdings font, or an old form field
(``FORMCHECKBOX``, which has no glyph at all). All of them come out here as
``☑`` (ticked) or ``☐`` (not ticked).
"""

from __future__ import annotations

from docx.oxml.ns import qn

TICKED = "☑"
UNTICKED = "☐"

# The ways a box is drawn in text, ticked or not.
TICK_MARKS = frozenset("☑☒√✓✔■▣●◉✅🗹")
EMPTY_BOXES = frozenset("☐□○◯▢")

# Wingdings code points (as Word stores them, F0xx) that draw a tick or a box.
_SYMBOL_FONTS = {
    "wingdings": {0xFE: TICKED, 0xFD: TICKED, 0xFC: TICKED, 0xA8: UNTICKED, 0x6F: UNTICKED, 0x71: UNTICKED},
    "wingdings 2": {0x52: TICKED, 0x53: TICKED, 0x54: TICKED, 0x50: TICKED, 0xA3: UNTICKED, 0x2A: UNTICKED},
}

_P, _T, _TAB, _BR, _SYM = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:sym")
_R, _RPR, _RFONTS = qn("w:r"), qn("w:rPr"), qn("w:rFonts")
_CHECKBOX, _DEFAULT, _CHECKED, _VAL = qn("w:checkBox"), qn("w:default"), qn("w:checked"), qn("w:val")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DRAWINGS = (qn("w:drawing"), qn("w:pict"))


def _symbol(font: str | None, code: int) -> str | None:
    table = _SYMBOL_FONTS.get((font or "").strip().lower())
    if table is None:
        return None
    return table.get(code & 0xFF)


def _run_font(run: object) -> str | None:
    properties = run.find(_RPR)  # type: ignore[attr-defined]
    fonts = properties.find(_RFONTS) if properties is not None else None
    if fonts is None:
        return None
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or fonts.get(qn("w:eastAsia"))


def _checkbox_ticked(box: object) -> bool:
    for tag in (_CHECKED, _DEFAULT):
        found = box.find(tag)  # type: ignore[attr-defined]
        if found is not None:
            value = found.get(_VAL)
            return value is None or value not in ("0", "false", "off")
    return False


def _in_fallback(element: object) -> bool:
    """Text boxes are stored twice (modern and VML fallback); the fallback copy is skipped."""
    parent = element.getparent()  # type: ignore[attr-defined]
    while parent is not None:
        if parent.tag == _FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _belongs_to(element: object, paragraph: object) -> bool:
    """Whether ``element`` is this paragraph's own text, not a text box's paragraph inside it."""
    parent = element.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent is not paragraph:
        if parent.tag in (_P, _FALLBACK):
            return False
        parent = parent.getparent()
    return True


def paragraph_text(paragraph: object) -> str:
    """One ``w:p`` as text: tabs as spaces, line breaks kept, boxes as ☑/☐."""
    parts: list[str] = []
    for element in paragraph.iter():  # type: ignore[attr-defined]
        if not _belongs_to(element, paragraph):
            continue
        tag = element.tag
        if tag == _T:
            text = element.text or ""
            run = element.getparent()
            font = _run_font(run) if run is not None and run.tag == _R else None
            if font and font.strip().lower() in _SYMBOL_FONTS:
                text = "".join(_symbol(font, ord(c)) or c for c in text)
            parts.append(text)
        elif tag == _TAB:
            parts.append(" ")
        elif tag == _BR:
            parts.append("\n")
        elif tag == _SYM:
            code = element.get(qn("w:char")) or ""
            try:
                mark = _symbol(element.get(qn("w:font")), int(code, 16))
            except ValueError:
                mark = None
            parts.append(mark or "")
        elif tag == _CHECKBOX:
            parts.append(TICKED if _checkbox_ticked(element) else UNTICKED)
    return "".join(parts)


def paragraphs(element: object) -> list[str]:
    """The text of every paragraph under ``element`` in reading order (tables and text boxes too)."""
    return [
        paragraph_text(p)
        for p in element.iter(_P)  # type: ignore[attr-defined]
        if not _in_fallback(p)
    ]


def has_picture(element: object) -> bool:
    """Whether a picture is placed under ``element`` (a signature pasted as an image)."""
    return any(True for tag in _DRAWINGS for _ in element.iter(tag))  # type: ignore[attr-defined]
