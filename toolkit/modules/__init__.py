"""What a teacher sees around the modules: the page banner, sample data and the course home."""

from toolkit.modules.data import load_sample, sample_path
from toolkit.modules.page import ModulePage

__all__ = ["ModulePage", "load_sample", "sample_path"]
