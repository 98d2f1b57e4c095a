"""Self- and peer-assessment with a rubric (B9): who reviews whom, the ratings, where self and peers differ.

``assign_peers`` gives every work ``k`` reviewers so that nobody reviews their
own work and everybody reviews exactly ``k`` works. ``PeerAssessment`` keeps
the ratings (assessor, assessee, a level per criterion; assessor == assessee is
the self-assessment, assessor ``TEACHER`` the teacher's) and scores them with
the toolkit's rubric model; ``summary`` sets each student's self score against
the mean peer score and flags large gaps. Ratings are only ever added: a new
rating of the same pair becomes the current one and the earlier stays in the
record and in the JSON file. ``PeerAssessmentDesk`` is the no-code widget.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from toolkit.atomic import write_text_atomic
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure
from toolkit.rubric.model import Rubric, RubricResult, load_rubric, parse_rubric, rubric_to_dict, score
from toolkit.tables import clean
from toolkit.work.outputs import download_links, markdown_table, outputs_dir, write_document
from toolkit.work.progress import record_output
from toolkit.work.store import set_aside

TEACHER = "教师"
DEFAULT_THRESHOLD = 15.0
SAMPLE_RUBRIC = "rubric_lab_report.yaml"
SAMPLE_ROSTER = "class_7a_students.csv"
_FORMAT = 1

# Summary columns (the index is 学号).
STUDENT, NAME = "学号", "姓名"
SELF, PEER, PEERS, TEACHER_SCORE = "自评", "同伴均分", "互评份数", "教师评分"
GAP, FLAG, NOTE = "自评−同伴", "提示", "说明"
FLAG_HIGH, FLAG_LOW = "自评偏高", "自评偏低"
# Ratings table columns (export CSV and from_frame); criterion columns come between.
ASSESSOR, ASSESSEE, KIND, SCORE, COMMENT, AT = "评价人", "被评人", "类型", "得分", "评语", "时间"
KIND_SELF, KIND_PEER, KIND_TEACHER = "自评", "互评", "教师评价"

add_messages(
    {
        "peer.too_many": {
            "zh": "每份作品要 {k} 位评价人，但只有 {n} 位学生：评价人数必须少于学生人数",
            "en": "{k} reviewers per work need more than {n} students",
        },
        "peer.too_few": {"zh": "每份作品至少要 1 位评价人", "en": "each work needs at least one reviewer"},
        "peer.repeat": {"zh": "学号“{id}”重复", "en": "student number '{id}' repeats"},
        "peer.blank": {"zh": "学号不能为空", "en": "a student number is blank"},
        "peer.reserved": {
            "zh": "“{id}”是教师评价的保留名称，不能用作学号",
            "en": "'{id}' is reserved for the teacher's rating",
        },
        "peer.unknown_student": {"zh": "名单里没有“{id}”", "en": "'{id}' is not on the roster"},
        "peer.teacher_self": {"zh": "教师评价要选一位学生作为被评人", "en": "the teacher rates a student"},
        "peer.unknown_criterion": {
            "zh": "量规中没有评价维度“{name}”",
            "en": "the rubric has no criterion '{name}'",
        },
        "peer.unknown_level": {
            "zh": "“{criterion}”的等级“{level}”不在量规中（可选：{known}）",
            "en": "level '{level}' of '{criterion}' is not in the rubric (choose from {known})",
        },
        "peer.count": {
            "zh": "给出了 {given} 个等级，量规有 {needed} 个评价维度",
            "en": "{given} levels given; the rubric has {needed} criteria",
        },
        "peer.note.high": {
            "zh": "自评比同伴均分高 {gap:g} 分：请学生对照量规逐条找出“我认为做到了、同伴认为没做到”的地方，"
            "用作品中的证据说明。",
            "en": "Self score {gap:g} points above the peers': ask the student to find, criterion by "
            "criterion, what they think they did and the peers did not see, with evidence from the work.",
        },
        "peer.note.low": {
            "zh": "自评比同伴均分低 {gap:g} 分：学生可能低估了自己，"
            "请和他一起找出作品中已达到较高等级的证据。",
            "en": "Self score {gap:g} points below the peers': the student may underrate the work; "
            "point out the evidence of the higher levels it reaches.",
        },
        "peer.note.close": {
            "zh": "自评与同伴评价基本一致。",
            "en": "Self and peer scores broadly agree.",
        },
        "peer.note.no_self": {"zh": "还没有自评。", "en": "No self-assessment yet."},
        "peer.note.no_peer": {"zh": "还没有同伴评价。", "en": "No peer rating yet."},
        "peer.note.teacher": {
            "zh": "同伴均分与教师评分相差 {gap:g} 分，可在班上讨论大家对量规的理解。",
            "en": "Peers and teacher differ by {gap:g} points: discuss how the class reads the rubric.",
        },
        "peer.title": {"zh": "自评与互评工作台", "en": "Self- and peer-assessment desk"},
        "peer.intro": {
            "zh": "① 在“分配”页看谁评谁；② 在“评分”页选评价人和被评人，逐个维度选等级后保存"
            "（评价人与被评人相同即为自评）；③ 在“汇总”页看自评与同伴评价的差距；④ 导出评分表和汇总文档。"
            "每次保存都自动存档，之前的评分不会丢失。",
            "en": "1 See who reviews whom; 2 pick assessor and assessee, choose a level per criterion and "
            "save (same person = self-assessment); 3 read the gaps in the summary; 4 export. Every save "
            "is kept; earlier ratings are never lost.",
        },
        "peer.where": {
            "zh": "量规：{rubric}；评分自动保存在 {file}",
            "en": "Rubric: {rubric}; ratings are saved in {file}",
        },
        "peer.tab.assign": {"zh": "分配", "en": "Assignment"},
        "peer.tab.rate": {"zh": "评分", "en": "Rate"},
        "peer.tab.summary": {"zh": "汇总", "en": "Summary"},
        "peer.tab.export": {"zh": "导出", "en": "Export"},
        "peer.reviewers": {"zh": "每份作品评价人数", "en": "Reviewers per work"},
        "peer.reshuffle": {"zh": "换一种分配", "en": "Shuffle again"},
        "peer.assign.work": {"zh": "作品（作者）", "en": "Work (author)"},
        "peer.assign.reviewer": {"zh": "评价人 {n}", "en": "Reviewer {n}"},
        "peer.assign.reviews": {"zh": "要评的作品", "en": "Reviews"},
        "peer.assign.note": {
            "zh": "每份作品由 {k} 位同学评价，每位同学评 {k} 份作品，没有人评自己的作品（随机种子 {seed}）。",
            "en": "Each work has {k} reviewers, each student reviews {k} works, "
            "nobody their own (seed {seed}).",
        },
        "peer.assessor": {"zh": "评价人", "en": "Assessor"},
        "peer.assessee": {"zh": "被评人", "en": "Assessee"},
        "peer.teacher": {"zh": "教师", "en": "Teacher"},
        "peer.choose": {"zh": "— 请选择 —", "en": "— choose —"},
        "peer.choose_level": {"zh": "— 选择等级 —", "en": "— choose a level —"},
        "peer.comment": {"zh": "评语", "en": "Comment"},
        "peer.save": {"zh": "保存这份评分", "en": "Save this rating"},
        "peer.kind.self": {"zh": "这是自评", "en": "This is a self-assessment"},
        "peer.kind.peer": {"zh": "这是同伴互评", "en": "This is a peer rating"},
        "peer.kind.teacher": {"zh": "这是教师评价", "en": "This is the teacher's rating"},
        "peer.kind.assigned": {"zh": "（按分配）", "en": " (as assigned)"},
        "peer.kind.unassigned": {"zh": "（不在分配表中，也可以评）", "en": " (not assigned; allowed)"},
        "peer.kind.previous": {
            "zh": "已载入 {time} 保存的评分，修改后再保存会记为新的一条。",
            "en": "Loaded the rating saved at {time}; saving again adds a new one.",
        },
        "peer.pick_both": {"zh": "请先选择评价人和被评人。", "en": "Choose the assessor and the assessee."},
        "peer.pick_levels": {
            "zh": "还有维度没有选等级：{names}",
            "en": "Some criteria have no level yet: {names}",
        },
        "peer.saved": {
            "zh": "已保存：{assessor} → {assessee}，得分 {score:g}，等级 {level}（共 {count} 条评分）",
            "en": "Saved: {assessor} → {assessee}, score {score:g}, level {level} ({count} ratings)",
        },
        "peer.threshold": {"zh": "差距提示线（分）", "en": "Flag gap (points)"},
        "peer.summary.note": {
            "zh": "得分为 0–100 分（最低等级为 0，最高等级为 100）；"
            "“自评−同伴”达到提示线时标出自评偏高或偏低。",
            "en": "Scores run 0–100 (lowest level 0, highest 100); gaps at or beyond the line are flagged.",
        },
        "peer.agreement": {"zh": "各维度的一致程度", "en": "Agreement per criterion"},
        "peer.missing": {
            "zh": "按分配还没有完成的评价（{count} 份）：{items}",
            "en": "Assigned ratings still to do ({count}): {items}",
        },
        "peer.missing_none": {"zh": "分配的自评和互评都已完成。", "en": "Every assigned rating is done."},
        "peer.empty": {"zh": "还没有评分。", "en": "No ratings yet."},
        "peer.chart.title": {"zh": "自评与同伴评价对比", "en": "Self vs peer scores"},
        "peer.chart.score": {"zh": "得分（0–100）", "en": "Score (0–100)"},
        "peer.export": {"zh": "导出评分表和汇总文档", "en": "Export ratings and summary"},
        "peer.exported": {
            "zh": "已导出到 outputs：{files}（CSV 可用 Excel/WPS 打开，.doc 可用 Word/WPS 打开）",
            "en": "Exported to outputs: {files} (CSV opens in Excel/WPS, .doc in Word/WPS)",
        },
        "peer.damaged": {
            "zh": "评分文件 {file} 已损坏，已改名保存为 {backup}（没有删除），现在从空白开始。",
            "en": "Ratings file {file} was damaged; kept as {backup} (not deleted); starting blank.",
        },
        "peer.unreadable": {"zh": "不是有效的评分文件：{reason}", "en": "not a valid ratings file: {reason}"},
        "peer.doc.title": {"zh": "自评与互评汇总", "en": "Self- and peer-assessment summary"},
    }
)


# ---- who reviews whom -----------------------------------------------------------------------


def _check_ids(student_ids: Sequence[str]) -> list[str]:
    ids = [clean(s) for s in student_ids]
    seen: set[str] = set()
    for sid in ids:
        if not sid:
            raise ValueError(t("peer.blank"))
        if sid == TEACHER:
            raise ValueError(t("peer.reserved", id=sid))
        if sid in seen:
            raise ValueError(t("peer.repeat", id=sid))
        seen.add(sid)
    return ids


def assign_peers(
    student_ids: Sequence[str], *, reviewers_per_work: int = 2, seed: int = 0
) -> dict[str, list[str]]:
    """Each student's work (key, in roster order) with its ``reviewers_per_work`` reviewers.

    The students are shuffled with ``seed`` and seated in a circle; the work of
    the student in seat ``i`` goes to the students in seats ``i+1 … i+k``. So no
    one reviews their own work, every work gets ``k`` different reviewers and
    every student reviews exactly ``k`` works. The same seed gives the same
    assignment. Raises ValueError when ``k`` is not below the number of students.
    """
    ids = _check_ids(student_ids)
    k = int(reviewers_per_work)
    if k < 1:
        raise ValueError(t("peer.too_few"))
    if k >= len(ids):
        raise ValueError(t("peer.too_many", k=k, n=len(ids)))
    circle = list(ids)
    random.Random(seed).shuffle(circle)
    n = len(circle)
    reviewers = {circle[i]: [circle[(i + step) % n] for step in range(1, k + 1)] for i in range(n)}
    return {sid: reviewers[sid] for sid in ids}


def reviews_by(assignment: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Turn author → reviewers round: reviewer → the works (authors) they review."""
    works: dict[str, list[str]] = {author: [] for author in assignment}
    for author, reviewers in assignment.items():
        for reviewer in reviewers:
            works.setdefault(reviewer, []).append(author)
    return works


