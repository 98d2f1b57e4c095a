"""nbgrader's SaveAutoGrades, writing a notebook's grades and comments in one transaction.

nbgrader commits after every graded cell and every comment: a 48-item self-test is about 100
commits, each a disk sync and, since SQLAlchemy expires what it loaded at every commit, a
fresh read of the rows the next cell touches. Here nbgrader's own code sets every grade and
comment, and the session commits once at the end, so the gradebook holds the same rows
afterwards; if grading stops half-way, none of that notebook's grades are written, instead
of some.
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import SaveAutoGrades


class OneCommitSaveAutoGrades(SaveAutoGrades):
    """``SaveAutoGrades`` with its per-cell commits held until the whole notebook is saved."""

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict[str, Any]]:
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.student_id = resources["nbgrader"]["student"]
        self.db_url = resources["nbgrader"]["db_url"]
        self.gradebook = Gradebook(self.db_url)
        with self.gradebook:
            session = self.gradebook.db
            # nbgrader's cell steps call session.commit(); within this notebook that only flushes
            # (so the next cell's queries see the rows), and the one real commit follows.
            session.commit = session.flush  # type: ignore[method-assign]
            try:
                nb, resources = super(SaveAutoGrades, self).preprocess(nb, resources)
            except BaseException:
                session.rollback()
                raise
            finally:
                del session.commit
            session.commit()
        return nb, resources
