"""Small but genuine evidence files (PDF, DOCX, PNG, MP4) for the demo's synthetic submissions,
and the submissions themselves."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path


def pdf_bytes(text: str) -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({text.encode('ascii', 'replace').decode()}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(body)}>>stream\n".encode()
        + body
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal Word document that Word and WPS open."""
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<w:document xmlns:w="{namespace}"><w:body>{body}</w:body></w:document>',
        )
    return buffer.getvalue()


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x4c\x78\xa8" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def mp4_bytes(seconds: float) -> bytes:
    """An MP4 container whose header states ``seconds`` of length (enough for length checks)."""
    ftyp = b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2mp41"
    mvhd_payload = b"\x00\x00\x00\x00" + struct.pack(">IIII", 0, 0, 1000, int(seconds * 1000)) + b"\x00" * 80
    mvhd = struct.pack(">I", 8 + len(mvhd_payload)) + b"mvhd" + mvhd_payload
    moov = struct.pack(">I", 8 + len(mvhd)) + b"moov" + mvhd
    return struct.pack(">I", 4 + len(ftyp)) + ftyp + moov  # ``ftyp`` already holds its type


def write_evidence(path: Path, kind: str, *, text: str = "evidence", seconds: float = 240) -> Path:
    """Write a file of format ``kind`` (pdf, docx, png, mp4) at ``path``."""
    data = {
        "pdf": lambda: pdf_bytes(text),
        "docx": lambda: docx_bytes([text]),
        "png": png_bytes,
        "mp4": lambda: mp4_bytes(seconds),
    }[kind]()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def submit_release(root: Path, assignment: str, teacher_id: str, when: dt.datetime) -> Path:
    """A teacher's submission as nbgrader collects it: the released folder, stamped ``when``."""
    folder = root / "submitted" / teacher_id / assignment
    shutil.copytree(root / "release" / assignment, folder)
    (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
    return folder
