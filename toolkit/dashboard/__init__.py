"""Trainer dashboards: notebooks served by Voila, built from widgets in this package."""

from toolkit.dashboard.cohort import COURSE_ENV, CohortDashboard, cohort_figures
from toolkit.dashboard.serve import serve_dashboard, voila_command

__all__ = ["COURSE_ENV", "CohortDashboard", "cohort_figures", "serve_dashboard", "voila_command"]
