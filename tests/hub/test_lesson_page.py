"""课堂评价 through the real hub: a colleague rates a teacher's lesson from their own account, the
teacher rates it themselves, and the teacher sees both parties' figures on their page.

By hand (weights .15 .20 .20 .15 .15 .15): self 5 5 4 4 5 4 → 4.50; the colleague 4 4 4 3 4 5 →
4.00; criterion means 4.5 4.5 4 3.5 4.5 4.5 → overall 4.25; spreads 1 1 0 1 1 1 → agreement
1 − (5/6)/4 = 79%."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.hub.conftest import TEACHERS, Hub, shot
from tests.hub.test_teacher_flow import assert_no_code, log_in
from toolkit.hub.settings import PORTRAIT_SERVICE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.hub]

CRITERIA = ("目标清晰", "技术融合", "互动参与", "思维发展", "及时反馈", "学习体验")


def rate(page: Page, hub: Hub, teacher: str, lesson: str, values: tuple[int, ...]) -> str:
    """Choose the teacher and the lesson, tick a score per criterion, submit: as a person does."""
    page.goto(f"{hub.url}services/{PORTRAIT_SERVICE}/lessons", wait_until="domcontentloaded")
    page.select_option("#rate-choose select[name=teacher]", value=teacher)
    page.fill("#rate-choose input[name=lesson]", lesson)
    page.get_by_role("button", name="开始评价").click()
    page.wait_for_selector("#rate-form")
    for criterion, value in zip(CRITERIA, values, strict=True):
        page.get_by_label(f"{criterion} {value}", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_selector("#mine-message")
    return page.inner_text("#mine-message")


def test_a_colleague_and_the_teacher_rate_a_lesson_from_their_own_accounts(
    hub: Hub, browser: Browser
) -> None:
    teacher, colleague = TEACHERS[0], TEACHERS[1]
    lessons = f"/services/{PORTRAIT_SERVICE}/lessons"
    context, page = log_in(browser, hub, colleague, going_to=lessons)
    said = rate(page, hub, teacher, "比例的意义", (4, 4, 4, 3, 4, 5))
    assert "已保存您对 教师1《比例的意义》的评价（同伴教师）" in said
    # Leaving a criterion out is refused, and what was ticked stays ticked.
    page.goto(f"{hub.url}services/{PORTRAIT_SERVICE}/lessons?teacher={teacher}&lesson=另一节课")
    page.get_by_label("目标清晰 5", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    assert "请为每一项打分，还缺：技术融合" in page.inner_text("#mine-message")
    assert page.get_by_label("目标清晰 5", exact=True).is_checked()
    assert_no_code(page)
    context.close()

    context, page = log_in(browser, hub, teacher, going_to=lessons)
    assert "（执教教师自评）" in rate(page, hub, teacher, "比例的意义", (5, 5, 4, 4, 5, 4))
    row = page.inner_text("#rate-received tr[data-lesson='比例的意义']")
    assert "执教教师自评 1、同伴教师 1" in row and "执教教师自评 4.50、同伴教师 4.00" in row
    assert "4.25" in row and "79%" in row
    text = assert_no_code(page)
    assert "teacher" not in text and "peer" not in text and "workshop" not in text
    shot(page, "8-lesson-ratings")
    context.close()
