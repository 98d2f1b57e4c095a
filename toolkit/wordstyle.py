"""Word documents printed the way Chinese schools print them."""

from __future__ import annotations


def song_typeface(document: object, *styles: str) -> None:
    """East Asian text in 宋体 for these styles, as Chinese official documents are printed."""
    from docx.oxml.ns import qn

    for name in styles:
        style = document.styles[name]  # type: ignore[attr-defined]
        style.font.name = "宋体"
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
