"""Who may log in to a course's hub: the roster kept in the course's gradebook.

A hub account's name is the teacher's roster ID exactly as written (``T0001``), so the
hub user, nbgrader's student ID and the gradebook agree. On the machine each person
is a separate system user, ``ws-`` plus the ID in lower case: roster IDs may be all
digits, which system user names may not be, and the prefix keeps them apart from
the machine's own accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, select

from toolkit.course import tables

SYSTEM_PREFIX = "ws-"
# Roster roles that grade and see the cohort: 坊主 (leader) and 管理员 (admin).
GRADER_ROLES = frozenset({"leader", "admin"})


@dataclass(frozen=True)
class Account:
    teacher_id: str
    name: str
    role: str
    active: bool

    @property
    def is_grader(self) -> bool:
        return self.role in GRADER_ROLES

    @property
    def system_name(self) -> str:
        return system_name(self.teacher_id)


def system_name(teacher_id: str) -> str:
    """The system user that runs this person's server and owns their files."""
    return SYSTEM_PREFIX + teacher_id.lower()


def read_accounts(db_url: str) -> dict[str, Account]:
    """Every roster member ever added to the course, archived ones included, by ID."""
    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            if not connection.dialect.has_table(connection, tables.teacher.name):
                return {}
            rows = connection.execute(
                select(
                    tables.teacher.c.teacher_id,
                    tables.teacher.c.name,
                    tables.teacher.c.role,
                    tables.teacher.c.active,
                )
            ).all()
    finally:
        engine.dispose()
    return {row.teacher_id: Account(row.teacher_id, row.name, row.role, bool(row.active)) for row in rows}


def find_account(accounts: dict[str, Account], login: str) -> Account | None:
    """The active account a login name means, matched without regard to case."""
    wanted = login.strip().lower()
    for account in accounts.values():
        if account.active and account.teacher_id.lower() == wanted:
            return account
    return None
