"""B5 学习小组组织与管理: mixed-ability learning groups, suggested roles, and a no-code grouping tool.

The model is plain pandas; :class:`GroupingTool` puts it behind a few clicks.

How a class is dealt into groups (:func:`heterogeneous_groups`)
---------------------------------------------------------------
1. Students are ranked by score, highest first. Ties are broken by the ID column
   compared as text (``"202507003"`` before ``"202507010"``), then by row order,
   so the same list always gives the same groups, whatever order the rows are in.
2. With ``k = ceil(n / group_size)`` groups, ranks are dealt in a serpentine
   ("snake") order: ranks 1…k go to groups 1…k, ranks k+1…2k go back from group
   k to group 1, and so on. Each run of k seats is a *band*, and every group gets
   at most one student from each band. When n is not a multiple of k, the empty
   seats are put together in the middle of band ``B // 2`` (B bands in all), so
   the groups that are one student short miss a middle-ranked student rather
   than a strong or a weak one. Sizes differ by at most 1.
3. Then two students of the same band may swap groups. With ``balance_column``
   (e.g. 性别) a swap must first bring the groups' mix of that column closer to
   the class mix (sum of squared gaps per group and value); otherwise, or with
   an equal mix, it must bring the group means closer to the class mean (sum of
   squared gaps). No swap may make the spread of group means (highest minus
   lowest) larger than the plain snake deal's. The best swap is applied first
   (ties: the higher-ranked pair) until none helps, so the result is
   deterministic and every group keeps its one student per band.
4. Roles are suggested within each group by rank: the highest-ranked member is
   组长, the next 记录员, the next 计时员, the lowest-ranked member 汇报员 (the
   group has to make sure its reporter can explain the result), anyone else
   组员. Smaller groups drop 计时员 first, then 记录员. Rotate roles every week
   or two so that each student tries each role.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.plotting import use_cjk_font
from toolkit.work.outputs import download_links, outputs_dir
from toolkit.work.progress import record_output

POINT = "B5"
GROUP = "组号"
RANK = "名次"
ROLE = "角色"
ROLES = ("组长", "记录员", "计时员", "汇报员")
MEMBER = "组员"
SIZE, MEAN, LOW, HIGH = "人数", "平均分", "最低分", "最高分"
EXPORT_NAME = "B5_groups.csv"
MAX_BALANCE_CATEGORIES = 6  # columns offered as a balance criterion in the tool

add_messages(
    {
        "grouping.missing_column": {
            "zh": "表中没有“{column}”列。现有的列：{found}",
            "en": "there is no column '{column}'; the table has: {found}",
        },
        "grouping.bad_score": {
            "zh": "“{value}”不是分数，请填写数字",
            "en": "'{value}' is not a score; enter a number",
        },
        "grouping.blank_score": {
            "zh": "分数是空的：请补上分数，或先把这名学生从名单中去掉",
            "en": "the score is blank: fill it in or take the student off the list first",
        },
        "grouping.no_score": {
            "zh": "表中没有可以当作分数的数字列",
            "en": "the table has no numeric column to use as a score",
        },
        "grouping.bad_size": {
            "zh": "每组人数应是不小于 2 的整数，现在是 {size}",
            "en": "group size must be a whole number of at least 2, got {size}",
        },
        "grouping.no_students": {"zh": "名单中没有学生", "en": "the list has no students"},
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
        "grouping.spread": {
            "zh": "各组平均分极差（最高组减最低组）：{spread:.1f} 分",
            "en": "Spread of group means (highest minus lowest): {spread:.1f}",
        },
        "grouping.chart_title": {"zh": "各组“{column}”平均分", "en": "Mean '{column}' per group"},
        "grouping.chart_x": {"zh": "组号", "en": "Group"},
        "grouping.chart_y": {"zh": "平均分", "en": "Mean score"},
        "grouping.chart_mean": {"zh": "全班平均 {mean:.1f}", "en": "class mean {mean:.1f}"},
    }
)


def require_columns(frame: pd.DataFrame, columns: Sequence[str | None]) -> None:
    """Raise :class:`InputError` naming the first of ``columns`` that ``frame`` lacks."""
    for column in columns:
        if column is not None and column not in frame.columns:
            found = "、".join(str(c) for c in frame.columns)
            raise InputError(t("grouping.missing_column", column=column, found=found), column=column)


def numeric_scores(frame: pd.DataFrame, column: str) -> np.ndarray:
    """``frame[column]`` as floats; a blank or non-numeric cell raises with its spreadsheet row."""
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = np.flatnonzero(values.isna().to_numpy())
    if len(bad):
        position = int(bad[0])
        raw = frame[column].iloc[position]
        # Row 1 is the header, so the first student sits on spreadsheet row 2.
        message = t("grouping.blank_score") if pd.isna(raw) else t("grouping.bad_score", value=raw)
        raise InputError(message, row=position + 2, column=column)
    return values.to_numpy(dtype=float)


def _check_size(group_size: int) -> None:
    if isinstance(group_size, bool) or not isinstance(group_size, (int, np.integer)) or group_size < 2:
        raise InputError(t("grouping.bad_size", size=group_size))


def _ranked(students: pd.DataFrame, score_column: str, id_column: str) -> pd.DataFrame:
    """Students in rank order (score high to low; ties by ID as text, then row order), ``名次`` added."""
    if students.empty:
        raise InputError(t("grouping.no_students"))
    scores = numeric_scores(students, score_column)
    keys = pd.DataFrame(
        {"score": scores, "id": students[id_column].astype(str).to_numpy(), "row": np.arange(len(students))}
    )
    order = keys.sort_values(["score", "id", "row"], ascending=[False, True, True], kind="stable").index
    ranked = students.iloc[order.to_numpy()].reset_index(drop=True)
    ranked[RANK] = np.arange(1, len(ranked) + 1)
    return ranked


def serpentine(count: int, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Group numbers (1-based) and score bands (0-based) for ranks 1…count dealt over ``groups``.

    Seats fill bands of ``groups``; even bands are dealt to groups 1…k, odd bands
    back from k to 1. When ``count`` is not a multiple of ``groups``, the empty seats
    sit together in the middle of band ``bands // 2``, so the groups that are one
    short miss a middle-ranked student rather than a strong or a weak one.
    """
    bands = math.ceil(count / groups)
    empty = bands * groups - count
    seats = np.arange(bands * groups)
    band, place = np.divmod(seats, groups)
    number = np.where(band % 2 == 0, place, groups - 1 - place) + 1
    first_empty = (bands // 2) * groups + (groups - empty) // 2
    taken = (seats < first_empty) | (seats >= first_empty + empty)
    return number[taken], band[taken]


def _means(scores: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    return np.bincount(group, weights=scores, minlength=groups) / np.bincount(group, minlength=groups)


def _imbalance(codes: np.ndarray, group: np.ndarray, groups: int, share: np.ndarray) -> float:
    """How far the groups' mix of a category column is from the class mix (sum of squared gaps)."""
    if not len(share):
        return 0.0
    counts = np.zeros((groups, len(share)))
    np.add.at(counts, (group, codes), 1)
    ideal = counts.sum(axis=1, keepdims=True) * share
    return float(((counts - ideal) ** 2).sum())


def _improve(
    scores: np.ndarray, band: np.ndarray, group: np.ndarray, groups: int, values: pd.Series | None
) -> np.ndarray:
    """Swap pairs of students of the same band while that lowers (imbalance, gaps of group means).

    The best swap goes first (ties: the higher-ranked pair). No swap may let the
    spread exceed the plain serpentine deal's spread, and since both students come
    from one band every group keeps one student per band.
    """
    group = group.copy()
    if values is None:
        codes, share = np.zeros(len(group), dtype=int), np.zeros(0)
    else:
        codes, categories = pd.factorize(values.fillna("").astype(str), sort=True)
        share = np.bincount(codes, minlength=len(categories)) / len(codes)
    means = _means(scores, group, groups)
    limit = float(means.max() - means.min()) + 1e-9
    centre = float(scores.mean())
    current = (_imbalance(codes, group, groups, share), float(((means - centre) ** 2).sum()))
    pairs = [(a, b) for a in range(len(group)) for b in range(a + 1, len(group)) if band[a] == band[b]]
    while True:
        best: tuple[tuple[float, float], int, int] | None = None
        for a, b in pairs:
            if group[a] == group[b]:
                continue
            group[a], group[b] = group[b], group[a]
            means = _means(scores, group, groups)
            if means.max() - means.min() <= limit:
                trial = (_imbalance(codes, group, groups, share), float(((means - centre) ** 2).sum()))
                better = trial[0] < current[0] - 1e-9 or (
                    trial[0] <= current[0] + 1e-9 and trial[1] < current[1] - 1e-9
                )
                if better and (best is None or trial < best[0]):
                    best = (trial, a, b)
            group[a], group[b] = group[b], group[a]
        if best is None:
            return group
        current, a, b = best
        group[a], group[b] = group[b], group[a]


def role_names(size: int) -> list[str]:
    """Suggested roles for a group of ``size`` members listed from highest to lowest rank."""
    leader, recorder, timer, reporter = ROLES
    if size <= 1:
        return [leader][:size]
    if size == 2:
        return [leader, reporter]
    if size == 3:
        return [leader, recorder, reporter]
    return [leader, recorder, timer, *[MEMBER] * (size - 4), reporter]


def heterogeneous_groups(
    students: pd.DataFrame,
    *,
    score_column: str,
    group_size: int = 4,
    balance_column: str | None = None,
    id_column: str = "学号",
) -> pd.DataFrame:
    """Mixed-ability groups by a serpentine deal on ``score_column`` (see the module docstring).

    Returns ``组号`` (1…k, k = ceil(n / group_size)), ``角色``, the students' own
    columns and ``名次`` (1 = highest score, ties as documented), ordered by group
    and rank. Raises :class:`InputError` for a missing column, a non-numeric score
    or a group size below 2.
    """
    require_columns(students, [id_column, score_column, balance_column])
    _check_size(group_size)
    ranked = _ranked(students, score_column, id_column)
    groups = math.ceil(len(ranked) / group_size)
    number, band = serpentine(len(ranked), groups)
    if groups > 1:
        values = ranked[balance_column] if balance_column is not None else None
        number = _improve(numeric_scores(ranked, score_column), band, number - 1, groups, values) + 1
    ranked[GROUP] = number
    ranked = ranked.sort_values([GROUP, RANK], kind="stable").reset_index(drop=True)
    ranked[ROLE] = [
        role for _, members in ranked.groupby(GROUP, sort=True) for role in role_names(len(members))
    ]
    own = [c for c in students.columns if c not in (GROUP, ROLE, RANK)]
    return ranked[[GROUP, ROLE, *own, RANK]]


def sequential_groups(
    students: pd.DataFrame, *, group_size: int = 4, id_column: str = "学号"
) -> pd.DataFrame:
    """The naive way, for comparison: neighbours in ``id_column`` order (like seat order) form a group.

    Uses the same number of groups and the same size rule as :func:`heterogeneous_groups`.
    """
    require_columns(students, [id_column])
    _check_size(group_size)
    if students.empty:
        raise InputError(t("grouping.no_students"))
    ordered = students.sort_values(id_column, key=lambda ids: ids.astype(str), kind="stable")
    groups = math.ceil(len(ordered) / group_size)
    numbers = np.concatenate(
        [
            np.full(len(part), number)
            for number, part in enumerate(np.array_split(np.arange(len(ordered)), groups), 1)
        ]
    )
    return ordered.reset_index(drop=True).assign(**{GROUP: numbers})


@dataclass(frozen=True)
class GroupSummary:
    """Per-group size, mean, minimum and maximum (and balance counts), and the spread of group means."""

    table: pd.DataFrame
    mean_spread: float
    class_mean: float

    def _repr_html_(self) -> str:
        note = html.escape(t("grouping.spread", spread=self.mean_spread))
        return self.table.round(1).to_html() + f"<p>{note}</p>"


def group_summary(
    groups: pd.DataFrame, *, score_column: str, balance_column: str | None = None
) -> GroupSummary:
    """Summarise groups made by :func:`heterogeneous_groups` (or any table with a ``组号`` column).

    The table is indexed by ``组号`` with columns 人数, 平均分, 最低分, 最高分 and, with
    ``balance_column``, one count column per value (e.g. ``性别:男``).
    """
    require_columns(groups, [GROUP, score_column, balance_column])
    scores = pd.Series(numeric_scores(groups, score_column), index=groups.index)
    by_group = scores.groupby(groups[GROUP])
    table = pd.DataFrame(
        {SIZE: by_group.size(), MEAN: by_group.mean(), LOW: by_group.min(), HIGH: by_group.max()}
    )
    table.index.name = GROUP
    if balance_column is not None:
        mix = pd.crosstab(groups[GROUP], groups[balance_column].fillna("").astype(str))
        mix.columns = [f"{balance_column}:{value}" for value in mix.columns]
        table = table.join(mix)
    return GroupSummary(
        table=table,
        mean_spread=float(table[MEAN].max() - table[MEAN].min()),
        class_mean=float(scores.mean()),
    )


def group_roster(groups: pd.DataFrame, *, name_column: str = "姓名") -> pd.DataFrame:
    """One row per group: who holds each role (several 组员 are joined with “、”)."""
    require_columns(groups, [GROUP, ROLE, name_column])
    names = groups.groupby([GROUP, ROLE], sort=False)[name_column].agg(lambda s: "、".join(map(str, s)))
    roster = names.unstack(ROLE).fillna("")
    columns = [role for role in (*ROLES[:3], MEMBER, ROLES[3]) if role in roster.columns]
    return roster[columns].sort_index()


def means_chart(summary: GroupSummary, *, score_column: str) -> bytes:
    """A PNG bar chart of group means with the class mean drawn across, labelled in Chinese."""
    use_cjk_font()
    figure = Figure(figsize=(max(5.0, 0.45 * len(summary.table) + 2), 3.2))
    axes = figure.subplots()
    means = summary.table[MEAN]
    bars = axes.bar([str(g) for g in means.index], means.to_numpy(), color="#4c78a8")
    axes.bar_label(bars, labels=[f"{m:.1f}" for m in means], fontsize=8, padding=2)
    axes.axhline(
        summary.class_mean,
        color="#c62828",
        linestyle="--",
        linewidth=1,
        label=t("grouping.chart_mean", mean=summary.class_mean),
    )
    axes.legend(loc="lower right", fontsize=8, framealpha=0.9)
    axes.set_ylim(0, max(100.0, float(summary.table[HIGH].max())) * 1.08)
    axes.set_title(t("grouping.chart_title", column=score_column))
    axes.set_xlabel(t("grouping.chart_x"))
    axes.set_ylabel(t("grouping.chart_y"))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


class GroupingTool(widgets.VBox):
    """Pick a score column, group size and balance column; click 分组; see groups and a chart; export CSV."""

    def __init__(
        self,
        students: pd.DataFrame,
        *,
        id_column: str = "学号",
        name_column: str = "姓名",
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
        path = outputs_dir() / EXPORT_NAME
        self.groups[columns].to_csv(path, index=False, encoding="utf-8-sig")
        record_output(POINT, "groups", path)
        self._say(t("grouping.exported", file=path.name))
        self.status.value += download_links(path)
        return path
