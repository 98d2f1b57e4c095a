"""Write a result table where people open it: CSV that Excel reads (UTF-8 with BOM) or xlsx."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.atomic import write_atomic
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t

add_messages(
    {
        "export.format": {
            "zh": "输出文件应以 .csv 或 .xlsx 结尾，这里是“{suffix}”",
            "en": "the output file must end in .csv or .xlsx, not '{suffix}'",
        },
    }
)

TABLE_SUFFIXES = (".csv", ".xlsx")


def check_output(path: str | Path) -> Path:
    """Refuse an output name we cannot write before any work is done."""
    file = Path(path)
    if file.suffix.lower() not in TABLE_SUFFIXES:
        raise InputError(t("export.format", suffix=file.suffix or "-"), file=file)
    return file


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` whole or not at all, as CSV or as a one-sheet workbook with a frozen header."""
    file = check_output(path)
    if file.suffix.lower() == ".csv":
        return write_atomic(file, lambda part: frame.to_csv(part, index=False, encoding="utf-8-sig"))

    def workbook(part: Path) -> None:
        with pd.ExcelWriter(part, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name="Sheet1")
            writer.sheets["Sheet1"].freeze_panes = "A2"

    return write_atomic(file, workbook)
