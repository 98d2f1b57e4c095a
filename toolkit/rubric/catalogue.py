"""The rubrics a course grades with: the toolkit's drafts in rubrics/, or the course's own files.

A course overrides any shipped rubric by placing a file of the same name in
``COURSE_DIR/rubrics/`` (``A1.yaml`` … ``C7.yaml``, ``personal_plan.yaml``, and the
achievements' ``typical_case.yaml`` and so on); no code changes are needed.

Achievements (成果: plans, typical and demonstration cases, "一课多点" lessons) are
assignments graded like a point's evidence, tasks and all, but tied to no point; their
assignment is named after the rubric file (``rubrics/achievements/typical_case.yaml`` is
graded in the assignment ``typical_case``).
"""

from __future__ import annotations

from pathlib import Path

from toolkit.catalogue import load_catalogue
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.resources import content_dir
from toolkit.rubric.model import Rubric, load_rubric

add_messages(
    {
        "rubric.wrong_point": {
            "zh": "这份量规写的能力点是“{found}”，文件名对应的是 {expected}",
            "en": "this rubric is for point '{found}', its file name says {expected}",
        },
        "rubric.not_tasks": {
            "zh": "能力点和成果量规应按“任务—证据—指标”书写（tasks），并采用 conjunctive 评定",
            "en": "a point or achievement rubric lists tasks with evidence, conjunctively graded",
        },
    }
)

PLAN_RUBRIC = "personal_plan"
COURSE_RUBRICS = "rubrics"
ACHIEVEMENTS = "achievements"


def achievement_names() -> tuple[str, ...]:
    """The achievement assignments the toolkit ships a rubric for, in file order."""
    return tuple(sorted(p.stem for p in (content_dir("rubrics") / ACHIEVEMENTS).glob("*.yaml")))


def is_achievement(name: str) -> bool:
    return name in achievement_names()


def shipped_rubric_path(name: str) -> Path:
    """Where the toolkit's own draft of rubric ``name`` (a point code, ``personal_plan`` or an
    achievement) lives."""
    folder = content_dir("rubrics")
    if name == PLAN_RUBRIC:
        return folder / f"{name}.yaml"
    if is_achievement(name):
        return folder / ACHIEVEMENTS / f"{name}.yaml"
    return folder / "points" / f"{name}.yaml"


def rubric_path(name: str, *, course_dir: str | Path | None = None) -> Path:
    """The file rubric ``name`` is read from: the course's own file when there is one."""
    if course_dir is not None:
        own = Path(course_dir) / COURSE_RUBRICS / f"{name}.yaml"
        if own.is_file():
            return own
    return shipped_rubric_path(name)


def load_point_rubric(code: str, *, course_dir: str | Path | None = None) -> Rubric:
    """The validated rubric for point ``code`` (alias or any case accepted)."""
    point = load_catalogue().point(code)
    return load_point_rubric_file(rubric_path(point.code, course_dir=course_dir), point.code)


def load_point_rubric_file(path: Path, code: str) -> Rubric:
    """Read ``path`` as the rubric of point ``code``: tasks with evidence, conjunctive, the right point."""
    rubric = load_task_rubric_file(path)
    if rubric.point.upper() != code.upper():
        raise InputError(t("rubric.wrong_point", found=rubric.point, expected=code), file=path)
    return rubric


def load_task_rubric_file(path: Path) -> Rubric:
    """Read ``path`` as a rubric written as tasks with evidence, levels combined conjunctively."""
    rubric = load_rubric(path)
    if not rubric.tasks or rubric.aggregation != "conjunctive":
        raise InputError(t("rubric.not_tasks"), file=path)
    return rubric


def load_achievement_rubric(name: str, *, course_dir: str | Path | None = None) -> Rubric:
    """The validated rubric of achievement assignment ``name`` (the course's own file first)."""
    return load_task_rubric_file(rubric_path(name, course_dir=course_dir))


def load_plan_rubric(*, course_dir: str | Path | None = None) -> Rubric:
    return load_rubric(rubric_path(PLAN_RUBRIC, course_dir=course_dir))


def load_all_rubrics(*, course_dir: str | Path | None = None) -> dict[str, Rubric]:
    """Every rubric a course uses, by name: the 30 points in catalogue order, the plan, the achievements."""
    rubrics = {p.code: load_point_rubric(p.code, course_dir=course_dir) for p in load_catalogue().points}
    rubrics[PLAN_RUBRIC] = load_plan_rubric(course_dir=course_dir)
    for name in achievement_names():
        rubrics[name] = load_achievement_rubric(name, course_dir=course_dir)
    return rubrics
