"""The case-writing page served by Voila, used in a real headless Chromium the way a teacher would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.case.build import PDF
from tests.conftest import CHROMIUM_FLAGS, http_server
from toolkit.environment import tools_path
from toolkit.resources import content_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def writer_url(tmp_path: Path) -> Iterator[str]:
    env = {**os.environ, "PATH": tools_path(), "WORKSHOP_OUTPUTS": str(tmp_path / "outputs")}
    notebook = content_dir("course") / "case_writing.ipynb"

    def command(port: int) -> list[str]:
        return [
            sys.executable, "-m", "voila", str(notebook), f"--port={port}", "--Voila.ip=127.0.0.1",
            "--no-browser", "--show_tracebacks=False",
        ]  # fmt: skip

    with http_server(command, env=env, log=tmp_path / "voila.log") as url:
        yield url


def _wait_text(page: object, selector: str, text: str) -> None:
    page.wait_for_function(  # type: ignore[attr-defined]
        "([selector, text]) => (document.querySelector(selector)?.innerText || '').includes(text)",
        arg=[selector, text],
        timeout=60_000,
    )


def test_a_teacher_writes_checks_and_exports_a_case(writer_url: str, chromium: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    material = tmp_path / "校本研修制度.pdf"
    material.write_bytes(PDF)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.goto(writer_url, wait_until="domcontentloaded")
        page.wait_for_selector(".workshop-case-writer", timeout=180_000)
        body = page.inner_text("body")
        assert "研修案例撰写" in body and "案例信息表" in body
        assert "Traceback" not in body and "CaseWriter" not in body  # no code on the page
        page.locator(".case-name input").fill("依托平台教研群的校本研修实践")
        page.locator(".case-type label", has_text="校本教师研修应用案例").click()
        page.locator(".case-author-1-name input").fill("王芳")
        page.locator(".case-author-1-unit input").fill("上海市某某中学")
        page.locator(".case-overview textarea").fill("本校依托平台开展常态化校本研修。")  # 16 字
        _wait_text(page, ".case-overview-count", "概述 16 / 300 字")
        sections = page.locator("[class*='case-section-'] textarea")
        for index in range(3):
            sections.nth(index).fill("本校组织教师在平台上学习并开展研讨。")
        _wait_text(page, ".case-section-warning", "尚缺：特色与创新")
        sections.nth(3).fill("线上线下结合。")
        _wait_text(page, ".case-section-warning", "四个部分都已填写")
        page.locator(".case-signature input").fill("王芳")
        for name in ("original", "publish", "recommend"):
            page.locator(f".case-{name} input[type=checkbox]").check()
        # FileUpload keeps its <input type=file> out of the page: choose through the file chooser.
        with page.expect_file_chooser() as chooser:
            page.locator(".case-material-upload").click()
        chooser.value.set_files(str(material))
        page.locator(".case-add").click()
        _wait_text(page, ".case-materials", "校本研修制度.pdf")
        _wait_text(page, ".case-status", "信息表和文档已符合要求")
        page.locator(".case-export").click()
        link = page.wait_for_selector(".case-result a[download$='.zip']", timeout=60_000)
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        shot = Path(os.environ.get("WORKSHOP_SCREENSHOT_DIR", tmp_path)) / "case_writer.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert saved.name == "王芳.zip"
    checked = subprocess.run(
        [sys.executable, "-m", "toolkit", "case", "check", str(saved)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "通过检查" in checked.stdout and "第一作者 王芳" in checked.stdout
    assert shot.stat().st_size > 10_000
