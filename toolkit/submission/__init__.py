"""The teacher's side of nbgrader's exchange, without code: assignment board and submit panel."""

from toolkit.lazy import lazy_attributes
from toolkit.submission.check import missing_items
from toolkit.submission.titles import assignment_title

__all__ = ["AssignmentBoard", "SubmitPanel", "assignment_title", "missing_items"]

# Widgets load ipywidgets, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "AssignmentBoard": "toolkit.submission.board",
        "SubmitPanel": "toolkit.submission.panel",
    },
)
