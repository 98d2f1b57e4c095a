"""Self- and peer-assessment with a rubric (B9): who reviews whom, the ratings, where self and peers differ.

``assign_peers`` gives every work ``k`` reviewers so that nobody reviews their
own work and everybody reviews exactly ``k`` works. ``PeerAssessment`` keeps
the ratings (assessor, assessee, a level per criterion; assessor == assessee is
the self-assessment, assessor ``TEACHER`` the teacher's) and scores them with
the toolkit's rubric model; ``summary`` sets each student's self score against
the mean peer score and flags large gaps, and ``notes`` says which advice each
student's numbers call for. Ratings are only ever added: a new rating of the
same pair becomes the current one and the earlier stays in the record and in
the JSON file.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.atomic import write_text_atomic
from toolkit.classroom.classtable import NAME, STUDENT_ID, file_name, require_columns, timestamp, write_csv
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.rubric.model import Rubric, RubricResult, parse_rubric, rubric_to_dict, score
from toolkit.tables import clean
from toolkit.work.outputs import outputs_dir
from toolkit.work.progress import record_output
from toolkit.work.store import set_aside

TEACHER = "教师"  # the assessor of the teacher's ratings, as stored in the ratings file
DEFAULT_THRESHOLD = 15.0
_FORMAT = 1

# Summary columns (the index is 学号).
STUDENT = STUDENT_ID
SELF, PEER, PEERS, TEACHER_SCORE = "自评", "同伴均分", "互评份数", "教师评分"
GAP, FLAG = "自评−同伴", "提示"
FLAG_HIGH, FLAG_LOW = "自评偏高", "自评偏低"
# Ratings table columns (export CSV and from_frame); criterion columns come between.
ASSESSOR, ASSESSEE, KIND, SCORE, COMMENT, AT = "评价人", "被评人", "类型", "得分", "评语", "时间"
KIND_SELF, KIND_PEER, KIND_TEACHER = "自评", "互评", "教师评价"
# Agreement columns (criterion_agreement; the index is 维度).
CRITERION = "维度"
AGREEMENT = (
    "对照次数",
    "自评与同伴一致（%）",
    "相差不超过一级（%）",
    "自评平均高出（级）",
    "同伴之间一致（%）",
)

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
        "peer.unreadable": {"zh": "不是有效的评分文件：{reason}", "en": "not a valid ratings file: {reason}"},
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


@dataclass(frozen=True)
class Note:
    """The advice a student's scores call for.

    ``kind`` is "no_self", "no_peer", "high" (self above the peers by ``gap``), "low"
    (below by ``gap``) or "close"; ``teacher_gap`` is how far the peers' mean is from
    the teacher's score when that reaches the threshold (None otherwise).
    """

    kind: str
    gap: float | None = None
    teacher_gap: float | None = None


@dataclass(frozen=True)
class _StudentScores:
    """One student's current 0–100 scores before rounding (None: no such rating yet)."""

    own: float | None
    peers: list[float]
    teacher: float | None

    @property
    def peer(self) -> float | None:
        return sum(self.peers) / len(self.peers) if self.peers else None

    @property
    def gap(self) -> float | None:
        return self.own - self.peer if self.own is not None and self.peer is not None else None


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
        """The student's name (their 学号 when the roster has none); ``TEACHER`` for the teacher."""
        return self.names.get(person, person)

    # ---- assignment ----

    def assign(self, reviewers_per_work: int = 2, seed: int = 0) -> dict[str, list[str]]:
        """Make (and keep) the review assignment for this class; see :func:`assign_peers`."""
        self.assignment = assign_peers(self.student_ids, reviewers_per_work=reviewers_per_work, seed=seed)
        self.seed = seed
        return self.assignment

    @property
    def reviewers_per_work(self) -> int:
        """How many reviewers the assignment gives each work (2 before any assignment)."""
        return max((len(v) for v in (self.assignment or {}).values()), default=2)

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
        rating = Rating(assessor, assessee, self.normalise_levels(levels), clean(comment), at or timestamp())
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

    def _scores(self) -> dict[str, _StudentScores]:
        own: dict[str, float] = {}
        peers: dict[str, list[float]] = {sid: [] for sid in self.student_ids}
        teacher: dict[str, float] = {}
        for (assessor, assessee), rating in self.current().items():
            if assessee not in peers:
                continue
            value = self.percent(rating.levels)
            if value is None:
                continue
            if assessor == TEACHER:
                teacher[assessee] = value
            elif assessor == assessee:
                own[assessee] = value
            elif assessor in self.names:
                peers[assessee].append(value)
        return {sid: _StudentScores(own.get(sid), peers[sid], teacher.get(sid)) for sid in self.student_ids}

    def summary(self, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
        """Per student (index 学号): 姓名, 自评, 同伴均分, 互评份数, 教师评分, 自评−同伴, 提示.

        Scores are the rubric's 0–100 scores of the current ratings, shown to two
        decimals; a missing score is NaN. 提示 is 自评偏高 / 自评偏低 when
        |自评−同伴| ≥ ``threshold``.
        """

        def shown(value: float | None) -> float | None:
            return None if value is None else round(value, 2)

        rows = [
            [
                sid,
                self.names[sid],
                shown(found.own),
                shown(found.peer),
                len(found.peers),
                shown(found.teacher),
                shown(found.gap),
                flag_for(found.gap, threshold),
            ]
            for sid, found in self._scores().items()
        ]
        columns = [STUDENT, NAME, SELF, PEER, PEERS, TEACHER_SCORE, GAP, FLAG]
        frame = pd.DataFrame(rows, columns=columns).set_index(STUDENT)
        for column in (SELF, PEER, TEACHER_SCORE, GAP):
            frame[column] = frame[column].astype(float)
        return frame

    def notes(self, threshold: float = DEFAULT_THRESHOLD) -> dict[str, Note]:
        """Per student (by 学号, in roster order): the advice their scores call for (see :class:`Note`)."""
        notes = {}
        for sid, found in self._scores().items():
            gap, flag = found.gap, flag_for(found.gap, threshold)
            if found.own is None:
                kind = "no_self"
            elif found.peer is None:
                kind = "no_peer"
            elif flag == FLAG_HIGH:
                kind = "high"
            elif flag == FLAG_LOW:
                kind = "low"
            else:
                kind = "close"
            teacher_gap = None
            if found.peer is not None and found.teacher is not None:
                distance = abs(found.peer - found.teacher)
                if distance >= threshold - 1e-9:
                    teacher_gap = round(distance, 2)
            notes[sid] = Note(kind, None if gap is None else round(abs(gap), 2), teacher_gap)
        return notes

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
        return pd.DataFrame(rows, columns=[CRITERION, *AGREEMENT]).set_index(CRITERION)

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
        require_columns(frame, [ASSESSOR, ASSESSEE])
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
            "saved_at": timestamp(),
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
        return sum(self._keep(rating) for rating in other.ratings)

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


def ratings_path(rubric: Rubric, code: str = "B9") -> Path:
    """Where a desk keeps the ratings of ``rubric``: outputs/<code>_peer_<rubric id>.json."""
    return outputs_dir() / f"{code}_peer_{file_name(rubric.id, 'rubric')}.json"


def export_ratings(peer: PeerAssessment, code: str = "B9") -> Path:
    """Write every rating to outputs/<code>_peer_ratings.csv and note it in the teacher's progress."""
    path = write_csv(outputs_dir() / f"{code}_peer_ratings.csv", peer.ratings_frame())
    record_output(code, "peer_ratings", path)
    return path
