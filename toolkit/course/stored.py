"""Choices kept in the gradebook database: the scheme and environment from ``workshop init``, the
ledger's kind mapping from ``workshop ledger import --kinds``."""

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


def store_setting(connection: object, key: str, value: str) -> None:
    """Insert or replace ``key`` inside the caller's transaction (a Connection or a Session)."""
    current = connection.execute(  # type: ignore[attr-defined]
        select(tables.setting.c.value).where(tables.setting.c.key == key)
    ).scalar()
    if current is None:
        connection.execute(tables.setting.insert().values(key=key, value=value))  # type: ignore[attr-defined]
    elif current != value:
        connection.execute(  # type: ignore[attr-defined]
            tables.setting.update().where(tables.setting.c.key == key).values(value=value)
        )
