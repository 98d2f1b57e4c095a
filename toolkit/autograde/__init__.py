"""Fast, isolated autograding: `workshop grade` runs nbgrader's autograde with each submission sandboxed."""

from toolkit.lazy import lazy_attributes

__all__ = ["GradeSummary", "Limits", "grade_assignment", "grade_assignments", "sandbox_problem"]

# Loaded on first use: the sandbox's warm process imports this package's executor and
# must not pay for nbgrader, which the grading side needs.
__getattr__ = lazy_attributes(
    __name__,
    {
        "GradeSummary": "toolkit.autograde.run",
        "grade_assignment": "toolkit.autograde.run",
        "grade_assignments": "toolkit.autograde.run",
        "Limits": "toolkit.autograde.sandbox",
        "sandbox_problem": "toolkit.autograde.sandbox",
    },
)
