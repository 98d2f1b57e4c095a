"""Trainer dashboards: notebooks served by Voila, built from widgets in this package, and the same
pages exported as static HTML."""

from toolkit.dashboard.cohort import CohortDashboard, cohort_figures
from toolkit.dashboard.portrait import PortraitDashboard
from toolkit.dashboard.progress import ProgressDashboard
from toolkit.dashboard.serve import serve_dashboard, voila_command
from toolkit.dashboard.static import StaticExport, export_static
from toolkit.dashboard.view import COURSE_ENV

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
