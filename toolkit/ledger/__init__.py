"""Research ledgers (研修记录): reading them under a scheme, and the hours they earn."""

from toolkit.ledger.hours import HOURS_COLUMNS, count_hours, credited_hours
from toolkit.ledger.read import Ledger, LedgerRow, read_ledger

__all__ = ["HOURS_COLUMNS", "Ledger", "LedgerRow", "count_hours", "credited_hours", "read_ledger"]
