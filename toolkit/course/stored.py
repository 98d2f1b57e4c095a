"""Choices ``workshop init`` keeps in the gradebook database (the scheme, the environment)."""

from __future__ import annotations

from sqlalchemy import create_engine, select

from toolkit.course import tables


def stored_setting(db_url: str, key: str) -> str | None:
    """The value ``workshop init`` stored under ``key``, or None when there is none."""
    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            if not connection.dialect.has_table(connection, tables.setting.name):
                return None
            return connection.execute(
                select(tables.setting.c.value).where(tables.setting.c.key == key)
            ).scalar()
    finally:
        engine.dispose()
