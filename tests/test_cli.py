"""The ``workshop`` command as a shell pipeline meets it: a reader that stops early ends it quietly."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("args", [["points"], ["points", "--json"], ["--help"], ["case", "--help"]])
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    """As in `workshop points | head -1`: the reader is gone before the command writes a word."""
    command = subprocess.Popen(
        [sys.executable, "-m", "toolkit", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    command.stdout.close()  # type: ignore[union-attr]
    with command.stderr:  # type: ignore[union-attr]
        said = command.stderr.read().decode()  # type: ignore[union-attr]
    assert command.wait(timeout=60) == 0
    assert said == ""  # no "内部错误", no BrokenPipeError, no traceback


def test_head_gets_the_first_lines() -> None:
    shown = subprocess.run(
        f"{sys.executable} -m toolkit points --json | head -3",
        shell=True, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert shown.stdout.splitlines()[0] == "[" and shown.stderr == ""
