"""Courses: ordinary nbgrader courses made and updated from a roster."""

from toolkit.course.config import CourseSettings, load_course
from toolkit.course.init import InitReport, init_course

__all__ = ["CourseSettings", "InitReport", "init_course", "load_course"]
