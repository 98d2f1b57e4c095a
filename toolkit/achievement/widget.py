"""The parts of an achievement assignment that are not files: who took part, which points it shows."""

from __future__ import annotations

import html

import ipywidgets as widgets

from toolkit.achievement.model import (
    CONFIRM,
    MIN_POINTS,
    PARTICIPATION_KEY,
    POINTS_KEY,
    SUBMIT,
    participation_from,
)
from toolkit.catalogue import load_catalogue
from toolkit.i18n import add_messages, t
from toolkit.work.store import AnswerStore

add_messages(
    {
        "participation.title": {"zh": "本组典型案例：提交或确认参与", "en": "The group's typical case"},
        "participation.intro": {
            "zh": "典型案例由教研组共同开发、由一位老师提交；其他参与的老师在这里确认参与并写明承担的工作。",
            "en": "The group develops the case together; one member submits it, the others confirm here.",
        },
        "participation.role": {"zh": "我要", "en": "I"},
        "participation.submit": {"zh": "提交本组案例", "en": "submit the group's case"},
        "participation.confirm": {"zh": "确认参与本组案例", "en": "confirm I took part"},
        "participation.members": {
            "zh": "参与开发的组员工号（每行一个，含您自己）",
            "en": "members who took part (one ID per line, yourself included)",
        },
        "participation.submitter": {"zh": "提交人工号", "en": "submitter's ID"},
        "participation.contribution": {"zh": "我承担的工作", "en": "what I did"},
        "participation.done": {"zh": "参与情况已填写完整", "en": "Participation complete"},
        "participation.no_files": {
            "zh": "。确认参与不需要上传材料，下方证据提交板的缺项不影响您的提交。",
            "en": ". A confirmation needs no files: the gaps the evidence board shows do not count.",
        },
        "points.title": {"zh": "这节课运用了哪些能力点", "en": "Which points this lesson shows"},
        "points.hint": {
            "zh": "按住 Ctrl（Mac 上为 ⌘）可多选；“一课多点”至少选 {need} 个。",
            "en": "Hold Ctrl (⌘ on a Mac) to choose several; at least {need}.",
        },
        "points.chosen": {"zh": "已选 {count} 个：{codes}", "en": "{count} chosen: {codes}"},
    }
)


class ParticipationPanel(widgets.VBox):
    """Submit the group's typical case with its members, or confirm taking part in it."""

    def __init__(self, store: AnswerStore | None = None) -> None:
        self.store = store or AnswerStore.shared()
        saved = participation_from(self.store.get(PARTICIPATION_KEY))
        self.role = widgets.RadioButtons(
            options=[(t("participation.submit"), SUBMIT), (t("participation.confirm"), CONFIRM)],
            value=saved.mode or None,
            description=t("participation.role"),
        ).add_class("participation-role")
        self.members = widgets.Textarea(
            value="\n".join(saved.members), description=t("participation.members"),
            style={"description_width": "initial"}, layout={"width": "95%", "height": "90px"},
        ).add_class("participation-members")  # fmt: skip
        self.submitter = widgets.Text(
            value=saved.submitter,
            description=t("participation.submitter"),
            style={"description_width": "initial"},
        ).add_class("participation-submitter")
        self.contribution = widgets.Textarea(
            value=saved.contribution, description=t("participation.contribution"),
            style={"description_width": "initial"}, layout={"width": "95%", "height": "70px"},
        ).add_class("participation-contribution")  # fmt: skip
        self.status = widgets.HTML()
        for control in (self.role, self.members, self.submitter, self.contribution):
            control.observe(lambda _: self.save(), names="value")
        super().__init__(
            [
                widgets.HTML(f"<h4>{t('participation.title')}</h4><p>{t('participation.intro')}</p>"),
                self.role,
                self.members,
                self.submitter,
                self.contribution,
                self.status,
            ]
        )
        self.add_class("workshop-participation")
        self.show()

    def value(self) -> dict[str, object]:
        return {
            "mode": self.role.value or "",
            "members": [line.strip().upper() for line in self.members.value.splitlines() if line.strip()],
            "submitter": self.submitter.value.strip().upper(),
            "contribution": self.contribution.value.strip(),
        }

    def save(self) -> None:
        self.store.set(PARTICIPATION_KEY, self.value())
        self.show()

    def show(self) -> None:
        mode = self.role.value
        self.members.layout.display = None if mode == SUBMIT else "none"
        self.submitter.layout.display = None if mode == CONFIRM else "none"
        self.contribution.layout.display = None if mode == CONFIRM else "none"
        missing = participation_from(self.value()).missing()
        self.status.value = (
            "<ul style='color:#c62828;margin:2px 0'>"
            + "".join(f"<li>{html.escape(m)}</li>" for m in missing)
            + "</ul>"
            if missing
            else f"<span style='color:#2e7d32'>{t('participation.done')}"
            + (t("participation.no_files") if mode == CONFIRM else "")
            + "</span>"
        )


class PointChoice(widgets.VBox):
    """The points a "一课多点" lesson shows, chosen from all thirty."""

    def __init__(self, store: AnswerStore | None = None) -> None:
        self.store = store or AnswerStore.shared()
        points = load_catalogue().points
        saved = self.store.get(POINTS_KEY) or []
        known = {p.code for p in points}
        self.choice = widgets.SelectMultiple(
            options=[(p.label(), p.code) for p in points],
            value=tuple(code for code in saved if code in known),
            rows=12,
            layout={"width": "460px"},
        ).add_class("point-choice")
        self.status = widgets.HTML()
        self.choice.observe(lambda _: self.save(), names="value")
        super().__init__(
            [
                widgets.HTML(f"<h4>{t('points.title')}</h4><p>{t('points.hint', need=MIN_POINTS)}</p>"),
                self.choice,
                self.status,
            ]
        )
        self.add_class("workshop-point-choice")
        self.show()

    def save(self) -> None:
        self.store.set(POINTS_KEY, list(self.choice.value))
        self.show()

    def show(self) -> None:
        codes = list(self.choice.value)
        colour = "#2e7d32" if len(codes) >= MIN_POINTS else "#c62828"
        text = t("points.chosen", count=len(codes), codes="、".join(codes) or "-")
        self.status.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"
