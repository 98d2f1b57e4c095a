"""What the teachers' own pages on the hub share (我的校本研修, 课堂评价): the frame with links
between them, the report of the step just taken, forms, and the handler that knows who is
logged in. Plain HTML forms, no kernel: fifty teachers at once cost the server a page each."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable, Sequence
from typing import Any

from jupyterhub.services.auth import HubOAuthenticated
from tornado import web
from tornado.ioloop import IOLoop

from toolkit.dashboard.markup import STYLE
from toolkit.i18n import add_messages, t

add_messages(
    {
        "mine.home": {"zh": "我的研修首页", "en": "My course home"},
        "mine.portrait": {"zh": "我的画像", "en": "My portrait"},
        "mine.research": {"zh": "我的校本研修", "en": "My school-based research"},
        "mine.lessons": {"zh": "课堂评价", "en": "Lesson ratings"},
        "mine.pick": {"zh": "选择文件", "en": "Choose a file"},
        "mine.none_chosen": {"zh": "未选择文件", "en": "no file chosen"},
    }
)

# The pages' addresses under the teacher-pages service, beside the portrait at its root.
RESEARCH_PATH, LESSONS_PATH = "research", "lessons"
PAGE_STYLE = """<style>
body{font-family:sans-serif;margin:20px;max-width:1000px}
.mine-ok{color:#1b5e20;background:#e8f5e9;padding:6px 10px}
.mine-error{color:#b71c1c;background:#ffebee;padding:6px 10px}
.mine-card{border:1px solid #d9dee5;padding:8px 12px;margin:8px 0}
table.mine{border-collapse:collapse;margin:4px 0 12px 0;font-size:14px}
table.mine th{background:#1f4e79;color:#fff;padding:5px 8px;text-align:left}
table.mine td{border-bottom:1px solid #d9dee5;padding:5px 8px}
form.mine-inline{display:inline}
.mine-pick{border:1px solid #8a96a3;border-radius:3px;background:#f4f6f8;padding:2px 8px;cursor:pointer}
.mine-pick input{display:none}
.mine-chosen{color:#555;margin:0 8px}
.mine-nav a{margin-right:16px}
</style>"""


def teacher_links(base: str = "/") -> list[tuple[str, str]]:
    """(label, address) of a teacher's pages on the hub whose base address is ``base``."""
    service = f"{base}services/portrait/"
    return [
        (t("mine.home"), f"{base}hub/spawn"),
        (t("mine.portrait"), service),
        (t("mine.research"), service + RESEARCH_PATH),
        (t("mine.lessons"), service + LESSONS_PATH),
    ]


def frame(title: str, parts: Sequence[str], *, links: Sequence[tuple[str, str]] = ()) -> str:
    """A whole page: the links, then ``parts`` (already HTML) under ``title``."""
    nav = "".join(f"<a href='{html.escape(href)}'>{html.escape(label)}</a>" for label, href in links)
    head = f"<div class='mine-nav'>{nav}</div>" if nav else ""
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>{STYLE}{PAGE_STYLE}</head>"
        f"<body>{head}{''.join(parts)}</body></html>"
    )


def report(message: str = "", error: str = "") -> str:
    """What became of the step just taken: done (green) or refused, and why (red)."""
    if error:
        return f"<p class='mine-error' id='mine-message'>{html.escape(error)}</p>"
    if message:
        return f"<p class='mine-ok' id='mine-message'>{html.escape(message)}</p>"
    return ""


def button(label: str) -> str:
    return f"<button type='submit'>{html.escape(label)}</button>"


def form(xsrf: str, action: str, body: str, *, upload: bool = False, **fields: str) -> str:
    """A form posting ``action`` with hidden ``fields`` to the page it is on."""
    hidden = "".join(
        f"<input type='hidden' name='{name}' value='{html.escape(value)}'>" for name, value in fields.items()
    )
    encoding = " enctype='multipart/form-data'" if upload else ""
    return (
        f"<form class='mine-inline' method='post'{encoding}>{xsrf}"
        f"<input type='hidden' name='action' value='{html.escape(action)}'>{hidden}{body}</form>"
    )


def picker(accept: str) -> str:
    """A file chooser in the page's language: the browser's own says "Choose File" in an English
    browser, so it is hidden inside a label, and the chosen name is shown beside it."""
    nothing = html.escape(json.dumps(t("mine.none_chosen"), ensure_ascii=False))
    show = f"this.parentNode.nextElementSibling.textContent=this.files.length?this.files[0].name:{nothing}"
    return (
        f"<label class='mine-pick'><input type='file' name='file' accept='{accept}' onchange=\"{show}\">"
        f"{html.escape(t('mine.pick'))}</label>"
        f"<span class='mine-chosen'>{html.escape(t('mine.none_chosen'))}</span>"
    )


class TeacherPage(HubOAuthenticated, web.RequestHandler):
    """A page of the logged-in teacher's own: the course is read in a thread, so one teacher's
    page never holds up another's."""

    def initialize(self, course_dir: str) -> None:
        self.course_dir = course_dir

    @property
    def teacher(self) -> str:
        user: dict[str, Any] = self.current_user  # type: ignore[assignment]
        return str(user["name"])

    @property
    def links(self) -> list[tuple[str, str]]:
        return teacher_links(os.environ.get("JUPYTERHUB_BASE_URL", "/"))

    async def show(self, build: Callable[[str], str]) -> None:
        """Send the page ``build`` makes from the form's XSRF field (taken here, on the server's
        own thread: it may set a cookie)."""
        xsrf = self.xsrf_form_html()
        page = await IOLoop.current().run_in_executor(None, build, xsrf)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)
