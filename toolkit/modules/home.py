"""The course home (导航): every module by dimension and environment, and the teacher's own progress.

Progress comes from the teacher's progress file (modules opened, self-checks,
exported products) and from nbgrader itself (``nbgrader list --cached``
lists what this user has submitted, using their own nbgrader configuration).
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import nbformat

from toolkit.catalogue import load_catalogue
from toolkit.environment import tools_path
from toolkit.i18n import add_messages, t
from toolkit.modules.data import MODULE_FILE
from toolkit.resources import content_dir
from toolkit.widgets.style import LINK
from toolkit.work.progress import ModuleProgress, module_progress

add_messages(
    {
        "home.environment": {"zh": "我校环境", "en": "My school's environment"},
        "home.refresh": {"zh": "刷新进度", "en": "Refresh"},
        "home.visited": {"zh": "已学习模块", "en": "Modules opened"},
        "home.checked": {"zh": "已完成自我检测", "en": "Self-checks done"},
        "home.outputs": {"zh": "已导出成果", "en": "Products exported"},
        "home.submitted": {"zh": "已提交作业", "en": "Assignments submitted"},
        "home.col.module": {"zh": "模块", "en": "Module"},
        "home.col.minutes": {"zh": "用时", "en": "Time"},
        "home.col.visited": {"zh": "学习", "en": "Opened"},
        "home.col.check": {"zh": "自我检测", "en": "Self-check"},
        "home.col.outputs": {"zh": "成果", "en": "Products"},
        "home.not_allowed": {
            "zh": "（本校环境不可选，仍可阅读）",
            "en": "(not selectable in this environment; still readable)",
        },
        "home.no_submissions": {
            "zh": "还没有提交记录（在“我的作业”中打开作业并在其页面最下方提交后，这里会显示）",
            "en": "No submissions yet (open one under My assignments, submit at the foot of its page)",
        },
        "home.submission": {"zh": "{assignment}（{time} 提交）", "en": "{assignment} (submitted {time})"},
        "home.missing_module": {"zh": "缺少模块文件", "en": "module file missing"},
    }
)


@dataclass(frozen=True)
class ModuleEntry:
    code: str
    file: str
    minutes: int


def find_modules(course_dir: str | Path | None = None) -> dict[str, ModuleEntry]:
    """Module notebooks in ``course_dir`` (the shipped course by default), keyed by point code."""
    folder = Path(course_dir) if course_dir else content_dir("course")
    modules = {}
    for path in sorted(folder.glob("*.ipynb")):
        match = MODULE_FILE.match(path.name)
        if match:
            meta = nbformat.read(path, as_version=4).metadata.get("toolkit", {})
            modules[match["code"]] = ModuleEntry(match["code"], path.name, int(meta.get("minutes", 0)))
    return modules


def print_cached_submissions() -> None:
    """Print, as JSON, the submissions nbgrader's own exchange lists for this user (run in ``cwd``).

    Uses nbgrader's ListApp to read the user's configuration exactly as ``nbgrader list``
    would, then its ExchangeList in cached mode (``nbgrader list --cached``).
    """
    from nbgrader.apps.listapp import ListApp
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeList

    app = ListApp()
    app.initialize([])
    config = app.config
    lister = ExchangeList(
        coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config), config=config
    )
    lister.cached = True
    found = [
        {key: str(entry.get(key, "")) for key in ("assignment_id", "course_id", "timestamp")}
        for assignment in lister.start()
        for entry in assignment.get("submissions", [])
    ]
    print(json.dumps(found, ensure_ascii=False))


def submissions(*, cwd: str | Path | None = None) -> list[dict[str, str]]:
    """This user's submissions (assignment, course, timestamp), oldest first; [] if nbgrader cannot say."""
    result = subprocess.run(
        [sys.executable, "-c", "from toolkit.modules.home import print_cached_submissions as p; p()"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": tools_path()},
        timeout=60,
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        return []
    return sorted(json.loads(lines[-1]), key=lambda e: (e["timestamp"], e["assignment_id"]))


class CourseHome(widgets.VBox):
    """Cards with the teacher's progress, then the modules grouped by dimension, with links."""

    def __init__(self, course_dir: str | Path | None = None, *, environment: str = "C") -> None:
        self.course_dir = course_dir
        self.catalogue = load_catalogue()
        self.modules = find_modules(course_dir)
        self.progress: dict[str, ModuleProgress] = {}
        self.submitted: list[dict[str, str]] = []
        self.environment = widgets.ToggleButtons(
            options=[(e.label(), e.code) for e in self.catalogue.environments],
            value=environment,
            description=t("home.environment"),
            style={"description_width": "initial"},
        )
        self.refresh_button = widgets.Button(description=t("home.refresh"), icon="refresh")
        self.cards = widgets.HTML("")
        self.table = widgets.HTML("")
        self.environment.observe(lambda _: self.show_modules(), names="value")
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__([self.cards, widgets.HBox([self.environment, self.refresh_button]), self.table])
        self.add_class("workshop-course-home")
        self.refresh()

    def refresh(self) -> None:
        """Read progress and nbgrader's submissions again, then redraw (the 刷新进度 button)."""
        self.progress = {code: module_progress(code) for code in self.modules}
        self.submitted = submissions(cwd=self.course_dir)
        self.show_summary()
        self.show_modules()

    def show_summary(self) -> None:
        progress, sent = self.progress, self.submitted
        done = sum(p.visits > 0 for p in progress.values())
        checked = sum(p.selfcheck_done for p in progress.values())
        exported = sum(p.outputs for p in progress.values())
        latest: dict[str, str] = {}
        for entry in sent:
            latest[entry["assignment_id"]] = entry["timestamp"][:16]
        listed = (
            "；".join(t("home.submission", assignment=a, time=ts) for a, ts in latest.items())
            if latest
            else t("home.no_submissions")
        )
        card = (
            "<div style='display:inline-block;margin:4px 18px 4px 0'><div style='color:#666'>{}</div>"
            "<div style='font-size:150%;font-weight:bold'>{}</div></div>"
        )
        self.cards.value = (
            card.format(t("home.visited"), f"{done} / {len(self.catalogue.points)}")
            + card.format(t("home.checked"), checked)
            + card.format(t("home.outputs"), exported)
            + card.format(t("home.submitted"), len(latest))
            + f"<div style='color:#555'>{html.escape(listed)}</div>"
        )

    def show_modules(self) -> None:
        """The module table for the chosen environment, from the progress already read."""
        progress = self.progress
        allowed = set(self.catalogue.environment(self.environment.value).allows)
        sections = []
        for dimension in self.catalogue.dimensions:
            rows = []
            for point in (p for p in self.catalogue.points if p.dimension == dimension):
                entry = self.modules.get(point.code)
                mine = progress.get(point.code)
                name = html.escape(point.label())
                target = html.escape(entry.file) if entry else ""
                link = f"<a href='{target}' target='_blank' {LINK}>{name}</a>" if entry else name
                note = (
                    ""
                    if point.environment in allowed
                    else f" <span style='color:#999'>{t('home.not_allowed')}</span>"
                )
                check = (
                    f"{mine.selfcheck_correct}/{mine.selfcheck_total}"
                    if mine and mine.selfcheck_done
                    else "—"
                )
                rows.append(
                    f"<tr style='{'' if point.environment in allowed else 'opacity:0.55'}'>"
                    f"<td>{link}{note}</td><td>{point.environment}</td>"
                    f"<td>{entry.minutes if entry else t('home.missing_module')}</td>"
                    f"<td>{'✔' if mine and mine.visits else ''}</td><td>{check}</td>"
                    f"<td>{mine.outputs if mine and mine.outputs else ''}</td></tr>"
                )
            header = (
                f"<tr><th>{t('home.col.module')}</th><th>{t('module.environment')}</th>"
                f"<th>{t('home.col.minutes')}</th><th>{t('home.col.visited')}</th>"
                f"<th>{t('home.col.check')}</th><th>{t('home.col.outputs')}</th></tr>"
            )
            sections.append(
                f"<h4>{html.escape(dimension.label())}</h4>"
                f"<table class='workshop-table'>{header}{''.join(rows)}</table>"
            )
        self.table.value = "".join(sections)
