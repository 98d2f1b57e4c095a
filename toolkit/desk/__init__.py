"""The rubric grading desk: grade plans and point evidence by ticking indicators, into nbgrader."""

from toolkit.desk.model import DeskGrade, GradingDesk, Submission, is_rubric_assignment
from toolkit.desk.widget import GradingDeskApp

__all__ = ["DeskGrade", "GradingDesk", "GradingDeskApp", "Submission", "is_rubric_assignment"]
