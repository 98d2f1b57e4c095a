"""Whole-or-nothing file writes: a file is replaced only once its new content is complete."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Let ``write`` fill a sibling ``.part`` file, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        write(partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)  # nothing half-written is left behind
        raise
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """``text`` as UTF-8 (a leading BOM in ``text`` is kept, for Excel), written whole or not at all."""
    return write_atomic(path, lambda partial: partial.write_text(text, encoding="utf-8"))


def free_path(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, numbered when it is taken (a-2.pdf, a-3.pdf): nothing is overwritten."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{stem}-{number}{suffix}"
    return target
