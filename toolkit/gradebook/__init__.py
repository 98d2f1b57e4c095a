"""Set-based reads of the gradebook into pandas, for dashboards and reports."""

from toolkit.gradebook.read import CourseData, item_points, read_course

__all__ = ["CourseData", "item_points", "read_course"]
