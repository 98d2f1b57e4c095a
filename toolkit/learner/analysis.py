"""Classical item analysis and need groups, the numbers a 学情分析报告 rests on.

Difficulty is the share of the item's points the class earned (通过率 P).
Discrimination is D = P(upper group) − P(lower group), the groups being the top
and bottom 27 % of the class by total score (Kelley's split), ties broken by
student ID so the result never depends on file order.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from toolkit.i18n import add_messages, t
from toolkit.learner.data import QuizData

add_messages(
    {
        "learner.flag.too_easy": {"zh": "过易：几乎人人答对，提供的信息少", "en": "too easy: tells little"},
        "learner.flag.too_hard": {"zh": "过难：多数学生未掌握，需重点讲解", "en": "too hard: most missed it"},
        "learner.flag.negative": {
            "zh": "负区分：高分组反而答错更多，先核对答案和题干",
            "en": "negative discrimination: check the key and wording first",
        },
        "learner.flag.weak": {"zh": "区分度低：建议修改题目", "en": "low discrimination: revise the item"},
        "learner.group.help": {"zh": "需要重点帮助", "en": "needs close support"},
        "learner.group.consolidate": {"zh": "需要巩固", "en": "needs consolidation"},
        "learner.group.extend": {"zh": "可以拓展", "en": "ready for extension"},
    }
)

UPPER_LOWER_SHARE = 0.27


@dataclass(frozen=True)
class Thresholds:
    """Where an item counts as too easy/hard or weakly discriminating, and where need groups split."""

    too_easy: float = 0.9
    too_hard: float = 0.3
    weak_discrimination: float = 0.2
    help_below: float = 0.6
    extend_from: float = 0.85
    weak_topic_below: float = 0.5
    weak_topics_for_attention: int = 3


def item_analysis(quiz: QuizData, *, thresholds: Thresholds | None = None) -> pd.DataFrame:
    """One row per item: 知识点, 满分, 通过率 P, 区分度 D and a plain-language flag."""
    limits = thresholds or Thresholds()
    share = quiz.scores / quiz.max_points
    ranked = (
        quiz.totals.rename("total").reset_index().sort_values(["total", "student"], ascending=[False, True])
    )
    group = max(1, round(UPPER_LOWER_SHARE * len(ranked)))
    upper = ranked["student"].iloc[:group]
    lower = ranked["student"].iloc[-group:]
    difficulty = share.mean()
    discrimination = share.loc[upper].mean() - share.loc[lower].mean()
    flags = []
    for item in quiz.scores.columns:
        p, d = difficulty[item], discrimination[item]
        if d < 0:
            flags.append(t("learner.flag.negative"))
        elif p > limits.too_easy:
            flags.append(t("learner.flag.too_easy"))
        elif p < limits.too_hard:
            flags.append(t("learner.flag.too_hard"))
        elif d < limits.weak_discrimination:
            flags.append(t("learner.flag.weak"))
        else:
            flags.append("")
    return pd.DataFrame(
        {
            "知识点": quiz.topics.reindex(quiz.scores.columns).values,
            "满分": quiz.max_points.values,
            "通过率P": difficulty.round(3).values,
            "区分度D": discrimination.round(3).values,
            "提示": flags,
        },
        index=pd.Index(quiz.scores.columns, name="题号"),
    )


def topic_mastery(quiz: QuizData) -> pd.DataFrame:
    """Each student's share of points earned per knowledge point (items without one are '全卷')."""
    topics = quiz.topics.replace("", "全卷")
    earned = quiz.scores.T.groupby(topics).sum().T
    possible = quiz.max_points.groupby(topics).sum()
    return (earned / possible).round(3)


def need_groups(quiz: QuizData, *, thresholds: Thresholds | None = None) -> pd.DataFrame:
    """One row per student: total, percentage, need group and the weakest knowledge points."""
    limits = thresholds or Thresholds()
    percent = quiz.totals / quiz.full_marks
    mastery = topic_mastery(quiz)
    rows = []
    for student in quiz.scores.index:
        share = percent[student]
        if share < limits.help_below:
            group = t("learner.group.help")
        elif share >= limits.extend_from:
            group = t("learner.group.extend")
        else:
            group = t("learner.group.consolidate")
        weak = mastery.loc[student]
        weak = weak[weak < limits.weak_topic_below].sort_values()
        rows.append(
            {
                "学号": student,
                "姓名": quiz.names.get(student, ""),
                "总分": round(float(quiz.totals[student]), 2),
                "得分率": round(float(share), 3),
                "分组": group,
                "薄弱知识点": "、".join(weak.index),
                "需要关注": share < limits.help_below or len(weak) >= limits.weak_topics_for_attention,
            }
        )
    return pd.DataFrame(rows).sort_values(["得分率", "学号"]).reset_index(drop=True)


def score_summary(quiz: QuizData) -> dict[str, float]:
    """Class size, mean, median, standard deviation, highest, lowest and pass rate (≥ 60 %)."""
    totals = quiz.totals
    return {
        "人数": int(len(totals)),
        "满分": quiz.full_marks,
        "平均分": round(float(totals.mean()), 2),
        "中位数": round(float(totals.median()), 2),
        "标准差": round(float(totals.std(ddof=0)), 2),
        "最高分": float(totals.max()),
        "最低分": float(totals.min()),
        "及格率": round(float((totals >= 0.6 * quiz.full_marks).mean()), 3),
    }
