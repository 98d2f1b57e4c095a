"""Read people's spreadsheets (CSV in any common Chinese encoding, xlsx, xls) as text rows.

Every value comes back as stripped text, with the row number a spreadsheet
program would show, so that later checks can name the exact cell.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import t

# str.strip() already removes ideographic (full-width) spaces and NBSP; these are
# the invisible characters that spreadsheet exports leave behind as well.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def clean(value: object) -> str:
    """A cell value as text without surrounding white space (full-width included)."""
    return str(value).strip().strip(_INVISIBLE).strip()


def column_letter(index: int) -> str:
    """0-based column index to a spreadsheet letter: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class ColumnSpec:
    """A column a reader understands, under any of its accepted header names."""

    key: str
    names: tuple[str, ...]
    required: bool = False

    def matches(self, header: str) -> bool:
        return normalise_label(header) in {normalise_label(n) for n in self.names}


def normalise_label(header: str) -> str:
    """A header or label compared loosely: case, spaces, dashes, slashes and brackets ignored."""
    return re.sub(r"[\s\-_/（）()]+", "_", clean(header).lower()).strip("_")


@dataclass
class Table:
    """Rows of a file keyed by column spec, with where each value came from."""

    file: Path
    headers: dict[str, str] = field(default_factory=dict)  # key -> "姓名 (B)"
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def error(self, message: str, *, row: int | None = None, key: str | None = None) -> InputError:
        return InputError(
            message, file=self.file, row=row, column=self.headers.get(key, key) if key else None
        )


def read_table(path: str | Path, columns: Sequence[ColumnSpec]) -> Table:
    """Read ``path`` and map its header row onto ``columns``.

    Raises InputError (exit 2) for a missing, unreadable, empty or header-only
    file, a missing required column, a header given twice, or a blank required value.
    Unknown columns are ignored.
    """
    file = Path(path)
    numbered = read_rows(file)
    if not numbered:
        raise InputError(t("table.empty"), file=file)
    header_row, headers = numbered[0]

    table = Table(file=file)
    positions: dict[str, int] = {}
    for spec in columns:
        for index, header in enumerate(headers):
            if header and spec.matches(header):
                if spec.key in positions:
                    raise InputError(
                        t(
                            "table.duplicate_column",
                            column=header,
                            first=column_letter(positions[spec.key]),
                            second=column_letter(index),
                        ),
                        file=file,
                        row=header_row,
                    )
                positions[spec.key] = index
                table.headers[spec.key] = f"{header} ({column_letter(index)})"
        if spec.required and spec.key not in positions:
            raise InputError(
                t(
                    "table.missing_column",
                    column=spec.names[0],
                    accepted=" / ".join(spec.names),
                    found="、".join(h for h in headers if h) or "-",
                ),
                file=file,
                row=header_row,
            )

    for number, cells in numbered[1:]:
        values = {key: cells[index] if index < len(cells) else "" for key, index in positions.items()}
        for spec in columns:
            if spec.required and not values[spec.key]:
                raise table.error(t("table.blank_required"), row=number, key=spec.key)
        table.rows.append((number, values))
    if not table.rows:
        raise InputError(t("table.no_rows"), file=file)
    return table


def read_rows(file: Path) -> list[tuple[int, list[str]]]:
    """A CSV/xlsx/xls file's non-blank rows as cleaned text cells, each with its spreadsheet row number."""
    return [(n, [clean(c) for c in cells]) for n, cells in _raw_rows(file) if any(clean(c) for c in cells)]


def read_frame(path: str | Path, *, keep_text: Callable[[str], bool] = lambda header: False) -> pd.DataFrame:
    """A sheet as a table: the first non-blank row names the columns (its row number is in
    ``attrs["header_row"]``); a column holding only numbers (blanks allowed) becomes numeric
    unless ``keep_text(header)`` says it is an identifier, everything else stays text."""
    file = Path(path)
    rows = read_rows(file)
    if not rows:
        raise InputError(t("table.empty"), file=file)
    if len(rows) < 2:
        raise InputError(t("table.no_rows"), file=file)
    header = rows[0][1]
    frame = pd.DataFrame([cells + [""] * (len(header) - len(cells)) for _, cells in rows[1:]], columns=header)
    frame.attrs["header_row"] = rows[0][0]
    for column in frame.columns:
        if keep_text(column):
            continue
        given = frame[column] != ""
        numbers = pd.to_numeric(frame[column].where(given), errors="coerce")
        if numbers.notna().sum() == given.sum():
            frame[column] = numbers
    return frame


def _raw_rows(file: Path) -> list[tuple[int, list[str]]]:
    if not file.exists():
        raise InputError(t("table.missing"), file=file)
    if not file.is_file():
        raise InputError(t("table.not_a_file"), file=file)
    suffix = file.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(file)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(file)
    if suffix == ".xls":
        return _read_xls(file)
    raise InputError(t("table.unknown_format", suffix=file.suffix or "-"), file=file)


def decode_text(data: bytes, file: Path) -> str:
    """Decode CSV bytes written by Excel, WPS or a script: UTF-8 (BOM or not), UTF-16, GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(t("table.encoding"), file=file)


def _read_csv(file: Path) -> list[tuple[int, list[str]]]:
    text = decode_text(file.read_bytes(), file)
    if "\x00" in text:
        raise InputError(t("table.unreadable", reason="NUL", kind="CSV"), file=file)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count) if first_line else ","
    if first_line.count(delimiter) == 0:
        delimiter = ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        # csv counts physical lines, so quoted line breaks keep row numbers honest.
        rows = []
        for cells in reader:
            rows.append((reader.line_num, cells))
        return rows
    except csv.Error as exc:
        raise InputError(t("table.unreadable", reason=exc, kind="CSV"), file=file) from exc


def _excel_text(value: object, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        # An ID typed as a number with a "000123" display format keeps its zeros.
        if re.fullmatch(r"0+", number_format or ""):
            return str(value).zfill(len(number_format))
        return str(value)
    return str(value)


def _read_xlsx(file: Path) -> list[tuple[int, list[str]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(t("table.unreadable", reason=exc, kind="xlsx"), file=file) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return []
        rows = []
        for row in sheet.iter_rows():
            cells = [_excel_text(c.value, getattr(c, "number_format", "General")) for c in row]
            number = next((c.row for c in row if getattr(c, "row", None)), None)
            if number is not None:
                rows.append((number, cells))
        return rows
    finally:
        book.close()


def _read_xls(file: Path) -> list[tuple[int, list[str]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(file))
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError) as exc:
        raise InputError(t("table.unreadable", reason=exc, kind="xls"), file=file) from exc
    sheet = book.sheet_by_index(0)
    rows = []
    for r in range(sheet.nrows):
        cells = []
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                cells.append(_excel_text(xlrd.xldate_as_datetime(cell.value, book.datemode)))
            else:
                cells.append(_excel_text(cell.value))
        rows.append((r + 1, cells))
    return rows
