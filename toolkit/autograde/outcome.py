"""What grading one submission came to, as a worker reports it to the parent."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """What grading one teacher's submission came to."""

    assignment: str
    teacher_id: str
    status: str  # graded, flagged, failed
    reasons: list[str] = field(default_factory=list)
    seconds: float = 0.0
