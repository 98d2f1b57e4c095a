"""The dashboards' shared widgets: the teacher filters and a paged table."""

from __future__ import annotations

import math
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from toolkit.dashboard.markup import FILTERS, PAGE_SIZE, filter_options, filter_teachers, table
from toolkit.i18n import t


class TeacherFilters(widgets.HBox):
    """Dropdowns for school, group, subject and role; ``apply`` keeps the teachers they match."""

    def __init__(self, teachers: pd.DataFrame) -> None:
        self.dropdowns = {
            column: widgets.Dropdown(
                description=t(label),
                options=filter_options(teachers, column),
                layout=widgets.Layout(width="260px"),
            )
            for column, label in FILTERS.items()
        }
        super().__init__(list(self.dropdowns.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.add_class("workshop-filters")

    def choices(self) -> dict[str, str]:
        return {column: dropdown.value for column, dropdown in self.dropdowns.items()}

    def apply(self, teachers: pd.DataFrame) -> pd.DataFrame:
        return filter_teachers(teachers, self.choices())

    def on_change(self, callback: Callable[[], None]) -> None:
        for dropdown in self.dropdowns.values():
            dropdown.observe(lambda _: callback(), names="value")


class PagedTable(widgets.VBox):
    """A long table shown a page at a time, so 5,000 teachers cost no more to draw than 50."""

    def __init__(self, *, css_class: str, page_size: int = PAGE_SIZE) -> None:
        self.css_class = css_class
        self.page_size = page_size
        self.frame = pd.DataFrame()
        self.page = 0
        self.body = widgets.HTML()
        self.label = widgets.HTML()
        self.previous = widgets.Button(description=t("dashboard.previous"), icon="arrow-left")
        self.next = widgets.Button(description=t("dashboard.next"), icon="arrow-right")
        self.previous.on_click(lambda _: self.turn(-1))
        self.next.on_click(lambda _: self.turn(1))
        super().__init__([self.body, widgets.HBox([self.previous, self.label, self.next])])

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.frame) / self.page_size))

    def show(self, frame: pd.DataFrame) -> None:
        self.frame = frame.reset_index(drop=True)
        self.page = 0
        self._draw()

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + step))
        self._draw()

    def _draw(self) -> None:
        start = self.page * self.page_size
        self.body.value = table(self.frame.iloc[start : start + self.page_size], css_class=self.css_class)
        self.label.value = (
            f"<span style='padding:0 10px'>"
            f"{t('dashboard.page', page=self.page + 1, pages=self.pages, rows=len(self.frame))}</span>"
        )
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= self.pages - 1
