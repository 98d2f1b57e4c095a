"""One message catalogue for every teacher- and trainer-facing string.

Simplified Chinese is the default; English is chosen with ``--lang en`` on the
command line, ``set_language("en")`` in Python, or ``WORKSHOP_LANG=en``.
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")
ENV_VAR = "WORKSHOP_LANG"

_chosen: str | None = None


def normalise_language(value: str) -> str:
    """Map ``zh_CN``, ``zh-CN``, ``en_US.UTF-8`` and the like to a catalogue language."""
    code = value.strip().lower().replace("_", "-").split(".")[0]
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en"):
        return "en"
    raise ValueError(f"unsupported language {value!r}; choose one of {', '.join(LANGUAGES)}")


def set_language(language: str | None) -> None:
    """Fix the language for this process (``None`` returns to the environment default)."""
    global _chosen
    _chosen = normalise_language(language) if language else None


def current_language() -> str:
    if _chosen:
        return _chosen
    from_env = os.environ.get(ENV_VAR, "")
    try:
        return normalise_language(from_env) if from_env else "zh"
    except ValueError:
        return "zh"


def add_messages(messages: dict[str, dict[str, str]]) -> None:
    """Let a widget module contribute its own section of the catalogue (keys must be new)."""
    for key, entry in messages.items():
        if key in MESSAGES:
            raise ValueError(f"message key {key!r} is already defined")
        if set(entry) != set(LANGUAGES):
            raise ValueError(f"message {key!r} needs exactly the languages {LANGUAGES}")
    MESSAGES.update(messages)


def t(key: str, **values: object) -> str:
    """The message ``key`` in the current language, formatted with ``values``."""
    entry = MESSAGES[key]
    return entry[current_language()].format(**values)


MESSAGES: dict[str, dict[str, str]] = {
    # Locating a problem in a file
    "where.file": {"zh": "文件 {file}", "en": "file {file}"},
    "where.row": {"zh": "第 {row} 行", "en": "row {row}"},
    "where.column": {"zh": "“{column}”列", "en": "column '{column}'"},
    "where.join": {"zh": "，", "en": ", "},
    "where.sep": {"zh": "：", "en": ": "},
    "error.prefix": {"zh": "错误", "en": "Error"},
    "error.internal": {
        "zh": "内部错误（这不是您的输入问题，请把下面的信息报告给维护者）：{detail}",
        "en": "Internal error (not a problem with your input; please report this): {detail}",
    },
    # Tables (rosters, ledgers)
    "table.missing": {"zh": "找不到文件", "en": "file not found"},
    "table.not_a_file": {"zh": "这不是一个文件", "en": "not a regular file"},
    "table.unknown_format": {
        "zh": "不支持的文件类型“{suffix}”，请使用 .csv、.xlsx 或 .xls",
        "en": "unsupported file type '{suffix}'; use .csv, .xlsx or .xls",
    },
    "table.unreadable": {
        "zh": "无法读取文件（{reason}）。请确认它是未损坏的 {kind} 文件",
        "en": "cannot read the file ({reason}); check that it is an intact {kind} file",
    },
    "table.encoding": {
        "zh": "无法识别文本编码：既不是 UTF-8 也不是 GBK/GB18030。请用 Excel 或 WPS 另存为“CSV UTF-8”",
        "en": "unknown text encoding: neither UTF-8 nor GBK/GB18030; save it as 'CSV UTF-8'",
    },
    "table.empty": {
        "zh": "文件是空的：没有表头，也没有数据",
        "en": "the file is empty: no header and no data",
    },
    "table.no_rows": {
        "zh": "只有表头，没有任何数据行",
        "en": "the file has a header but no data rows",
    },
    "table.missing_column": {
        "zh": "缺少必需的列“{column}”（可用的列名：{accepted}）。文件中的列：{found}",
        "en": "required column '{column}' is missing (accepted names: {accepted}); found: {found}",
    },
    "table.duplicate_column": {
        "zh": "列“{column}”出现了两次（第 {first} 列和第 {second} 列）",
        "en": "column '{column}' appears twice (columns {first} and {second})",
    },
    "table.blank_required": {
        "zh": "必填项为空",
        "en": "a required value is blank",
    },
    # Rosters
    "roster.duplicate_id": {
        "zh": "工号“{teacher_id}”重复，第 {first_row} 行已经出现过",
        "en": "teacher ID '{teacher_id}' is a duplicate of row {first_row}",
    },
    "roster.unknown_role": {
        "zh": "未知角色“{value}”，应为：教师、坊主、管理员（或 teacher、leader、admin）",
        "en": "unknown role '{value}'; use 教师/teacher, 坊主/leader or 管理员/admin",
    },
    "roster.bad_id": {
        "zh": "工号“{value}”含有不允许的字符：只能使用字母、数字、“-”和“_”",
        "en": "teacher ID '{value}' has characters that are not allowed: use letters, digits, - and _",
    },
    "roster.summary": {
        "zh": "名单 {file}：共 {count} 名教师",
        "en": "Roster {file}: {count} teachers",
    },
    "roster.by_school": {"zh": "按学校：", "en": "By school:"},
    "roster.by_role": {"zh": "按角色：", "en": "By role:"},
    "roster.no_school": {"zh": "（未填学校）", "en": "(no school)"},
    "role.teacher": {"zh": "教师", "en": "teacher"},
    "role.leader": {"zh": "坊主", "en": "workshop leader"},
    "role.admin": {"zh": "管理员", "en": "administrator"},
    # Catalogue
    "catalogue.invalid": {
        "zh": "能力点目录 {file} 有误：{problem}",
        "en": "point catalogue {file} is invalid: {problem}",
    },
    "catalogue.bad_environment": {
        "zh": "未知的教学环境“{value}”，应为 A（多媒体）、B（混合）或 C（智慧）",
        "en": "unknown environment '{value}'; use A (multimedia), B (hybrid) or C (smart)",
    },
    "points.header": {
        "zh": "{count} 个微能力点（环境 {environment}）",
        "en": "{count} micro-competency points (environment {environment})",
    },
    # Course
    "init.created": {
        "zh": "已创建课程 {course}：{added} 名教师加入成绩库",
        "en": "Created course {course}: {added} teachers added to the gradebook",
    },
    "init.updated": {
        "zh": "已更新课程 {course}：新增 {added} 人，更新 {updated} 人，{kept} 人不在新名单中，已保留并标记为停用",
        "en": "Updated course {course}: {added} added, {updated} updated, {kept} not in the new roster kept as inactive",
    },
    "init.assignments": {
        "zh": "作业源文件：新复制 {copied} 个，已存在保持不变 {kept} 个",
        "en": "Source assignments: {copied} copied, {kept} already present and left unchanged",
    },
    "init.bad_db": {
        "zh": "无法连接数据库 {url}：{reason}",
        "en": "cannot use database {url}: {reason}",
    },
    "init.not_a_course": {
        "zh": "{course} 不是由 workshop init 创建的课程目录（缺少 nbgrader_config.py 或课程数据表）",
        "en": "{course} is not a course made by 'workshop init' (no nbgrader_config.py or course tables)",
    },
    # nbgrader steps
    "nbgrader.failed": {
        "zh": "nbgrader {command} 失败（退出码 {code}）：{tail}",
        "en": "nbgrader {command} failed (exit {code}): {tail}",
    },
    # Demo
    "demo.step.roster": {"zh": "生成示例名单", "en": "Making a sample roster"},
    "demo.step.init": {"zh": "创建课程", "en": "Creating the course"},
    "demo.step.generate": {"zh": "生成并发布作业", "en": "Generating and releasing"},
    "demo.step.submit": {"zh": "模拟教师提交", "en": "Simulating submissions"},
    "demo.step.autograde": {"zh": "自动评分与量规评分", "en": "Autograding and rubric grading"},
    "demo.step.ledger": {
        "zh": "生成反馈，导入研修记录并导出报告",
        "en": "Feedback, the research ledger and the report",
    },
    "demo.step.plans": {"zh": "提交研修计划和能力点证据", "en": "Submitting plans and point evidence"},
    "demo.plain_autograde": {
        "zh": "评分沙箱不可用（{reason}），改用 nbgrader autograde 逐份评分，会慢一些",
        "en": "The grading sandbox is not available ({reason}); using nbgrader autograde one by one, which is slower",
    },
    "demo.took": {"zh": "演示课程用时 {seconds:.0f} 秒", "en": "The demo course took {seconds:.0f} s"},
    "demo.hub_people": {
        "zh": "在研修坊中体验：以教师身份用工号 {teacher} 登录（尚未提交自测，可以完整地作答和提交）；以坊主身份用工号 {leader} 登录（评分与仪表盘）。第一次登录时输入的密码（至少 6 位）就是该账户的密码。",
        "en": "Try the workshop: log in as teacher {teacher} (has not submitted the self-test yet) and as leader {leader} (grading and dashboards). The password typed at an account's first login (6+ characters) becomes its password.",
    },
    "demo.done": {
        "zh": "演示课程已就绪：{course}（{teachers} 名教师，{graded} 份自测已评分，平均 {mean:.1f} / {max:.0f} 分）",
        "en": "Demo course ready: {course} ({teachers} teachers, {graded} self-tests graded, mean {mean:.1f} / {max:.0f})",
    },
    "demo.exists": {
        "zh": "{course} 已存在且不是空目录；请换一个目录，或删除后重试（演示不会覆盖已有文件）",
        "en": "{course} exists and is not empty; choose another folder (the demo never overwrites files)",
    },
    "demo.teachers": {
        "zh": "教师人数必须在 1 到 {max} 之间",
        "en": "the number of teachers must be between 1 and {max}",
    },
    # Dashboard
    "dashboard.serving": {
        "zh": "仪表盘地址：{url}  （按 Ctrl+C 停止）",
        "en": "Dashboard at {url}  (Ctrl+C to stop)",
    },
    "dashboard.serving_page": {"zh": "  {page}：{url}", "en": "  {page}: {url}"},
    "dashboard.log": {"zh": "服务器日志：{path}", "en": "Server log: {path}"},
    "dashboard.ready": {
        "zh": "仪表盘已可打开（用时 {seconds:.0f} 秒）",
        "en": "The dashboard is being served ({seconds:.0f} s)",
    },
    "dashboard.title": {"zh": "研修坊总览", "en": "Workshop overview"},
    "dashboard.course": {"zh": "课程目录：{course}", "en": "Course: {course}"},
    "dashboard.school": {"zh": "学校", "en": "School"},
    "dashboard.group": {"zh": "教研组", "en": "Group"},
    "dashboard.all": {"zh": "全部", "en": "All"},
    "dashboard.cohort": {"zh": "参训教师", "en": "Teachers"},
    "dashboard.submitted": {"zh": "已提交", "en": "Submitted"},
    "dashboard.graded": {"zh": "已评分", "en": "Graded"},
    "dashboard.mean": {"zh": "平均分", "en": "Mean score"},
    "dashboard.assignment": {"zh": "作业", "en": "Assignment"},
    "dashboard.submissions": {"zh": "各作业提交情况", "en": "Submissions per assignment"},
    "dashboard.distribution": {"zh": "{assignment} 得分分布", "en": "{assignment} score distribution"},
    "dashboard.score": {"zh": "得分", "en": "Score"},
    "dashboard.count": {"zh": "人数", "en": "Teachers"},
    "dashboard.heatmap": {
        "zh": "各能力点正确率（自测诊断）",
        "en": "Correct rate per point (self-test)",
    },
    "dashboard.point": {"zh": "能力点", "en": "Point"},
    "dashboard.no_data": {
        "zh": "暂无已评分的提交。先运行 nbgrader autograde（或 workshop demo）。",
        "en": "No graded submissions yet. Run nbgrader autograde (or workshop demo) first.",
    },
    "dashboard.no_course": {
        "zh": "没有指定课程目录：请用 workshop dashboard 课程目录 启动，或设置 WORKSHOP_COURSE_DIR",
        "en": "No course folder given: start with 'workshop dashboard COURSE_DIR' or set WORKSHOP_COURSE_DIR",
    },
    "font.missing": {
        "zh": "没有找到中文字体，图中的中文会显示为方框。请安装一种中文字体，例如 Debian/Ubuntu："
        "sudo apt-get install fonts-noto-cjk（或 fonts-wqy-microhei），然后重启内核",
        "en": "No CJK font found; Chinese text in plots will show as boxes. Install one, e.g. "
        "'sudo apt-get install fonts-noto-cjk' (or fonts-wqy-microhei), then restart the kernel",
    },
    # Quiz widgets
    "quiz.saved": {"zh": "已保存", "en": "Saved"},
    "quiz.not_answered": {"zh": "未作答", "en": "Not answered"},
    "quiz.progress": {
        "zh": "已作答 {answered} / {total} 题",
        "en": "{answered} of {total} answered",
    },
    "quiz.number_hint": {"zh": "填一个数", "en": "type a number"},
    "quiz.not_a_number": {
        "zh": "这不是一个数，请只填数字（可带小数点）",
        "en": "this is not a number; type digits only (a decimal point is fine)",
    },
    "quiz.order_hint": {
        "zh": "为每一项选择它的顺序（1 表示最先）",
        "en": "Give each step its position (1 comes first)",
    },
    "quiz.order_duplicate": {
        "zh": "有两项选了同一个位置，请调整",
        "en": "Two steps share a position; please fix",
    },
    "quiz.store_corrupt": {
        "zh": "答案文件 {file} 已损坏，已改名为 {backup} 保存，从空白重新开始",
        "en": "Answer file {file} was damaged; kept as {backup}, starting blank",
    },
    # Module pages
    "module.dimension": {"zh": "维度", "en": "Dimension"},
    "module.environment": {"zh": "环境", "en": "Environment"},
    "module.minutes": {"zh": "预计用时 {minutes} 分钟", "en": "about {minutes} minutes"},
    "module.visits": {"zh": "这是您第 {count} 次打开本模块", "en": "visit number {count}"},
    "module.selfcheck_best": {
        "zh": "自我检测最好成绩 {correct}/{total}",
        "en": "best self-check {correct}/{total}",
    },
    "module.selfcheck_none": {"zh": "尚未完成自我检测", "en": "self-check not done yet"},
    # Self-checks
    "selfcheck.title": {"zh": "自我检测", "en": "Self-check"},
    "selfcheck.multiple": {"zh": "多选", "en": "choose all that apply"},
    "selfcheck.check": {"zh": "核对答案", "en": "Check answers"},
    "selfcheck.right": {"zh": "正确。", "en": "Right."},
    "selfcheck.wrong": {"zh": "不对，参考答案 {answer}。", "en": "Not quite; the answer is {answer}."},
    "selfcheck.unanswered": {
        "zh": "第 {numbers} 题还没有作答。全部作答后再核对，参考答案和解析会在核对后显示。",
        "en": "Question {numbers} still unanswered. Answer them all, then check: keys and explanations follow.",
    },
    "selfcheck.summary": {
        "zh": "答对 {correct} / {total} 题。结果已记入您的学习进度。",
        "en": "{correct} of {total} right. Saved to your progress.",
    },
    # Design forms
    "form.required": {"zh": "“{label}”还没有填写", "en": "'{label}' is still empty"},
    "form.out_of_range": {"zh": "数值超出建议范围", "en": "outside the advised range"},
    "form.blank": {"zh": "（未填写）", "en": "(empty)"},
    "form.check": {"zh": "检查并预览", "en": "Check and preview"},
    "form.export": {"zh": "导出文档", "en": "Export document"},
    "form.point": {"zh": "微能力点", "en": "Competency point"},
    "form.advice": {"zh": "还可以完善：", "en": "Worth improving:"},
    "form.complete": {"zh": "各项已填写完整。", "en": "Every field is filled in."},
    "form.exported": {
        "zh": "已导出到 outputs/{md}（Markdown）和 outputs/{doc}（可用 Word/WPS 打开）",
        "en": "Exported to outputs/{md} (Markdown) and outputs/{doc} (opens in Word/WPS)",
    },
    "reflection.title": {"zh": "学习反思", "en": "Reflection"},
    "reflection.short": {
        "zh": "写得再具体一些（至少 30 字），结合您自己的课堂",
        "en": "say a little more (30 characters or more), about your own classroom",
    },
}
