"""C6 early warning in the teacher's language: the rules as sentences, the levels as words."""

from __future__ import annotations

import pandas as pd

from toolkit.classroom.classtable import NAME, STUDENT_ID
from toolkit.classroom.models.model import (
    COUNT,
    DONE,
    DROP,
    FIRED,
    LATEST,
    LEVEL,
    warning_flags,
)
from toolkit.i18n import add_messages, t

add_messages(
    {
        "models.col.homework": {"zh": "作业完成率", "en": "Homework %"},
        "models.col.latest": {"zh": "最近单元成绩", "en": "Latest unit"},
        "models.col.drop": {"zh": "趋势下降（分）", "en": "Trend drop"},
        "models.col.rules": {"zh": "触发规则", "en": "Rules fired"},
        "models.col.count": {"zh": "规则数", "en": "Rules"},
        "models.col.level": {"zh": "风险等级", "en": "Risk"},
        "models.level.high": {"zh": "高", "en": "high"},
        "models.level.medium": {"zh": "中", "en": "medium"},
        "models.level.low": {"zh": "低", "en": "low"},
        "models.rule.homework": {
            "zh": "作业完成率 {value:.0f}% 低于 {limit:.0f}%",
            "en": "homework {value:.0f}% below {limit:.0f}%",
        },
        "models.rule.drop": {
            "zh": "单元成绩趋势下降 {value:.0f} 分（≥ {limit:.0f}）",
            "en": "unit trend down {value:.0f} points (>= {limit:.0f})",
        },
        "models.rule.score": {
            "zh": "最近一次单元测验 {value:.0f} 分，低于 {limit:.0f}",
            "en": "latest unit test {value:.0f}, below {limit:.0f}",
        },
    }
)

# The rule each code stands for, and which of a row's numbers it reports.
_RULE_VALUES = {"homework": DONE, "drop": DROP, "score": LATEST}


def level_name(level: str) -> str:
    """高, 中 or 低 for the model's "high", "medium" or "low"."""
    return t(f"models.level.{level}")


def warning_table(
    flags: pd.DataFrame, *, homework_below: float = 70, drop_at_least: float = 10, score_below: float = 60
) -> pd.DataFrame:
    """:func:`warning_flags` as the teacher reads it: headers, the rules as sentences and the level.

    The thresholds must be those the flags were computed with; the sentences quote them.
    """
    limits = {"homework": homework_below, "drop": drop_at_least, "score": score_below}
    columns = {
        DONE: t("models.col.homework"),
        LATEST: t("models.col.latest"),
        DROP: t("models.col.drop"),
        FIRED: t("models.col.rules"),
        COUNT: t("models.col.count"),
        LEVEL: t("models.col.level"),
    }
    shown = flags.copy()
    shown[FIRED] = [
        "；".join(
            t(f"models.rule.{rule}", value=row[_RULE_VALUES[rule]], limit=limits[rule]) for rule in row[FIRED]
        )
        for _, row in flags.iterrows()
    ]
    shown[LEVEL] = [level_name(level) for level in flags[LEVEL]]
    return shown.rename(columns=columns)[[STUDENT_ID, NAME, *columns.values()]]


def early_warning(
    students: pd.DataFrame,
    units: pd.DataFrame,
    *,
    homework_below: float = 70,
    drop_at_least: float = 10,
    score_below: float = 60,
    include_all: bool = False,
) -> pd.DataFrame:
    """The rules model (:func:`warning_flags`) as a table for the teacher: one row per flagged student.

    Columns 学号, 姓名, 作业完成率, 最近单元成绩, 趋势下降（分）, 触发规则 (each rule as a
    sentence), 规则数 and 风险等级 (高, 中 or 低), in the teacher's language.
    """
    flags = warning_flags(
        students,
        units,
        homework_below=homework_below,
        drop_at_least=drop_at_least,
        score_below=score_below,
        include_all=include_all,
    )
    return warning_table(
        flags, homework_below=homework_below, drop_at_least=drop_at_least, score_below=score_below
    )
