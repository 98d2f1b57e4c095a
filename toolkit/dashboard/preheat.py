"""Dashboard pages Voila can preheat: the slow part done before anyone asks for the page.

``workshop dashboard`` runs Voila with a small pool of kernels per page. A pooled kernel runs
the page notebook's first cell at once (imports, reading the course, building the page) and
then waits in :meth:`PreheatedPage.show` until a browser asks for the page. The request brings
the page's address (``?teacher=T0001``); if the course changed in the meantime (a grade given
at the desk, a ledger imported) it is read again, so a preheated page is never staler than a
cold one. Outside Voila's pool (a cold kernel, the hub's course service, nbclient in tests)
nothing waits and the page is built from a fresh read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from toolkit.course.config import load_course
from toolkit.dashboard.data import DashboardData, course_stamp, load_dashboard_data
from toolkit.dashboard.markup import COURSE_ENV

PageType = Callable[..., widgets.Widget]


def _wait_for_request() -> None:
    """Voila's own wait: returns at once unless this kernel is in a preheated pool."""
    from voila.utils import wait_for_request

    wait_for_request()


class PreheatedPage:
    """One dashboard page, prepared now and shown when asked for.

    ``reads_course`` pages (the overview, hours and scores, portraits) take the course's
    :class:`DashboardData`; the others (the grading desk) are built only on request, as their
    data must be of that moment.
    """

    def __init__(
        self, page: PageType, *, reads_course: bool = True, course_dir: str | Path | None = None
    ) -> None:
        self.page = page
        self.folder = course_dir or os.environ.get(COURSE_ENV) or None
        self.reads_course = reads_course and self.folder is not None
        self.data: DashboardData | None = None
        self.built: widgets.Widget | None = None
        if self.reads_course:
            self.settings = load_course(self.folder)
            self.stamp = course_stamp(self.settings)
            self.data = load_dashboard_data(self.folder)
            self.built = page(self.folder, data=self.data)

    def show(self) -> widgets.Widget:
        """The page for this request: the one built ahead when nothing changed and no address was
        given, else one built now."""
        _wait_for_request()
        if not self.reads_course:
            return self.page(self.folder)
        stamp = course_stamp(self.settings)
        if stamp is None or stamp != self.stamp:
            self.stamp, self.data = stamp, load_dashboard_data(self.folder)
            self.built = None
        if self.built is None or os.environ.get("QUERY_STRING"):
            self.built = self.page(self.folder, data=self.data)
        return self.built
