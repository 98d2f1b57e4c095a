"""The whole-process timer every benchmark uses."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from toolkit.environment import tools_path


def timed(command: list[str], *, cwd: Path) -> float:
    """Seconds for ``command`` to run to its end in ``cwd``, with a bare environment."""
    started = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, check=True, capture_output=True, env={"PATH": tools_path(), "HOME": str(cwd)}
    )
    return time.perf_counter() - started
