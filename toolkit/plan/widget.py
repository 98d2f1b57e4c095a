"""The plan builder: a teacher assembles the personal research plan by clicking and typing, with the
scheme's rules checked live and the self-test profile at hand."""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from toolkit.catalogue import load_catalogue
from toolkit.i18n import add_messages, t
from toolkit.plan.rules import (
    PLAN_ASSIGNMENT,
    PLAN_KEY,
    PlanRules,
    RuleResult,
    check_plan,
    load_rules,
    plan_date,
    plan_hours,
    plan_points,
)
from toolkit.widgets.style import WRAP_CLASS, WRAP_OPTIONS_CSS
from toolkit.work.outputs import write_document
from toolkit.work.profile import find_feedback_profile
from toolkit.work.store import ANSWERS_FILE, AnswerStore

add_messages(
    {
        "plan.title": {"zh": "个人研修计划", "en": "Personal research plan"},
        "plan.environment": {"zh": "学校教学环境", "en": "School environment"},
        "plan.choose": {
            "zh": "勾选本期要研修的能力点（灰色的能力点不适用于所选环境）",
            "en": "Tick the points for this cycle (grey ones are not allowed in the chosen environment)",
        },
        "plan.reason": {"zh": "选择理由", "en": "Why this point"},
        "plan.goal_label": {"zh": "研修目标", "en": "Goal"},
        "plan.activities_label": {"zh": "研修活动", "en": "Activities"},
        "plan.evidence_label": {
            "zh": "要提交的证据（来自该能力点的评价量规）",
            "en": "Evidence (from the rubric)",
        },
        "plan.start": {"zh": "开始日期", "en": "Start"},
        "plan.end": {"zh": "完成日期", "en": "End"},
        "plan.online": {"zh": "线上学时", "en": "Online hours"},
        "plan.practice": {"zh": "实践学时", "en": "Practice hours"},
        "plan.rules": {"zh": "规则检查", "en": "Rule check"},
        "plan.all_ok": {
            "zh": "计划符合全部结构规则。计划质量将由培训者按量规评定。",
            "en": "The plan meets every structural rule; its quality is graded by rubric.",
        },
        "plan.export": {"zh": "导出计划文档", "en": "Export the plan"},
        "plan.exported": {"zh": "已导出：{md} 和 {doc}", "en": "Exported {md} and {doc}"},
        "plan.profile": {"zh": "我的自测诊断", "en": "My self-test profile"},
        "plan.profile_missing": {
            "zh": (
                "还没有找到自测诊断的反馈。培训者返回反馈后，在“自测诊断”页面最下方点“查看反馈”取回，"
                "这里就会显示您在各维度、各能力点上的得分率。"
            ),
            "en": "No self-test feedback yet; once returned, press See feedback below the self-test.",
        },
        "plan.weakest": {
            "zh": "得分率最低、当前环境可选的能力点：{points}。可以优先考虑。",
            "en": "Weakest points allowed here: {points}; consider them first.",
        },
        "plan.hint_placeholder": {"zh": "写具体：哪个班、哪类课、做到什么", "en": "Be specific"},
    }
)


def _text_area(value: Any, placeholder: str = "") -> widgets.Textarea:
    return widgets.Textarea(
        value=str(value or ""),
        placeholder=placeholder,
        continuous_update=False,
        layout=widgets.Layout(width="95%", height="70px"),
    )


