"""The rubrics a course grades with: the toolkit's drafts in rubrics/, or the course's own files.

A course overrides any shipped rubric by placing a file of the same name in
``COURSE_DIR/rubrics/`` (``A1.yaml`` … ``C7.yaml``, ``personal_plan.yaml``);
no code changes are needed.
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
            "zh": "能力点量规应按“任务—证据—指标”书写（tasks），并采用 conjunctive 评定",
            "en": "a point rubric must list tasks with evidence and use conjunctive aggregation",
        },
    }
)

PLAN_RUBRIC = "personal_plan"
COURSE_RUBRICS = "rubrics"


def shipped_rubric_path(name: str) -> Path:
    """Where the toolkit's own draft of rubric ``name`` (a point code or ``personal_plan``) lives."""
    folder = content_dir("rubrics")
    return folder / "points" / f"{name}.yaml" if name != PLAN_RUBRIC else folder / f"{name}.yaml"


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
    rubric = load_rubric(path)
    if rubric.point.upper() != code.upper():
        raise InputError(t("rubric.wrong_point", found=rubric.point, expected=code), file=path)
    if not rubric.tasks or rubric.aggregation != "conjunctive":
        raise InputError(t("rubric.not_tasks"), file=path)
    return rubric


def load_plan_rubric(*, course_dir: str | Path | None = None) -> Rubric:
    return load_rubric(rubric_path(PLAN_RUBRIC, course_dir=course_dir))


def load_all_rubrics(*, course_dir: str | Path | None = None) -> dict[str, Rubric]:
    """Every rubric a course uses, by name: the 30 points in catalogue order, then the plan."""
    rubrics = {p.code: load_point_rubric(p.code, course_dir=course_dir) for p in load_catalogue().points}
    rubrics[PLAN_RUBRIC] = load_plan_rubric(course_dir=course_dir)
    return rubrics
