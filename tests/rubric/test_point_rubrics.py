"""The shipped point and plan rubrics, the conjunctive level rule of DOMAIN.md §2, course overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit.catalogue import load_catalogue
from toolkit.errors import InputError
from toolkit.rubric import grade_by_indicators, load_all_rubrics, load_point_rubric
from toolkit.rubric.catalogue import shipped_rubric_path


def test_every_point_and_the_plan_have_a_valid_draft_rubric() -> None:
    rubrics = load_all_rubrics()
    assert len(rubrics) == 31 + 5  # and the five achievements
    for code, rubric in rubrics.items():
        assert rubric.draft and rubric.aggregation == "conjunctive", code
        assert [level.name for level in rubric.levels] == ["不合格", "合格", "优秀"], code
        assert rubric.comments, code
    for point in load_catalogue().points:
        rubric = rubrics[point.code]
        assert rubric.point == point.code and 1 <= len(rubric.tasks) <= 3
        for criterion in rubric.criteria:
            assert criterion.files is not None and criterion.files.formats
            assert criterion.indicators["pass"] and criterion.indicators["excellent"]
    a1 = [c.name for c in rubrics["A1"].criteria]
    assert a1 == ["学情分析方案", "学情分析报告"]
    assert rubrics["A1"].criterion("analysis_report").files.max_minutes == 5


def _ticks(rubric, levels: dict[str, str]) -> dict[str, set[str]]:
    """Tick every indicator up to the given level per criterion (fail ticks nothing)."""
    order = [level.id for level in rubric.levels]
    return {
        c.id: {
            i
            for level in rubric.levels[1 : order.index(levels.get(c.id, "excellent")) + 1]
            for i in c.indicators[level.id]
        }
        for c in rubric.criteria
    }


@pytest.fixture
def a5():
    return load_point_rubric("A5")  # tasks: design (1 item), teach (2 items)


def test_all_excellent_gives_excellent(a5) -> None:
    result = grade_by_indicators(a5, _ticks(a5, {}))
    assert result.level.name == "优秀" and set(result.tasks.values()) == {a5.levels[2]}


def test_any_task_below_pass_gives_fail(a5) -> None:
    result = grade_by_indicators(a5, _ticks(a5, {"teaching_reflection": "fail"}))
    assert result.level.name == "不合格"
    assert result.tasks["design"].name == "优秀" and result.tasks["teach"].name == "不合格"


def test_missing_evidence_gives_fail_whatever_is_ticked(a5) -> None:
    result = grade_by_indicators(a5, _ticks(a5, {}), missing={"lesson_video"})
    assert result.level.name == "不合格" and result.missing == ("lesson_video",)


def test_otherwise_pass(a5) -> None:
    result = grade_by_indicators(a5, _ticks(a5, {"lesson_design": "pass"}))
    assert result.level.name == "合格"


def test_an_unticked_pass_indicator_blocks_excellent_too(a5) -> None:
    ticks = _ticks(a5, {})
    ticks["lesson_design"].discard(a5.criterion("lesson_design").indicators["pass"][0])
    assert grade_by_indicators(a5, ticks).criteria["lesson_design"].name == "不合格"


def test_optional_evidence_not_handed_in_does_not_count() -> None:
    b7 = load_point_rubric("B7")
    result = grade_by_indicators(b7, _ticks(b7, {}), missing={"chat_screenshots"})
    assert result.level.name == "优秀" and "chat_screenshots" not in result.criteria


def test_a_course_file_overrides_the_shipped_rubric(tmp_path: Path) -> None:
    data = yaml.safe_load(shipped_rubric_path("A1").read_text(encoding="utf-8"))
    data["title"] = "本区 A1 考核量规"
    data["draft"] = False
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "A1.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_point_rubric("A1", course_dir=tmp_path).title == "本区 A1 考核量规"
    assert load_point_rubric("A2", course_dir=tmp_path).draft


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tasks"][0]["evidence"][0].pop("formats"), "formats"),
        (lambda d: d["tasks"][0]["evidence"][0].update(formats=["exe"]), "exe"),
        (lambda d: d["tasks"][0]["evidence"][0]["indicators"].pop("excellent"), "优秀"),
        (lambda d: d["tasks"][0]["evidence"][0].update(max_mb=-1), "max_mb"),
        (lambda d: d.update(point="A2"), "A2"),
    ],
)
def test_a_broken_override_is_refused_naming_file_and_entry(tmp_path: Path, change, message: str) -> None:
    data = yaml.safe_load(shipped_rubric_path("A1").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "rubrics").mkdir()
    own = tmp_path / "rubrics" / "A1.yaml"
    own.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_point_rubric("A1", course_dir=tmp_path)
    assert str(own) in error.value.describe() and message in error.value.describe()


def test_shipped_rubrics_folder_has_one_file_per_point() -> None:
    folder = shipped_rubric_path("A1").parent
    assert sorted(p.stem for p in folder.glob("*.yaml")) == sorted(p.code for p in load_catalogue().points)
