"""The dashboards served by real Voila (and exported as static HTML), looked at in a real
headless Chromium: Chinese text, no traceback, and a filter change that changes the view."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import CHROMIUM_FLAGS, http_server, workshop
from toolkit.dashboard import voila_command
from toolkit.dashboard.serve import dashboard_env, page_path
from toolkit.gradebook import read_course
from toolkit.research.commands import ResearchDesk

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.fixture(scope="module")
def voila_url(demo_course: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One Voila for the module's pages, as one trainer's `workshop dashboard` serves them all."""
    env = dashboard_env(demo_course)
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    with http_server(lambda port: voila_command(port=port), env=env, log=log) as url:
        yield url


@pytest.fixture
def page(chromium: str) -> Iterator[Page]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser.new_page(viewport={"width": 1200, "height": 1600})
        browser.close()


def wait_for_change(page: Page, selector: str, before: str) -> None:
    page.wait_for_function(
        "([selector, before]) => document.querySelector(selector).innerText !== before",
        arg=[selector, before],
        timeout=60_000,
    )


def open_dashboard(page: Page, url: str, css: str) -> str:
    page.goto(url, wait_until="domcontentloaded", timeout=120_000)  # Voila streams the page as it runs
    page.wait_for_selector(css, timeout=120_000)
    text = page.inner_text("body")
    assert "Traceback" not in text and "Error" not in text
    return text


def test_cohort_overview_renders_and_filters(voila_url: str, page: Page, tmp_path: Path) -> None:
    text = open_dashboard(page, voila_url + page_path("cohort"), ".workshop-cohort img")
    assert "研修坊总览" in text and "需要关注的教师" in text and "每位教师的作业状态" in text
    assert page.locator(".workshop-filters select").count() == 4
    images = page.locator(".workshop-dashboard img")
    assert images.count() == 2
    assert all(images.nth(i).evaluate("img => img.naturalWidth > 100") for i in range(images.count()))
    before = page.inner_text(".workshop-dashboard")
    histogram = images.first.get_attribute("src")
    assert "共 24 条" in before
    page.locator(".workshop-filters select").first.select_option(index=1)
    wait_for_change(page, ".workshop-dashboard", before)
    page.wait_for_function(
        "() => !document.querySelector('.workshop-dashboard').innerText.includes('共 24 条')", timeout=60_000
    )
    # The plots are drawn again for the chosen school only.
    page.wait_for_function(
        "src => document.querySelector('.workshop-dashboard img').src !== src", arg=histogram, timeout=60_000
    )
    # The links lead to the other pages.
    assert page.locator("a[href^='portrait.ipynb?teacher=']").count() > 0
    shot = Path(os.environ.get("WORKSHOP_SCREENSHOT_DIR", tmp_path)) / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_hours_and_scores_page_renders_and_filters(voila_url: str, page: Page) -> None:
    text = open_dashboard(page, voila_url + page_path("progress"), ".workshop-progress .workshop-schools")
    assert "学时与考核" in text and "合肥 2021 三种角色考核" in text and "所在档位" in text
    # Hefei's 60 学时 in two parts, the point credits and the course scope are on the page too.
    assert "网络研修" in text and "校本研修" in text and "能力点认证学分" in text and "课程范围：全部" in text
    assert page.locator(".workshop-progress img").count() == 2  # hours and pass-rate charts
    schools = page.locator(".workshop-schools tr").count()
    assert schools > 2
    before = page.inner_text(".workshop-scores")
    page.locator(".workshop-filters select").first.select_option(index=1)
    wait_for_change(page, ".workshop-scores", before)
    assert page.locator(".workshop-schools tr").count() == 2  # the header and the chosen school


