"""The 学情分析报告: the analysis written up as a document a teacher can edit and submit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.learner.analysis import Thresholds, item_analysis, need_groups, score_summary, topic_mastery
from toolkit.learner.data import QuizData
from toolkit.learner.survey import survey_summary, survey_with_scores
from toolkit.work.outputs import markdown_table, write_document


def report_markdown(
    quiz: QuizData,
    *,
    title: str = "学情分析报告",
    context: str = "",
    survey: pd.DataFrame | None = None,
    thresholds: Thresholds | None = None,
) -> str:
    """The whole report: overview, item findings, knowledge points, groups and next steps."""
    summary = score_summary(quiz)
    items = item_analysis(quiz, thresholds=thresholds)
    groups = need_groups(quiz, thresholds=thresholds)
    mastery = topic_mastery(quiz).mean().sort_values()
    flagged = items[items["提示"] != ""].reset_index()
    lines = [f"# {title}", ""]
    if context:
        lines += [context, ""]
    lines += [
        "## 一、总体情况",
        "",
        f"数据来源：{quiz.source}。参与 {summary['人数']} 人，满分 {summary['满分']:g} 分，"
        f"平均分 {summary['平均分']:g}，中位数 {summary['中位数']:g}，标准差 {summary['标准差']:g}，"
        f"最高 {summary['最高分']:g}、最低 {summary['最低分']:g}，"
        f"得分率 60% 及以上的占 {summary['及格率']:.1%}。",
        "",
        "## 二、需要留意的题目",
        "",
        markdown_table(flagged[["题号", "知识点", "通过率P", "区分度D", "提示"]])
        if len(flagged)
        else "没有明显异常的题目。",
        "",
        "## 三、各知识点掌握情况（全班平均得分率，由低到高）",
        "",
        markdown_table(
            pd.DataFrame({"知识点": mastery.index, "得分率": [f"{v:.0%}" for v in mastery.values]})
        ),
        "",
        "## 四、分层与关注名单",
        "",
        markdown_table(groups["分组"].value_counts().rename_axis("分组").reset_index(name="人数")),
        "",
        "需要重点关注的学生（得分率低于 60%，或三个以上知识点得分率低于一半）：",
        "",
        markdown_table(groups[groups["需要关注"]][["学号", "姓名", "总分", "薄弱知识点"]]),
        "",
        *(_survey_section(survey, quiz) if survey is not None else []),
        "## 五、教学调整建议",
        "",
        f"- 最薄弱的知识点是“{mastery.index[0]}”和“{mastery.index[1]}”，建议安排针对性讲解和分层练习。",
        "- 标记为“负区分”的题目先核对答案和题干，确认无误后再计入成绩或讲评。",
        "- “可以拓展”组的学生安排挑战性任务，“需要重点帮助”组安排课后面批或小组互助。",
        "",
        "（本报告由研修工具根据测验数据自动生成，请结合课堂观察和学生访谈修改完善后提交。）",
    ]
    return "\n".join(lines) + "\n"


def _survey_section(survey: pd.DataFrame, quiz: QuizData) -> list[str]:
    return [
        "### 问卷调查",
        "",
        markdown_table(survey_summary(survey)),
        "",
        "问卷与测验成绩放在一起看（只统计两份数据中都有的学生）：",
        "",
        markdown_table(survey_with_scores(survey, quiz.totals)),
        "",
    ]


def export_report(markdown: str, *, stem: str = "A1_learner_analysis_report") -> tuple[Path, Path]:
    """Write a report (as made by :func:`report_markdown`, perhaps edited) to outputs/ as .md and .doc."""
    title = markdown.splitlines()[0].lstrip("# ").strip() if markdown.strip() else stem
    return write_document(stem, markdown, title=title)
