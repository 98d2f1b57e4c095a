"""C7 micro-models in words: the model in one line, in both languages."""

from __future__ import annotations

from toolkit.classroom.micromodel.model import Indicator, MicroModel
from toolkit.classroom.micromodel.report import describe
from toolkit.i18n import set_language


def test_the_model_in_one_line() -> None:
    model = MicroModel("投入指数", [Indicator("作业", 3), Indicator("发言", 1)])
    assert describe(model) == "投入指数 = 作业（权重 3，越高越好） + 发言（权重 1，越高越好）"
    reverse = MicroModel("m", [Indicator("作业", 1.5, higher_is_better=False)])
    assert describe(reverse) == "m = 作业（权重 1.5，越低越好）"


def test_the_words_follow_the_language() -> None:
    set_language("en")
    model = MicroModel("m", [Indicator("作业", 2)])
    assert describe(model) == "m = 作业 (weight 2, higher is better)"
