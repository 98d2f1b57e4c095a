"""Where the shipped content (course/, assignments/, rubrics/) lives.

In a wheel it sits inside the package as ``toolkit/_content``; in a checkout
(including an editable install) it is the repository's top-level folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
CONTENT_KINDS = ("course", "assignments", "rubrics")


def content_dir(kind: str) -> Path:
    """The folder holding shipped ``kind`` content: one of course, assignments, rubrics."""
    if kind not in CONTENT_KINDS:
        raise ValueError(f"unknown content kind {kind!r}")
    installed = _PACKAGE / "_content" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / kind


# nbgrader's API (the formgrader's feedback button) insists on a template named "feedback";
# ours has that name, so every way of generating feedback gives the teacher the same page.
FEEDBACK_TEMPLATE_NAME = "feedback"


def feedback_template_dir() -> Path:
    """The folder holding the feedback page's nbconvert template (read by every course's config)."""
    return _PACKAGE / "grading" / "templates"


def dashboard_dir() -> Path:
    """The dashboard notebooks shipped with the package."""
    return _PACKAGE / "dashboard" / "notebooks"
