"""B9 self- and peer-assessment: assignment, ratings and gaps (model), their words, chart and the desk."""

from toolkit.classroom.peer.model import (
    FLAG_HIGH,
    FLAG_LOW,
    TEACHER,
    Note,
    PeerAssessment,
    Rating,
    assign_peers,
    flag_for,
    reviews_by,
)
from toolkit.classroom.peer.report import assignment_table, summary_markdown, summary_table
from toolkit.lazy import lazy_attributes

__all__ = [
    "FLAG_HIGH",
    "FLAG_LOW",
    "TEACHER",
    "Note",
    "PeerAssessment",
    "PeerAssessmentDesk",
    "Rating",
    "assign_peers",
    "assignment_table",
    "flag_for",
    "reviews_by",
    "summary_markdown",
    "summary_table",
]

# The desk loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"PeerAssessmentDesk": "toolkit.classroom.peer.widget"})
