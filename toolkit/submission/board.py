"""我的作业 on the teacher's home page: every released assignment, fetched, with its status.

Opening the home page fetches (with nbgrader, as the teacher) whatever the trainer has
released and the teacher does not have yet, so no teacher needs the Assignments tab;
each row links to the assignment's own page and says when it was last submitted.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from toolkit.i18n import t
from toolkit.submission import exchange
from toolkit.submission.titles import assignment_title
from toolkit.widgets.style import LINK


def assignment_notebook(assignment: str) -> Path | None:
    folder = exchange.workspace() / assignment
    preferred = folder / f"{assignment}.ipynb"
    if preferred.is_file():
        return preferred
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return found[0] if found else None


class AssignmentBoard(widgets.VBox):
    """Released assignments with links and status; fetches what is missing when shown."""

    def __init__(self) -> None:
        self.table = widgets.HTML()
        self.refresh_button = widgets.Button(description=t("mywork.refresh"), icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__([self.table, self.refresh_button])
        self.add_class("workshop-assignments")
        self.refresh()

    def refresh(self) -> None:
        try:
            released = exchange.released()
            for assignment in released:
                if not (exchange.workspace() / assignment).exists():
                    exchange.fetch(assignment)
            latest: dict[str, exchange.Submission] = {}
            for submission in exchange.submissions():
                latest[submission.assignment] = submission
        except exchange.ExchangeFailed as error:
            self.table.value = html.escape(t("mywork.unavailable", reason=error))
            return
        if not released:
            self.table.value = html.escape(t("mywork.none"))
            return
        rows = []
        for assignment in released:
            notebook = assignment_notebook(assignment)
            title = html.escape(assignment_title(assignment))
            if notebook:
                href = html.escape(exchange.server_url(notebook, "voila/render"))
                name = f"<a href='{href}' {LINK}>{title}</a>"
            else:
                name = title
            done = latest.get(assignment)
            status = t("mywork.submitted", when=done.local_time()) if done else t("mywork.not_started")
            if done and done.has_feedback:
                status += " · " + t("mywork.has_feedback")
            rows.append(f"<tr><td>{name}</td><td>{html.escape(status)}</td></tr>")
        self.table.value = (
            "<table class='workshop-assignment-table'>"
            f"<tr><th>{html.escape(t('mywork.assignment'))}</th><th>{html.escape(t('mywork.status'))}</th></tr>"
            f"{''.join(rows)}</table>"
        )
