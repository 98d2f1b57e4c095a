"""C5 guidance planner: pick a student, read the profile card and chart, edit the plan, export it."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.classroom.guidance.chart import profile_chart
from toolkit.classroom.guidance.model import (
    HOMEWORK_BELOW,
    MASTERY_BELOW,
    SLOPE_AT_MOST,
    ClassData,
    StudentProfile,
    most_urgent,
)
from toolkit.classroom.guidance.report import (
    export_plan,
    homework_text,
    joined,
    need_finding,
    quiz_text,
    suggested_plan,
)
from toolkit.i18n import add_messages, t
from toolkit.modules.data import load_sample
from toolkit.work.outputs import download_links

add_messages(
    {
        "guidance.title": {"zh": "个别化指导规划器", "en": "Individual guidance planner"},
        "guidance.intro": {
            "zh": "选择一名学生，查看数据画像和系统建议，再把建议改成您自己的指导方案并导出。",
            "en": "Pick a student, read the data profile and the suggestions, "
            "turn them into your own plan and export it.",
        },
        "guidance.student": {"zh": "学生", "en": "Student"},
        "guidance.attention": {"zh": "需关注", "en": "needs attention"},
        "guidance.plan": {"zh": "指导方案（可直接修改）", "en": "Guidance plan (edit freely)"},
        "guidance.reset": {"zh": "恢复系统建议", "en": "Restore suggestion"},
        "guidance.export": {"zh": "导出方案", "en": "Export plan"},
        "guidance.exported": {
            "zh": "已导出：outputs/{md} 和 outputs/{doc}（可用 Word/WPS 打开）",
            "en": "Exported: outputs/{md} and outputs/{doc} (opens in Word/WPS)",
        },
        "guidance.shared": {
            "zh": "全班共性薄弱点（全班平均也低于 {threshold:.0f}%，放在全班讲评中处理）：{points}",
            "en": "Weak for the whole class (class average also below {threshold:.0f}%; "
            "handle in whole-class review): {points}",
        },
    }
)


def profile_card(profile: StudentProfile) -> str:
    """The profile as an HTML card: the numbers, the needs, and the whole-class weak points."""
    scores = " → ".join(f"{v:.0f}" for v in profile.unit_scores.dropna())
    needs = (
        "".join(f"<li>{html.escape(need_finding(n))}</li>" for n in profile.needs)
        or f"<li style='color:#2e7d32'>{t('guidance.no_needs')}</li>"
    )
    shared = ""
    if profile.shared_weak:
        note = t("guidance.shared", threshold=profile.mastery_below, points=joined(profile.shared_weak))
        shared = f"<div style='color:#666;margin-top:4px'>{html.escape(note)}</div>"
    colour = "#c62828" if profile.needs else "#2e7d32"
    return (
        f"<div style='border-left:5px solid {colour};background:#fafafa;padding:8px 12px'>"
        f"<div style='font-size:125%;font-weight:bold'>{html.escape(profile.name)} "
        f"<span style='color:#666;font-weight:normal'>{html.escape(profile.student_id)}</span></div>"
        f"<div>{t('guidance.quiz')}：<b>{quiz_text(profile)}</b> · "
        f"{t('guidance.homework')}：<b>{homework_text(profile)}</b> · "
        f"{t('guidance.trend')}：<b>{t('guidance.per_unit', slope=profile.slope)}</b></div>"
        f"<div style='color:#555'>{t('guidance.units')}：{html.escape(scores)}</div>"
        f"<div style='margin-top:6px'><b>{t('guidance.needs')}</b><ul style='margin:2px 0'>{needs}</ul></div>"
        f"{shared}</div>"
    )


class GuidancePlanner(widgets.VBox):
    """Pick a student, read the profile card and chart, edit the plan, export it as Markdown and .doc.

    Without tables it uses the course sample class (七年级 42 人).
    """

    def __init__(
        self,
        *,
        quiz: pd.DataFrame | None = None,
        key: pd.DataFrame | None = None,
        units: pd.DataFrame | None = None,
        students: pd.DataFrame | None = None,
        mastery_below: float = MASTERY_BELOW,
        slope_at_most: float = SLOPE_AT_MOST,
        homework_below: float = HOMEWORK_BELOW,
    ) -> None:
        data = ClassData(
            quiz if quiz is not None else load_sample("class_7a_quiz.csv"),
            key if key is not None else load_sample("class_7a_quiz_key.csv"),
            units if units is not None else load_sample("class_7a_units.csv"),
            students if students is not None else load_sample("class_7a_students.csv"),
        )
        self.profiles = {
            sid: data.profile(
                sid, mastery_below=mastery_below, slope_at_most=slope_at_most, homework_below=homework_below
            )
            for sid in data.ids
        }
        self.plans: dict[str, str] = {}
        options = [
            (
                f"{sid} {p.name}" + (f"（{t('guidance.attention')}）" if p.needs else ""),
                sid,
            )
            for sid, p in sorted(self.profiles.items())
        ]
        urgent = most_urgent(self.profiles.values())
        self.student = widgets.Dropdown(
            options=options,
            value=urgent[0].student_id if urgent else options[0][1],
            description=t("guidance.student"),
            layout=widgets.Layout(width="24em"),
        )
        self.card = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.plan = widgets.Textarea(layout=widgets.Layout(width="95%", height="14em"))
        self.reset_button = widgets.Button(description=t("guidance.reset"), icon="undo")
        self.export_button = widgets.Button(
            description=t("guidance.export"), button_style="success", icon="download"
        )
        self.status = widgets.HTML()
        self.student.observe(lambda change: self.show(), names="value")
        self.plan.observe(lambda change: self._remember(), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.export_button.on_click(lambda _: self.export())
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('guidance.title')}</h4><div style='color:#555'>{t('guidance.intro')}</div>"
                ),
                self.student,
                self.card,
                self.chart,
                widgets.HTML(f"<b>{t('guidance.plan')}</b>"),
                self.plan,
                widgets.HBox([self.reset_button, self.export_button]),
                self.status,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-guidance-planner")
        self._showing = ""
        self.show()

    @property
    def profile(self) -> StudentProfile:
        return self.profiles[self.student.value]

    def _remember(self) -> None:
        if self._showing:
            self.plans[self._showing] = self.plan.value

    def show(self) -> None:
        """Redraw the card, chart and plan for the chosen student (an edited plan is kept)."""
        profile = self.profile
        self._showing = ""
        self.card.value = profile_card(profile)
        self.chart.value = profile_chart(profile)
        self.plan.value = self.plans.get(profile.student_id, suggested_plan(profile))
        self._showing = profile.student_id
        self.status.value = ""

    def reset(self) -> None:
        """Throw away the edits for this student and show the suggestion again."""
        self.plan.value = suggested_plan(self.profile)

    def export(self) -> tuple[Path, Path]:
        """Write outputs/C5_guidance_<学号>.md and .doc and record them in the teacher's progress."""
        md_path, doc_path = export_plan(self.profile, self.plan.value)
        self.status.value = (
            f"<div style='color:#2e7d32'>✔ "
            f"{html.escape(t('guidance.exported', md=md_path.name, doc=doc_path.name))}</div>"
            + download_links(md_path, doc_path)
        )
        return md_path, doc_path
