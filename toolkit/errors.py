"""The one exception type for bad input: the CLI turns it into exit status 2."""

from __future__ import annotations

from pathlib import Path

from toolkit.i18n import t


class InputError(Exception):
    """Bad input from a user file or argument, located as precisely as we can.

    ``row`` is the 1-based row as a spreadsheet program shows it; ``column``
    is the header text (and letter) of the offending column.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(t("where.file", file=self.file))
        if self.row is not None:
            where.append(t("where.row", row=self.row))
        if self.column:
            where.append(t("where.column", column=self.column))
        prefix = t("where.join").join(where)
        return f"{prefix}{t('where.sep')}{self.message}" if prefix else self.message
