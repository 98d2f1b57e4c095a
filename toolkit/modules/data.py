"""The course's sample data (course/data), read the same way from a checkout or a wheel."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from toolkit.resources import content_dir

# A course module's file: the point code, then an English slug (A1_learner_analysis.ipynb).
MODULE_FILE = re.compile(r"^(?P<code>[ABC]\d{1,2})_[a-z0-9_]+\.ipynb$")

# Student numbers look like numbers but are identifiers: keep their leading zeros.
TEXT_COLUMNS = ("学号", "座号", "编号", "设备编号", "题号")


def sample_path(name: str) -> Path:
    """The path of the sample file ``name`` (e.g. ``class_7a_quiz.csv``)."""
    path = content_dir("course") / "data" / name
    if not path.exists():
        known = sorted(p.name for p in path.parent.glob("*.csv"))
        raise FileNotFoundError(f"no sample file {name!r}; the course has {', '.join(known)}")
    return path


def load_sample(name: str) -> pd.DataFrame:
    """A sample CSV as a table, identifier columns kept as text."""
    path = sample_path(name)
    header = pd.read_csv(path, nrows=0).columns
    return pd.read_csv(path, dtype={c: str for c in header if c in TEXT_COLUMNS})
