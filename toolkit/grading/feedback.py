"""Chinese feedback for ``nbgrader generate_feedback``: a preprocessor and a page template.

Registered in each course's nbgrader_config.py (see ``toolkit.course.config``).
The preprocessor turns the results the hidden tests published into readable
feedback (per item, per plan rule, per evidence item), replaces widgets with a
static view, hides all code, and, unless ``show_answer_keys`` is off, shows the
answer key and the explanation of every self-test item.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from toolkit.catalogue import load_catalogue
from toolkit.grading.cells import widget_call
from toolkit.grading.report import RESULT_MIME
from toolkit.plan.rules import PLAN_KEY, plan_points
from toolkit.resources import FEEDBACK_TEMPLATE_NAME, feedback_template_dir
from toolkit.work.choices import LETTERS
from toolkit.work.numbers import parse_number
from toolkit.work.profile import build_profile, profile_block
from toolkit.work.store import ANSWERS_FILE, read_answers

# Courses made before their configs named the feedback steps import these two from here.
TEMPLATE_DIR = feedback_template_dir()
TEMPLATE_NAME = FEEDBACK_TEMPLATE_NAME
_ITEM_WIDGETS = {"SingleChoice", "MultipleChoice", "Ordering", "NumberEntry"}
_TITLES = {
    "self_test": "自测诊断 · 反馈",
    "personal_plan": "个人研修计划 · 反馈",
}


def _esc(value: object) -> str:
    return html.escape(str(value))


def _item_view(kind: str, arguments: dict[str, Any]) -> str:
    """A widget item as static HTML: its prompt and lettered options (prompts are trusted course text)."""
    choices = arguments.get("options") or arguments.get("steps") or []
    listed = "".join(
        f"<li>{letter}. {_esc(text)}</li>" for letter, text in zip(LETTERS, choices, strict=False)
    )
    unit = f"（单位：{_esc(arguments['unit'])}）" if arguments.get("unit") else ""
    return f"<div>{arguments.get('prompt', '')}{unit}</div>" + (
        f"<ul style='list-style:none;padding-left:1em'>{listed}</ul>" if listed else ""
    )


def _show_answer(value: object) -> str:
    if value in (None, "", [], {}):
        return "（未作答）"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) if value else "（未作答）"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class WorkshopFeedback(Preprocessor):
    """Rewrite an autograded notebook into Chinese feedback before nbgrader renders it."""

    enabled = Bool(True, help="Run when registered with nbgrader (nbconvert's default is off).").tag(
        config=True
    )
    show_answer_keys = Bool(
        True,
        help="Show each self-test item's answer key and explanation in feedback (a course setting).",
    ).tag(config=True)

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        results: list[dict[str, Any]] = []
        rules: list[dict[str, Any]] = []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            payloads = [
                output["data"][RESULT_MIME]
                for output in cell.get("outputs", [])
                if RESULT_MIME in output.get("data", {})
            ]
            tags = cell.metadata.get("toolkit", {})
            if payloads:
                # The cell's tags say which point and dimension its result counts towards.
                payloads = [
                    {**payload, "point": tags.get("point"), "dimension": tags.get("dimension")}
                    for payload in payloads
                ]
                results += [p for p in payloads if p.get("kind") == "item"]
                rules += [p for p in payloads if p.get("kind") == "rule"]
                title, body = self._render(payloads)
                self._replace(cell, title, body)
                continue
            call = widget_call(cell.source)
            if call and call[0] in _ITEM_WIDGETS:
                item_id = call[1]["args"][0] if call[1]["args"] else ""
                self._replace(cell, f"第 {_esc(str(item_id).upper())} 题", _item_view(call[0], call[1]))
            elif call and call[0] == "PlanBuilder":
                self._replace(cell, "我提交的计划", self._plan_view(folder))
            elif not cell.metadata.get("nbgrader", {}).get("grade"):
                # Setup lines and widgets without a static view: teachers see no code in feedback.
                cell.metadata["workshop_hide"] = True
        nb.cells = [c for c in nb.cells if not c.metadata.get("workshop_hide")]
        nb.metadata.pop("widgets", None)  # widget state would pull scripts from the internet
        name = resources.get("nbgrader", {}).get("assignment", "")
        workshop = {"title": _TITLES.get(name, f"{name} · 反馈"), "summary": "", "profile_block": ""}
        if results:
            profile = build_profile(results)
            workshop["profile_block"] = profile_block(profile)
            workshop["summary"] = self._profile_table(profile)
        if rules:
            broken = [r for r in rules if not r.get("passed")]
            workshop["summary"] = (
                "<p class='right'>计划符合全部结构规则。</p>"
                if not broken
                else "<p class='wrong'>计划没有满足以下规则："
                + "；".join(_esc(r["name"]) for r in broken)
                + "</p>"
            )
        resources["workshop"] = workshop
        return nb, resources

    @staticmethod
    def _replace(cell: Any, title: str, body: str) -> None:
        cell.metadata["workshop_title"] = title
        cell.metadata["workshop_html"] = body
        cell.outputs = []
        cell.source = ""

    def _render(self, payloads: list[dict[str, Any]]) -> tuple[str, str]:
        payload = payloads[0]
        kind = payload.get("kind")
        if kind == "item":
            return self._item(payload)
        if kind == "rule":
            mark = "right" if payload.get("passed") else "wrong"
            verdict = "符合" if payload.get("passed") else "不符合"
            detail = (
                f"：{_esc(payload['detail'])}" if payload.get("detail") and not payload.get("passed") else ""
            )
            return (
                "计划规则",
                f"<p class='{mark}'><b>{_esc(payload.get('name'))}</b> —— {verdict}{detail}</p>",
            )
        if kind == "evidence":
            rows = "".join(
                f"<tr><td>{_esc(item['name'])}</td>"
                f"<td class='{'right' if item['complete'] else 'wrong'}'>{_esc(item['summary'])}</td>"
                f"<td>{'<br>'.join(_esc(f['name']) + ('：' + _esc('；'.join(f['problems'])) if f['problems'] else '') for f in item['files'])}</td></tr>"  # noqa: E501
                for item in payload.get("items", [])
            )
            return (
                "证据完整性",
                f"<table><tr><th>证据</th><th>检查结果</th><th>文件</th></tr>{rows}</table>",
            )
        return "自动评分", ""

    def _item(self, payload: dict[str, Any]) -> tuple[str, str]:
        earned, points = float(payload.get("earned") or 0), float(payload.get("points") or 0)
        state = "right" if earned >= points > 0 else ("partial" if earned > 0 else "wrong")
        verdict = {"right": "正确", "partial": "部分正确", "wrong": "错误"}[state]
        answer = payload.get("answer")
        if payload.get("type") == "number":
            answer = parse_number(answer)
        lines = [f"<p>您的答案：{_esc(_show_answer(answer))} <span class='{state}'>（{verdict}）</span></p>"]
        if self.show_answer_keys:
            lines.append(f"<p>参考答案：{_esc(_show_answer(payload.get('key')))}</p>")
            if payload.get("explanation"):
                lines.append(f"<p><b>解析：</b>{_esc(payload['explanation'])}</p>")
        point = payload.get("point") or ""
        return f"第 {_esc(str(payload.get('item', '')).upper())} 题 · {point} 结果", "".join(lines)

    @staticmethod
    def _profile_table(profile: dict[str, dict[str, list[float]]]) -> str:
        catalogue = load_catalogue()
        rows = []
        for dimension in catalogue.dimensions:
            earned, maximum = profile["dimensions"].get(dimension.id, (0.0, 0.0))
            if not maximum:
                continue
            points = [
                f"{code} {e / m:.0%}"
                for code, (e, m) in profile["points"].items()
                if m and catalogue.point(code).dimension == dimension
            ]
            rows.append(
                f"<tr><td>{_esc(dimension.label())}</td><td>{earned:g} / {maximum:g}</td>"
                f"<td>{earned / maximum:.0%}</td><td>{_esc('，'.join(points))}</td></tr>"
            )
        return (
            "<h4>诊断结果：各维度与能力点得分率</h4>"
            "<table><tr><th>维度</th><th>得分</th><th>得分率</th><th>能力点</th></tr>"
            + "".join(rows)
            + "</table><p>得分率较低的能力点，可以优先写进个人研修计划。</p>"
        )

    @staticmethod
    def _plan_view(folder: Path) -> str:
        answers = read_answers(folder / ANSWERS_FILE)
        if answers is None:
            return "<p class='wrong'>没有读到计划内容（answers.json 缺失或已损坏）。</p>"
        plan = answers.get(PLAN_KEY)
        catalogue = load_catalogue()
        rows = "".join(
            f"<tr><td>{_esc(catalogue.point(code).label())}</td><td>{_esc(entry.get('goal', ''))}</td>"
            f"<td>{_esc(entry.get('activities', ''))}</td>"
            f"<td>{_esc(entry.get('start') or '—')} 至 {_esc(entry.get('end') or '—')}</td>"
            f"<td>{_esc(entry.get('online_hours', 0))} + {_esc(entry.get('practice_hours', 0))}</td></tr>"
            for code, entry in plan_points(plan).items()
        )
        environment = plan.get("environment") if isinstance(plan, dict) else None
        return (
            f"<p>学校教学环境：{_esc(environment or '未选择')}</p>"
            "<table><tr><th>能力点</th><th>目标</th><th>活动</th><th>时间</th><th>学时（线上+实践）</th></tr>"
            f"{rows}</table>"
        )