class PointEditor(widgets.VBox):
    """Goal, activities, evidence, dates and hours for one chosen point."""

    def __init__(self, code: str, saved: Mapping[str, Any], rules: PlanRules, on_change: Any) -> None:
        self.code = code
        evidence = rules.evidence.get(code, ())
        chosen = saved.get("evidence")
        chosen = set(chosen) if isinstance(chosen, list) else {item_id for item_id, _ in evidence}
        self.reason = _text_area(saved.get("reason"))
        self.goal = _text_area(saved.get("goal"), t("plan.hint_placeholder"))
        self.activities = _text_area(saved.get("activities"))
        self.evidence = {
            item_id: widgets.Checkbox(value=item_id in chosen, description=name, indent=False)
            for item_id, name in evidence
        }
        self.start = widgets.DatePicker(value=plan_date(saved.get("start")), description=t("plan.start"))
        self.end = widgets.DatePicker(value=plan_date(saved.get("end")), description=t("plan.end"))
        self.online = widgets.BoundedFloatText(
            value=plan_hours(saved.get("online_hours")),
            min=0,
            max=200,
            step=0.5,
            description=t("plan.online"),
        )
        self.practice = widgets.BoundedFloatText(
            value=plan_hours(saved.get("practice_hours")),
            min=0,
            max=200,
            step=0.5,
            description=t("plan.practice"),
        )
        controls = [
            self.reason,
            self.goal,
            self.activities,
            *self.evidence.values(),
            self.start,
            self.end,
            self.online,
            self.practice,
        ]
        for control in controls:
            control.observe(lambda change: on_change(), names="value")
        label = lambda key: widgets.HTML(f"<b>{t(key)}</b>")  # noqa: E731
        super().__init__(
            [
                label("plan.reason"),
                self.reason,
                label("plan.goal_label"),
                self.goal,
                label("plan.activities_label"),
                self.activities,
                label("plan.evidence_label"),
                widgets.VBox(list(self.evidence.values())),
                widgets.HBox([self.start, self.end]),
                widgets.HBox([self.online, self.practice]),
            ]
        )

    def value(self) -> dict[str, Any]:
        return {
            "reason": self.reason.value.strip(),
            "goal": self.goal.value.strip(),
            "activities": self.activities.value.strip(),
            "evidence": [item_id for item_id, box in self.evidence.items() if box.value],
            "start": self.start.value.isoformat() if self.start.value else None,
            "end": self.end.value.isoformat() if self.end.value else None,
            "online_hours": float(self.online.value),
            "practice_hours": float(self.practice.value),
        }


