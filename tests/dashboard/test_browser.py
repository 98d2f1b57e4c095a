"""The dashboard served by real Voila, looked at in a real headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM_FLAGS, http_server
from toolkit.dashboard import voila_command
from toolkit.dashboard.serve import dashboard_env, page_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def voila_url(demo_course: Path, tmp_path: Path) -> Iterator[str]:
    env = dashboard_env(demo_course)
    with http_server(lambda port: voila_command(port=port), env=env, log=tmp_path / "voila.log") as url:
        yield url


def test_dashboard_renders_widgets_and_chinese_text_and_filters(
    voila_url: str, chromium: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.goto(voila_url + page_path("cohort"), wait_until="domcontentloaded")
        page.wait_for_selector(".workshop-dashboard", timeout=120_000)
        page.wait_for_selector(".workshop-dashboard img", timeout=60_000)
        text = page.inner_text("body")
        assert "研修坊总览" in text
        assert "各作业提交情况" in text and "参训教师" in text
        assert "Traceback" not in text
        assert page.locator(".widget-dropdown select").count() == 2
        images = page.locator(".workshop-dashboard img")
        assert images.count() == 2
        assert all(images.nth(i).evaluate("img => img.naturalWidth > 100") for i in range(images.count()))
        before = page.inner_text(".workshop-dashboard")
        histogram = images.first.get_attribute("src")
        school = page.locator(".widget-dropdown select").first
        school.select_option(index=1)
        page.wait_for_function(
            "before => document.querySelector('.workshop-dashboard').innerText !== before",
            arg=before,
            timeout=60_000,
        )
        assert "24" in before and page.inner_text(".workshop-dashboard") != before
        # The plots are drawn again for the chosen school only.
        page.wait_for_function(
            "src => document.querySelector('.workshop-dashboard img').src !== src",
            arg=histogram,
            timeout=60_000,
        )
        shot = Path(os.environ.get("WORKSHOP_SCREENSHOT_DIR", tmp_path)) / "dashboard.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert shot.stat().st_size > 10_000


def test_grading_desk_page_shows_a_submission_and_follows_the_choices(voila_url: str, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.goto(voila_url + page_path("desk"), wait_until="domcontentloaded")
        page.wait_for_selector(".workshop-desk .widget-checkbox", timeout=120_000)
        text = page.inner_text("body")
        assert "量规评分台" in text and "结构规则（自动评分）" in text and "当前等级" in text
        assert "Traceback" not in text
        boxes = page.locator(".workshop-desk .widget-checkbox").count()
        page.get_by_text("按任务（跨教师）").click()
        page.wait_for_function(
            "n => document.querySelectorAll('.workshop-desk .widget-checkbox').length < n", arg=boxes
        )
        assignment = page.locator(".workshop-desk .widget-dropdown select").first
        assignment.select_option(label="task_A1")
        page.wait_for_function(
            "() => document.querySelector('.workshop-desk').innerText.includes('提交的证据')", timeout=60_000
        )
        assert "A1" in page.inner_text(".workshop-desk") and "Traceback" not in page.inner_text("body")
        browser.close()
