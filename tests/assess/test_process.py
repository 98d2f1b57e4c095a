"""Process measures, the six learning scenarios and the lesson-study cycle, worked out by hand
under the shipped digital-learning-2022 scheme."""

from __future__ import annotations

from pathlib import Path

from toolkit.assess.process import lesson_cycles, process_measures
from toolkit.ledger import read_ledger
from toolkit.scheme import load_scheme

SCHEME = load_scheme("digital-learning-2022")
LEDGER = """工号,活动编号,类型,分钟,日期,佐证,课例
T1,c1,课程学习,45,2026-03-01,,
T1,c2,课程学习,30,2026-03-02,,
T1,e1,专家讲座,90,2026-03-05,,
T1,n1,学习笔记,,2026-03-02,,
T1,n2,学习笔记,,2026-03-06,,
T1,r1,实践反思,,2026-03-20,,
T1,p1,备课,,2026-03-10,,《圆的面积》
T1,p2,磨课,,2026-03-12,,《圆的面积》
T1,p3,听评课,,2026-03-15,评价清单.xlsx,《圆的面积》
T1,p4,修改课例,,2026-03-18,,《圆的面积》
T1,q1,备课,,2026-04-01,,《比例》
T1,q2,听评课,,2026-04-03,,《比例》
T2,v1,虚拟教研活动,,2026-03-03,,
T2,m1,名师工作室活动,,2026-03-04,,
T2,k1,教学论文,,2026-03-30,,
T2,s1,磨课,,2026-03-09,,《春》
T2,s2,备课,,2026-03-11,,《春》
"""


def ledger(tmp_path: Path) -> object:
    path = tmp_path / "记录.csv"
    path.write_text(LEDGER, encoding="utf-8")
    return read_ledger(path, SCHEME)


def test_process_measures_and_scenarios_per_teacher(tmp_path: Path) -> None:
    frame = process_measures(ledger(tmp_path), people=["T1", "T2", "T3"]).set_index("teacher_id")  # type: ignore[arg-type]
    # T1: study time 45 + 30 + 90 = 165 minutes; discussions: one 磨课; notes 2; cases: one 修改课例;
    # reflections 1; papers 0.
    measures = ["study_time", "discussions", "notes", "cases", "reflections", "papers"]
    assert frame.loc["T1", measures].tolist() == [165, 1, 2, 1, 1, 0]
    # Scenarios: 课例研磨 6 rows, 课程学习 4 (two courses, two notes), 专家交流 1.
    assert frame.loc["T1", "scenario:lesson_study"] == 6
    assert frame.loc["T1", "scenario:course_study"] == 4
    assert frame.loc["T1", "scenario:expert_exchange"] == 1
    # T2: discussions = 虚拟教研 + 名师工作室 + 磨课 = 3; one paper; 虚拟教研 and 名师引领 one each.
    assert (frame.loc["T2", "discussions"], frame.loc["T2", "papers"]) == (3, 1)
    assert (frame.loc["T2", "scenario:virtual_research"], frame.loc["T2", "scenario:mentoring"]) == (1, 1)
    assert frame.loc["T3"].sum() == 0  # in the roster, nothing recorded


def test_the_lesson_study_cycle_is_tracked_per_lesson(tmp_path: Path) -> None:
    cycles = {(c.teacher_id, c.lesson): c for c in lesson_cycles(ledger(tmp_path))}  # type: ignore[arg-type]
    done = cycles[("T1", "《圆的面积》")]
    assert done.done == ("备课", "磨课", "听评课", "修改课例") and done.next_stage is None
    assert done.in_order and done.evidence_missing == ()
    # 听评课 without 磨课 first, and without the checklist.
    skipped = cycles[("T1", "《比例》")]
    assert skipped.done == ("备课", "听评课") and skipped.next_stage == "磨课"
    assert not skipped.in_order and skipped.evidence_missing == ("听评课",)
    # 磨课 dated before 备课.
    backwards = cycles[("T2", "《春》")]
    assert backwards.done == ("备课", "磨课") and backwards.next_stage == "听评课" and not backwards.in_order
