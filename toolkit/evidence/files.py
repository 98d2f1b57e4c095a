"""What a handed-in file really is: its format read from its content, its size and a video's length.

A file's name is not trusted: a program renamed to ``.pdf`` is refused.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

# Extensions people use for the same format.
_SPELLINGS = {"jpeg": "jpg", "yml": "yaml", "markdown": "md", "m4v": "mp4"}
# Which member identifies each Office Open XML format inside its zip container.
_OOXML = {"docx": "word/document.xml", "pptx": "ppt/presentation.xml", "xlsx": "xl/workbook.xml"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word, also a legacy .doc from WPS
_TEXT_FORMATS = ("md", "csv", "yaml")
_OLE_FORMATS = ("doc", "ppt", "xls")


def named_format(path: Path) -> str:
    """The format a file's extension claims (lower case, common spellings merged)."""
    extension = path.suffix.lower().lstrip(".")
    return _SPELLINGS.get(extension, extension)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
    return False


def content_format(path: Path) -> str | None:
    """The format the file's bytes show, or None when they match nothing we accept."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(_OLE):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        return next((kind for kind, member in _OOXML.items() if member in names), None)
    if _is_text(head):
        # The modules export .doc files as Word-readable HTML.
        return "doc" if head.lstrip().lower().startswith(b"<html") else "text"
    return None


def content_fits(found: str | None, claimed: str) -> bool:
    """Whether content of format ``found`` (from :func:`content_format`) is what ``claimed`` names.

    Legacy .doc, .ppt and .xls share one container (OLE), which content_format calls "doc".
    """
    if claimed in _TEXT_FORMATS:
        return found == "text"
    if claimed in _OLE_FORMATS:
        return found == "doc"
    return found == claimed


def format_matches(path: Path, claimed: str) -> bool:
    """Whether the content is what the extension says."""
    return content_fits(content_format(path), claimed)


def mp4_minutes(path: Path) -> float | None:
    """The length of an MP4/MOV video in minutes, from its ``moov/mvhd`` header; None if unreadable."""
    with path.open("rb") as handle:
        size = path.stat().st_size
        moov = _find_box(handle, b"moov", 0, size)
        if moov is None:
            return None
        mvhd = _find_box(handle, b"mvhd", *moov)
        if mvhd is None:
            return None
        handle.seek(mvhd[0])
        version = handle.read(1)
        if not version:
            return None
        handle.read(3)  # flags
        if version[0] == 1:
            handle.read(16)
            timescale, duration = struct.unpack(">IQ", handle.read(12))
        else:
            handle.read(8)
            timescale, duration = struct.unpack(">II", handle.read(8))
    return duration / timescale / 60 if timescale else None


def _find_box(handle: object, kind: bytes, start: int, end: int) -> tuple[int, int] | None:
    """(payload start, payload end) of the first box ``kind`` between ``start`` and ``end``."""
    position = start
    while position + 8 <= end:
        handle.seek(position)  # type: ignore[attr-defined]
        header = handle.read(8)  # type: ignore[attr-defined]
        if len(header) < 8:
            return None
        box_size, box_kind = struct.unpack(">I4s", header)
        payload = position + 8
        if box_size == 1:  # a 64-bit size follows
            box_size = struct.unpack(">Q", handle.read(8))[0]  # type: ignore[attr-defined]
            payload += 8
        elif box_size == 0:  # the box runs to the end of the file
            box_size = end - position
        if box_size < payload - position:
            return None
        if box_kind == kind:
            return payload, position + box_size
        position += box_size
    return None
