"""The toolkit's public Python interface: what notebooks, dashboards and scripts call."""

from toolkit.assess import Assessment, assess
from toolkit.assess.course import course_assessment
from toolkit.autograde import GradeSummary, Limits, grade_assignment
from toolkit.catalogue import Catalogue, Point, load_catalogue
from toolkit.charts import ChartAdvisor
from toolkit.course import CourseSettings, InitReport, init_course, load_course
from toolkit.dashboard import (
    CohortDashboard,
    PortraitDashboard,
    ProgressDashboard,
    export_static,
    serve_dashboard,
)
from toolkit.demo import DemoReport, run_demo
from toolkit.errors import InputError
from toolkit.gradebook import CourseData, read_course
from toolkit.hub import prepare_hub, run_hub
from toolkit.i18n import set_language, t
from toolkit.learner import LearnerAnalysis, load_quiz
from toolkit.ledger import Ledger, count_hours, read_ledger
from toolkit.ledger.course import course_hours, import_ledger
from toolkit.library import ResourceLibrary, ResourceLibraryManager
from toolkit.modules import CourseHome, ModulePage
from toolkit.report import write_report
from toolkit.roster import Roster, Teacher, read_roster, summarise_roster
from toolkit.rubric import Rubric, RubricBuilder, load_rubric
from toolkit.rubric import score as score_rubric
from toolkit.scheme import Scheme, load_scheme
from toolkit.submission import AssignmentBoard, SubmitPanel, assignment_title, missing_items

__all__ = [
    "AssignmentBoard",
    "Assessment",
    "Catalogue",
    "ChartAdvisor",
    "CohortDashboard",
    "CourseData",
    "CourseHome",
    "CourseSettings",
    "DemoReport",
    "GradeSummary",
    "InitReport",
    "InputError",
    "LearnerAnalysis",
    "Limits",
    "Ledger",
    "ModulePage",
    "PortraitDashboard",
    "ProgressDashboard",
    "Point",
    "ResourceLibrary",
    "ResourceLibraryManager",
    "Roster",
    "Rubric",
    "RubricBuilder",
    "Scheme",
    "SubmitPanel",
    "Teacher",
    "assess",
    "assignment_title",
    "count_hours",
    "course_assessment",
    "course_hours",
    "export_static",
    "grade_assignment",
    "import_ledger",
    "init_course",
    "load_catalogue",
    "load_course",
    "load_quiz",
    "load_rubric",
    "load_scheme",
    "missing_items",
    "prepare_hub",
    "read_course",
    "read_ledger",
    "read_roster",
    "run_demo",
    "run_hub",
    "score_rubric",
    "serve_dashboard",
    "set_language",
    "summarise_roster",
    "t",
    "write_report",
]
