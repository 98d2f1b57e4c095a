"""The process environment: the tools installed beside this Python made findable by the libraries
that shell out, and the variable naming who grades on the hub.

nbgrader runs ``alembic`` and Jupyter commands by name; when the toolkit is run
as ``.venv/bin/workshop`` without activating the environment, those names are
only found if the interpreter's own bin folder is on PATH.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Who is grading, in the course service's Voila pages on the hub (set by toolkit.hub.voila_hooks).
GRADER_ENV = "WORKSHOP_GRADER"


def tools_path() -> str:
    """PATH with this interpreter's bin folder first (unchanged if already there)."""
    bin_dir = str(Path(sys.executable).parent)
    current = os.environ.get("PATH", "")
    parts = current.split(os.pathsep) if current else []
    if parts and parts[0] == bin_dir:
        return current
    return os.pathsep.join([bin_dir, *[p for p in parts if p != bin_dir]])


def ensure_tools_on_path() -> None:
    os.environ["PATH"] = tools_path()
