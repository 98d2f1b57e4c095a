"""The teachers' own pages behind the hub's login: 教师画像, 我的校本研修 and 课堂评价.

A small hub service (``/services/portrait/``). A teacher is shown their own portrait
and nobody else's (403); a grader (坊主, 管理员) may open any teacher's at
``/services/portrait/<ID>``. Pages are built from the same functions as the static
export, with no kernel per viewer; the course is read again at most every 30 seconds.
``/services/portrait/research`` is the teacher's own part of the research flow
(``toolkit.hub.research_page``) and ``/services/portrait/lessons`` their lesson ratings
(``toolkit.hub.lesson_page``), both read afresh on every request.
"""

from __future__ import annotations

import html
import os
import signal
import time
from typing import Any

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web

from toolkit.dashboard.data import DashboardData, load_dashboard_data
from toolkit.dashboard.markup import STYLE
from toolkit.dashboard.portrait import portrait_html
from toolkit.dashboard.profile import PortraitBook
from toolkit.hub.lesson_page import LessonRatingHandler
from toolkit.hub.pages import LESSONS_PATH, RESEARCH_PATH
from toolkit.hub.research_page import MyResearchHandler
from toolkit.hub.settings import GRADERS_GROUP
from toolkit.i18n import t

REFRESH_SECONDS = 30.0


class _Course:
    """The course's portraits, rebuilt when older than ``REFRESH_SECONDS``."""

    def __init__(self, course_dir: str) -> None:
        self.course_dir = course_dir
        self._built = 0.0
        self._book: PortraitBook | None = None

    def book(self) -> PortraitBook:
        if self._book is None or time.monotonic() - self._built > REFRESH_SECONDS:
            data: DashboardData = load_dashboard_data(self.course_dir)
            self._book = PortraitBook(data)
            self._built = time.monotonic()
        return self._book


class PortraitHandler(HubOAuthenticated, web.RequestHandler):
    def initialize(self, course: _Course) -> None:
        self.course = course

    @web.authenticated
    def get(self, teacher_id: str = "") -> None:
        user: dict[str, Any] = self.current_user
        wanted = teacher_id or user["name"]
        if wanted != user["name"] and GRADERS_GROUP not in user.get("groups", []):
            raise web.HTTPError(403)
        book = self.course.book()
        if wanted not in book.people.index:
            raise web.HTTPError(404)
        title = t("portrait.title")
        body = portrait_html(book.portrait(wanted), links=False)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(
            "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title>{STYLE}</head>"
            "<body style='font-family:sans-serif;margin:20px'>"
            f"<h2>{html.escape(title)}</h2>{body}</body></html>"
        )


def make_app(course_dir: str) -> web.Application:
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    course = _Course(course_dir)
    return web.Application(
        [
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
            (url_path_join(prefix, f"{RESEARCH_PATH}/?"), MyResearchHandler, {"course_dir": course_dir}),
            (url_path_join(prefix, f"{LESSONS_PATH}/?"), LessonRatingHandler, {"course_dir": course_dir}),
            (url_path_join(prefix, r"/?"), PortraitHandler, {"course": course}),
            (url_path_join(prefix, r"([A-Za-z0-9][A-Za-z0-9_\-]*)"), PortraitHandler, {"course": course}),
        ],
        cookie_secret=os.urandom(32),
        xsrf_cookies=True,
    )


def main() -> None:
    from urllib.parse import urlparse

    from toolkit.dashboard.markup import COURSE_ENV

    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    make_app(os.environ[COURSE_ENV]).listen(url.port, url.hostname)
    loop = ioloop.IOLoop.current()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: loop.add_callback_from_signal(loop.stop))
    loop.start()


if __name__ == "__main__":
    main()
