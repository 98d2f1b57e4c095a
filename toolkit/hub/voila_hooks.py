"""What the course service's Voila pages learn from the hub about who is looking.

Every grader reaches the desk through the same course service, which runs as one
system user; without this the desk would record that user as the grader of every
grading. Voila's prelaunch hook sees the logged-in hub user of the request and puts
their name first in the notebook, before the desk is built.
"""

from __future__ import annotations

from typing import Any

import nbformat

from toolkit.environment import GRADER_ENV


def name_the_grader(req: Any, notebook: nbformat.NotebookNode, cwd: str) -> nbformat.NotebookNode:
    """Voila's ``prelaunch_hook``: the page's kernel learns the hub user's name."""
    user = getattr(req, "current_user", None)
    name = getattr(user, "name", None) or getattr(user, "username", None)
    if name:
        source = f"import os\nos.environ[{GRADER_ENV!r}] = {str(name)!r}"
        notebook.cells.insert(0, nbformat.v4.new_code_cell(source))
    return notebook
