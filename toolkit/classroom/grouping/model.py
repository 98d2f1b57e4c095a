"""B5 学习小组组织与管理: mixed-ability learning groups and suggested roles, in plain pandas.

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

The column names and role names are the course's own (they head the exported
B5_groups.csv), the same in every interface language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.classroom.classtable import NAME, STUDENT_ID, require_columns, require_students, write_csv
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import outputs_dir
from toolkit.work.progress import record_output

POINT = "B5"
GROUP = "组号"
RANK = "名次"
ROLE = "角色"
ROLES = ("组长", "记录员", "计时员", "汇报员")
MEMBER = "组员"
SIZE, MEAN, LOW, HIGH = "人数", "平均分", "最低分", "最高分"
EXPORT_NAME = "B5_groups.csv"

add_messages(
    {
        "grouping.bad_score": {
            "zh": "“{value}”不是分数，请填写数字",
            "en": "'{value}' is not a score; enter a number",
        },
        "grouping.blank_score": {
            "zh": "分数是空的：请补上分数，或先把这名学生从名单中去掉",
            "en": "the score is blank: fill it in or take the student off the list first",
        },
        "grouping.bad_size": {
            "zh": "每组人数应是不小于 2 的整数，现在是 {size}",
            "en": "group size must be a whole number of at least 2, got {size}",
        },
    }
)


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
    require_students(students)
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
    id_column: str = STUDENT_ID,
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
    students: pd.DataFrame, *, group_size: int = 4, id_column: str = STUDENT_ID
) -> pd.DataFrame:
    """The naive way, for comparison: neighbours in ``id_column`` order (like seat order) form a group.

    Uses the same number of groups and the same size rule as :func:`heterogeneous_groups`.
    """
    require_columns(students, [id_column])
    _check_size(group_size)
    require_students(students)
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


def group_roster(groups: pd.DataFrame, *, name_column: str = NAME) -> pd.DataFrame:
    """One row per group: who holds each role (several 组员 are joined with “、”)."""
    require_columns(groups, [GROUP, ROLE, name_column])
    names = groups.groupby([GROUP, ROLE], sort=False)[name_column].agg(lambda s: "、".join(map(str, s)))
    roster = names.unstack(ROLE).fillna("")
    columns = [role for role in (*ROLES[:3], MEMBER, ROLES[3]) if role in roster.columns]
    return roster[columns].sort_index()


def export_groups(groups: pd.DataFrame, columns: list[str]) -> Path:
    """Write ``columns`` of the member list to outputs/B5_groups.csv and note it in the teacher's progress."""
    path = write_csv(outputs_dir() / EXPORT_NAME, groups[columns])
    record_output(POINT, "groups", path)
    return path
