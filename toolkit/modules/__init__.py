"""What a teacher sees around the modules: the page banner, sample data and the course home."""

from toolkit.modules.data import load_sample, sample_path
from toolkit.modules.home import CourseHome, find_modules, submissions
from toolkit.modules.page import ModulePage

__all__ = ["CourseHome", "ModulePage", "find_modules", "load_sample", "sample_path", "submissions"]
