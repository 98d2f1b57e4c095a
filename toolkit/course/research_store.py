"""The research flow's log in the course database, and the files it refers to under
``COURSE_DIR/校本研修/`` (copied in, never overwritten: a second upload of a name is numbered)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select

from toolkit.atomic import free_path, write_atomic
from toolkit.course import tables
from toolkit.course.config import load_course
from toolkit.course.research_log import Event, ResearchState, replay
from toolkit.localtime import local_zone

FILES_FOLDER = "校本研修"


def read_events(db_url: str) -> list[Event]:
    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            if not connection.dialect.has_table(connection, tables.research_event.name):
                return []
            rows = connection.execute(select(tables.research_event).order_by(tables.research_event.c.id))
            return [Event(r.kind, r.subject, r.actor, json.loads(r.data), r.at) for r in rows]
    finally:
        engine.dispose()


def research_state(course_dir: str | Path) -> ResearchState:
    return replay(read_events(load_course(course_dir).db_url))


def append_event(db_url: str, kind: str, subject: str, actor: str, data: dict[str, Any]) -> Event:
    # The school's own clock: the date an acceptance shows is the day the school saw.
    now = dt.datetime.now(local_zone()).replace(tzinfo=None, microsecond=0)
    engine = create_engine(db_url, future=True)
    try:
        tables.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(
                tables.research_event.insert().values(
                    kind=kind, subject=subject, actor=actor, data=json.dumps(data, ensure_ascii=False), at=now
                )
            )
    finally:
        engine.dispose()
    return Event(kind, subject, actor, data, now)


def keep_file(course_root: Path, folder: str, source: Path | tuple[str, bytes]) -> str:
    """Copy ``source`` (a file, or an upload's name and bytes) into the course's research folder;
    the path kept, relative to the course."""
    if isinstance(source, tuple):
        name, content = source
        target = free_path(course_root / FILES_FOLDER / folder, Path(name).name)
        write_atomic(target, lambda partial: partial.write_bytes(content))
    else:
        target = free_path(course_root / FILES_FOLDER / folder, source.name)
        write_atomic(target, lambda partial: shutil.copyfile(source, partial))
    return str(target.relative_to(course_root))
