"""The banner at the top of every module: which point, how long, and a visit recorded."""

from __future__ import annotations

import html

import ipywidgets as widgets

from toolkit.catalogue import load_catalogue
from toolkit.i18n import t
from toolkit.work.progress import module_progress, record_visit


class ModulePage(widgets.HTML):
    """Shows the point's code, name, dimension, environment and estimated time."""

    def __init__(self, code: str, *, minutes: int) -> None:
        catalogue = load_catalogue()
        self.point = catalogue.point(code)
        self.minutes = minutes
        visits = record_visit(self.point.code)
        check = module_progress(self.point.code)
        environment = catalogue.environment(self.point.environment)
        done = (
            t("module.selfcheck_best", correct=check.selfcheck_correct, total=check.selfcheck_total)
            if check.selfcheck_done
            else t("module.selfcheck_none")
        )
        super().__init__(
            "<div style='border-left:6px solid #1565c0;background:#f3f7fc;padding:10px 14px;margin:4px 0'>"
            f"<div style='font-size:150%;font-weight:bold'>{html.escape(self.point.label())}</div>"
            f"<div style='color:#555;margin-top:4px'>{html.escape(self.point.name_en)}</div>"
            "<div style='margin-top:6px'>"
            f"{t('module.dimension')}：<b>{html.escape(self.point.dimension.label())}</b> · "
            f"{t('module.environment')}：<b>{html.escape(environment.label())}</b> · "
            f"{t('module.minutes', minutes=minutes)}</div>"
            f"<div style='color:#666;font-size:90%;margin-top:4px'>"
            f"{t('module.visits', count=visits)} · {done}</div></div>"
        )
        self.add_class("workshop-module-page")
