"""A12 observation log: records, times, the tally, the course's CSV format and its errors."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.observation.model import (
    DEFAULT_BEHAVIOURS,
    ObservationLog,
    current_time,
    export_log,
    normalise_time,
)
from toolkit.errors import InputError
from toolkit.modules import load_sample, sample_path
from toolkit.work.progress import module_progress


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


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


def test_the_tally_counts_per_student_and_behaviour_with_totals() -> None:
    log = ObservationLog()
    log.add("08:01", "s01", "举手发言")
    log.add("08:03", "s01", "回答正确")
    log.add("08:03", "s02", "举手发言")
    tally = log.tally(students=["s01", "s02", "s03"])
    assert list(tally.columns) == [*DEFAULT_BEHAVIOURS, "合计"]
    assert list(tally.index) == ["s01", "s02", "s03", "合计"]
    assert tally.loc["s01"].tolist() == [1, 1, 0, 0, 2]
    assert tally.loc["s03"].tolist() == [0, 0, 0, 0, 0]
    assert tally.loc["合计"].tolist() == [2, 1, 0, 0, 3]
    assert log.undo() is not None and len(log) == 2
    assert log.behaviour_counts().tolist() == [1, 1, 0, 0]


def test_the_log_round_trips_through_its_saved_form() -> None:
    log = ObservationLog(["提问"])
    log.add("9:05", "b", "展示作品")
    again = ObservationLog.from_dict(log.to_dict())
    assert again.records == log.records and again.behaviours == ["提问", "展示作品"]
    assert ObservationLog.from_dict({}).behaviours == list(DEFAULT_BEHAVIOURS)


def test_export_writes_the_course_format_and_records_the_output(tmp_path: Path) -> None:
    log = ObservationLog()
    log.add("08:02", "s02", "举手发言")
    path = export_log(log, "A12")
    assert path == tmp_path / "outputs" / "A12_observation.csv"
    assert path.read_text(encoding="utf-8-sig") == "时间,学号,行为\n08:02,s02,举手发言\n"
    assert module_progress("A12").outputs == 1


def test_the_clock_gives_hours_and_minutes() -> None:
    assert re.fullmatch(r"\d{2}:\d{2}", current_time())
    assert normalise_time(current_time()) == current_time()
