"""What `workshop grade` has done, kept in the gradebook: what to skip when a run is resumed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from sqlalchemy import create_engine, select, update

from toolkit.course import tables


def fingerprint(folder: Path) -> str:
    """A digest of a submitted folder's file names, sizes and modification times."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            stat = path.lstat()
            digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class RunRecords:
    """The ``workshop_autograde_run`` table of one course and assignment."""

    def __init__(self, db_url: str, assignment: str) -> None:
        self.assignment = assignment
        self.engine = create_engine(db_url, future=True)
        tables.metadata.create_all(self.engine, tables=[tables.autograde_run])

    def done(self) -> dict[str, str]:
        """Teacher id → fingerprint of the submission last graded or flagged (not failed)."""
        run = tables.autograde_run
        query = select(run.c.teacher_id, run.c.fingerprint).where(
            run.c.assignment == self.assignment,
            run.c.superseded.is_(False),
            run.c.status != "failed",
        )
        with self.engine.connect() as connection:
            return {row.teacher_id: row.fingerprint for row in connection.execute(query)}

    def add(
        self, teacher_id: str, *, status: str, reasons: list[str], fingerprint: str, seconds: float
    ) -> None:
        """Record one outcome; the teacher's earlier records stay, marked superseded."""
        run = tables.autograde_run
        with self.engine.begin() as connection:
            connection.execute(
                update(run)
                .where(run.c.assignment == self.assignment, run.c.teacher_id == teacher_id)
                .values(superseded=True)
            )
            connection.execute(
                run.insert().values(
                    assignment=self.assignment,
                    teacher_id=teacher_id,
                    status=status,
                    reasons=json.dumps(reasons, ensure_ascii=False),
                    fingerprint=fingerprint,
                    seconds=round(seconds, 3),
                    graded_at=dt.datetime.now(),
                    superseded=False,
                )
            )

    def close(self) -> None:
        self.engine.dispose()
