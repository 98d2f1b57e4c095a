"""The teacher's side of nbgrader's exchange, without code: assignment board and submit panel."""

from toolkit.submission.board import AssignmentBoard
from toolkit.submission.check import missing_items
from toolkit.submission.panel import SubmitPanel
from toolkit.submission.titles import assignment_title

__all__ = ["AssignmentBoard", "SubmitPanel", "assignment_title", "missing_items"]
