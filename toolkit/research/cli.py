"""``workshop research COURSE_DIR STEP …``: forwards each step to :class:`ResearchDesk`."""

from __future__ import annotations

import argparse
import sys

from toolkit.research.commands import ResearchDesk


def run_step(args: argparse.Namespace) -> int:
    desk = ResearchDesk(args.course_dir)
    step = args.step
    if step == "status":
        return _status(desk, args.out)
    actions = {
        "theme": lambda: desk.set_theme(args.theme, by=args.by),
        "group": lambda: desk.form_group(args.name, leader=args.leader, members=args.members, by=args.by),
        "group-plan": lambda: desk.upload_group_plan(args.group, args.file, by=args.by),
        "confirm-plan": lambda: desk.confirm_plan(args.group, by=args.by),
        "topic": lambda: desk.open_topic(args.group, args.title, by=args.by),
        "activity": lambda: desk.add_activity(
            args.topic, args.kind, args.title, hours=args.hours, participants=args.participants, by=args.by
        ),
        "done": lambda: desk.complete(args.activity, teacher=args.teacher),
        "evidence": lambda: desk.add_evidence(args.activity, args.files, by=args.by),
        "improvement-plan": lambda: desk.improvement_plan(args.teacher, args.file),
        "summary": lambda: desk.point_summary(args.teacher, args.point, args.file),
        "accept": lambda: desk.accept(by=args.by),
    }
    print(actions[step]())
    return 0


def _status(desk: ResearchDesk, out: str | None) -> int:
    from pathlib import Path

    from openpyxl import Workbook

    from toolkit.atomic import write_atomic
    from toolkit.sheets import write_sheet

    status = desk.status()
    print(desk.summary())
    if out is None:
        print()
        status.groups.to_csv(sys.stdout, index=False)
        print()
        status.teachers.to_csv(sys.stdout, index=False)
        return 0
    book = Workbook()
    book.remove(book.active)
    for name, frame in (("教研组", status.groups), ("教师", status.teachers)):
        write_sheet(book.create_sheet(name), frame, title=f"校本研修完成情况 · {name}")
    write_atomic(Path(out), lambda part: book.save(part))
    print(f"{out}")
    return 0
