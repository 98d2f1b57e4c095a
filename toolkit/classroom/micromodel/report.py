"""C7 micro-models in the teacher's language: the model in one line, each indicator with its weight."""

from __future__ import annotations

from toolkit.classroom.classtable import tidy_number
from toolkit.classroom.micromodel.model import Indicator, MicroModel
from toolkit.i18n import add_messages, t

add_messages(
    {
        "micromodel.higher": {"zh": "越高越好", "en": "higher is better"},
        "micromodel.lower": {"zh": "越低越好", "en": "lower is better"},
        "micromodel.spec": {"zh": "{name} = {terms}", "en": "{name} = {terms}"},
        "micromodel.term": {
            "zh": "{column}（权重 {weight}，{direction}）",
            "en": "{column} (weight {weight}, {direction})",
        },
        "micromodel.term_join": {"zh": " + ", "en": " + "},
    }
)


def direction_label(higher_is_better: bool) -> str:
    """越高越好 or 越低越好."""
    return t("micromodel.higher") if higher_is_better else t("micromodel.lower")


def describe_indicator(indicator: Indicator) -> str:
    """One indicator: its column, weight and direction, e.g. 作业（权重 3，越高越好）."""
    return t(
        "micromodel.term",
        column=indicator.column,
        weight=tidy_number(indicator.weight),
        direction=direction_label(indicator.higher_is_better),
    )


def describe(model: MicroModel) -> str:
    """The model in one line: 名称 = 指标（权重，方向）+ …"""
    terms = t("micromodel.term_join").join(describe_indicator(i) for i in model.indicators)
    return t("micromodel.spec", name=model.name, terms=terms)
