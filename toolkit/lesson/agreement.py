"""One lesson's evaluation by every party: each criterion's mean per party, each party's weighted
score, the overall score and how far the parties agree.

- A party's mean on a criterion averages its raters (blank cells are not ratings).
- A party's score is the weighted mean of its criterion means, the weights of the criteria it
  rates scaled to add up to 1.
- The overall score is the weighted mean, over criteria, of the parties' means (each party counts
  once, however many raters it has).
- A criterion's spread (where two parties or more rate it) is its highest party mean minus its
  lowest; agreement is
  1 − (mean spread ÷ the scale's range), so 100% means every party gave the same means.
- For each pair of parties, the mean absolute difference of their means over the criteria both rate.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pandas as pd

from toolkit.i18n import add_messages, t
from toolkit.lesson.ratings import Rating
from toolkit.lesson.standard import PARTY_ORDER, LessonStandard

add_messages({"lesson.one_party": {"zh": "—（只有一方评价）", "en": "— (one party only)"}})


@dataclass(frozen=True)
class LessonEvaluation:
    lesson: str
    teacher_id: str
    raters: dict[str, int]  # party → number of raters
    means: pd.DataFrame  # index criterion id; one column per party (NaN where it does not rate), "spread"
    party_scores: dict[str, float]
    overall: float
    agreement: float  # 0–1; NaN while only one party has rated
    pairwise: dict[tuple[str, str], float]
    party_names: dict[str, str]  # as the standard names them

    @property
    def agreement_text(self) -> str:
        """The agreement as people read it; a lesson rated by one party so far has none."""
        return t("lesson.one_party") if math.isnan(self.agreement) else f"{self.agreement:.0%}"


def evaluate(ratings: list[Rating], standard: LessonStandard) -> LessonEvaluation:
    """The figures of one lesson (``ratings`` all of the same lesson and teacher)."""
    lesson, teacher_id = ratings[0].lesson, ratings[0].teacher_id
    parties = [p for p in PARTY_ORDER if any(r.party == p for r in ratings)]
    parties += sorted({r.party for r in ratings} - set(parties))
    records = [(r.party, criterion, score) for r in ratings for criterion, score in r.scores.items()]
    frame = pd.DataFrame(records, columns=["party", "criterion", "score"])
    means = frame.pivot_table(index="criterion", columns="party", values="score", aggfunc="mean")
    means = means.reindex(index=[c.id for c in standard.criteria], columns=parties)
    weights = pd.Series({c.id: c.weight for c in standard.criteria})
    party_scores = {}
    for party in parties:
        rated = means[party].dropna()
        party_scores[party] = float((rated * weights[rated.index]).sum() / weights[rated.index].sum())
    criterion_means = means.mean(axis=1, skipna=True)
    rated = criterion_means.dropna()
    overall = float((rated * weights[rated.index]).sum() / weights[rated.index].sum())
    # Only a criterion that two parties or more rate can show (dis)agreement.
    spread = (means.max(axis=1, skipna=True) - means.min(axis=1, skipna=True)).where(means.count(axis=1) >= 2)
    agreement = 1 - float(spread.dropna().mean()) / (standard.high - standard.low)
    pairwise = {}
    for a, b in itertools.combinations(parties, 2):
        both = means[[a, b]].dropna()
        if not both.empty:
            pairwise[(a, b)] = float((both[a] - both[b]).abs().mean())
    raters = {party: sum(1 for r in ratings if r.party == party) for party in parties}
    names = {party: standard.parties[party].name if party in standard.parties else party for party in parties}
    return LessonEvaluation(
        lesson,
        teacher_id,
        raters,
        means.assign(spread=spread),
        party_scores,
        overall,
        agreement,
        pairwise,
        names,
    )


def evaluate_all(ratings: list[Rating], standard: LessonStandard) -> list[LessonEvaluation]:
    """One evaluation per (teacher, lesson), in that order."""
    grouped: dict[tuple[str, str], list[Rating]] = {}
    for rating in ratings:
        grouped.setdefault((rating.teacher_id, rating.lesson), []).append(rating)
    return [evaluate(grouped[key], standard) for key in sorted(grouped)]
