"""The ``workshop`` command: parses arguments and calls the same functions notebooks use."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from toolkit import __version__
from toolkit.i18n import set_language, t

_DESCRIPTION = "教师信息技术应用能力提升工程2.0 研修坊工具 · Competency workshop toolkit"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop", description=_DESCRIPTION)
    parser.add_argument("--lang", choices=["zh", "en"], help="界面语言 / message language")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    points = commands.add_parser("points", help="列出微能力点 / list the micro-competency points")
    points.add_argument(
        "--environment",
        choices=["A", "B", "C"],
        help="学校教学环境：A 多媒体，B 混合，C 智慧 / school environment",
    )
    points.add_argument("--json", action="store_true", help="输出 JSON / print JSON")

    roster = commands.add_parser("roster", help="名单工具 / roster tools")
    roster_commands = roster.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    check = roster_commands.add_parser("check", help="检查名单文件 / check a roster file")
    check.add_argument("file", help="CSV、xlsx 或 xls 名单 / roster file")

    init = commands.add_parser("init", help="由名单创建或更新 nbgrader 课程 / create or update a course")
    init.add_argument("course_dir")
    init.add_argument("--roster", required=True, help="名单文件 / roster file")
    init.add_argument(
        "--environment",
        choices=["A", "B", "C"],
        default=None,
        help="学校教学环境（新课程默认 C，再次运行时保留）/ school environment (new: C; kept on re-run)",
    )
    init.add_argument(
        "--scheme",
        default=None,
        help="规则方案（新课程默认 default，再次运行时保留原方案）/ programme scheme (kept on re-run)",
    )
    init.add_argument(
        "--db", dest="db_url", default=None, help="成绩库地址，默认课程目录内的 SQLite / database URL"
    )

    grade = commands.add_parser("grade", help="隔离并行地自动评分 / autograde, isolated and in parallel")
    grade.add_argument("course_dir")
    grade.add_argument(
        "assignments", nargs="+", metavar="assignment", help="一个或多个作业 / one or more assignments"
    )
    grade.add_argument("--workers", type=int, default=None, help="并行进程数 / parallel workers")
    grade.add_argument(
        "--teacher", action="append", default=[], help="只重评这位教师（可重复）/ regrade only this teacher"
    )
    grade.add_argument("--force", action="store_true", help="全部重评 / regrade everyone")

    ledger = commands.add_parser("ledger", help="研修记录工具 / research ledger tools")
    ledger_commands = ledger.add_subparsers(dest="ledger_command", required=True, metavar="ACTION")
    load = ledger_commands.add_parser("import", help="把研修记录导入课程 / import a ledger into a course")
    load.add_argument("course_dir")
    load.add_argument("file", help="研修记录：CSV、xlsx 或 xls / research ledger")
    load.add_argument(
        "--kinds", default=None, help="类型对照表：平台类型→方案类型 / platform kind names to the scheme's"
    )

    hours = commands.add_parser("hours", help="按方案统计研修学时 / research hours under a scheme")
    hours.add_argument("ledger", help="研修记录：CSV、xlsx 或 xls / research ledger")
    hours.add_argument("--scheme", required=True, help="规则方案，如 guangdong-2021 / scheme")
    hours.add_argument("--out", default=None, help="输出 .csv 或 .xlsx（默认打印）/ output file")
    hours.add_argument(
        "--kinds", default=None, help="类型对照表：平台类型→方案类型 / platform kind names to the scheme's"
    )

    assess = commands.add_parser("assess", help="按方案计算角色得分与合格率 / role scores and pass rates")
    assess.add_argument("ledger", help="研修记录：CSV、xlsx 或 xls / research ledger")
    assess.add_argument("--scheme", required=True, help="规则方案，如 hefei-2021 / scheme")
    assess.add_argument("--roster", required=True, help="名单文件 / roster file")
    assess.add_argument("--out", default=None, help="个人得分 .csv 或 .xlsx（默认打印）/ people")
    assess.add_argument("--school-out", default=None, help="各校合格率 .csv 或 .xlsx / schools")
    assess.add_argument(
        "--kinds", default=None, help="类型对照表：平台类型→方案类型 / platform kind names to the scheme's"
    )

    research = commands.add_parser("research", help="校本研修流程 / the school-based research flow")
    research.add_argument("course_dir")
    steps = research.add_subparsers(dest="step", required=True, metavar="STEP")
    step = steps.add_parser("theme", help="学校确定校本研修主题 / the school's theme")
    step.add_argument("theme")
    step = steps.add_parser("group", help="创建教研组并指派组长 / form a group with its leader")
    step.add_argument("name")
    step.add_argument("--leader", required=True)
    step.add_argument("--members", nargs="+", default=[], help="组员工号（默认取名单中的教研组）/ members")
    step = steps.add_parser("group-plan", help="组长上传教研组研修计划 / the leader uploads the plan")
    step.add_argument("group")
    step.add_argument("file")
    step = steps.add_parser("confirm-plan", help="学校确认教研组研修计划 / the school confirms a plan")
    step.add_argument("group")
    step = steps.add_parser("topic", help="组长建立研修专题 / the leader opens a topic")
    step.add_argument("group")
    step.add_argument("title")
    step = steps.add_parser("activity", help="在专题下设置研修活动 / an activity under a topic")
    step.add_argument("topic")
    step.add_argument("kind", help="教学研讨、研修作业、听课评课或线下活动 / activity kind")
    step.add_argument("title")
    step.add_argument("--hours", type=float, default=None, help="线下活动的学时 / offline hours")
    step.add_argument("--participants", nargs="+", default=[], help="线下活动指定的组员 / participants")
    step = steps.add_parser("done", help="组员完成线上活动 / a member completes an online activity")
    step.add_argument("activity")
    step.add_argument("teacher")
    step = steps.add_parser("evidence", help="组长上传线下活动佐证 / the leader uploads evidence")
    step.add_argument("activity")
    step.add_argument("files", nargs="+")
    step = steps.add_parser("improvement-plan", help="教师上传提升计划 / a teacher's improvement plan")
    step.add_argument("teacher")
    step.add_argument("file")
    step = steps.add_parser("summary", help="教师上传能力点提升总结 / a teacher's point summary")
    step.add_argument("teacher")
    step.add_argument("point")
    step.add_argument("file")
    steps.add_parser("accept", help="整校验收通过，登记学时 / the school's acceptance")
    step = steps.add_parser("status", help="各教研组完成情况 / what each group has and lacks")
    step.add_argument("--out", default=None, help="写入 .xlsx（教研组、教师两表）/ workbook")
    for name in ("theme", "group", "group-plan", "confirm-plan", "topic", "activity", "evidence", "accept"):
        steps.choices[name].add_argument("--by", required=True, help="操作人工号 / who does this step")

    lesson = commands.add_parser("lesson", help="课堂多方评价 / lesson evaluation by every party")
    lesson.add_argument("course_dir")
    lesson.add_argument("--standard", default=None, help="评价标准（默认 smart-classroom）/ the standard")
    lesson_steps = lesson.add_subparsers(dest="lesson_step", required=True, metavar="STEP")
    step = lesson_steps.add_parser("form", help="打印的评价表（.docx）或录入表（.xlsx）/ a form to hand out")
    step.add_argument("--lesson", required=True)
    step.add_argument("--teacher", required=True, help="执教教师工号 / the teacher's ID")
    step.add_argument("--party", default=None, help="评价方：teacher、peer、student、parent / party")
    step.add_argument("--out", required=True)
    step = lesson_steps.add_parser("import", help="导入评价（csv/xlsx）/ import ratings")
    step.add_argument("file")
    step = lesson_steps.add_parser("show", help="每节课例的各方评分与一致性 / each lesson's figures")
    step.add_argument("--teacher", default=None)

    scope = commands.add_parser("scope", help="查看或选择课程范围（能力点）/ show or choose the course scope")
    scope.add_argument("course_dir")
    chosen = scope.add_mutually_exclusive_group()
    chosen.add_argument(
        "--points", nargs="+", default=None, help="开设的能力点，如 A1,A3,B2 / the points offered"
    )
    chosen.add_argument("--all", action="store_true", help="开设教学环境允许的全部能力点 / every point")

    report = commands.add_parser("report", help="导出课程报告 xlsx / export the course report")
    report.add_argument("course_dir")
    report.add_argument(
        "--out", required=True, help="报告：.xlsx（课程报表）或 .docx（发展报告）/ report file"
    )
    whose = report.add_mutually_exclusive_group()
    whose.add_argument(
        "--teacher", default=None, help="这位教师的发展报告 .docx / a teacher's development report"
    )
    whose.add_argument(
        "--school", default=None, help="这所学校的发展报告 .docx / a school's development report"
    )

    dashboard = commands.add_parser("dashboard", help="用 Voila 提供仪表盘 / serve the dashboard")
    dashboard.add_argument("course_dir")
    dashboard.add_argument("--port", type=int, default=None)
    dashboard.add_argument(
        "--static", default=None, metavar="OUT_DIR", help="导出只读的静态 HTML / write static HTML"
    )

    hub = commands.add_parser("hub", help="运行课程的 JupyterHub / run the course's JupyterHub")
    hub.add_argument("course_dir")
    hub.add_argument("--port", type=int, default=None, help="公开端口（默认 8000）/ public port")
    hub.add_argument("--ip", default=None, help="监听地址（默认 127.0.0.1）/ address to listen on")

    case = commands.add_parser("case", help="研修案例：新建、检查、打包、区级汇总 / teacher-research cases")
    case_commands = case.add_subparsers(dest="case_command", required=True, metavar="ACTION")
    call_help = "征集规则（默认 shanghai-2024）或其 .yaml 文件 / the case call"
    case_new = case_commands.add_parser("new", help="新建案例文件夹 / start a case folder")
    case_new.add_argument("case_dir")
    case_new.add_argument(
        "--type", dest="case_type", default=None, help="案例类型：regional 区域、school 校本、studio 工作室"
    )
    case_check = case_commands.add_parser("check", help="按征集要求检查案例 / check a case")
    case_check.add_argument("case_dir", help="案例文件夹或 .zip / case folder or package")
    case_pack = case_commands.add_parser("pack", help="检查并打包为 <第一作者>.zip / check and pack")
    case_pack.add_argument("case_dir")
    case_pack.add_argument("--out", required=True, help="压缩包保存的文件夹 / output folder")
    case_district = case_commands.add_parser("district", help="检查区级报送的全部案例 / check a district set")
    case_district.add_argument("folder", help="放各校案例（文件夹或 .zip）的文件夹 / district folder")
    case_district.add_argument("--out", default=None, help="案例清单 .xlsx / the list as a workbook")
    case_district.add_argument(
        "--studios", default=None, help="工作室登记表（默认文件夹中的 工作室登记.xlsx）/ studio register"
    )
    case_review = case_commands.add_parser("review", help="记录初评结论 / record a first review")
    case_review.add_argument("folder", help="区级文件夹 / district folder")
    case_review.add_argument("case", help="文件夹中的案例（文件夹名或 .zip 名）/ the case's name there")
    verdict = case_review.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--passed", action="store_true", help="初评通过 / passed")
    verdict.add_argument(
        "--disqualified", metavar="REASON", default=None, help="取消资格及原因 / disqualified, and why"
    )
    case_review.add_argument("--note", default="", help="说明 / a note")
    case_review.add_argument("--reviewer", default=None, help="初评人姓名（默认当前用户）/ reviewer")
    for sub in (case_new, case_check, case_pack, case_district, case_review):
        sub.add_argument("--call", default=None, help=call_help)

    collection = commands.add_parser("collection", help="汇编成果集 / compile the achievement collections")
    collection.add_argument("course_dir")
    collection.add_argument("--out", required=True, help="新的输出文件夹 / a new output folder")
    collection.add_argument(
        "--collections", default=None, help="成果集规则（默认 hefei-2021）/ the collections file"
    )

    demo = commands.add_parser("demo", help="运行完整演示 / run the end-to-end demo")
    demo.add_argument("course_dir", nargs="?", default=None)
    demo.add_argument("--teachers", type=int, default=None, help="教师人数 / number of teachers")
    demo.add_argument("--no-serve", action="store_true", help="不启动仪表盘 / do not serve")
    demo.add_argument(
        "--hub", action="store_true", help="用 JupyterHub 提供研修坊（需 root）/ serve through JupyterHub"
    )
    demo.add_argument("--port", type=int, default=None)
    return parser


def _given(**values: object) -> dict[str, object]:
    """Only the options the user gave, so each default stays defined once, in the function."""
    return {key: value for key, value in values.items() if value is not None}


def _run(args: argparse.Namespace) -> int:
    if args.command == "points":
        from toolkit.catalogue import load_catalogue

        points = load_catalogue().points_for(args.environment)
        if args.json:
            print(json.dumps([p.as_dict() for p in points], ensure_ascii=False, indent=2))
        else:
            print(t("points.header", count=len(points), environment=args.environment or "C"))
            for point in points:
                print(f"  {point.label():<28} {point.dimension.label()}")
        return 0
    if args.command == "roster":
        from toolkit.roster import read_roster, summarise_roster

        print(summarise_roster(read_roster(args.file)))
        return 0
    if args.command == "init":
        from toolkit.course import init_course

        report = init_course(
            args.course_dir,
            roster=args.roster,
            **_given(environment=args.environment, scheme=args.scheme, db_url=args.db_url),
        )
        print(report.message())
        return 0
    if args.command == "grade":
        from toolkit.autograde import grade_assignments

        summaries = grade_assignments(
            args.course_dir,
            args.assignments,
            teachers=args.teacher,
            force=args.force,
            **_given(workers=args.workers),
        )
        print("\n".join(summary.table() for summary in summaries))
        return 0
    if args.command == "ledger":
        from toolkit.ledger.course import import_ledger

        print(import_ledger(args.course_dir, args.file, kinds_file=args.kinds).message())
        return 0
    if args.command == "hours":
        from toolkit.ledger.commands import hours_command

        return hours_command(args.ledger, scheme=args.scheme, out=args.out, kinds=args.kinds)
    if args.command == "assess":
        from toolkit.assess.commands import assess_command

        return assess_command(
            args.ledger,
            scheme=args.scheme,
            roster=args.roster,
            out=args.out,
            school_out=args.school_out,
            kinds=args.kinds,
        )
    if args.command == "research":
        from toolkit.research.cli import run_step

        return run_step(args)
    if args.command == "lesson":
        from toolkit.lesson.commands import show_lessons, write_lesson_form
        from toolkit.lesson.standard import DEFAULT_STANDARD, load_standard
        from toolkit.lesson.store import import_ratings

        standard = load_standard(args.standard or DEFAULT_STANDARD, course_dir=args.course_dir)
        if args.lesson_step == "form":
            print(
                write_lesson_form(
                    standard, lesson=args.lesson, teacher=args.teacher, party=args.party, out=args.out
                )
            )
        elif args.lesson_step == "import":
            print(import_ratings(args.course_dir, args.file, standard).message())
        else:
            print(show_lessons(args.course_dir, standard, teacher=args.teacher))
        return 0
    if args.command == "scope":
        from toolkit.course.scope import course_scope, parse_points, set_scope

        if args.points is None and not args.all:
            print(t("scope.current", scope=course_scope(args.course_dir).label()))
            return 0
        points = None if args.all else parse_points(args.points)
        print(t("scope.set", scope=set_scope(args.course_dir, points).label()))
        return 0
    if args.command == "report":
        if args.teacher is not None or args.school is not None:
            from toolkit.report.development import school_report, teacher_report

            if args.teacher is not None:
                written = teacher_report(args.course_dir, args.teacher, out=args.out)
            else:
                written = school_report(args.course_dir, args.school, out=args.out)
            print(t("development.written", file=written))
            return 0
        from toolkit.report.workbook import report_message, write_report

        print(report_message(write_report(args.course_dir, out=args.out)))
        return 0
    if args.command == "dashboard":
        from toolkit.dashboard import export_static, serve_dashboard

        if args.static is not None:
            print(export_static(args.course_dir, out_dir=args.static).message())
            return 0
        return serve_dashboard(args.course_dir, **_given(port=args.port))
    if args.command == "hub":
        from toolkit.hub import run_hub

        return run_hub(args.course_dir, **_given(port=args.port, ip=args.ip))
    if args.command == "case":
        return _case(args)
    if args.command == "collection":
        from toolkit.collection import compile_collections

        report = compile_collections(
            args.course_dir,
            out=args.out,
            progress=sys.stderr.isatty(),
            **_given(collections=args.collections),
        )
        print(report.message())
        return 0
    if args.command == "demo":
        from toolkit.demo import run_demo

        run_demo(
            **_given(course_dir=args.course_dir, teachers=args.teachers, port=args.port),
            serve=not args.no_serve,
            hub=args.hub,
        )
        return 0
    raise AssertionError(f"unhandled command {args.command}")


def _case(args: argparse.Namespace) -> int:
    from toolkit.case import commands

    if args.case_command == "new":
        return commands.new_command(args.case_dir, case_type=args.case_type, call=args.call)
    if args.case_command == "check":
        return commands.check_command(args.case_dir, call=args.call)
    if args.case_command == "pack":
        return commands.pack_command(args.case_dir, out=args.out, call=args.call)
    if args.case_command == "district":
        return commands.district_command(args.folder, out=args.out, studios=args.studios, call=args.call)
    return commands.review_command(
        args.folder,
        args.case,
        passed=args.passed,
        reason=args.disqualified,
        note=args.note,
        reviewer=args.reviewer,
        call=args.call,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: 0 success, 2 bad input (message, no traceback), 1 internal fault."""
    from toolkit.startup import skip_iri_grammar

    skip_iri_grammar()
    try:
        args = _parser().parse_args(argv)  # --help writes to stdout too
        set_language(args.lang)
        code = _run_reporting(args)
        sys.stdout.flush()  # inside the try: a reader that has gone away is met here, not at exit
        return code
    except BrokenPipeError:
        # `workshop … | head`: the reader has what it wanted. End quietly, and keep Python from
        # complaining again when it flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run_reporting(args: argparse.Namespace) -> int:
    """Run the command; bad input and faults become a message and an exit status."""
    from toolkit.errors import InputError

    try:
        return _run(args)
    except BrokenPipeError:
        raise
    except InputError as error:
        print(f"{t('error.prefix')}: {error.describe()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: say so, exit 1
        print(t("error.internal", detail=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return 1
