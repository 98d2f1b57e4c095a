"""Is the evidence for a point complete? Every file checked against its item's rule in the rubric.

Files live in the assignment folder under ``evidence/<item id>/``; that is what
``nbgrader submit`` carries and what the hidden completeness test reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.evidence.files import format_matches, mp4_minutes, named_format
from toolkit.i18n import add_messages, t
from toolkit.rubric import Criterion, FileRule, Rubric, load_point_rubric
from toolkit.rubric.catalogue import (
    is_achievement,
    load_achievement_rubric,
    load_point_rubric_file,
    load_task_rubric_file,
)

add_messages(
    {
        "evidence.not_file": {
            "zh": "不是普通文件（链接或文件夹不能作为证据）",
            "en": "not a regular file (links and folders cannot be evidence)",
        },
        "evidence.format": {
            "zh": "格式 {found} 不在本项允许的格式之列（{allowed}）",
            "en": "format {found} is not allowed here ({allowed})",
        },
        "evidence.content": {
            "zh": "文件内容不是扩展名所说的 {claimed} 格式，可能已损坏或改过扩展名",
            "en": "the content is not {claimed} as the name says; damaged or renamed",
        },
        "evidence.size": {
            "zh": "文件有 {size:.1f} MB，超过本项上限 {limit:g} MB",
            "en": "the file is {size:.1f} MB, above the {limit:g} MB limit",
        },
        "evidence.length": {
            "zh": "视频长 {minutes:.1f} 分钟，超过本项上限 {limit:g} 分钟",
            "en": "the video runs {minutes:.1f} minutes, above the {limit:g}-minute limit",
        },
        "evidence.short": {
            "zh": "视频只有 {minutes:.1f} 分钟，短于本项下限 {limit:g} 分钟",
            "en": "the video runs {minutes:.1f} minutes, below the {limit:g}-minute minimum",
        },
        "evidence.no_length": {
            "zh": "读不出视频时长，请用常见软件重新导出为 MP4",
            "en": "the video length cannot be read; export it again as MP4",
        },
        "evidence.none": {"zh": "还没有提交文件", "en": "no file yet"},
        "evidence.optional": {"zh": "可选证据，尚未提交（不算缺交）", "en": "optional, not handed in"},
        "evidence.too_few": {
            "zh": "需要至少 {need} 个合格文件，现有 {have} 个",
            "en": "needs at least {need} valid files, has {have}",
        },
    }
)

EVIDENCE_DIR = "evidence"
_MB = 1024 * 1024


@dataclass(frozen=True)
class FileCheck:
    name: str
    size_mb: float
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class EvidenceStatus:
    """One evidence item of a rubric, with the files handed in for it."""

    criterion: Criterion
    files: tuple[FileCheck, ...]

    @property
    def valid_files(self) -> int:
        return sum(1 for f in self.files if f.ok)

    @property
    def optional(self) -> bool:
        return self.criterion.files is not None and not self.criterion.files.required

    @property
    def complete(self) -> bool:
        """Enough valid files; optional evidence with no file at all is complete too."""
        rule = self.criterion.files
        if self.optional and not self.files:
            return True
        return self.valid_files >= (rule.min_files if rule else 1)

    def summary(self) -> str:
        rule = self.criterion.files
        need = rule.min_files if rule else 1
        if not self.files:
            return t("evidence.optional") if self.optional else t("evidence.none")
        if not self.complete:
            return t("evidence.too_few", need=need, have=self.valid_files)
        return "✓"


def check_file(path: Path, rule: FileRule) -> FileCheck:
    """Every way ``path`` breaks ``rule``: not a plain file, wrong format, fake content, too big, too long."""
    if path.is_symlink() or not path.is_file():
        return FileCheck(path.name, 0.0, (t("evidence.not_file"),))
    size = path.stat().st_size / _MB
    claimed = named_format(path)
    problems = []
    if claimed not in rule.formats:
        problems.append(t("evidence.format", found=claimed or "?", allowed="、".join(rule.formats)))
    elif not format_matches(path, claimed):
        problems.append(t("evidence.content", claimed=claimed))
    if size > rule.max_mb:
        problems.append(t("evidence.size", size=size, limit=rule.max_mb))
    timed = rule.max_minutes is not None or rule.min_minutes is not None
    if not problems and claimed == "mp4" and timed:
        minutes = mp4_minutes(path)
        if minutes is None:
            problems.append(t("evidence.no_length"))
        elif rule.max_minutes is not None and minutes > rule.max_minutes:
            problems.append(t("evidence.length", minutes=minutes, limit=rule.max_minutes))
        elif rule.min_minutes is not None and minutes < rule.min_minutes:
            problems.append(t("evidence.short", minutes=minutes, limit=rule.min_minutes))
    return FileCheck(path.name, size, tuple(problems))


def evidence_folder(folder: str | Path, criterion_id: str) -> Path:
    return Path(folder) / EVIDENCE_DIR / criterion_id


def check_evidence(folder: str | Path, rubric: Rubric) -> list[EvidenceStatus]:
    """The status of every evidence item of ``rubric`` in the assignment ``folder``."""
    statuses = []
    for criterion in rubric.criteria:
        place = evidence_folder(folder, criterion.id)
        files: tuple[FileCheck, ...] = ()
        if criterion.files is not None and place.is_dir() and not place.is_symlink():
            files = tuple(
                check_file(path, criterion.files)
                for path in sorted(place.iterdir())
                if not path.name.startswith(".")
            )
        statuses.append(EvidenceStatus(criterion, files))
    return statuses


ASSIGNMENT_RUBRIC = "rubric.yaml"


def assignment_rubric(code: str, folder: str | Path = ".") -> Rubric:
    """The rubric a task assignment uses (``code``: a point, or an achievement such as
    ``typical_case``): ``rubric.yaml`` beside the notebook, else the shipped draft.

    ``workshop init`` writes that file from the course's rubric, and nbgrader
    restores it from the source folder before grading, so a teacher's copy is never trusted.
    """
    own = Path(folder) / ASSIGNMENT_RUBRIC
    if is_achievement(code):
        return load_task_rubric_file(own) if own.is_file() else load_achievement_rubric(code)
    if own.is_file():
        return load_point_rubric_file(own, code)
    return load_point_rubric(code)
