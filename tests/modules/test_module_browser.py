"""A flagship module served by Voila, opened in a real headless Chromium, reacts to clicks."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM_FLAGS, http_server
from toolkit.environment import tools_path
from toolkit.resources import content_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def module_url(tmp_path: Path) -> Iterator[str]:
    env = {
        **os.environ,
        "PATH": tools_path(),
        "WORKSHOP_PROGRESS": str(tmp_path / "progress.json"),
        "WORKSHOP_OUTPUTS": str(tmp_path / "outputs"),
    }
    notebook = content_dir("course") / "A1_learner_analysis.ipynb"

    def command(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "voila",
            str(notebook),
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--no-browser",
            "--show_tracebacks=False",
        ]

    with http_server(command, env=env, log=tmp_path / "voila.log") as url:
        yield url


def test_learner_analysis_module_reacts_in_chromium(module_url: str, chromium: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.goto(module_url, wait_until="domcontentloaded")
        page.wait_for_selector(".workshop-module-page", timeout=180_000)
        page.wait_for_selector(".workshop-learner-analysis", timeout=120_000)
        page.wait_for_selector(".workshop-selfcheck", timeout=120_000)
        text = page.inner_text("body")
        assert "A1 技术支持的学情分析" in text and "学情分析" in text and "Traceback" not in text
        tool = page.locator(".workshop-learner-analysis")
        assert tool.locator("img").count() == 0  # nothing analysed yet
        tool.get_by_role("button", name="开始分析").click()
        page.wait_for_function(
            "() => document.querySelectorAll('.workshop-learner-analysis img').length > 0", timeout=120_000
        )
        assert "平均分" in tool.inner_text() and "60.24" in tool.inner_text()
        image = tool.locator("img").first
        assert image.evaluate("img => img.naturalWidth > 200")
        # The report downloads from this very page (Voila serves no file browser).
        tool.get_by_role("tab", name="分析报告").click()
        tool.get_by_role("button", name="导出学情分析报告").click()
        link = page.wait_for_selector(".workshop-learner-analysis a.workshop-download[download$='.doc']")
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.suffix == ".doc" and "学情分析" in saved.read_text(encoding="utf-8")
        # The self-check answers immediately, in the page.
        check = page.locator(".workshop-selfcheck")
        check.get_by_role("button", name="核对答案").click()  # nothing answered yet: keys stay hidden
        page.wait_for_function(
            "() => document.querySelector('.workshop-selfcheck').innerText.includes('还没有作答')",
            timeout=60_000,
        )
        assert "不对，参考答案" not in check.inner_text() and "✔" not in check.inner_text()
        for group in check.locator(".widget-radio-box").all():
            group.locator("input[type=radio]").first.check()
        for box in check.locator("input[type=checkbox]").all():
            box.check()
        check.get_by_role("button", name="核对答案").click()
        page.wait_for_function(
            "() => document.querySelector('.workshop-selfcheck').innerText.includes('答对')", timeout=60_000
        )
        shot = Path(os.environ.get("WORKSHOP_SCREENSHOT_DIR", tmp_path)) / "module_A1.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert shot.stat().st_size > 10_000
