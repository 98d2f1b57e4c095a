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
from toolkit.evidence.widget import EvidenceBoard

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
