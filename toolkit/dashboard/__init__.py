"""Trainer dashboards: notebooks served by Voila, built from widgets in this package, and the same
pages exported as static HTML."""

from toolkit.dashboard.markup import COURSE_ENV
from toolkit.dashboard.serve import serve_dashboard, voila_command
from toolkit.lazy import lazy_attributes

__all__ = [
    "COURSE_ENV",
    "CohortDashboard",
    "PortraitDashboard",
    "ProgressDashboard",
    "StaticExport",
    "cohort_figures",
    "export_static",
    "serve_dashboard",
    "voila_command",
]

# The pages load ipywidgets and matplotlib, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "CohortDashboard": "toolkit.dashboard.cohort",
        "cohort_figures": "toolkit.dashboard.cohort",
        "PortraitDashboard": "toolkit.dashboard.portrait",
        "ProgressDashboard": "toolkit.dashboard.progress",
        "StaticExport": "toolkit.dashboard.static",
        "export_static": "toolkit.dashboard.static",
    },
)
