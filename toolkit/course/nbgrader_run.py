"""Run real nbgrader commands in a course folder, with a progress bar where they take long."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from toolkit.environment import tools_path
from toolkit.i18n import t

_AUTOGRADING = re.compile(r"Autograding .*/autograded/(?P<student>[^/]+)/")


class NbgraderError(RuntimeError):
    """An nbgrader command failed: an internal fault (exit 1), with nbgrader's own last lines."""


def run_nbgrader(
    course_dir: str | Path,
    args: Sequence[str],
    *,
    progress: tqdm | None = None,
) -> str:
    """Run ``nbgrader ARGS`` in ``course_dir``; return its log.

    With ``progress``, each notebook nbgrader starts to autograde advances the bar.
    """
    command = [sys.executable, "-m", "nbgrader", *args]
    env = {**os.environ, "PATH": tools_path()}
    with subprocess.Popen(
        command,
        cwd=course_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            match = _AUTOGRADING.search(line)
            if progress is not None and match:
                progress.set_postfix_str(match["student"], refresh=False)
                progress.update(1)
        code = process.wait()
    log = "".join(lines)
    if code != 0:
        tail = " | ".join(line.strip() for line in lines[-5:])
        raise NbgraderError(t("nbgrader.failed", command=" ".join(args), code=code, tail=tail))
    return log
