"""What a teacher sees around the modules: the page banner, sample data and the course home."""

from toolkit.lazy import lazy_attributes
from toolkit.modules.data import load_sample, sample_path

__all__ = ["CourseHome", "ModulePage", "find_modules", "load_sample", "sample_path", "submissions"]

# The home page and banner are widgets (ipywidgets), imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "CourseHome": "toolkit.modules.home",
        "find_modules": "toolkit.modules.home",
        "submissions": "toolkit.modules.home",
        "ModulePage": "toolkit.modules.page",
    },
)
