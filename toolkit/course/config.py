"""A course's nbgrader_config.py: written by ``workshop init``, read back by every tool."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

from toolkit.atomic import write_text_atomic
from toolkit.errors import InputError
from toolkit.i18n import t

CONFIG_NAME = "nbgrader_config.py"

_TEMPLATE = """\
# nbgrader configuration written by `workshop init`.
# This is an ordinary nbgrader course: every nbgrader command works here.
import os

c = get_config()  # noqa: F821
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = here
c.CourseDirectory.course_id = {course_id!r}
{db_line}
# Release and collect through an exchange folder inside the course, so a
# single machine needs no shared /srv directory.
c.Exchange.root = os.path.join(here, "exchange")

{checked_collect}

# Widget answers live in answers.json beside each notebook; it must travel
# with submissions, so it is never ignored.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A cell that runs longer than this is stopped and counts as failed.
c.ExecutePreprocessor.timeout = 120

# Feedback in Chinese, readable offline, with widgets shown as text and code hidden.
# The steps are named, not imported: nbgrader imports them when it makes feedback, and
# every other tool reads this file without loading them.
from toolkit.resources import FEEDBACK_TEMPLATE_NAME, feedback_template_dir  # noqa: E402

c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "toolkit.grading.feedback.WorkshopFeedback",
]
c.HTMLExporter.template_name = FEEDBACK_TEMPLATE_NAME
c.HTMLExporter.extra_template_basedirs = [str(feedback_template_dir())]
# Course setting: show each self-test item's answer key and explanation in feedback.
# Set to False to return only results (for example while the self-test is still open).
c.WorkshopFeedback.show_answer_keys = True
"""


CHECKED_COLLECT = (
    "# On the hub each teacher submits from their own system user: collect checks that owner.\n"
    'c.ExchangeFactory.collect = "toolkit.hub.collect.RosterCheckedCollect"'
)


@dataclass(frozen=True)
class CourseSettings:
    root: Path
    course_id: str
    db_url: str


def course_id_for(folder: Path) -> str:
    """An exchange-safe course id from the folder name (``workshop`` when nothing is left)."""
    slug = re.sub(r"[^A-Za-z0-9_\-]+", "-", folder.resolve().name).strip("-")
    return slug or "workshop"


def default_db_url(root: Path) -> str:
    return f"sqlite:///{(root / 'gradebook.db').resolve()}"


def write_config(root: Path, *, course_id: str, db_url: str | None) -> None:
    """Write nbgrader_config.py; ``db_url=None`` keeps nbgrader's default SQLite file."""
    db_line = (
        "# Gradebook: nbgrader's default, gradebook.db in this folder.\n"
        if db_url is None
        else f"c.CourseDirectory.db_url = {db_url!r}\n"
    )
    text = _TEMPLATE.format(course_id=course_id, db_line=db_line, checked_collect=CHECKED_COLLECT)
    write_text_atomic(root / CONFIG_NAME, text)


def load_course(course_dir: str | Path) -> CourseSettings:
    """Read a course's settings the way nbgrader does, from its nbgrader_config.py."""
    root = Path(course_dir).resolve()
    try:
        config = PyFileConfigLoader(CONFIG_NAME, path=str(root)).load_config()
    except ConfigFileNotFound as exc:
        raise InputError(t("init.not_a_course", course=root)) from exc
    directory = config.get("CourseDirectory", {})
    db_url = directory.get("db_url") or default_db_url(root)
    course_id = directory.get("course_id") or course_id_for(root)
    return CourseSettings(root=root, course_id=str(course_id), db_url=str(db_url))
