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
    header_row: int = 1
    headers: dict[str, str] = field(default_factory=dict)  # key -> "姓名 (B)"
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, "title" | "total" | …)

    def error(self, message: str, *, row: int | None = None, key: str | None = None) -> InputError:
        return InputError(
            message, file=self.file, row=row, column=self.headers.get(key, key) if key else None
        )


# Platform exports put a title (or several lines of it) above the header; it is searched for
# within this many non-blank rows.
_HEADER_SEARCH_ROWS = 10
# A row whose first filled cell says this is a total, not a person.
_TOTAL = re.compile(r"^(合计|总计|小计|共计|累计|总数|(total|sum|subtotal)\b)", re.IGNORECASE)
# Lines under the data: notes, who made and checked the table, when it was exported.
_FOOTNOTE = re.compile(r"^(注|备注|说明|制表|填表|审核|统计|导出|打印|(note|notes)\b)", re.IGNORECASE)


def _first_filled(cells: Sequence[str]) -> str:
    return next((cell for cell in cells if cell), "")


def _trimmed(cells: Sequence[str]) -> list[str]:
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def is_total_row(cells: Sequence[str]) -> bool:
    """A row summing the rows above (合计, 小计, Total …), written by the exporting platform."""
    return bool(_TOTAL.match(_first_filled(cells)))


def _labels(
    numbered: list[tuple[int, list[str]]], index: int, matches: Callable[[list[str]], int]
) -> list[str]:
    """Row ``index`` read as a header. A blank cell takes the label above it when the row above
    is a header line too: a two-line header whose upper cells were merged downward (or a CSV
    of one) leaves the lower line blank under 工号 and 姓名."""
    own = list(numbered[index][1])
    if index == 0:
        return own
    above = numbered[index - 1][1]
    if not matches(above):
        return own
    width = max(len(own), len(above))
    own += [""] * (width - len(own))
    return [own[i] or (above[i] if i < len(above) else "") for i in range(width)]


def _find_header(
    numbered: list[tuple[int, list[str]]], columns: Sequence[ColumnSpec]
) -> tuple[int, list[str]]:
    """The index of the header line among the first rows, and its labels: the line naming every
    required column and the most columns overall (the first such line on a tie)."""

    def matched(labels: list[str]) -> int:
        return sum(1 for spec in columns if any(label and spec.matches(label) for label in labels))

    def complete(labels: list[str]) -> bool:
        return all(
            any(label and spec.matches(label) for label in labels) for spec in columns if spec.required
        )

    best: tuple[int, list[str]] | None = None
    best_score = (-1, -1)
    for index in range(min(len(numbered), _HEADER_SEARCH_ROWS)):
        labels = _labels(numbered, index, matched)
        score = (int(complete(labels)), matched(labels))
        if score > best_score:
            best, best_score = (index, labels), score
    assert best is not None
    if best_score[1] == 0:  # nothing recognised: report against the first line that looks like a header
        index = next(
            (i for i, (_, cells) in enumerate(numbered[:_HEADER_SEARCH_ROWS]) if sum(map(bool, cells)) > 1), 0
        )
        return index, numbered[index][1]
    return best


def read_table(path: str | Path, columns: Sequence[ColumnSpec]) -> Table:
    """Read ``path`` and map its header row onto ``columns``.

    The header may sit under title lines and span two lines; total rows (合计, 小计) and the notes
    under the data are skipped and listed in ``Table.skipped``. Raises InputError (exit 2) for a
    missing, unreadable, empty or header-only file, a missing required column, a header given
    twice, or a blank required value. Unknown columns are ignored.
    """
    file = Path(path)
    numbered = read_rows(file)
    if not numbered:
        raise InputError(t("table.empty"), file=file)
    header_index, headers = _find_header(numbered, columns)
    header_row = numbered[header_index][0]

    table = Table(file=file, header_row=header_row)
    table.skipped += [(number, "title") for number, _ in numbered[:header_index]]
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

    body = numbered[header_index + 1 :]
    while body and _FOOTNOTE.match(_first_filled(body[-1][1])):
        table.skipped.append((body.pop()[0], "note"))
    for number, cells in body:
        if is_total_row(cells):
            table.skipped.append((number, "total"))
            continue
        if _trimmed(cells) == _trimmed(numbered[header_index][1]):
            table.skipped.append((number, "header"))  # the header repeated on every printed page
            continue
        values = {key: cells[index] if index < len(cells) else "" for key, index in positions.items()}
        for spec in columns:
            if spec.required and not values[spec.key]:
                raise table.error(t("table.blank_required"), row=number, key=spec.key)
        table.rows.append((number, values))
    table.skipped.sort()
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
    finally:
        book.close()
    return _fill_merged_down(rows, _xlsx_merged_ranges(file))


_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _xlsx_merged_ranges(file: Path) -> list[tuple[int, int, int]]:
    """The first sheet's merged ranges as (column index, first row, last row) of their first column.

    openpyxl's streaming reader does not report merges, so they are read from the sheet's XML.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            workbook = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
            relations = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
            first_sheet = re.search(r"<(?:\w+:)?sheet\b[^>]*?\b(?:\w+:)?id=\"([^\"]+)\"", workbook)
            if first_sheet is None:
                return []
            target = re.search(
                r"<(?:\w+:)?Relationship\b(?=[^>]*\bId=\"" + re.escape(first_sheet[1]) + r"\")"
                r"[^>]*\bTarget=\"([^\"]+)\"",
                relations,
            )
            if target is None:
                return []
            name = target[1].lstrip("/") if target[1].startswith("/") else "xl/" + target[1]
            sheet_xml = archive.read(name).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return []
    merges = []
    for ref in re.findall(r"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([^\"]+)\"", sheet_xml):
        found = _RANGE.match(ref)
        if found:
            merges.append((_column_index(found[1]), int(found[2]), int(found[4])))
    return merges


def _fill_merged_down(
    rows: list[tuple[int, list[str]]], merges: list[tuple[int, int, int]]
) -> list[tuple[int, list[str]]]:
    """Copy each merged range's value down its first column: a school merged over its teachers'
    rows, or 工号 merged over a two-line header, belongs to every row it covers. Values are not
    copied across columns, so a merged title or a wide header stays one column."""
    by_number = {number: cells for number, cells in rows}
    for column, first, last in merges:
        top = by_number.get(first)
        if top is None or column >= len(top) or last <= first:
            continue
        for number in range(first + 1, last + 1):
            cells = by_number.get(number)
            if cells is None:
                cells = by_number[number] = []
                rows.append((number, cells))
            cells += [""] * (column + 1 - len(cells))
            if not cells[column]:
                cells[column] = top[column]
    rows.sort(key=lambda item: item[0])
    return rows


def _read_xls(file: Path) -> list[tuple[int, list[str]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(file), formatting_info=True)
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
    # xlrd gives 0-based (first row, row after the last, first column, column after the last).
    merges = [(column, first + 1, after) for first, after, column, _ in sheet.merged_cells]
    return _fill_merged_down(rows, merges)
