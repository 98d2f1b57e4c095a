"""Set-based reads of the gradebook into pandas, for dashboards and reports."""

from toolkit.gradebook.read import SELF_TEST, CourseData, item_points, read_course, read_teachers

__all__ = ["SELF_TEST", "CourseData", "item_points", "read_course", "read_teachers"]
