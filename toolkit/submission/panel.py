"""The 检查与提交 panel at the foot of every assignment page.

A teacher checks what is still missing, submits with nbgrader's own submit (as
themselves), sees the time in Chinese local time, and later opens the feedback
their trainer returned, all from the page they answered on.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from toolkit.i18n import t
from toolkit.submission import exchange
from toolkit.submission.check import missing_items

SHOWN_MISSING = 8


class SubmitPanel(widgets.VBox):
    """提交前检查 · 提交作业 · 查看反馈, for the assignment in the current folder."""

    def __init__(self, assignment: str, *, folder: str | Path | None = None) -> None:
        self.assignment = assignment
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.check_button = widgets.Button(description=t("submission.check"), icon="list-check")
        self.submit_button = widgets.Button(
            description=t("submission.submit"), button_style="primary", icon="paper-plane"
        )
        self.feedback_button = widgets.Button(description=t("submission.feedback"), icon="comments")
        self.confirm_button = widgets.Button(description=t("submission.confirm_yes"), button_style="warning")
        self.cancel_button = widgets.Button(description=t("submission.confirm_no"))
        self.confirm_row = widgets.HBox([self.confirm_button, self.cancel_button])
        self.confirm_row.layout.display = "none"
        self.message = widgets.HTML()
        self.status = widgets.HTML()
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _: self.show_check())
        self.submit_button.on_click(lambda _: self.request_submit())
        self.confirm_button.on_click(lambda _: self.submit())
        self.cancel_button.on_click(lambda _: self._hide_confirm())
        self.feedback_button.on_click(lambda _: self.show_feedback())
        super().__init__(
            [
                widgets.HTML(f"<h3>{html.escape(t('submission.heading'))}</h3>"),
                self.status,
                widgets.HBox([self.check_button, self.submit_button, self.feedback_button]),
                self.message,
                self.confirm_row,
                self.feedback,
            ]
        )
        self.add_class("workshop-submit")
        # Only in a teacher's own server (the hub says who they are) is there an exchange to ask.
        if os.environ.get(exchange.TEACHER_ENV):
            self.show_status()

    def _say(self, text: str, *, colour: str = "#333") -> None:
        self.message.value = f"<div style='color:{colour}'>{text}</div>"

    def _hide_confirm(self) -> None:
        self.confirm_row.layout.display = "none"

    def show_status(self) -> None:
        try:
            mine = [s for s in exchange.submissions() if s.assignment == self.assignment]
        except exchange.ExchangeFailed:
            return
        self.status.value = (
            html.escape(t("submission.last", when=mine[-1].local_time())) if mine else t("submission.never")
        )

    def show_check(self) -> list[str]:
        missing = missing_items(self.folder, self.assignment)
        if not missing:
            self._say(html.escape(t("submission.all_done")), colour="#2e7d32")
            return missing
        shown = missing[:SHOWN_MISSING]
        if len(missing) > SHOWN_MISSING:
            shown.append(t("submission.missing_more", count=len(missing) - SHOWN_MISSING))
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in shown)
        heading = html.escape(t("submission.missing", count=len(missing)))
        self._say(f"{heading}<ul>{lines}</ul>", colour="#c62828")
        return missing

    def request_submit(self) -> None:
        missing = missing_items(self.folder, self.assignment)
        if missing:
            self._say(html.escape(t("submission.confirm_missing", count=len(missing))), colour="#c62828")
            self.confirm_row.layout.display = "flex"
            return
        self.submit()

    def submit(self) -> None:
        self._hide_confirm()
        if self.folder.resolve().name != self.assignment:
            self._say(html.escape(t("submission.outside")), colour="#c62828")
            return
        self.submit_button.disabled = True
        self._say(html.escape(t("submission.submitting")))
        try:
            done = exchange.submit(self.assignment, cwd=self.folder.resolve().parent)
        except exchange.ExchangeFailed as error:
            self._say(html.escape(t("submission.failed", reason=error)), colour="#c62828")
        else:
            when = done.local_time()
            self._say(html.escape(t("submission.submitted", when=when)), colour="#2e7d32")
            self.status.value = html.escape(t("submission.last", when=when))
        finally:
            self.submit_button.disabled = False

    def show_feedback(self) -> None:
        try:
            pages = exchange.fetch_feedback(self.assignment)
        except exchange.ExchangeFailed as error:
            # nbgrader says "Assignment not found" until the trainer has released feedback once.
            nothing_yet = "not found" in str(error)
            self.feedback.value = html.escape(
                t("submission.no_feedback") if nothing_yet else t("submission.feedback_failed", reason=error)
            )
            return
        if not pages:
            self.feedback.value = html.escape(t("submission.no_feedback"))
            return
        links = []
        for page in pages:
            stamp = page.parent.name
            try:
                when = exchange.local_time(stamp)
            except ValueError:
                when = stamp
            label = html.escape(t("submission.feedback_link", when=when))
            href = html.escape(exchange.server_url(page, "files"))
            links.append(f"<li><a href='{href}' target='_blank'>{label}</a></li>")
        self.feedback.value = f"<ul class='workshop-feedback-links'>{''.join(links)}</ul>"
