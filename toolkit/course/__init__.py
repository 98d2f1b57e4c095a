"""Courses: ordinary nbgrader courses made and updated from a roster."""

from toolkit.course.config import CourseSettings, load_course
from toolkit.lazy import lazy_attributes

__all__ = ["CourseSettings", "InitReport", "init_course", "load_course"]

# Making a course reads rosters, rubrics and plan rules; reading one needs none of that.
__getattr__ = lazy_attributes(
    __name__,
    {"InitReport": "toolkit.course.init", "init_course": "toolkit.course.init"},
)
