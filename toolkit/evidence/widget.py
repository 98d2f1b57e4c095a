"""The evidence board of a task assignment: what the rubric asks for, upload, check, withdraw."""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
from pathlib import Path

import ipywidgets as widgets

from toolkit.atomic import free_path
from toolkit.evidence.check import (
    EvidenceStatus,
    assignment_rubric,
    check_evidence,
    evidence_folder,
)
from toolkit.evidence.files import named_format
from toolkit.i18n import add_messages, t
from toolkit.rubric import Criterion
from toolkit.rubric.catalogue import is_achievement
from toolkit.rubric.files import describe_file_rule
from toolkit.widgets.style import WRAP_CLASS, WRAP_OPTIONS_CSS
from toolkit.widgets.upload import upload_button
from toolkit.work.outputs import outputs_dir

add_messages(
    {
        "board.draft": {
            "zh": "本量规为研修工具提供的草案；所在地区或学校另有量规时，以培训者发布的为准。",
            "en": "This rubric is the toolkit's draft; a region's own rubric replaces it.",
        },
        "board.task": {"zh": "任务{n}：{name}", "en": "Task {n}: {name}"},
        "board.upload": {"zh": "选择文件", "en": "Choose files"},
        "board.add": {"zh": "上传到本项", "en": "Add to this item"},
        "board.from_outputs": {"zh": "或从 outputs 中选取", "en": "or pick from outputs"},
        "board.copy": {"zh": "放入本项", "en": "Use this file"},
        "board.withdraw": {"zh": "撤下所选文件", "en": "Withdraw file"},
        "board.refresh": {"zh": "重新检查", "en": "Check again"},
        "board.summary": {
            "zh": "证据齐全 {complete} / {total} 项。缺项或文件不合要求时，只能评为不合格。",
            "en": "{complete} of {total} evidence items complete. Missing evidence means 不合格.",
        },
        "board.all_done": {
            "zh": "全部证据已齐全，可以在本页最下方提交。",
            "en": "All evidence is in; submit at the foot of this page.",
        },
        "board.added": {"zh": "已放入：{names}", "en": "Added: {names}"},
        "board.withdrawn": {
            "zh": "已撤下 {name}（保存在 {place}，没有删除）",
            "en": "Withdrew {name} (kept in {place}, not deleted)",
        },
        "board.big_files": {
            "zh": "大文件（如课堂实录视频）也可以在左侧文件浏览器中直接拖进文件夹 {folder}，再点“重新检查”。",
            "en": "Large files (videos) can be dragged into {folder} in the file browser; then check again.",
        },
    }
)

WITHDRAWN_ENV = "WORKSHOP_WITHDRAWN"


class EvidenceItem(widgets.VBox):
    """One evidence item: its requirement, its files with their problems, upload and withdraw."""

    def __init__(self, board: EvidenceBoard, criterion: Criterion) -> None:
        self.board = board
        self.criterion = criterion
        rule = criterion.files
        accept = ",".join(f".{kind}" for kind in rule.formats) if rule else ""
        self.upload = upload_button(accept=accept, multiple=True, description=t("board.upload"))
        self.add_button = widgets.Button(description=t("board.add"), icon="upload")
        self.add_button.on_click(lambda _: self.add_uploads())
        self.outputs = widgets.Dropdown(description=t("board.from_outputs"), layout={"width": "420px"})
        self.copy_button = widgets.Button(description=t("board.copy"))
        self.copy_button.on_click(lambda _: self.copy_output())
        self.files = widgets.Dropdown(layout={"width": "300px"})
        self.withdraw_button = widgets.Button(description=t("board.withdraw"), icon="archive")
        self.withdraw_button.on_click(lambda _: self.withdraw())
        self.status = widgets.HTML()
        self.message = widgets.HTML()
        heading = (
            f"<b>{html.escape(criterion.name)}</b>"
            f"<div style='color:#555'>{html.escape(criterion.description)}</div>"
            f"<div style='color:#555;font-size:90%'>{html.escape(describe_file_rule(rule))}</div>"
            if rule
            else f"<b>{html.escape(criterion.name)}</b>"
        )
        super().__init__(
            [
                widgets.HTML(heading),
                self.status,
                widgets.HBox([self.upload, self.add_button]),
                widgets.HBox([self.outputs, self.copy_button]),
                widgets.HBox([self.files, self.withdraw_button]),
                self.message,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="6px", margin="4px 0 4px 16px"),
        )
        self.add_class(f"workshop-evidence-{criterion.id}")

    @property
    def folder(self) -> Path:
        return evidence_folder(self.board.folder, self.criterion.id)

    def show(self, status: EvidenceStatus, outputs: list[Path]) -> None:
        """Show ``status``, and offer those ``outputs`` files whose format this item accepts."""
        colour = "#2e7d32" if status.complete else "#c62828"
        rows = "".join(
            f"<li>{'✓' if f.ok else '✗'} {html.escape(f.name)} ({f.size_mb:.1f} MB)"
            + (
                f" <span style='color:#c62828'>{html.escape('；'.join(f.problems))}</span>"
                if f.problems
                else ""
            )
            + "</li>"
            for f in status.files
        )
        self.status.value = f"<div style='color:{colour}'>{html.escape(status.summary())}</div>" + (
            f"<ul style='margin:2px 0'>{rows}</ul>" if rows else ""
        )
        self.files.options = [f.name for f in status.files]
        rule = self.criterion.files
        accepted = set(rule.formats) if rule else set()
        self.outputs.options = [p.name for p in outputs if named_format(p) in accepted]

    def add_uploads(self) -> list[Path]:
        added = []
        self.folder.mkdir(parents=True, exist_ok=True)
        for item in self.upload.value:
            target = free_path(self.folder, Path(item["name"]).name)
            target.write_bytes(bytes(item["content"]))
            added.append(target)
        self.upload.value = ()
        self.message.value = t("board.added", names="、".join(p.name for p in added)) if added else ""
        self.board.refresh()
        return added

    def copy_output(self) -> Path | None:
        if not self.outputs.value:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        target = free_path(self.folder, self.outputs.value)
        shutil.copy2(self.board.outputs_folder / self.outputs.value, target)
        self.message.value = t("board.added", names=target.name)
        self.board.refresh()
        return target

    def withdraw(self) -> Path | None:
        """Move the chosen file out of the submission into the withdrawn archive; it is never deleted."""
        if not self.files.value:
            return None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        archive = self.board.withdrawn_folder / self.criterion.id
        archive.mkdir(parents=True, exist_ok=True)
        target = free_path(archive, f"{stamp}-{self.files.value}")
        shutil.move(str(self.folder / self.files.value), target)
        self.message.value = t("board.withdrawn", name=self.files.value, place=archive)
        self.board.refresh()
        return target


