"""Course reports: the figures a school sends upward, as a formatted multi-sheet workbook."""

from toolkit.report.tables import ReportTables, build_report_tables
from toolkit.report.workbook import SHEET_ORDER, write_report

__all__ = ["SHEET_ORDER", "ReportTables", "build_report_tables", "write_report"]
