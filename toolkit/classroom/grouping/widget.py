"""B5 grouping tool: pick a score, a group size and a column to balance; see the groups and export them."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.classroom.classtable import NAME, STUDENT_ID, require_columns
from toolkit.classroom.grouping.chart import means_chart
from toolkit.classroom.grouping.model import (
    GROUP,
    RANK,
    ROLE,
    SIZE,
    GroupSummary,
    export_groups,
    group_roster,
    group_summary,
    heterogeneous_groups,
)
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import download_links

MAX_BALANCE_CATEGORIES = 6  # columns offered as a balance criterion

add_messages(
    {
        "grouping.no_score": {
            "zh": "表中没有可以当作分数的数字列",
            "en": "the table has no numeric column to use as a score",
        },
        "grouping.title": {"zh": "异质分组工具", "en": "Mixed-ability grouping tool"},
        "grouping.intro": {
            "zh": "选择用来分层的成绩、每组人数，以及需要兼顾的一项（如性别），点击“分组”。"
            "每组都会有高、中、低不同层次的学生，并建议组内角色；满意后导出 CSV。",
            "en": "Choose the score to rank by, the group size and, optionally, one more column to "
            "balance (e.g. gender), then click 'Make groups'. Export the result as CSV.",
        },
        "grouping.score": {"zh": "成绩列", "en": "Score"},
        "grouping.size": {"zh": "每组人数", "en": "Group size"},
        "grouping.balance": {"zh": "兼顾", "en": "Balance"},
        "grouping.no_balance": {"zh": "（不兼顾其他）", "en": "(nothing else)"},
        "grouping.run": {"zh": "分组", "en": "Make groups"},
        "grouping.export": {"zh": "导出 CSV", "en": "Export CSV"},
        "grouping.done": {
            "zh": "已按“{column}”分成 {groups} 组，每组 {low}–{high} 人；"
            "各组平均分相差最多 {spread:.1f} 分。",
            "en": "{groups} groups of {low}–{high} by '{column}'; "
            "group means differ by at most {spread:.1f}.",
        },
        "grouping.export_first": {"zh": "请先点击“分组”。", "en": "Click 'Make groups' first."},
        "grouping.exported": {
            "zh": "已导出 {file}（在 outputs 文件夹中，可用 Excel 或 WPS 打开）。",
            "en": "Exported {file} (in the outputs folder; opens in Excel or WPS).",
        },
    }
)


class GroupingTool(widgets.VBox):
    """Pick a score column, group size and balance column; click 分组; see groups and a chart; export CSV."""

    def __init__(
        self,
        students: pd.DataFrame,
        *,
        id_column: str = STUDENT_ID,
        name_column: str = NAME,
        score_column: str | None = None,
    ) -> None:
        require_columns(students, [id_column, name_column, score_column])
        self.students = students
        self.id_column = id_column
        self.name_column = name_column
        others = [c for c in students.columns if c not in (id_column, name_column)]
        numeric = [c for c in others if pd.api.types.is_numeric_dtype(students[c])]
        categorical = [
            c
            for c in others
            if c not in numeric and 1 < students[c].nunique(dropna=True) <= MAX_BALANCE_CATEGORIES
        ]
        self.groups: pd.DataFrame | None = None
        self.summary: GroupSummary | None = None
        self.score = widgets.Dropdown(
            description=t("grouping.score"),
            options=numeric,
            value=score_column or (numeric[0] if numeric else None),
        )
        self.size = widgets.BoundedIntText(description=t("grouping.size"), value=4, min=2, max=10)
        self.balance = widgets.Dropdown(
            description=t("grouping.balance"),
            options=[(t("grouping.no_balance"), None), *[(c, c) for c in categorical]],
            value=None,
        )
        self.group_button = widgets.Button(
            description=t("grouping.run"), button_style="primary", icon="users"
        )
        self.export_button = widgets.Button(description=t("grouping.export"), icon="download")
        self.group_button.on_click(lambda _: self.run())
        self.export_button.on_click(lambda _: self.export())
        self.status = widgets.HTML("")
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="640px"))
        self.chart.layout.display = "none"
        self.table = widgets.HTML("")
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('grouping.title')}</h4><div style='color:#555'>{t('grouping.intro')}</div>"
                ),
                widgets.HBox([self.score, self.size, self.balance]),
                widgets.HBox([self.group_button, self.export_button]),
                self.status,
                self.chart,
                self.table,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-grouping-tool")

    def _say(self, message: str, *, error: bool = False) -> None:
        colour = "#c62828" if error else "#2e7d32"
        self.status.value = f"<div style='color:{colour}'>{html.escape(message)}</div>"

    def run(self) -> pd.DataFrame | None:
        """Make the groups from the current choices and show them (what the 分组 button does)."""
        column, balance = self.score.value, self.balance.value
        if column is None:
            self._say(t("grouping.no_score"), error=True)
            return None
        try:
            groups = heterogeneous_groups(
                self.students,
                score_column=column,
                group_size=int(self.size.value),
                balance_column=balance,
                id_column=self.id_column,
            )
        except InputError as error:
            self._say(str(error), error=True)
            return None
        summary = group_summary(groups, score_column=column, balance_column=balance)
        self.groups, self.summary = groups, summary
        sizes = summary.table[SIZE]
        self._say(
            t(
                "grouping.done",
                column=column,
                groups=len(sizes),
                low=int(sizes.min()),
                high=int(sizes.max()),
                spread=summary.mean_spread,
            )
        )
        roster = group_roster(groups, name_column=self.name_column)
        shown = roster.join(summary.table.drop(columns=[SIZE]).round(1)).reset_index()
        self.table.value = shown.to_html(index=False, classes="workshop-groups")
        self.chart.value = means_chart(summary, score_column=column)
        self.chart.layout.display = None
        return groups

    def export(self) -> Path | None:
        """Write the member list (group, role, student, score) to outputs/B5_groups.csv."""
        if self.groups is None:
            self._say(t("grouping.export_first"), error=True)
            return None
        columns = [GROUP, ROLE, self.id_column, self.name_column, self.score.value, RANK]
        if self.balance.value is not None:
            columns.append(self.balance.value)
        path = export_groups(self.groups, columns)
        self._say(t("grouping.exported", file=path.name))
        self.status.value += download_links(path)
        return path