def test_portrait_renders_follows_the_choice_and_opens_from_a_link(
    voila_url: str, page: Page, demo_course: Path, tmp_path: Path
) -> None:
    text = open_dashboard(page, voila_url + page_path("portrait"), ".workshop-portrait svg")
    assert "教师画像" in text and "推荐学习的模块" in text and "学情分析" in text
    # Process beside outcomes, and the targeted-help groups with module and mentor.
    process = page.inner_text(".workshop-process")
    assert "学习时长" in process and "分钟" in process and "讨论数量" in process
    outcomes = page.inner_text(".workshop-outcomes")
    assert "自测诊断得分率" in outcomes and "认证学分" in outcomes and "/ 20" in outcomes
    help_groups = page.inner_text(".workshop-help")
    assert "精准帮扶分组" in help_groups and "建议导师" in help_groups and ".ipynb" in help_groups
    assert page.locator(".workshop-help tr").count() > 2
    shot = Path(os.environ.get("WORKSHOP_SCREENSHOT_DIR", tmp_path)) / "portrait.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    first = page.inner_text(".workshop-portrait h3")
    page.locator(".workshop-portraits > .widget-dropdown select").select_option(index=3)
    wait_for_change(page, ".workshop-portrait h3", first)
    # A link from the at-risk list names the teacher in the query string.
    open_dashboard(page, voila_url + page_path("portrait") + "?teacher=T0005", ".workshop-portrait svg")
    assert page.inner_text(".workshop-portrait h3").startswith("T0005")
    # So does a link to the desk: it opens on that teacher's submission.
    submitted = read_course(demo_course).submissions
    teacher = sorted(submitted.loc[submitted["assignment"] == "task_B1", "teacher_id"])[-1]
    desk = voila_url + page_path("desk") + f"?assignment=task_B1&teacher={teacher}"
    open_dashboard(page, desk, ".workshop-desk .widget-checkbox")
    chosen = page.locator(".workshop-desk .widget-dropdown select")
    assert chosen.nth(0).input_value() == "B1 技术支持的测验与练习 · 能力点证据（task_B1）"
    assert chosen.nth(1).input_value().startswith(f"{teacher} ")  # the option shows ID and name


def test_grading_desk_page_shows_a_submission_and_follows_the_choices(voila_url: str, page: Page) -> None:
    text = open_dashboard(page, voila_url + page_path("desk"), ".workshop-desk .widget-checkbox")
    assert "量规评分台" in text and "结构规则（自动评分）" in text and "当前等级" in text
    boxes = page.locator(".workshop-desk .widget-checkbox").count()
    page.get_by_text("按任务（跨教师）").click()
    page.wait_for_function(
        "n => document.querySelectorAll('.workshop-desk .widget-checkbox').length < n", arg=boxes
    )
    assignment = page.locator(".workshop-desk .widget-dropdown select").first
    assignment.select_option(label="A1 技术支持的学情分析 · 能力点证据（task_A1）")
    page.wait_for_function(
        "() => document.querySelector('.workshop-desk').innerText.includes('提交的证据')", timeout=60_000
    )
    assert "A1" in page.inner_text(".workshop-desk") and "Traceback" not in page.inner_text("body")


def test_static_export_opens_offline_and_its_filters_hide_rows(
    demo_course: Path, page: Page, tmp_path: Path
) -> None:
    out = tmp_path / "static"
    result = workshop("dashboard", str(demo_course), "--static", str(out))
    assert result.returncode == 0, result.stderr
    assert "24" in result.stdout and (out / "portraits" / "T0001.html").is_file()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for name, expected in (
        ("index.html", "需要关注的教师"),
        ("progress.html", "各校合格率与档位"),
        ("portraits.html", "教师画像"),
        ("portraits/T0005.html", "推荐学习的模块"),
    ):
        page.goto((out / name).as_uri())
        text = page.inner_text("body")
        assert expected in text and "Traceback" not in text, name
    page.goto((out / "index.html").as_uri())
    rows = page.locator("table.workshop-status tr:visible").count()
    assert rows == 25
    page.locator("select[data-filter='school']").select_option(index=1)
    assert 1 < page.locator("table.workshop-status tr:visible").count() < rows
    page.locator("select[data-filter='role']").select_option(value="admin")
    shown = page.locator("table.workshop-status tr:visible").count()
    assert shown < rows
    assert all(url.startswith(("file:", "data:")) for url in requests), requests


def test_research_page_lets_the_administrator_record_a_step(
    voila_url: str, page: Page, demo_course: Path, tmp_path: Path
) -> None:
    text = open_dashboard(
        page, voila_url + page_path("research"), ".workshop-research .workshop-research-groups"
    )
    assert "校本研修管理" in text and "完成情况" in text and "import" not in text
    # Without a hub login the trainer chooses whom to act for: the administrator T0005.
    admin = read_course(demo_course).teachers.set_index("teacher_id").at["T0005", "name"]
    page.locator(".workshop-research .widget-dropdown select").first.select_option(label=f"T0005 {admin}")
    page.wait_for_function(
        "() => document.querySelector('.workshop-research').innerText.includes('学校（管理员）')",
        timeout=60_000,
    )
    page.locator(".workshop-research .widget-text:has-text('校本研修主题') input").fill(
        "信息技术支持的课堂互动"
    )
    page.get_by_role("button", name="保存主题").click()
    page.wait_for_selector(".workshop-research-done", timeout=60_000)
    assert "已记录：校本主题 信息技术支持的课堂互动" in page.inner_text(".workshop-research")
    shot = Path(os.environ.get("WORKSHOP_SCREENSHOT_DIR", tmp_path)) / "research.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert ResearchDesk(demo_course).state.theme == "信息技术支持的课堂互动"
