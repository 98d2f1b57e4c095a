"""Read and check a roster file per the DESIGN.md contract."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from toolkit.i18n import t
from toolkit.tables import ColumnSpec, read_table

# Canonical role -> accepted spellings (case-insensitive).
ROLES: dict[str, tuple[str, ...]] = {
    "teacher": ("教师", "teacher", "老师", "学员"),
    "leader": ("坊主", "leader", "workshop leader", "workshop_leader"),
    "admin": ("管理员", "admin", "administrator", "学校管理员"),
}

COLUMNS = (
    ColumnSpec("teacher_id", ("工号", "teacher_id", "id", "教师工号"), required=True),
    ColumnSpec("name", ("姓名", "name"), required=True),
    ColumnSpec("school", ("学校", "school")),
    ColumnSpec("subject", ("学科", "subject")),
    ColumnSpec("stage", ("学段", "stage")),
    ColumnSpec("group", ("教研组", "group", "research_group")),
    ColumnSpec("role", ("角色", "role")),
    ColumnSpec("phone", ("手机", "phone", "mobile")),
    ColumnSpec("email", ("邮箱", "email", "e-mail")),
)

# IDs become folder names in nbgrader's submitted/ and autograded/ trees.
TEACHER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


@dataclass(frozen=True)
class Teacher:
    teacher_id: str
    name: str
    school: str = ""
    subject: str = ""
    stage: str = ""
    group: str = ""
    role: str = "teacher"
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Roster:
    file: Path
    teachers: tuple[Teacher, ...]

    def __len__(self) -> int:
        return len(self.teachers)


def _role(value: str) -> str | None:
    if not value:
        return "teacher"
    lowered = value.lower()
    for role, spellings in ROLES.items():
        if lowered in (s.lower() for s in spellings):
            return role
    return None


def read_roster(path: str | Path) -> Roster:
    """Read a roster; any problem raises InputError naming the file, row and column."""
    table = read_table(path, COLUMNS)
    first_row: dict[str, int] = {}
    teachers = []
    for number, values in table.rows:
        teacher_id = values["teacher_id"]
        if not TEACHER_ID.match(teacher_id):
            raise table.error(t("roster.bad_id", value=teacher_id), row=number, key="teacher_id")
        if teacher_id in first_row:
            raise table.error(
                t("roster.duplicate_id", teacher_id=teacher_id, first_row=first_row[teacher_id]),
                row=number,
                key="teacher_id",
            )
        first_row[teacher_id] = number
        role = _role(values.get("role", ""))
        if role is None:
            raise table.error(t("roster.unknown_role", value=values["role"]), row=number, key="role")
        teachers.append(
            Teacher(
                teacher_id=teacher_id,
                name=values["name"],
                school=values.get("school", ""),
                subject=values.get("subject", ""),
                stage=values.get("stage", ""),
                group=values.get("group", ""),
                role=role,
                phone=values.get("phone", ""),
                email=values.get("email", ""),
            )
        )
    return Roster(file=table.file, teachers=tuple(teachers))


def summarise_roster(roster: Roster) -> str:
    """Counts a trainer checks before creating a course: total, per school, per role."""
    lines = [t("roster.summary", file=roster.file, count=len(roster))]
    schools = Counter(teacher.school or t("roster.no_school") for teacher in roster.teachers)
    lines.append(t("roster.by_school"))
    lines += [f"  {school}: {n}" for school, n in sorted(schools.items())]
    roles = Counter(teacher.role for teacher in roster.teachers)
    lines.append(t("roster.by_role"))
    lines += [f"  {t('role.' + role)}: {roles[role]}" for role in ROLES if roles[role]]
    return "\n".join(lines)