class PlanBuilder(widgets.VBox):
    """The personal research plan, saved under ``plan`` in ``answers.json`` on every change."""

    def __init__(
        self,
        *,
        folder: str | Path = ".",
        store: AnswerStore | None = None,
        answers_file: str = ANSWERS_FILE,
        self_test_folder: str | Path | None = None,
    ) -> None:
        self.catalogue = load_catalogue()
        self.rules = load_rules(folder)
        self.store = store or AnswerStore.shared(Path(folder) / answers_file)
        saved = self.store.get(PLAN_KEY) or {}
        saved = saved if isinstance(saved, Mapping) else {}
        environments = [(e.label(), e.code) for e in self.catalogue.environments]
        environment = saved.get("environment")
        self.environment = widgets.Dropdown(
            options=environments,
            value=environment if environment in {c for _, c in environments} else self.rules.environment,
            description=t("plan.environment"),
            style={"description_width": "initial"},
        )
        self.saved_points = plan_points(saved)
        self.boxes = {
            p.code: widgets.Checkbox(value=p.code in self.saved_points, description=p.label(), indent=False)
            for p in self.catalogue.points
        }
        self.editors: dict[str, PointEditor] = {}
        self.accordion = widgets.Accordion()
        self.rule_panel = widgets.HTML()
        self.export_button = widgets.Button(description=t("plan.export"), icon="file-text")
        self.export_button.on_click(lambda _: self.export())
        self.message = widgets.HTML()
        folder_path = Path(folder).resolve()
        self.profile = find_feedback_profile(
            Path(self_test_folder) if self_test_folder else folder_path.parent / "self_test"
        )
        self.profile_panel = widgets.HTML()
        columns = []
        for dimension in self.catalogue.dimensions:
            members = [self.boxes[p.code] for p in self.catalogue.points if p.dimension == dimension]
            columns.append(widgets.VBox([widgets.HTML(f"<b>{html.escape(dimension.label())}</b>"), *members]))
        for box in self.boxes.values():
            box.observe(lambda change: self._points_changed(), names="value")
        self.environment.observe(lambda change: self._environment_changed(), names="value")
        super().__init__(
            [
                widgets.HTML(f"{WRAP_OPTIONS_CSS}<h3>{t('plan.title')}</h3>"),
                self.environment,
                self.profile_panel,
                widgets.HTML(f"<p>{t('plan.choose')}</p>"),
                widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap")),
                self.accordion,
                widgets.HTML(f"<h4>{t('plan.rules')}</h4>"),
                self.rule_panel,
                widgets.HBox([self.export_button]),
                self.message,
            ]
        )
        self.add_class(WRAP_CLASS)
        self._environment_changed(save=False)
        self._points_changed(save=False)

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.value]

    def _environment_changed(self, *, save: bool = True) -> None:
        allowed = self.rules.allowed(self.environment.value)
        for code, box in self.boxes.items():
            # A ticked point stays tickable so it can be removed; the rule check names it.
            box.disabled = code not in allowed and not box.value
        self._show_profile(allowed)
        if save:
            self._changed()

    def _points_changed(self, *, save: bool = True) -> None:
        for code in self.chosen():
            if code not in self.editors:
                self.editors[code] = PointEditor(
                    code, self.saved_points.get(code, {}), self.rules, self._changed
                )
        chosen = self.chosen()
        self.accordion.children = [self.editors[code] for code in chosen]
        for index, code in enumerate(chosen):
            self.accordion.set_title(index, self.catalogue.point(code).label())
        self._environment_changed(save=False)
        if save:
            self._changed()
        else:
            self._show_rules()

    def plan(self) -> dict[str, Any]:
        return {
            "environment": self.environment.value,
            "points": {code: self.editors[code].value() for code in self.chosen()},
        }

    def check(self) -> list[RuleResult]:
        return check_plan(self.plan(), self.rules)

    def _changed(self) -> None:
        self.store.set(PLAN_KEY, self.plan())
        self._show_rules()

    def _show_rules(self) -> None:
        results = self.check()
        rows = "".join(
            f"<li style='color:{'#2e7d32' if r.passed else '#c62828'}'>{'✓' if r.passed else '✗'} "
            f"<b>{html.escape(r.name)}</b>"
            + (f"：{html.escape(r.detail)}" if r.detail and not r.passed else "")
            + "</li>"
            for r in results
        )
        done = all(r.passed for r in results)
        footer = f"<p style='color:#2e7d32'>{t('plan.all_ok')}</p>" if done else ""
        self.rule_panel.value = f"<ul class='workshop-plan-rules'>{rows}</ul>{footer}"

    def _show_profile(self, allowed: set[str]) -> None:
        if self.profile is None:
            self.profile_panel.value = (
                f"<details><summary>{t('plan.profile')}</summary><p>{t('plan.profile_missing')}</p></details>"
            )
            return
        shares = {
            code: earned / maximum
            for code, (earned, maximum) in self.profile.get("points", {}).items()
            if maximum and code in allowed
        }
        weakest = sorted(shares, key=lambda code: (shares[code], code))[:5]
        dimensions = "".join(
            f"<tr><td>{html.escape(d.label())}</td><td>{earned / maximum:.0%}</td></tr>"
            for d in self.catalogue.dimensions
            for earned, maximum in [self.profile.get("dimensions", {}).get(d.id, (0, 0))]
            if maximum
        )
        self.profile_panel.value = (
            f"<details open><summary><b>{t('plan.profile')}</b></summary>"
            f"<table border='1' cellpadding='4' style='border-collapse:collapse'>{dimensions}</table>"
            f"<p>{html.escape(t('plan.weakest', points='、'.join(weakest)))}</p></details>"
        )

    def markdown(self) -> str:
        plan = self.plan()
        lines = [f"# {t('plan.title')}", "", f"{t('plan.environment')}：{self.environment.label}", ""]
        for code, entry in plan["points"].items():
            names = dict(self.rules.evidence.get(code, ()))
            lines += [
                f"## {self.catalogue.point(code).label()}",
                "",
                f"- {t('plan.reason')}：{entry['reason']}",
                f"- {t('plan.goal_label')}：{entry['goal']}",
                f"- {t('plan.activities_label')}：{entry['activities']}",
                f"- {t('plan.evidence_label')}：{'、'.join(names.get(i, i) for i in entry['evidence'])}",
                f"- {t('plan.start')}：{entry['start'] or '—'}；{t('plan.end')}：{entry['end'] or '—'}",
                f"- {t('plan.online')}：{entry['online_hours']:g}；"
                f"{t('plan.practice')}：{entry['practice_hours']:g}",
                "",
            ]
        lines += [f"## {t('plan.rules')}", ""]
        lines += [
            f"- {'✓' if r.passed else '✗'} {r.name}" + (f"：{r.detail}" if not r.passed else "")
            for r in self.check()
        ]
        return "\n".join(lines) + "\n"

    def export(self) -> tuple[Path, Path]:
        md, doc = write_document(PLAN_ASSIGNMENT, self.markdown(), title=t("plan.title"))
        self.message.value = html.escape(t("plan.exported", md=md.name, doc=doc.name))
        return md, doc
