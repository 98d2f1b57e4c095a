"""The classroom evaluation standard is a validated file a school can replace with its own."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from toolkit.errors import InputError
from toolkit.lesson.standard import load_standard, parse_standard
from toolkit.resources import content_dir

SHIPPED = yaml.safe_load(
    (content_dir("rubrics") / "lessons" / "smart-classroom.yaml").read_text(encoding="utf-8")
)


def test_the_shipped_standard_has_four_parties_and_weights_adding_to_1() -> None:
    standard = load_standard()
    assert list(standard.parties) == ["teacher", "peer", "student", "parent"]
    assert [c.name for c in standard.rated_by("parent")] == ["互动参与", "学习体验"]
    assert standard.party("家长").id == "parent" and standard.party("self").id == "teacher"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["criteria"][0].update(weight=0.5), "各指标权重之和应为 1"),
        (
            lambda d: d["criteria"][1].update(parties=["teacher", "principal"]),
            "“principal”不是已定义的评价方",
        ),
        (lambda d: d.update(scale={"min": 5, "max": 1}), "“scale”应为整数，且 min 小于 max"),
        (lambda d: d["criteria"][2].update(text=""), "“criteria #3.text”缺少或为空"),
        (lambda d: d.update(kind="rubric"), "kind 应为 lesson-standard"),
    ],
)
def test_a_broken_standard_names_the_field(change, words: str) -> None:  # noqa: ANN001
    data = copy.deepcopy(SHIPPED)
    change(data)
    with pytest.raises(InputError) as caught:
        parse_standard(data, Path("rubrics/lessons/ours.yaml"))
    assert words in caught.value.message and "ours.yaml" in str(caught.value)


def test_a_course_can_use_its_own_standard(tmp_path: Path) -> None:
    own = copy.deepcopy(SHIPPED)
    own.update(id="ours", name="我校课堂评价标准")
    folder = tmp_path / "rubrics" / "lessons"
    folder.mkdir(parents=True)
    (folder / "ours.yaml").write_text(yaml.safe_dump(own, allow_unicode=True), encoding="utf-8")
    assert load_standard("ours", course_dir=tmp_path).name == "我校课堂评价标准"
    with pytest.raises(InputError) as caught:
        load_standard("theirs", course_dir=tmp_path)
    assert "smart-classroom" in caught.value.message
