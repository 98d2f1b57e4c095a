"""Evidence for a competency point: what the rubric asks for, and whether the handed-in files meet it."""

from toolkit.evidence.check import (
    EVIDENCE_DIR,
    EvidenceStatus,
    FileCheck,
    assignment_rubric,
    check_evidence,
    check_file,
)
from toolkit.evidence.files import content_format, mp4_minutes
from toolkit.lazy import lazy_attributes

__all__ = [
    "EVIDENCE_DIR",
    "EvidenceBoard",
    "EvidenceStatus",
    "FileCheck",
    "assignment_rubric",
    "check_evidence",
    "check_file",
    "content_format",
    "mp4_minutes",
]

# Widgets load ipywidgets, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "EvidenceBoard": "toolkit.evidence.widget",
    },
)
