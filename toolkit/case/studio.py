"""The studio register (工作室登记): each online studio's yearly contribution and livestreams.

A district keeps it beside its cases as 工作室登记.xlsx (or .csv/.xls). A studio
case is accepted for the district set only when its host is in the register and
the studio reaches the call's minimums (contribution ≥ 100, livestreams ≥ 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.case.call import CaseCall
from toolkit.errors import InputError
from toolkit.i18n import t
from toolkit.tables import ColumnSpec, read_table

REGISTER_STEM = "工作室登记"
_COLUMNS = (
    ColumnSpec("studio", ("工作室名称", "工作室", "studio")),
    ColumnSpec("host", ("主持人", "工作室主持人", "host"), required=True),
    ColumnSpec("contribution", ("年度贡献值", "贡献值", "contribution"), required=True),
    ColumnSpec("livestreams", ("直播次数", "直播活动次数", "livestreams"), required=True),
)


@dataclass(frozen=True)
class Studio:
    name: str
    host: str
    contribution: float
    livestreams: int
    row: int

    def shortfalls(self, call: CaseCall) -> list[str]:
        """What keeps the studio's case out of the district set, in words."""
        found = []
        if self.contribution < call.studio_min_contribution:
            found.append(
                t(
                    "case.studio.contribution",
                    value=f"{self.contribution:g}",
                    limit=call.studio_min_contribution,
                )
            )
        if self.livestreams < call.studio_min_livestreams:
            found.append(
                t("case.studio.livestreams", value=self.livestreams, limit=call.studio_min_livestreams)
            )
        return found


def find_register(folder: Path) -> Path | None:
    for suffix in (".xlsx", ".xls", ".csv"):
        path = folder / f"{REGISTER_STEM}{suffix}"
        if path.is_file():
            return path
    return None


def read_register(path: Path) -> dict[str, Studio]:
    """Studios by host name; a number that is not one names its cell."""
    table = read_table(path, _COLUMNS)
    studios: dict[str, Studio] = {}
    for row, values in table.rows:
        numbers = {}
        for key in ("contribution", "livestreams"):
            try:
                numbers[key] = float(values[key])
            except ValueError:
                raise table.error(t("case.studio.number", value=values[key]), row=row, key=key) from None
        host = "".join(values["host"].split())
        if host in studios:
            raise table.error(t("case.studio.duplicate", host=host), row=row, key="host")
        studios[host] = Studio(
            name=values.get("studio", ""),
            host=host,
            contribution=numbers["contribution"],
            livestreams=int(numbers["livestreams"]),
            row=row,
        )
    if not studios:
        raise InputError(t("table.no_rows"), file=path)
    return studios
