"""B10 portfolios in the teacher's language: entry statuses, the growth sentence and the summary document."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.classroom.classtable import file_name, timestamp
from toolkit.classroom.portfolio.model import STATUS, Portfolio, PortfolioStore, growth_figures, growth_table
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import markdown_cell, write_document

add_messages(
    {
        "portfolio.status.active": {"zh": "在用", "en": "active"},
        "portfolio.status.archived": {"zh": "已归档", "en": "archived"},
        "portfolio.empty": {"zh": "还没有条目。", "en": "No entries yet."},
        "portfolio.no_scores": {
            "zh": "成绩表中没有这位学生的单元测验成绩。",
            "en": "The score table has no unit-test scores for this student.",
        },
        "portfolio.growth.summary": {
            "zh": "{count} 个单元从 {first:g} 分到 {last:g} 分（{direction}）；"
            "比上一单元下降的有 {drops} 次；最后一个单元比班级平均{relation} {distance:g} 分。",
            "en": "From {first:g} to {last:g} over {count} units ({direction}); {drops} drops from the unit "
            "before; the last unit is {distance:g} points {relation} the class mean.",
        },
        "portfolio.growth.up": {"zh": "上升 {n:g} 分", "en": "up {n:g}"},
        "portfolio.growth.down": {"zh": "下降 {n:g} 分", "en": "down {n:g}"},
        "portfolio.growth.flat": {"zh": "持平", "en": "flat"},
        "portfolio.growth.above": {"zh": "高", "en": "above"},
        "portfolio.growth.below": {"zh": "低", "en": "below"},
        "portfolio.doc.title": {"zh": "{name} 成长档案袋小结", "en": "Portfolio summary: {name}"},
    }
)


def status_name(status: str) -> str:
    """在用 or 已归档 for the entry status ``active`` or ``archived``."""
    return t(f"portfolio.status.{status}")


def timeline_table(portfolio: Portfolio, *, include_archived: bool = False) -> pd.DataFrame:
    """The portfolio's timeline with each status in the teacher's language."""
    table = portfolio.timeline(include_archived=include_archived)
    table[STATUS] = table[STATUS].map(status_name)
    return table


def growth_summary(table: pd.DataFrame) -> str:
    """One plain sentence on a growth table: first → last, drops, last unit against the class mean."""
    growth = growth_figures(table)
    if growth is None:
        return t("portfolio.no_scores")
    if growth.change > 0:
        direction = t("portfolio.growth.up", n=growth.change)
    elif growth.change < 0:
        direction = t("portfolio.growth.down", n=-growth.change)
    else:
        direction = t("portfolio.growth.flat")
    return t(
        "portfolio.growth.summary",
        count=growth.units,
        first=growth.first,
        last=growth.last,
        direction=direction,
        drops=growth.drops,
        relation=t("portfolio.growth.above" if growth.above_mean >= 0 else "portfolio.growth.below"),
        distance=abs(growth.above_mean),
    )


def portfolio_title(portfolio: Portfolio) -> str:
    return t("portfolio.doc.title", name=portfolio.name)


def portfolio_markdown(store: PortfolioStore, portfolio: Portfolio) -> str:
    """The portfolio summary: timeline, selected works, reflections and growth."""
    active = portfolio.active
    archived = len(portfolio) - len(active)
    lines = [
        f"# {portfolio_title(portfolio)}",
        "",
        f"- 学生：{portfolio.name}（学号 {portfolio.student_id}）",
        f"- 在用条目 {len(active)} 条" + (f"，另有已归档 {archived} 条（未列出）" if archived else ""),
        f"- 生成时间：{timestamp().replace('T', ' ')}",
        "",
        "## 时间线",
        "",
    ]
    if active:
        lines += ["| 日期 | 类型 | 标题 | 标签 | 文件或链接 |", "|---|---|---|---|---|"]
        for e in active:
            mark = "★ " if e.selected else ""
            cells = [e.date, e.kind, mark + e.title, "、".join(e.tags), e.file or e.link]
            lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    else:
        lines.append(t("portfolio.empty"))
    lines += ["", "## 精选作品", ""]
    selected = [e for e in active if e.selected]
    if not selected:
        lines.append("（还没有标记为精选的作品。）")
    for e in selected:
        lines += [f"### {e.title}（{e.date}，{e.kind}）", ""]
        if e.file or e.link:
            lines.append(f"- 作品：{e.file or e.link}")
        if e.reflection:
            lines.append(f"- 学生反思：{e.reflection}")
        if e.comment:
            lines.append(f"- 教师评语：{e.comment}")
        lines.append("")
    lines += ["", "## 学生反思", ""]
    reflections = [e for e in active if e.reflection]
    if not reflections:
        lines.append("（还没有学生反思。）")
    lines += [f"- {e.date}《{e.title}》：{e.reflection}" for e in reflections]
    growth = growth_table(store.units, portfolio.student_id, portfolio.entries)
    lines += ["", "## 成长证据：单元测验", ""]
    if growth.empty:
        lines.append(t("portfolio.no_scores"))
    else:
        lines += ["| 单元 | 得分 | 班级平均 | 比上一单元 | 相关档案 |", "|---|---|---|---|---|"]
        for row in growth.itertuples(index=False):
            change = "—" if pd.isna(row[3]) else (f"{row[3]:+g}" if row[3] else "0")
            lines.append(f"| {row[0]} | {row[1]:g} | {row[2]:g} | {change} | {markdown_cell(row[4])} |")
        lines += ["", growth_summary(growth)]
    comments = [e for e in active if e.comment]
    if comments:
        lines += ["", "## 教师评语", ""]
        lines += [f"- {e.date}《{e.title}》：{e.comment}" for e in comments]
    return "\n".join(lines) + "\n"


def export_portfolio(
    store: PortfolioStore, student_id: str, portfolio: Portfolio | None = None
) -> tuple[Path, Path]:
    """Write outputs/B10_portfolio_<学号>.md and a Word-compatible .doc; returns both paths."""
    portfolio = portfolio or store.load(student_id)
    return write_document(
        f"B10_portfolio_{file_name(student_id)}",
        portfolio_markdown(store, portfolio),
        title=portfolio_title(portfolio),
    )
