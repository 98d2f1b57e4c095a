"""The toolkit's public Python interface: what notebooks, dashboards and scripts call."""

from toolkit.catalogue import Catalogue, Point, load_catalogue
from toolkit.course import CourseSettings, InitReport, init_course, load_course
from toolkit.dashboard import CohortDashboard, serve_dashboard
from toolkit.demo import DemoReport, run_demo
from toolkit.errors import InputError
from toolkit.gradebook import CourseData, read_course
from toolkit.i18n import set_language, t
from toolkit.roster import Roster, Teacher, read_roster, summarise_roster

__all__ = [
    "Catalogue",
    "CohortDashboard",
    "CourseData",
    "CourseSettings",
    "DemoReport",
    "InitReport",
    "InputError",
    "Point",
    "Roster",
    "Teacher",
    "init_course",
    "load_catalogue",
    "load_course",
    "read_course",
    "read_roster",
    "run_demo",
    "serve_dashboard",
    "set_language",
    "summarise_roster",
    "t",
]
