"""Survey data in a learner analysis: what the class says about itself, and how that sits with scores.

A survey file has one row per student: an ID column (学号), then one column per
question, either a rating (numbers, e.g. 1–5) or a choice (text).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.learner.data import ID_HEADERS, NAME_HEADERS
from toolkit.tables import read_frame

add_messages(
    {
        "learner.survey.no_id": {
            "zh": "问卷表中找不到学号列（表头应为 学号、工号 或 id）",
            "en": "no student ID column in the survey (header 学号, 工号 or id)",
        },
    }
)


def load_survey(path: str | Path) -> pd.DataFrame:
    """A survey as a table indexed by student ID; rating columns become numbers."""
    file = Path(path)
    frame = read_frame(file, keep_text=lambda header: header.lower() in ID_HEADERS)
    id_column = next((h for h in frame.columns if h.lower() in ID_HEADERS), None)
    if id_column is None:
        raise InputError(t("learner.survey.no_id"), file=file, row=frame.attrs["header_row"])
    frame = frame.set_index(id_column).drop(
        columns=[h for h in frame.columns if h.lower() in NAME_HEADERS], errors="ignore"
    )
    frame.index.name = "学号"
    return frame


def survey_summary(survey: pd.DataFrame) -> pd.DataFrame:
    """One row per question: how many answered, the mean of a rating, the spread of answers."""
    rows = []
    for column in survey.columns:
        answers = survey[column].replace("", None).dropna()
        if pd.api.types.is_numeric_dtype(survey[column]):
            counts = answers.value_counts().sort_index()
            rows.append(
                {
                    "题目": column,
                    "类型": "量表/数值",
                    "作答人数": len(answers),
                    "平均": round(float(answers.mean()), 2),
                    "分布": "  ".join(f"{value:g}:{count}" for value, count in counts.items())
                    if len(counts) <= 7
                    else f"{answers.min():g}–{answers.max():g}",
                }
            )
        else:
            counts = answers.value_counts()
            rows.append(
                {
                    "题目": column,
                    "类型": "选择",
                    "作答人数": len(answers),
                    "平均": "",
                    "分布": "  ".join(f"{value}:{count}" for value, count in counts.items()),
                }
            )
    return pd.DataFrame(rows)


def survey_with_scores(survey: pd.DataFrame, totals: pd.Series) -> pd.DataFrame:
    """How each question sits with the quiz totals: r for a rating, the mean total per choice."""
    joined = survey.join(totals.rename("总分"), how="inner")
    rows = []
    for column in survey.columns:
        if pd.api.types.is_numeric_dtype(survey[column]):
            r = joined[column].corr(joined["总分"])
            rows.append({"题目": column, "与测验总分的关系": f"相关系数 r = {r:.2f}"})
        else:
            means = joined.groupby(column)["总分"].agg(["mean", "count"]).sort_values("mean", ascending=False)
            listed = "；".join(
                f"{answer} {row['mean']:.1f} 分（{int(row['count'])} 人）" for answer, row in means.iterrows()
            )
            rows.append({"题目": column, "与测验总分的关系": f"各选项学生的平均总分：{listed}"})
    return pd.DataFrame(rows)
