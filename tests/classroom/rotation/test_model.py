"""B8 device rotation: a hand-made plan, broken devices left out, round-robin fairness, bad input."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.classroom.rotation.tables import FIVE, TWO
from toolkit.classroom.rotation.model import (
    available_devices,
    fairness_report,
    priority_queue,
    rotation_schedule,
    schedule_grid,
    unavailable_devices,
)
from toolkit.errors import InputError
from toolkit.modules import load_sample


def turns(schedule: pd.DataFrame) -> dict[str, int]:
    return schedule["学号"].value_counts().to_dict()


def test_hand_example_five_students_two_devices_three_sessions() -> None:
    # D2 is under repair, so D1 and D3 serve: 3 sessions × 2 devices = 6 turns for 5 students.
    # Queue with priority: s4 (无) first, then s1, s2, s3, s5. Session 1: s4, s1; 2: s2, s3; 3: s5, s4.
    schedule = rotation_schedule(FIVE, TWO, sessions=3, priority_column="家中设备")
    assert schedule.columns.tolist() == ["节次", "设备编号", "学号", "姓名", "家中设备"]
    assert schedule[["节次", "设备编号", "学号"]].values.tolist() == [
        [1, "D1", "s4"],
        [1, "D3", "s1"],
        [2, "D1", "s2"],
        [2, "D3", "s3"],
        [3, "D1", "s5"],
        [3, "D3", "s4"],
    ]
    assert turns(schedule) == {"s4": 2, "s1": 1, "s2": 1, "s3": 1, "s5": 1}
    report = fairness_report(schedule, FIVE)
    assert (report.minimum, report.maximum, report.fair) == (1, 2, True)
    assert report.counts.iloc[0][["学号", "次数"]].tolist() == ["s4", 2]
    grid = schedule_grid(schedule)
    assert grid.columns.tolist() == ["D1", "D3"]
    assert grid.loc[3].tolist() == ["戊", "丁"]


def test_without_priority_the_queue_goes_by_student_id() -> None:
    schedule = rotation_schedule(FIVE, TWO, sessions=3)
    assert turns(schedule) == {"s1": 2, "s2": 1, "s3": 1, "s4": 1, "s5": 1}
    assert "家中设备" not in schedule.columns


def test_no_device_comes_before_a_phone_only() -> None:
    students = pd.DataFrame(
        {"学号": ["a", "b", "c", "d"], "姓名": list("甲乙丙丁"), "家中设备": ["电脑", "手机", "无", "手机"]}
    )
    queue = priority_queue(students, priority_column="家中设备")
    assert queue["学号"].tolist() == ["c", "b", "d", "a"]
    custom = priority_queue(students, priority_column="家中设备", priority_values=("手机",))
    assert custom["学号"].tolist() == ["b", "d", "a", "c"]


def test_the_broken_tablet_in_the_sample_is_left_out() -> None:
    students = load_sample("class_7a_students.csv")
    devices = load_sample("devices.csv")
    assert devices.loc[devices["设备编号"] == "PAD-09", "状态"].item() == "维修中"
    assert len(available_devices(devices)) == 13
    schedule = rotation_schedule(students, devices, sessions=5, priority_column="家中设备")
    assert "PAD-09" not in set(schedule["设备编号"])
    assert schedule.groupby("节次").size().tolist() == [13] * 5
    # 65 turns for 42 students: 23 get two, 19 get one; all 14 with 无 or 手机 at home get two.
    report = fairness_report(schedule, students)
    assert (report.minimum, report.maximum) == (1, 2)
    assert report.distribution()["人数"].to_dict() == {2: 23, 1: 19}
    needy = report.counts[report.counts["家中设备"].isin(["无", "手机"])]
    assert len(needy) == 14 and (needy["次数"] == 2).all()


@pytest.mark.parametrize("sessions", [1, 2, 3, 4, 7, 10, 20])
@pytest.mark.parametrize("priority", [None, "家中设备"])
def test_nobody_twice_in_a_session_and_turns_differ_by_at_most_one(
    sessions: int, priority: str | None
) -> None:
    students = load_sample("class_7a_students.csv")
    schedule = rotation_schedule(
        students, load_sample("devices.csv"), sessions=sessions, priority_column=priority
    )
    assert schedule.groupby("节次")["学号"].apply(lambda ids: ids.is_unique).all()
    assert schedule.groupby("节次")["设备编号"].apply(lambda ids: ids.is_unique).all()
    report = fairness_report(schedule, students)
    assert report.maximum - report.minimum <= 1
    assert report.counts["次数"].sum() == 13 * sessions
    assert rotation_schedule(
        students, load_sample("devices.csv"), sessions=sessions, priority_column=priority
    ).equals(schedule)


def test_more_devices_than_students_gives_everyone_a_device_every_session() -> None:
    devices = pd.DataFrame({"设备编号": [f"P{n}" for n in range(8)], "状态": "可用"})
    schedule = rotation_schedule(FIVE, devices, sessions=2)
    assert schedule.groupby("节次").size().tolist() == [5, 5]
    assert set(turns(schedule).values()) == {2}
    assert schedule_grid(schedule).columns.tolist() == ["P0", "P1", "P2", "P3", "P4"]


def test_fairness_report_counts_students_without_a_turn() -> None:
    schedule = rotation_schedule(FIVE, TWO, sessions=1)
    report = fairness_report(schedule, FIVE)
    assert report.counts["次数"].tolist() == [1, 1, 0, 0, 0]
    assert (report.minimum, report.maximum) == (0, 1)
    assert fairness_report(schedule).counts["学号"].tolist() == ["s1", "s2"]


def test_bad_input_names_the_column() -> None:
    with pytest.raises(InputError) as no_status:
        rotation_schedule(FIVE, TWO.drop(columns="状态"), sessions=1)
    assert no_status.value.column == "状态" and "状态" in str(no_status.value)
    with pytest.raises(InputError) as no_name:
        rotation_schedule(FIVE.drop(columns="姓名"), TWO, sessions=1)
    assert no_name.value.column == "姓名"
    with pytest.raises(InputError) as no_priority:
        rotation_schedule(FIVE, TWO, sessions=1, priority_column="家庭设备")
    assert no_priority.value.column == "家庭设备"
    with pytest.raises(InputError) as none_usable:
        rotation_schedule(FIVE, TWO.assign(状态="维修中"), sessions=1)
    assert none_usable.value.column == "状态"
    with pytest.raises(InputError) as twice:
        rotation_schedule(FIVE.assign(学号=["s1", "s2", "s1", "s4", "s5"]), TWO, sessions=1)
    assert twice.value.row == 4 and twice.value.column == "学号"
    with pytest.raises(InputError):
        rotation_schedule(FIVE, TWO, sessions=0)


def test_devices_in_and_out_of_the_rotation() -> None:
    devices = TWO.assign(状态=[" 可用", "维修中", "借出"])
    assert available_devices(devices)["设备编号"].tolist() == ["D1"]  # spaces around 可用 are ignored
    assert unavailable_devices(devices)["设备编号"].tolist() == ["D2", "D3"]
    with pytest.raises(InputError) as caught:
        unavailable_devices(TWO.drop(columns="状态"))
    assert caught.value.column == "状态"


def test_an_empty_class_list_is_an_input_error() -> None:
    with pytest.raises(InputError, match="名单中没有学生"):
        rotation_schedule(FIVE.iloc[0:0], TWO, sessions=1)