# ---- ratings ----------------------------------------------------------------------------------


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Rating:
    """One filled-in rubric: ``assessor`` rated ``assessee`` (criterion id → level id) at ``at``."""

    assessor: str
    assessee: str
    levels: Mapping[str, str] = field(default_factory=dict)
    comment: str = ""
    at: str = ""

    @property
    def kind(self) -> str:
        """``自评``, ``互评`` or ``教师评价``."""
        if self.assessor == TEACHER:
            return KIND_TEACHER
        return KIND_SELF if self.assessor == self.assessee else KIND_PEER

    def key(self) -> tuple:
        return (self.assessor, self.assessee, tuple(sorted(self.levels.items())), self.comment, self.at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "assessor": self.assessor,
            "assessee": self.assessee,
            "levels": dict(self.levels),
            "comment": self.comment,
            "at": self.at,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rating:
        return cls(
            assessor=str(data["assessor"]),
            assessee=str(data["assessee"]),
            levels={str(k): str(v) for k, v in dict(data.get("levels") or {}).items()},
            comment=str(data.get("comment") or ""),
            at=str(data.get("at") or ""),
        )


def flag_for(gap: float | None, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``自评偏高`` / ``自评偏低`` when |gap| reaches ``threshold``, else an empty string."""
    if gap is None or pd.isna(gap) or abs(gap) < threshold - 1e-9:
        return ""
    return FLAG_HIGH if gap > 0 else FLAG_LOW


class PeerAssessment:
    """Self-, peer- and teacher ratings of one task with one rubric, for the students in ``student_ids``.

    ``names`` maps 学号 to 姓名 for display (the 学号 is shown where it has none).
    """

    def __init__(
        self,
        rubric: Rubric,
        student_ids: Sequence[str],
        *,
        names: Mapping[str, str] | None = None,
        ratings: Iterable[Rating] = (),
    ) -> None:
        self.rubric = rubric
        self.student_ids: tuple[str, ...] = tuple(_check_ids(student_ids))
        given = {clean(k): clean(v) for k, v in (names or {}).items()}
        self.names: dict[str, str] = {sid: given.get(sid) or sid for sid in self.student_ids}
        self.assignment: dict[str, list[str]] | None = None
        self.seed = 0
        self._ratings: list[Rating] = []
        for rating in ratings:
            self._keep(rating)

    def __repr__(self) -> str:
        return f"PeerAssessment({self.rubric.id!r}, {len(self.student_ids)} students, {len(self)} ratings)"

    def __len__(self) -> int:
        return len(self._ratings)

    @property
    def ratings(self) -> tuple[Rating, ...]:
        """Every rating ever saved, oldest first (re-ratings included)."""
        return tuple(self._ratings)

    def _keep(self, rating: Rating) -> bool:
        known = {r.key() for r in self._ratings}
        if rating.key() in known:
            return False
        self._ratings.append(rating)
        return True

    def name(self, person: str) -> str:
        return t("peer.teacher") if person == TEACHER else self.names.get(person, person)

    # ---- assignment ----

    def assign(self, reviewers_per_work: int = 2, seed: int = 0) -> dict[str, list[str]]:
        """Make (and keep) the review assignment for this class; see :func:`assign_peers`."""
        self.assignment = assign_peers(self.student_ids, reviewers_per_work=reviewers_per_work, seed=seed)
        self.seed = seed
        return self.assignment

    def assignment_frame(self) -> pd.DataFrame:
        """作品（作者） | 评价人 1 … k | 要评的作品, by name, one row per student."""
        if not self.assignment:
            return pd.DataFrame()
        k = max(len(v) for v in self.assignment.values())
        works = reviews_by(self.assignment)
        rows = []
        for author in self.student_ids:
            reviewers = self.assignment.get(author, [])
            rows.append(
                [
                    self.name(author),
                    *[self.name(r) for r in reviewers] + [""] * (k - len(reviewers)),
                    "、".join(self.name(w) for w in works.get(author, [])),
                ]
            )
        columns = [
            t("peer.assign.work"),
            *[t("peer.assign.reviewer", n=n) for n in range(1, k + 1)],
            t("peer.assign.reviews"),
        ]
        return pd.DataFrame(rows, columns=columns)

    def missing(self) -> list[tuple[str, str]]:
        """(assessor, assessee) pairs still to rate: every self-assessment, and the assigned peer reviews."""
        done = {(r.assessor, r.assessee) for r in self._ratings}
        todo = [(s, s) for s in self.student_ids if (s, s) not in done]
        for author, reviewers in (self.assignment or {}).items():
            todo.extend((r, author) for r in reviewers if (r, author) not in done)
        return todo

    # ---- rating ----

    def _level_id(self, criterion_name: str, value: str) -> str:
        criterion = next(c for c in self.rubric.criteria if criterion_name in (c.id, c.name))
        text = clean(value)
        for level in self.rubric.levels:
            if text in (level.id, level.name):
                return level.id
        known = "、".join(level.name for level in self.rubric.levels)
        raise ValueError(t("peer.unknown_level", criterion=criterion.name, level=text, known=known))

    def normalise_levels(self, levels: Mapping[str, str] | Sequence[str] | str) -> dict[str, str]:
        """Criterion id → level id from ids or names, or a sequence (a string: words) in rubric order."""
        if isinstance(levels, str):
            levels = levels.split()
        if isinstance(levels, Mapping):
            chosen: dict[str, str] = {}
            for key, value in levels.items():
                criterion = next((c for c in self.rubric.criteria if clean(key) in (c.id, c.name)), None)
                if criterion is None:
                    raise ValueError(t("peer.unknown_criterion", name=key))
                chosen[criterion.id] = self._level_id(criterion.id, value)
        else:
            values = list(levels)
            if len(values) != len(self.rubric.criteria):
                raise ValueError(t("peer.count", given=len(values), needed=len(self.rubric.criteria)))
            chosen = {
                c.id: self._level_id(c.id, v) for c, v in zip(self.rubric.criteria, values, strict=True)
            }
        score(self.rubric, chosen)  # raises ValueError naming a criterion without a level
        return chosen

    def rate(
        self,
        assessor: str,
        assessee: str,
        levels: Mapping[str, str] | Sequence[str] | str,
        *,
        comment: str = "",
        at: str | None = None,
    ) -> Rating:
        """Record a rating; ``assessor == assessee`` is the self-assessment, ``TEACHER`` the teacher's.

        ``levels`` maps criteria (id or name) to levels (id or name), or lists
        the levels in the rubric's criterion order (``"合格 良好 良好 优秀"``).
        A second rating of the same pair becomes the current one; the first is kept.
        """
        assessor, assessee = clean(assessor), clean(assessee)
        for person in (assessor, assessee):
            if person != TEACHER and person not in self.names:
                raise ValueError(t("peer.unknown_student", id=person))
        if assessee == TEACHER:
            raise ValueError(t("peer.teacher_self"))
        rating = Rating(assessor, assessee, self.normalise_levels(levels), clean(comment), at or _now())
        self._ratings.append(rating)
        return rating

    def current(self) -> dict[tuple[str, str], Rating]:
        """The latest rating of each (assessor, assessee) pair."""
        latest: dict[tuple[str, str], Rating] = {}
        for rating in sorted(self._ratings, key=lambda r: r.at):  # stable: same time keeps saving order
            latest[(rating.assessor, rating.assessee)] = rating
        return latest

    def latest(self, assessor: str, assessee: str) -> Rating | None:
        return self.current().get((assessor, assessee))

    def result(self, rating: Rating) -> RubricResult | None:
        """The rubric result of a rating (None for a stored rating that no longer fits the rubric)."""
        try:
            return score(self.rubric, rating.levels)
        except (ValueError, StopIteration):
            return None

    def percent(self, levels: Mapping[str, str]) -> float | None:
        """The 0–100 score of ``levels`` before rounding (None when they do not fit the rubric).

        Averages and gaps are taken from these, so that rounding never decides a flag.
        """
        try:
            score(self.rubric, levels)
        except (ValueError, StopIteration):
            return None
        levels_ = self.rubric.levels
        mean = sum(c.weight * self.rubric.level(levels[c.id]).points for c in self.rubric.criteria)
        mean /= self.rubric.total_weight
        return 100 * (mean - levels_[0].points) / (levels_[-1].points - levels_[0].points)

    def _scores(self) -> dict[str, dict[str, Any]]:
        scores: dict[str, dict[str, Any]] = {
            sid: {"self": None, "peers": [], "teacher": None} for sid in self.student_ids
        }
        for (assessor, assessee), rating in self.current().items():
            if assessee not in scores:
                continue
            value = self.percent(rating.levels)
            if value is None:
                continue
            if assessor == TEACHER:
                scores[assessee]["teacher"] = value
            elif assessor == assessee:
                scores[assessee]["self"] = value
            elif assessor in self.names:
                scores[assessee]["peers"].append(value)
        return scores

    def summary(self, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
        """Per student (index 学号): 姓名, 自评, 同伴均分, 互评份数, 教师评分, 自评−同伴, 提示, 说明.

        Scores are the rubric's 0–100 scores of the current ratings, shown to two
        decimals; a missing score is NaN. 提示 is 自评偏高 / 自评偏低 when
        |自评−同伴| ≥ ``threshold``.
        """

        def shown(value: float | None) -> float | None:
            return None if value is None else round(value, 2)

        rows = []
        for sid, found in self._scores().items():
            peers = found["peers"]
            peer = sum(peers) / len(peers) if peers else None
            own, teacher = found["self"], found["teacher"]
            gap = own - peer if own is not None and peer is not None else None
            flag = flag_for(gap, threshold)
            if own is None:
                note = t("peer.note.no_self")
            elif peer is None:
                note = t("peer.note.no_peer")
            elif flag == FLAG_HIGH:
                note = t("peer.note.high", gap=round(abs(gap), 2))
            elif flag == FLAG_LOW:
                note = t("peer.note.low", gap=round(abs(gap), 2))
            else:
                note = t("peer.note.close")
            if peer is not None and teacher is not None and abs(peer - teacher) >= threshold - 1e-9:
                note += t("peer.note.teacher", gap=round(abs(peer - teacher), 2))
            rows.append(
                [
                    sid,
                    self.names[sid],
                    shown(own),
                    shown(peer),
                    len(peers),
                    shown(teacher),
                    shown(gap),
                    flag,
                    note,
                ]
            )
        columns = [STUDENT, NAME, SELF, PEER, PEERS, TEACHER_SCORE, GAP, FLAG, NOTE]
        frame = pd.DataFrame(rows, columns=columns).set_index(STUDENT)
        for column in (SELF, PEER, TEACHER_SCORE, GAP):
            frame[column] = frame[column].astype(float)
        return frame

    def criterion_agreement(self) -> pd.DataFrame:
        """Per criterion (index 维度): how often self and peers chose the same level, and peers among them.

        对照次数: self–peer pairs compared (one per peer rating of a student who
        also rated themselves); 自评与同伴一致 and 相差不超过一级: their shares in
        percent; 自评平均高出（级）: mean (self level − peer level) in level steps;
        同伴之间一致: share of pairs of peer ratings of the same work that agree.
        """
        order = {level.id: index for index, level in enumerate(self.rubric.levels)}
        current = self.current()
        rows = []
        for criterion in self.rubric.criteria:
            diffs: list[int] = []
            peer_pairs = peer_same = 0
            for sid in self.student_ids:
                peers = [
                    order[r.levels[criterion.id]]
                    for (assessor, assessee), r in current.items()
                    if assessee == sid
                    and assessor not in (sid, TEACHER)
                    and r.levels.get(criterion.id) in order
                ]
                own_rating = current.get((sid, sid))
                own = own_rating.levels.get(criterion.id) if own_rating else None
                if own in order:
                    diffs.extend(order[own] - p for p in peers)
                for a, b in combinations(peers, 2):
                    peer_pairs += 1
                    peer_same += a == b

            def share(count: int, total: int) -> float:
                return round(100 * count / total, 1) if total else float("nan")

            rows.append(
                [
                    criterion.name,
                    len(diffs),
                    share(sum(d == 0 for d in diffs), len(diffs)),
                    share(sum(abs(d) <= 1 for d in diffs), len(diffs)),
                    round(sum(diffs) / len(diffs), 2) if diffs else float("nan"),
                    share(peer_same, peer_pairs),
                ]
            )
        columns = [
            "维度",
            "对照次数",
            "自评与同伴一致（%）",
            "相差不超过一级（%）",
            "自评平均高出（级）",
            "同伴之间一致（%）",
        ]
        return pd.DataFrame(rows, columns=columns).set_index("维度")

    # ---- tables and files ----

    def ratings_frame(self, *, current_only: bool = False) -> pd.DataFrame:
        """One row per rating: 评价人, 被评人 (学号), 类型, a level name per criterion, 得分, 评语, 时间."""
        chosen = list(self.current().values()) if current_only else list(self._ratings)
        names = {level.id: level.name for level in self.rubric.levels}
        rows = []
        for rating in chosen:
            result = self.result(rating)
            rows.append(
                [
                    rating.assessor,
                    self.name(rating.assessor),
                    rating.assessee,
                    self.name(rating.assessee),
                    rating.kind,
                    *[names.get(rating.levels.get(c.id, ""), "") for c in self.rubric.criteria],
                    result.score if result else float("nan"),
                    rating.comment,
                    rating.at,
                ]
            )
        columns = [
            ASSESSOR,
            f"{ASSESSOR}{NAME}",
            ASSESSEE,
            f"{ASSESSEE}{NAME}",
            KIND,
            *[c.name for c in self.rubric.criteria],
            SCORE,
            COMMENT,
            AT,
        ]
        return pd.DataFrame(rows, columns=columns)

    @classmethod
    def from_frame(
        cls,
        rubric: Rubric,
        frame: pd.DataFrame,
        student_ids: Sequence[str] | None = None,
        *,
        names: Mapping[str, str] | None = None,
    ) -> PeerAssessment:
        """Ratings from a table: 评价人, 被评人 and a column per criterion (name or id; level names or ids).

        Rows in table order; 评语 and 时间 are used when present. ``student_ids``
        defaults to everyone met as 被评人 or (other than 教师) as 评价人.
        """
        missing = [c for c in (ASSESSOR, ASSESSEE) if c not in frame.columns]
        if missing:
            raise InputError(
                t(
                    "table.missing_column",
                    column=missing[0],
                    accepted=missing[0],
                    found="、".join(frame.columns),
                )
            )
        criteria = {}
        for criterion in rubric.criteria:
            column = next((c for c in (criterion.name, criterion.id) if c in frame.columns), None)
            if column is None:
                raise InputError(
                    t(
                        "table.missing_column",
                        column=criterion.name,
                        accepted=f"{criterion.name}/{criterion.id}",
                        found="、".join(frame.columns),
                    )
                )
            criteria[criterion.id] = column
        cells = frame.astype(object).where(frame.notna(), "")
        if student_ids is None:
            people = [*cells[ASSESSEE], *cells[ASSESSOR]]
            student_ids = list(dict.fromkeys(clean(p) for p in people if clean(p) not in ("", TEACHER)))
        peer = cls(rubric, student_ids, names=names)
        for offset, row in enumerate(cells.to_dict("records")):
            try:
                peer.rate(
                    str(row[ASSESSOR]),
                    str(row[ASSESSEE]),
                    {cid: str(row[column]) for cid, column in criteria.items()},
                    comment=str(row.get(COMMENT, "")),
                    at=clean(row.get(AT, "")) or None,
                )
            except ValueError as error:
                raise InputError(str(error), row=offset + 2) from error
        return peer

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": _FORMAT,
            "kind": "peer_assessment",
            "saved_at": _now(),
            "rubric": rubric_to_dict(self.rubric),
            "students": list(self.student_ids),
            "names": dict(self.names),
            "assignment": self.assignment,
            "seed": self.seed,
            "ratings": [r.to_dict() for r in self._ratings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], rubric: Rubric | None = None) -> PeerAssessment:
        """Rebuild from :meth:`to_dict` data; every stored rating is kept as it was."""
        if rubric is None:
            rubric = parse_rubric(data["rubric"], Path("<ratings>"))
        peer = cls(rubric, [str(s) for s in data["students"]], names=data.get("names") or {})
        assignment = data.get("assignment")
        if assignment:
            peer.assignment = {str(k): [str(r) for r in v] for k, v in assignment.items()}
        peer.seed = int(data.get("seed") or 0)
        for entry in data.get("ratings") or []:
            peer._keep(Rating.from_dict(entry))
        return peer

    @classmethod
    def load(cls, path: str | Path, rubric: Rubric | None = None) -> PeerAssessment:
        """Read a file written by :meth:`save`; a broken file raises InputError naming it."""
        file = Path(path)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if data.get("kind") != "peer_assessment":
                raise ValueError("kind is not peer_assessment")
            return cls.from_dict(data, rubric)
        except (ValueError, KeyError, TypeError, AttributeError, StopIteration) as error:
            raise InputError(t("peer.unreadable", reason=str(error)[:200]), file=file) from None

    def merge(self, other: PeerAssessment) -> int:
        """Take in the ratings of ``other`` not yet here; returns how many were added."""
        added = sum(self._keep(rating) for rating in other.ratings)
        return added

    def save(self, path: str | Path) -> Path:
        """Write JSON atomically, first taking in any rating already in the file, so none is lost.

        A file that cannot be read is renamed ``*.damaged-<stamp>.json``, never overwritten.
        """
        file = Path(path)
        file.parent.mkdir(parents=True, exist_ok=True)
        if file.exists():
            try:
                self.merge(PeerAssessment.load(file, self.rubric))
            except InputError:
                set_aside(file)
        write_text_atomic(file, json.dumps(self.to_dict(), ensure_ascii=False, indent=1))
        return file

    # ---- documents ----

    def markdown(self, threshold: float = DEFAULT_THRESHOLD) -> str:
        """A summary document: scores, flags with what to do, agreement per criterion, what is missing."""
        summary = self.summary(threshold)
        shown = summary[[NAME, SELF, PEER, PEERS, TEACHER_SCORE, GAP, FLAG]].copy()
        lines = [
            f"# {t('peer.doc.title')}：{self.rubric.title}",
            "",
            f"- 学生人数：{len(self.student_ids)}；评分记录：{len(self)} 条"
            f"（自评 {sum(r.kind == KIND_SELF for r in self.current().values())} 份，"
            f"互评 {sum(r.kind == KIND_PEER for r in self.current().values())} 份，"
            f"教师评价 {sum(r.kind == KIND_TEACHER for r in self.current().values())} 份）",
            f"- 得分为 0–100 分；自评与同伴均分相差 {threshold:g} 分及以上时提示。",
            f"- 生成时间：{_now().replace('T', ' ')}",
            "",
            "## 每位学生的得分",
            "",
            markdown_table(shown.reset_index()),
            "",
            "## 需要关注的学生",
            "",
        ]
        flagged = summary[summary[FLAG] != ""]
        if flagged.empty:
            lines.append("没有学生的自评与同伴评价相差达到提示线。")
        for sid, row in flagged.iterrows():
            lines.append(f"- **{row[NAME]}**（{sid}）{row[FLAG]}：{row[NOTE]}")
        lines += [
            "",
            "## 各维度的一致程度",
            "",
            markdown_table(self.criterion_agreement().reset_index()),
            "",
        ]
        todo = self.missing()
        lines += ["## 尚未完成的评价", ""]
        if todo:
            lines += [f"- {self.name(a)} → {self.name(b)}" for a, b in todo]
        else:
            lines.append(t("peer.missing_none"))
        return "\n".join(lines) + "\n"


def summary_chart_png(summary: pd.DataFrame) -> bytes:
    """Bars of self and mean peer score per student (teacher's score as a dot), Chinese labels, PNG."""
    figure = new_figure(max(5.0, 0.55 * len(summary) + 2), 3.4)
    axes = figure.subplots()
    positions = list(range(len(summary)))
    width = 0.38
    own = summary[SELF].fillna(0).tolist()
    peer = summary[PEER].fillna(0).tolist()
    axes.bar([p - width / 2 for p in positions], own, width, label=SELF, color="#f58518")
    axes.bar([p + width / 2 for p in positions], peer, width, label="同伴均分", color="#4c78a8")
    teacher = summary[TEACHER_SCORE]
    if teacher.notna().any():
        points = [(p, v) for p, v in zip(positions, teacher, strict=True) if pd.notna(v)]
        axes.scatter(
            [p for p, _ in points], [v for _, v in points], color="black", zorder=3, label="教师评分"
        )
    for p, flag in zip(positions, summary[FLAG], strict=True):
        if flag:
            axes.annotate(
                "偏高" if flag == FLAG_HIGH else "偏低", (p, 101), ha="center", fontsize=8, color="#c62828"
            )
    axes.set_xticks(positions, summary[NAME].tolist(), rotation=45 if len(summary) > 6 else 0, ha="right")
    axes.set_ylim(0, 110)
    axes.set_ylabel(t("peer.chart.score"))
    axes.set_title(t("peer.chart.title"))
    figure.legend(loc="outside right upper", fontsize=8)
    return figure_png(figure, dpi=90)


def _file_stem(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_") or "rubric"


# ---- the widget ---------------------------------------------------------------------------------


class PeerAssessmentDesk(widgets.VBox):
    """A teacher's desk for one self-/peer-assessment round: assignment, rating, summary, export.

    Defaults: the course's sample rubric (八年级物理实验报告) and the first 12
    students of the sample class. ``roster`` needs the columns 学号 and 姓名.
    Every saved rating goes straight into outputs/B9_peer_<rubric id>.json.
    """

    def __init__(
        self,
        rubric_path: str | Path | None = None,
        roster: pd.DataFrame | None = None,
        *,
        reviewers_per_work: int = 2,
        seed: int = 0,
        code: str = "B9",
    ) -> None:
        from toolkit.modules.data import load_sample, sample_path

        self.code = code
        self.rubric = load_rubric(rubric_path or sample_path(SAMPLE_RUBRIC))
        if roster is None:
            roster = load_sample(SAMPLE_ROSTER).head(12)
        missing = [c for c in (STUDENT, NAME) if c not in roster.columns]
        if missing:
            raise ValueError(f"the roster needs the columns 学号 and 姓名; missing {', '.join(missing)}")
        ids = [clean(v) for v in roster[STUDENT]]
        names = dict(zip(ids, (clean(v) for v in roster[NAME]), strict=True))
        self.path = outputs_dir() / f"{code}_peer_{_file_stem(self.rubric.id)}.json"
        self.notice = ""
        self._prefilled = False
        self.peer = PeerAssessment(self.rubric, ids, names=names)
        self._load_saved(reviewers_per_work, seed)

        # Assignment tab
        self.reviewers = widgets.Dropdown(
            options=[n for n in (1, 2, 3, 4) if n < len(ids)],
            value=self.peer_k(),
            description=t("peer.reviewers"),
            style={"description_width": "initial"},
        )
        self.reshuffle_button = widgets.Button(description=t("peer.reshuffle"), icon="random")
        self.reviewers.observe(lambda _: self.reassign(self.peer.seed), names="value")
        self.reshuffle_button.on_click(lambda _: self.reassign(self.peer.seed + 1))
        self.assignment_note = widgets.HTML("")
        self.assignment_table = widgets.HTML("")
        assign_tab = widgets.VBox(
            [
                widgets.HBox([self.reviewers, self.reshuffle_button]),
                self.assignment_note,
                self.assignment_table,
            ]
        )

        # Rating tab
        people = [(f"{names[i]}（{i}）", i) for i in ids]
        self.assessor = widgets.Dropdown(
            options=[(t("peer.choose"), None), *people, (t("peer.teacher"), TEACHER)],
            value=None,
            description=t("peer.assessor"),
            layout=widgets.Layout(width="320px"),
        )
        self.assessee = widgets.Dropdown(
            options=[(t("peer.choose"), None), *people],
            value=None,
            description=t("peer.assessee"),
            layout=widgets.Layout(width="320px"),
        )
        self.kind_note = widgets.HTML("")
        self.level_pickers: dict[str, widgets.Dropdown] = {}
        self.descriptors: dict[str, widgets.HTML] = {}
        rows = []
        for criterion in self.rubric.criteria:
            picker = widgets.Dropdown(
                options=[
                    (t("peer.choose_level"), None),
                    *[(f"{lv.name}（{lv.points:g}）", lv.id) for lv in self.rubric.levels],
                ],
                value=None,
                description=criterion.name,
                style={"description_width": "120px"},
                layout=widgets.Layout(width="300px"),
            )
            text = widgets.HTML("", layout=widgets.Layout(margin="0 0 0 12px", width="420px"))
            picker.observe(lambda _, c=criterion.id: self._show_descriptor(c), names="value")
            self.level_pickers[criterion.id] = picker
            self.descriptors[criterion.id] = text
            rows.append(widgets.HBox([picker, text]))
        self.comment = widgets.Textarea(
            description=t("peer.comment"), layout=widgets.Layout(width="620px", height="60px")
        )
        self.save_button = widgets.Button(description=t("peer.save"), button_style="primary", icon="save")
        self.save_button.on_click(lambda _: self.save_rating())
        self.status = widgets.HTML(self.notice)
        self.assessor.observe(lambda _: self._pair_changed(), names="value")
        self.assessee.observe(lambda _: self._pair_changed(), names="value")
        rate_tab = widgets.VBox(
            [
                widgets.HBox([self.assessor, self.assessee]),
                self.kind_note,
                *rows,
                self.comment,
                self.save_button,
                self.status,
            ]
        )

        # Summary tab
        self.threshold = widgets.BoundedFloatText(
            value=DEFAULT_THRESHOLD,
            min=1,
            max=100,
            step=5,
            description=t("peer.threshold"),
            style={"description_width": "initial"},
        )
        self.threshold.observe(lambda _: self.refresh(), names="value")
        self.summary_table = widgets.HTML("")
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="720px"))
        self.agreement_table = widgets.HTML("")
        self.missing_note = widgets.HTML("")
        summary_tab = widgets.VBox(
            [
                self.threshold,
                widgets.HTML(f"<div style='color:#555'>{t('peer.summary.note')}</div>"),
                self.summary_table,
                self.chart,
                widgets.HTML(f"<b>{t('peer.agreement')}</b>"),
                self.agreement_table,
                self.missing_note,
            ]
        )

        # Export tab
        self.export_button = widgets.Button(
            description=t("peer.export"), button_style="success", icon="download"
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = widgets.HTML("")
        export_tab = widgets.VBox([self.export_button, self.export_message])

        self.tabs = widgets.Tab(
            children=[assign_tab, rate_tab, summary_tab, export_tab],
            titles=[t(f"peer.tab.{key}") for key in ("assign", "rate", "summary", "export")],
        )
        where = t("peer.where", rubric=self.rubric.title, file=f"outputs/{self.path.name}")
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('peer.title')}</h4><div style='color:#555'>{html.escape(t('peer.intro'))}</div>"
                    f"<div style='color:#666;font-size:90%'>{html.escape(where)}</div>"
                ),
                self.tabs,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-peer-assessment")
        self._show_assignment()
        self.refresh()

    # ---- state ----

    def peer_k(self) -> int:
        return max((len(v) for v in (self.peer.assignment or {}).values()), default=2)

    def _load_saved(self, reviewers_per_work: int, seed: int) -> None:
        saved: PeerAssessment | None = None
        if self.path.exists():
            try:
                saved = PeerAssessment.load(self.path, self.rubric)
            except InputError:
                backup = set_aside(self.path)
                self.notice = (
                    "<span style='color:#c62828'>"
                    + html.escape(t("peer.damaged", file=self.path.name, backup=backup.name))
                    + "</span>"
                )
        ids = set(self.peer.student_ids)
        if saved is not None:
            self.peer.merge(saved)  # ratings of students no longer listed are kept in the file too
            if saved.assignment and set(saved.assignment) == ids:
                self.peer.assignment, self.peer.seed = saved.assignment, saved.seed
        if self.peer.assignment is None:
            k = min(reviewers_per_work, len(ids) - 1)
            if k >= 1:
                self.peer.assign(k, seed)

    def reassign(self, seed: int) -> None:
        """A new assignment with the chosen number of reviewers and ``seed``; ratings stay."""
        self.peer.assign(int(self.reviewers.value), seed)
        self.peer.save(self.path)
        self._show_assignment()
        self.refresh()

    def _show_assignment(self) -> None:
        frame = self.peer.assignment_frame()
        self.assignment_note.value = html.escape(t("peer.assign.note", k=self.peer_k(), seed=self.peer.seed))
        self.assignment_table.value = frame.to_html(index=False, border=1, classes="workshop-table")

    def _show_descriptor(self, criterion_id: str) -> None:
        criterion = next(c for c in self.rubric.criteria if c.id == criterion_id)
        level = self.level_pickers[criterion_id].value
        text = criterion.descriptors.get(level, "") if level else ""
        self.descriptors[criterion_id].value = f"<span style='color:#555'>{html.escape(text)}</span>"

    def _pair_changed(self) -> None:
        assessor, assessee = self.assessor.value, self.assessee.value
        if assessor is None or assessee is None:
            self.kind_note.value = ""
            return
        if assessor == TEACHER:
            note = t("peer.kind.teacher")
        elif assessor == assessee:
            note = t("peer.kind.self")
        else:
            assigned = assessor in (self.peer.assignment or {}).get(assessee, [])
            note = t("peer.kind.peer") + t("peer.kind.assigned" if assigned else "peer.kind.unassigned")
        previous = self.peer.latest(assessor, assessee)
        if previous is not None:
            for cid, picker in self.level_pickers.items():
                picker.value = previous.levels.get(cid)
            self.comment.value = previous.comment
            note += " " + t("peer.kind.previous", time=previous.at.replace("T", " "))
        elif self._prefilled:
            # Levels loaded from another pair's rating must not be saved for this pair by mistake.
            for picker in self.level_pickers.values():
                picker.value = None
            self.comment.value = ""
        self._prefilled = previous is not None
        self.kind_note.value = f"<b>{html.escape(note)}</b>"

    # ---- actions ----

    def save_rating(self) -> Rating | None:
        """Save the chosen levels as a rating of assessee by assessor (what the save button does)."""
        assessor, assessee = self.assessor.value, self.assessee.value
        if assessor is None or assessee is None:
            self.status.value = f"<span style='color:#c62828'>{t('peer.pick_both')}</span>"
            return None
        unset = [c.name for c in self.rubric.criteria if self.level_pickers[c.id].value is None]
        if unset:
            message = t("peer.pick_levels", names="、".join(unset))
            self.status.value = f"<span style='color:#c62828'>{html.escape(message)}</span>"
            return None
        levels = {cid: picker.value for cid, picker in self.level_pickers.items()}
        try:
            rating = self.peer.rate(assessor, assessee, levels, comment=self.comment.value)
        except ValueError as error:
            self.status.value = f"<span style='color:#c62828'>{html.escape(str(error))}</span>"
            return None
        self.peer.save(self.path)
        self._prefilled = True  # the form now shows this pair's rating: a new pair starts blank
        result = score(self.rubric, rating.levels)
        self.status.value = html.escape(
            t(
                "peer.saved",
                assessor=self.peer.name(assessor),
                assessee=self.peer.name(assessee),
                score=result.score,
                level=result.level.name,
                count=len(self.peer),
            )
        )
        self.refresh()
        return rating

    def summary(self) -> pd.DataFrame:
        return self.peer.summary(float(self.threshold.value))

    def refresh(self) -> None:
        """Redraw the summary table, the chart, the agreement table and what is still to rate."""
        summary = self.summary()
        if len(self.peer):
            shown = summary.reset_index()
            styled = shown.to_html(index=False, border=1, classes="workshop-table", na_rep="—")
            for flag in (FLAG_HIGH, FLAG_LOW):
                styled = styled.replace(f"<td>{flag}</td>", f"<td style='color:#c62828'><b>{flag}</b></td>")
            self.summary_table.value = styled
            self.agreement_table.value = (
                self.peer.criterion_agreement()
                .reset_index()
                .to_html(index=False, border=1, classes="workshop-table", na_rep="—")
            )
        else:
            self.summary_table.value = f"<i style='color:#666'>{t('peer.empty')}</i>"
            self.agreement_table.value = ""
        self.chart.value = summary_chart_png(summary)
        todo = self.peer.missing()
        if todo:
            items = "、".join(f"{self.peer.name(a)}→{self.peer.name(b)}" for a, b in todo[:30])
            more = " …" if len(todo) > 30 else ""
            self.missing_note.value = html.escape(t("peer.missing", count=len(todo), items=items + more))
        else:
            self.missing_note.value = f"<span style='color:#2e7d32'>{t('peer.missing_none')}</span>"

    def export(self) -> tuple[Path, Path, Path]:
        """Write outputs/B9_peer_ratings.csv (every rating) and B9_peer_summary.md/.doc."""
        folder = outputs_dir()
        csv_path = folder / f"{self.code}_peer_ratings.csv"
        write_text_atomic(csv_path, "\ufeff" + self.peer.ratings_frame().to_csv(index=False))  # BOM for Excel
        md_path, doc_path = write_document(
            f"{self.code}_peer_summary",
            self.peer.markdown(float(self.threshold.value)),
            title=t("peer.doc.title"),
        )
        record_output(self.code, "peer_ratings", csv_path)
        record_output(self.code, "peer_summary", md_path)
        files = "、".join(p.name for p in (csv_path, md_path, doc_path))
        self.export_message.value = html.escape(t("peer.exported", files=files)) + download_links(
            csv_path, md_path, doc_path
        )
        return csv_path, md_path, doc_path
