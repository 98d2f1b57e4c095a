"""``workshop init``: make or update an nbgrader course from a roster, never deleting anyone."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, Student
from sqlalchemy import create_engine, select
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from toolkit.catalogue import load_catalogue
from toolkit.course import tables
from toolkit.course.config import (
    CONFIG_NAME,
    course_id_for,
    default_db_url,
    load_course,
    write_config,
)
from toolkit.course.scope import stored_scope
from toolkit.course.stored import store_setting, stored_setting
from toolkit.environment import ensure_tools_on_path
from toolkit.errors import InputError
from toolkit.evidence.check import ASSIGNMENT_RUBRIC
from toolkit.i18n import t
from toolkit.plan.rules import PLAN_ASSIGNMENT, RULES_FILE, PlanRules, default_rules, save_rules
from toolkit.resources import content_dir
from toolkit.roster import Roster, Teacher, read_roster
from toolkit.rubric import Rubric, load_all_rubrics
from toolkit.rubric.catalogue import is_achievement
from toolkit.rubric.files import save_yaml

# Two-character surnames, so that nbgrader's first/last name columns read naturally.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 "
    "独孤 南宫 西门 百里 呼延 申屠 太史 闻人 万俟 澹台 公冶 宗政 濮阳 淳于 单于".split()
)


def split_name(full_name: str) -> tuple[str, str]:
    """(given name, surname) for nbgrader's first_name/last_name columns."""
    name = full_name.strip()
    if " " in name:  # a name written in Latin letters: "Given Family"
        given, _, family = name.rpartition(" ")
        return given.strip(), family
    if len(name) >= 3 and name[:2] in _COMPOUND_SURNAMES:
        return name[2:], name[:2]
    return name[1:], name[:1]


@dataclass(frozen=True)
class InitReport:
    course_dir: Path
    created: bool
    added: int
    updated: int
    kept_inactive: int
    copied_assignments: int
    kept_assignments: int
    environment: str

    def message(self) -> str:
        lines = [
            t("init.created", course=self.course_dir, added=self.added)
            if self.created
            else t(
                "init.updated",
                course=self.course_dir,
                added=self.added,
                updated=self.updated,
                kept=self.kept_inactive,
            ),
            t("init.assignments", copied=self.copied_assignments, kept=self.kept_assignments),
        ]
        return "\n".join(lines)