class EvidenceBoard(widgets.VBox):
    """Everything a task assignment asks for, from the point's rubric, with live checks."""

    def __init__(self, code: str, *, folder: str | Path = ".") -> None:
        self.folder = Path(folder).resolve()
        self.rubric = assignment_rubric(code, self.folder)
        self.outputs_folder = outputs_dir()
        withdrawn = os.environ.get(WITHDRAWN_ENV)
        self.withdrawn_folder = (
            Path(withdrawn)
            if withdrawn
            else Path.home() / ".workshop" / "withdrawn" / (code if is_achievement(code) else f"task_{code}")
        )
        self.items = {c.id: EvidenceItem(self, c) for c in self.rubric.criteria}
        self.summary = widgets.HTML()
        refresh = widgets.Button(description=t("board.refresh"), icon="refresh")
        refresh.on_click(lambda _: self.refresh())
        parts: list[widgets.Widget] = [
            widgets.HTML(
                f"{WRAP_OPTIONS_CSS}<h3>{html.escape(self.rubric.title)}</h3>"
                + (f"<p style='color:#8a6d3b'>{t('board.draft')}</p>" if self.rubric.draft else "")
                + f"<p>{html.escape(self.rubric.description)}</p>"
            )
        ]
        for number, task in enumerate(self.rubric.tasks, start=1):
            parts.append(
                widgets.HTML(
                    f"<h4>{html.escape(t('board.task', n=number, name=task.name))}</h4>"
                    f"<div style='color:#555'>{html.escape(task.description)}</div>"
                )
            )
            parts += [self.items[c.id] for c in self.rubric.task_criteria(task.id)]
        parts += [
            widgets.HTML(
                f"<p style='color:#666'>{html.escape(t('board.big_files', folder='evidence/<…>/'))}</p>"
            ),
            widgets.HBox([refresh]),
            self.summary,
        ]
        super().__init__(parts)
        self.add_class(WRAP_CLASS)
        self.refresh()

    def statuses(self) -> list[EvidenceStatus]:
        return check_evidence(self.folder, self.rubric)

    def refresh(self) -> list[EvidenceStatus]:
        statuses = self.statuses()
        place = self.outputs_folder
        # One look at outputs/ per refresh, shared by every item.
        outputs = (
            sorted((p for p in place.iterdir() if p.is_file()), key=lambda p: p.name)
            if place.is_dir()
            else []
        )
        for status in statuses:
            self.items[status.criterion.id].show(status, outputs)
        complete = sum(1 for s in statuses if s.complete)
        text = t("board.summary", complete=complete, total=len(statuses))
        if complete == len(statuses):
            text = t("board.all_done")
        colour = "#2e7d32" if complete == len(statuses) else "#c62828"
        self.summary.value = f"<b style='color:{colour}'>{html.escape(text)}</b>"
        return statuses
