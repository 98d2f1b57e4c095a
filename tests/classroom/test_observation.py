"""The A12 observation recorder driven headless: pick a student, click behaviours, undo, export, re-read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.observation import (
    DEFAULT_BEHAVIOURS,
    ObservationLog,
    ObservationRecorder,
    normalise_time,
)
from toolkit.errors import InputError
from toolkit.i18n import set_language
from toolkit.modules import load_sample, sample_path

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


def test_the_sample_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    log = ObservationLog.read_csv(sample_path("class_7a_observation.csv"))
    copy = log.write_csv(tmp_path / "copy.csv")
    assert copy.read_bytes() == "\ufeff".encode() + sample_path("class_7a_observation.csv").read_bytes()
    frame = load_sample("class_7a_observation.csv")
    assert ObservationLog.from_frame(frame).records == log.records
    tally = log.tally(students=load_sample("class_7a_students.csv")["学号"])
    assert tally.loc["合计", "合计"] == len(frame)
    assert len(tally) == 42 + 1
    assert tally.loc["合计"].drop("合计").to_dict() == frame["行为"].value_counts().to_dict()


def test_a_bad_time_names_file_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("时间,学号,行为\n08:02,s01,举手发言\n8点05,s02,回答正确\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ObservationLog.read_csv(bad)
    error = caught.value
    assert error.file == str(bad) and error.row == 3 and error.column == "时间 (A)"
    assert "8点05" in str(error) and "第 3 行" in str(error)


def test_a_blank_student_number_names_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "时间,学号,行为\n08:02,s01,举手发言\n08:03,s02,回答正确\n08:04,,回答正确\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        ObservationLog.read_csv(bad)
    assert caught.value.row == 4 and caught.value.column == "学号 (B)"


def test_a_missing_column_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("时间,学号\n08:02,s01\n", encoding="utf-8")
    with pytest.raises(InputError, match="行为"):
        ObservationLog.read_csv(bad)
    with pytest.raises(InputError) as caught:
        ObservationLog.from_frame(
            pd.DataFrame({"时间": ["08:00", "25:00"], "学号": ["a", "b"], "行为": ["x", "y"]})
        )
    assert caught.value.row == 3 and caught.value.column == "时间"


def test_times_are_normalised_and_checked() -> None:
    assert normalise_time("8:05") == "08:05"
    assert normalise_time(" 08:05:59 ") == "08:05"
    assert normalise_time("08：05") == "08:05"
    for bad in ("", "0805", "24:00", "08:60", "上午8点"):
        assert normalise_time(bad) is None
    log = ObservationLog()
    with pytest.raises(InputError):
        log.add("later", "s01", "举手发言")
    with pytest.raises(InputError):
        log.add("08:00", "s01", " ")
    assert len(log) == 0


def test_a_new_behaviour_becomes_a_column_after_the_given_ones() -> None:
    log = ObservationLog(["提问"])
    log.add("09:00", "b", "展示作品")
    log.add("09:01", "a", "提问")
    tally = log.tally(totals=False)
    assert list(tally.columns) == ["提问", "展示作品"] and list(tally.index) == ["a", "b"]
    assert log.behaviour_counts().to_dict() == {"提问": 1, "展示作品": 1}


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
