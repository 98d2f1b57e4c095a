"""The rubric grading desk: grade plans and point evidence by ticking indicators, into nbgrader."""

from toolkit.desk.model import DeskGrade, GradingDesk, Submission, is_rubric_assignment
from toolkit.lazy import lazy_attributes

__all__ = ["DeskGrade", "GradingDesk", "GradingDeskApp", "Submission", "is_rubric_assignment"]

# Widgets load ipywidgets, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "GradingDeskApp": "toolkit.desk.widget",
    },
)