def _check_database(url: str) -> None:
    """Fail with exit 2, before anything is written, when the database cannot be used."""
    try:
        engine = create_engine(url, future=True)
        with engine.connect():
            pass
        engine.dispose()
    except (ArgumentError, NoSuchModuleError, SQLAlchemyError, ImportError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(t("init.bad_db", url=url, reason=reason)) from exc


def init_course(
    course_dir: str | Path,
    *,
    roster: str | Path | Roster,
    environment: str | None = None,
    scheme: str | None = None,
    db_url: str | None = None,
) -> InitReport:
    """Create the nbgrader course at ``course_dir`` or bring it up to date with ``roster``.

    Teachers new to the roster are added, changed details are updated (the old
    record archived), and teachers missing from it are kept and marked inactive.
    ``environment`` and ``scheme`` not given keep the course's own (a new course: C, default),
    so running init again with next term's roster never switches a course's rules.
    """
    people = roster if isinstance(roster, Roster) else read_roster(roster)
    root = Path(course_dir).resolve()
    exists = (root / CONFIG_NAME).is_file()
    settings = load_course(root) if exists else None
    if settings is not None:
        environment = environment or stored_setting(settings.db_url, "environment")
        scheme = scheme or stored_setting(settings.db_url, "scheme")
    environment = load_catalogue().environment(environment or "C").code
    scheme = scheme or "default"
    # Read and validate every rule file (the course's own rubrics too) before writing anything;
    # the plan keeps the course scope an administrator chose.
    scope = stored_scope(settings.db_url) if settings is not None else ()
    plan_rules = default_rules(scheme=scheme, environment=environment, course_dir=root, scope=scope)
    rubrics = load_all_rubrics(course_dir=root)
    if settings is not None:
        if db_url is not None and db_url != settings.db_url:
            raise InputError(t("init.bad_db", url=db_url, reason=f"{CONFIG_NAME} uses {settings.db_url}"))
        url, course_id = settings.db_url, settings.course_id
    else:
        course_id = course_id_for(root)
        url = db_url or default_db_url(root)
        if db_url is not None:
            _check_database(db_url)
        root.mkdir(parents=True, exist_ok=True)

    added, updated, kept = _sync_gradebook(url, course_id, people.teachers, environment, scheme)
    if not exists:
        write_config(root, course_id=course_id, db_url=db_url)
    copied, unchanged = _copy_source_assignments(root / "source")
    _write_assignment_rules(root / "source", plan_rules, rubrics)
    return InitReport(root, not exists, added, updated, kept, copied, unchanged, environment)


def _sync_gradebook(
    url: str, course_id: str, teachers: tuple[Teacher, ...], environment: str, scheme: str
) -> tuple[int, int, int]:
    """Add and update students and toolkit records in one transaction."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    ensure_tools_on_path()  # nbgrader runs `alembic` by name for a new gradebook
    try:
        gradebook = Gradebook(url, course_id=course_id)
    except SQLAlchemyError as exc:
        raise InputError(t("init.bad_db", url=url, reason=str(exc).splitlines()[0])) from exc
    try:
        tables.metadata.create_all(gradebook.engine)
        session = gradebook.db
        students = {s.id: s for s in session.query(Student).all()}
        known = {row.teacher_id: row._asdict() for row in session.execute(select(tables.teacher)).all()}
        added = updated = 0
        for person in teachers:
            first, last = split_name(person.name)
            student = students.get(person.teacher_id)
            if student is None:
                session.add(
                    Student(
                        id=person.teacher_id,
                        first_name=first,
                        last_name=last,
                        email=person.email or None,
                    )
                )
            else:
                student.first_name, student.last_name = first, last
                student.email = person.email or student.email
            values = {column: getattr(person, field) for field, column in tables.TEACHER_FIELDS.items()}
            old = known.get(person.teacher_id)
            if old is None:
                session.execute(
                    tables.teacher.insert().values(
                        teacher_id=person.teacher_id,
                        active=True,
                        joined_at=now,
                        updated_at=now,
                        **values,
                    )
                )
                added += 1
            elif any(old[c] != v for c, v in values.items()) or not old["active"]:
                _archive(session, old, reason="roster-update", now=now)
                session.execute(
                    tables.teacher.update()
                    .where(tables.teacher.c.teacher_id == person.teacher_id)
                    .values(active=True, updated_at=now, **values)
                )
                updated += 1
        in_roster = {p.teacher_id for p in teachers}
        kept = 0
        for teacher_id, old in known.items():
            if teacher_id not in in_roster and old["active"]:
                _archive(session, old, reason="left-roster", now=now)
                session.execute(
                    tables.teacher.update()
                    .where(tables.teacher.c.teacher_id == teacher_id)
                    .values(active=False, updated_at=now)
                )
                kept += 1
        store_setting(session, "environment", environment)
        store_setting(session, "scheme", scheme)
        session.commit()
        return added, updated, kept
    except SQLAlchemyError as exc:
        gradebook.db.rollback()
        raise InputError(t("init.bad_db", url=url, reason=str(exc).splitlines()[0])) from exc
    finally:
        gradebook.close()
        gradebook.engine.dispose()


def _archive(session: object, record: dict[str, object], *, reason: str, now: dt.datetime) -> None:
    session.execute(  # type: ignore[attr-defined]
        tables.archive.insert().values(
            kind="teacher",
            teacher_id=record["teacher_id"],
            reason=reason,
            record=json.dumps(record, ensure_ascii=False, default=str),
            archived_at=now,
        )
    )


def _copy_source_assignments(source: Path) -> tuple[int, int]:
    """Copy shipped assignments into source/, leaving every existing file untouched."""
    copied = unchanged = 0
    for shipped in sorted(p for p in content_dir("assignments").iterdir() if p.is_dir()):
        target = source / shipped.name
        if target.exists():
            unchanged += 1
            continue
        staging = source / f".{shipped.name}.part"
        if staging.exists():
            shutil.rmtree(staging)
        shutil.copytree(shipped, staging, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        staging.rename(target)
        copied += 1
    return copied, unchanged


def _write_assignment_rules(source: Path, plan_rules: PlanRules, rubrics: dict[str, Rubric]) -> None:
    """Give each assignment the rules it checks against, from this course's scheme and rubrics.

    nbgrader releases these files with the notebook and restores them from here
    before grading, so a teacher's copy never decides a grade.
    """
    plan_folder = source / PLAN_ASSIGNMENT
    if plan_folder.is_dir():
        save_rules(plan_rules, plan_folder / RULES_FILE)
    for name, rubric in rubrics.items():
        # A point's evidence is handed in as task_<point>; an achievement under its own name.
        folder = source / (f"task_{name}" if rubric.point else name)
        if (rubric.point or is_achievement(name)) and folder.is_dir():
            save_yaml(rubric, folder / ASSIGNMENT_RUBRIC)
