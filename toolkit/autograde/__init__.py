"""Fast, isolated autograding: `workshop grade` runs nbgrader's autograde with each submission sandboxed."""

from toolkit.autograde.run import GradeSummary, grade_assignment, grade_assignments
from toolkit.autograde.sandbox import Limits, sandbox_problem

__all__ = ["GradeSummary", "Limits", "grade_assignment", "grade_assignments", "sandbox_problem"]
