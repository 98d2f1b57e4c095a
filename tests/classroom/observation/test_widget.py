"""The A12 observation recorder driven headless: pick a student, click behaviours, undo, export, re-read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.observation.model import DEFAULT_BEHAVIOURS, ObservationLog
from toolkit.classroom.observation.widget import ObservationRecorder
from toolkit.i18n import set_language

ROSTER = pd.DataFrame({"学号": ["s01", "s02", "s03"], "姓名": ["王小明", "李华", "张雨"]})


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def ticking(*times: str) -> Iterator[str]:
    yield from times


def recorder(*times: str) -> ObservationRecorder:
    clock = ticking(*times)
    return ObservationRecorder(ROSTER, clock=lambda: next(clock))


def test_clicks_record_the_chosen_student_with_the_time_and_tally() -> None:
    widget = recorder("08:01", "08:03", "08:03", "08:07")
    widget.student.value = "s01"
    widget.behaviour_buttons["举手发言"].click()
    widget.behaviour_buttons["回答正确"].click()
    widget.student.value = "s02"
    widget.behaviour_buttons["举手发言"].click()
    widget.behaviour_buttons["需要提醒专注"].click()
    assert [(r.time, r.student_id, r.behaviour) for r in widget.observations.records] == [
        ("08:01", "s01", "举手发言"),
        ("08:03", "s01", "回答正确"),
        ("08:03", "s02", "举手发言"),
        ("08:07", "s02", "需要提醒专注"),
    ]
    assert "李华" in widget.status.value and "需要提醒专注" in widget.status.value
    tally = widget.tally()
    assert list(tally.columns) == [*DEFAULT_BEHAVIOURS, "合计"]
    assert list(tally.index) == ["s01", "s02", "s03", "合计"]
    assert tally.loc["s01"].tolist() == [1, 1, 0, 0, 2]
    assert tally.loc["s02"].tolist() == [1, 0, 0, 1, 2]
    assert tally.loc["s03"].tolist() == [0, 0, 0, 0, 0]
    assert tally.loc["合计"].tolist() == [2, 1, 0, 1, 4]
    # The live table names the students; the unobserved are listed so the teacher can look at them.
    assert "王小明" in widget.table.value and "张雨" not in widget.table.value
    assert "（1 人）：张雨" in widget.unseen.value
    assert bytes(widget.chart.value).startswith(b"\x89PNG")


def test_a_click_without_a_student_records_nothing() -> None:
    widget = recorder("08:01")
    widget.behaviour_buttons["回答正确"].click()
    assert len(widget.observations) == 0
    assert "请先" in widget.status.value


def test_undo_takes_back_the_latest_record_only() -> None:
    widget = recorder("08:01", "08:02", "08:03")
    widget.student.value = "s03"
    widget.behaviour_buttons["小组讨论中发言"].click()
    widget.behaviour_buttons["回答正确"].click()
    widget.undo_button.click()
    assert [r.behaviour for r in widget.observations.records] == ["小组讨论中发言"]
    assert "已撤销" in widget.status.value and "回答正确" in widget.status.value
    assert widget.tally().loc["s03", "合计"] == 1
    widget.undo_button.click()
    widget.undo_button.click()
    assert len(widget.observations) == 0
    assert "没有可撤销" in widget.status.value
    assert "（3 人）" in widget.unseen.value


def test_export_writes_the_course_format_and_reads_back_equal(tmp_path: Path) -> None:
    widget = recorder("08:02", "08:04", "08:09")
    widget.student.value = "s02"
    widget.behaviour_buttons["举手发言"].click()
    widget.student.value = "s01"
    widget.behaviour_buttons["小组讨论中发言"].click()
    widget.behaviour_buttons["举手发言"].click()
    widget.export_button.click()
    path = tmp_path / "outputs" / "A12_observation.csv"
    assert path.read_text(encoding="utf-8-sig") == (
        "时间,学号,行为\n08:02,s02,举手发言\n08:04,s01,小组讨论中发言\n08:09,s01,举手发言\n"
    )
    assert "A12_observation.csv" in widget.status.value
    again = ObservationLog.read_csv(path)
    assert again.records == widget.observations.records
    assert again.tally(students=ROSTER["学号"]).equals(widget.tally())


def test_records_survive_a_kernel_restart_and_clear_asks_first() -> None:
    first = recorder("10:00")
    first.student.value = "s01"
    first.behaviour_buttons["回答正确"].click()
    again = recorder()
    assert [r.time for r in again.observations.records] == ["10:00"]
    again.clear_button.click()
    assert len(again.observations) == 1 and "再点一次" in again.status.value
    again.clear_button.click()
    assert len(again.observations) == 0
    assert len(recorder().observations) == 0


def test_custom_behaviours_get_their_own_buttons() -> None:
    widget = ObservationRecorder(ROSTER, behaviours=["提出质疑", "帮助同伴"], clock=lambda: "11:11")
    assert list(widget.behaviour_buttons) == ["提出质疑", "帮助同伴"]
    widget.student.value = "s03"
    widget.behaviour_buttons["帮助同伴"].click()
    assert widget.tally().loc["s03", "帮助同伴"] == 1


def test_english_interface() -> None:
    set_language("en")
    widget = recorder("08:00")
    assert widget.undo_button.description == "Undo last"
    widget.undo_button.click()
    assert widget.status.value == "Nothing to undo."


def test_roster_needs_numbers_and_names() -> None:
    with pytest.raises(ValueError, match="姓名"):
        ObservationRecorder(pd.DataFrame({"学号": ["1"]}))


def test_a_roster_that_repeats_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="repeats"):
        ObservationRecorder(pd.DataFrame({"学号": ["1", "1"], "姓名": ["甲", "乙"]}))
    with pytest.raises(ValueError, match="behaviour"):
        ObservationRecorder(ROSTER, behaviours=[])
