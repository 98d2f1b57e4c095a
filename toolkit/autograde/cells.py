"""nbgrader's OverwriteCells, reading a notebook's source and graded cells once instead of once per cell.

nbgrader looks each cell up in the gradebook with its own query (two for a graded cell): about
a hundred queries for a self-test. Here the same rows are read with one query per kind before
the cells are visited, and nbgrader's own code then compares and restores every cell; a name
the gradebook does not know raises the same MissingEntry, so nbgrader handles it as before.
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode
from nbgrader.api import Gradebook, GradeCell, MissingEntry, SourceCell, TaskCell
from nbgrader.preprocessors import OverwriteCells


class _NotebookCells:
    """A gradebook whose source and graded cell look-ups come from one notebook's rows, read once."""

    def __init__(self, gradebook: Gradebook, notebook: str, assignment: str) -> None:
        self._gradebook = gradebook
        try:
            stored = gradebook.find_notebook(notebook, assignment)
        except MissingEntry:
            self._source: dict[str, SourceCell] = {}
            self._graded: dict[str, GradeCell | TaskCell] = {}
            return
        self._source = {cell.name: cell for cell in stored.source_cells}
        # nbgrader's find_graded_cell tries grade cells first, then task cells.
        self._graded = {cell.name: cell for cell in stored.task_cells}
        self._graded.update({cell.name: cell for cell in stored.grade_cells})

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> SourceCell:
        try:
            return self._source[name]
        except KeyError:
            raise MissingEntry(f"No such source cell: {assignment}/{notebook}/{name}") from None

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> GradeCell | TaskCell:
        try:
            return self._graded[name]
        except KeyError:
            raise MissingEntry(f"No such graded cell: {assignment}/{notebook}/{name}") from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._gradebook, name)


class PrefetchedOverwriteCells(OverwriteCells):
    """``OverwriteCells`` with the notebook's cells read from the gradebook before the cells are visited."""

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict[str, Any]]:
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.db_url = resources["nbgrader"]["db_url"]
        with Gradebook(self.db_url) as gradebook:
            self.gradebook = _NotebookCells(gradebook, self.notebook_id, self.assignment_id)
            nb, resources = super(OverwriteCells, self).preprocess(nb, resources)
            if self.add_missing_cells:
                nb, resources = self.add_missing_grade_cells(nb, resources)
                nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources
