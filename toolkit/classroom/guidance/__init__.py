"""C5 individual guidance: needs read from a class's data (model), their words (report), the planner."""

from toolkit.classroom.guidance.model import (
    ClassData,
    Need,
    StudentProfile,
    all_profiles,
    item_points,
    mastery_table,
    most_urgent,
    student_profile,
)
from toolkit.classroom.guidance.report import class_needs, export_plan, plan_markdown, suggested_plan
from toolkit.lazy import lazy_attributes

__all__ = [
    "ClassData",
    "GuidancePlanner",
    "Need",
    "StudentProfile",
    "all_profiles",
    "class_needs",
    "export_plan",
    "item_points",
    "mastery_table",
    "most_urgent",
    "plan_markdown",
    "student_profile",
    "suggested_plan",
]

# The planner loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"GuidancePlanner": "toolkit.classroom.guidance.widget"})
