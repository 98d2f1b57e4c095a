"""B9 summary chart: each student's self score against the peers' mean, the teacher's score as a dot."""

from __future__ import annotations

import pandas as pd

from toolkit.classroom.classtable import NAME
from toolkit.classroom.peer.model import FLAG, FLAG_HIGH, PEER, SELF, TEACHER_SCORE
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure

add_messages(
    {
        "peer.chart.title": {"zh": "自评与同伴评价对比", "en": "Self vs peer scores"},
        "peer.chart.score": {"zh": "得分（0–100）", "en": "Score (0–100)"},
        "peer.chart.high": {"zh": "偏高", "en": "high"},
        "peer.chart.low": {"zh": "偏低", "en": "low"},
    }
)


def summary_chart(summary: pd.DataFrame) -> bytes:
    """PNG bars of self and mean peer score per student (``PeerAssessment.summary``), flags marked above."""
    figure = new_figure(max(5.0, 0.55 * len(summary) + 2), 3.4)
    axes = figure.subplots()
    positions = list(range(len(summary)))
    width = 0.38
    own = summary[SELF].fillna(0).tolist()
    peer = summary[PEER].fillna(0).tolist()
    axes.bar([p - width / 2 for p in positions], own, width, label=SELF, color="#f58518")
    axes.bar([p + width / 2 for p in positions], peer, width, label=PEER, color="#4c78a8")
    teacher = summary[TEACHER_SCORE]
    if teacher.notna().any():
        points = [(p, v) for p, v in zip(positions, teacher, strict=True) if pd.notna(v)]
        axes.scatter(
            [p for p, _ in points], [v for _, v in points], color="black", zorder=3, label=TEACHER_SCORE
        )
    for p, flag in zip(positions, summary[FLAG], strict=True):
        if flag:
            mark = t("peer.chart.high") if flag == FLAG_HIGH else t("peer.chart.low")
            axes.annotate(mark, (p, 101), ha="center", fontsize=8, color="#c62828")
    axes.set_xticks(positions, summary[NAME].tolist(), rotation=45 if len(summary) > 6 else 0, ha="right")
    axes.set_ylim(0, 110)
    axes.set_ylabel(t("peer.chart.score"))
    axes.set_title(t("peer.chart.title"))
    figure.legend(loc="outside right upper", fontsize=8)
    return figure_png(figure, dpi=90)
