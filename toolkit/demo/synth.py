"""Synthetic teachers and their answers, reproducible from a seed."""

from __future__ import annotations

import ast
import csv
import math
import random
from dataclasses import dataclass
from pathlib import Path

import nbformat

from toolkit.grading.cells import widget_call
from toolkit.roster import ROLES, Teacher
from toolkit.work.choices import LETTERS

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红梅鑫斌宇浩凯健俊帆帅旭宁琳雪晨欣怡悦佳慧颖婷倩蕾晶"
)
_SCHOOLS = ("第一实验小学", "城南中学", "阳光小学", "育才初级中学", "红旗九年一贯制学校")
_SUBJECTS = {"小学": ("语文", "数学", "英语", "科学"), "初中": ("语文", "数学", "英语", "物理", "生物")}


def synthetic_roster(count: int, *, seed: int = 2021) -> list[Teacher]:
    """``count`` teachers over several schools and research groups; one leader per school."""
    rng = random.Random(seed)
    schools = _SCHOOLS[: max(2, min(len(_SCHOOLS), math.ceil(count / 6)))]
    teachers, used = [], set()
    for index in range(count):
        school = schools[index % len(schools)]
        stage = "初中" if "中学" in school else "小学"
        subject = rng.choice(_SUBJECTS[stage])
        while True:
            name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.choice((1, 2))))
            if name not in used:
                used.add(name)
                break
        role = "leader" if index < len(schools) else ("admin" if index == len(schools) else "teacher")
        teachers.append(
            Teacher(
                teacher_id=f"T{index + 1:04d}",
                name=name,
                school=school,
                subject=subject,
                stage=stage,
                group=f"{stage}{subject}组",
                role=role,
            )
        )
    return teachers


def write_roster_csv(teachers: list[Teacher], path: Path) -> None:
    headers = ["工号", "姓名", "学校", "学科", "学段", "教研组", "角色"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for p in teachers:
            writer.writerow([p.teacher_id, p.name, p.school, p.subject, p.stage, p.group, ROLES[p.role][0]])


@dataclass(frozen=True)
class ItemKey:
    item_id: str
    kind: str  # single, multiple, ordering, number
    key: object
    letters: tuple[str, ...]


def read_item_keys(source_notebook: Path) -> list[ItemKey]:
    """The answer keys, read from the hidden tests in the trainer's source notebook."""
    notebook = nbformat.read(source_notebook, as_version=4)
    keys = []
    for cell in notebook.cells:
        tags = cell.metadata.get("toolkit", {})
        if "item" not in tags:
            continue
        call = next(
            node
            for node in ast.walk(ast.parse(cell.source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("score_")
        )
        item_id, key = (ast.literal_eval(arg) for arg in call.args[:2])
        options = next(
            c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"{item_id}_item"
        )
        call = widget_call(options.source)
        arguments = call[1] if call else {}
        choices = arguments.get("options") or arguments.get("steps") or []
        letters = tuple(LETTERS[: len(choices)])
        keys.append(ItemKey(item_id, tags["kind"], key, letters))
    return keys


def synthetic_answers(keys: list[ItemKey], ability: float, rng: random.Random) -> dict[str, object]:
    """Answers of a teacher of ``ability`` (a logit): harder items are missed more often."""
    answers: dict[str, object] = {}
    for position, item in enumerate(keys):
        difficulty = -1.0 + 2.0 * position / max(1, len(keys) - 1)
        if rng.random() < 0.04:
            continue  # now and then an item is skipped
        correct = rng.random() < 1 / (1 + math.exp(-(ability - difficulty)))
        if item.kind == "single":
            wrong = [letter for letter in item.letters if letter != item.key]
            answers[item.item_id] = item.key if correct else rng.choice(wrong)
        elif item.kind == "multiple":
            chosen = set(item.key)  # type: ignore[arg-type]
            if not correct:
                chosen.discard(rng.choice(sorted(chosen)))
                if rng.random() < 0.5:
                    chosen.add(rng.choice([x for x in item.letters if x not in item.key]))  # type: ignore[operator]
            answers[item.item_id] = sorted(chosen)
        elif item.kind == "number":
            key = float(item.key)  # type: ignore[arg-type]
            answers[item.item_id] = (
                f"{key:g}" if correct else f"{key + rng.choice((-1, 1)) * max(1, abs(key)):g}"
            )
        else:
            order = list(item.key)  # type: ignore[call-overload]
            if not correct:
                i = rng.randrange(len(order) - 1)
                order[i], order[i + 1] = order[i + 1], order[i]
            answers[item.item_id] = {letter: place for place, letter in enumerate(order, start=1)}
    return answers


_GOALS = (
    "在{subject}课上用{tool}了解全班的掌握情况，据此调整下一课时的讲解",
    "让{subject}课的每个学生都有参与的机会，课堂发言覆盖率提高到八成",
    "用{tool}收集作业数据，每周找出需要个别辅导的学生",
)
_TOOLS = ("在线问卷", "课堂测验平台", "共享表格", "平板投票")


def synthetic_plan(
    evidence: dict[str, tuple[tuple[str, str], ...]],
    allowed: list[str],
    dimensions: dict[str, str],
    subject: str,
    rng: random.Random,
    *,
    break_rule: str | None = None,
) -> dict[str, object]:
    """A plan over three dimensions that meets every rule, except ``break_rule`` when given."""
    by_dimension: dict[str, list[str]] = {}
    for code in allowed:
        by_dimension.setdefault(dimensions[code], []).append(code)
    chosen_dimensions = rng.sample(sorted(by_dimension), k=min(3, len(by_dimension)))
    codes = [rng.choice(by_dimension[d]) for d in chosen_dimensions]
    if break_rule == "dimension_count":
        codes = rng.sample(
            by_dimension[chosen_dimensions[0]], k=min(3, len(by_dimension[chosen_dimensions[0]]))
        )
    if break_rule == "point_count":
        codes = codes[:2]
    points = {}
    for index, code in enumerate(codes):
        online = float(rng.choice((2, 3, 4)))
        practice = online + rng.choice((0, 2, 4))
        if break_rule == "practice_share" and index == 0:
            practice = online - 1
        points[code] = {
            "reason": f"自测诊断中 {code} 的得分率较低，也是本学期{subject}课最需要的",
            "goal": rng.choice(_GOALS).format(subject=subject, tool=rng.choice(_TOOLS)),
            "activities": "学习课程模块并完成自我检测；在任教班级实践两次；请坊主听课并按反馈修改",
            "evidence": [item_id for item_id, _ in evidence[code]],
            "start": f"2026-03-{1 + index * 7:02d}",
            "end": f"2026-04-{10 + index * 7:02d}",
            "online_hours": online,
            "practice_hours": practice,
        }
    return {"environment": "C", "points": points}


LEDGER_HEADERS = ["工号", "活动编号", "类型", "学时", "分钟", "评分", "日期", "佐证"]


def synthetic_ledger(teachers: list[Teacher], rng: random.Random) -> list[list[object]]:
    """Ledger rows under the Hefei 2021 items: online study, discussion and school-based research for
    teachers; plans, briefs and a demonstration case for leaders; the administrator's items."""
    rows: list[list[object]] = []
    day = "2026-04-{:02d}"
    for person in teachers:
        tid = person.teacher_id
        if person.role == "teacher":
            minutes = max(0, int(rng.gauss(520, 160)))
            for part in range(rng.choice((1, 2, 3))):
                rows.append(
                    [
                        tid,
                        f"course-{part + 1}",
                        "网络课程学习",
                        "",
                        minutes // (part + 1),
                        "",
                        day.format(3),
                        "",
                    ]
                )
            for n in range(rng.choice((0, 1, 1, 2))):
                rows.append([tid, f"discussion-{n + 1}", "线上讨论", "", "", "", day.format(10 + n), ""])
            sessions = rng.randint(2, 5)
            for n in range(sessions):
                rating = rng.randint(11, 20) if n == sessions - 1 else ""
                rows.append(
                    [
                        tid,
                        f"research-{n + 1}",
                        "校本教研",
                        rng.choice((2, 2.5, 3, 4)),
                        "",
                        rating,
                        day.format(12 + n),
                        "签到表",
                    ]
                )
        elif person.role == "leader":
            rows.append([tid, "group-plan", "教研组研修计划", "", "", "", day.format(1), "计划"])
            for n in range(rng.randint(1, 3)):
                rows.append([tid, f"brief-{n + 1}", "活动简报", "", "", "", day.format(15 + n), "简报"])
            rows.append(
                [
                    tid,
                    "demo-case",
                    "教学示范案例",
                    "",
                    rng.randint(18, 38),
                    rng.randint(40, 58),
                    day.format(20),
                    "课例",
                ]
            )
            rows.append([tid, "excellent-1", "优秀案例推荐", "", "", "", day.format(25), "课例"])
        else:
            for kind, key in (
                ("启动会简报", "launch"),
                ("整校推进方案", "school-plan"),
                ("总结报告", "summary"),
            ):
                rows.append([tid, key, kind, "", "", "", day.format(2), kind])
            for n in range(2):
                rows.append([tid, f"hosted-{n + 1}", "组织在线讨论", "", "", "", day.format(8 + n), ""])
        rows += _term_hours(tid)
    return rows


def _term_hours(teacher_id: str) -> list[list[object]]:
    """The rest of the term's 60 学时 (30 online + 30 school-based under Hefei): more course
    minutes in May and June, and more school-based sessions, so some people complete each part
    and some do not. Drawn from a generator of their own, so nothing else in the demo changes."""
    rng = random.Random(f"term-hours:{teacher_id}")
    rows: list[list[object]] = []
    for month, share in ((5, 0.55), (6, 0.45)):
        minutes = max(0, int(rng.gauss(800, 260) * share))
        rows.append(
            [teacher_id, f"course-{month:02d}", "网络课程学习", "", minutes, "", f"2026-{month:02d}-08", ""]
        )
    for n in range(rng.randint(4, 8)):
        hours = rng.choice((3, 3.5, 4))
        rows.append(
            [
                teacher_id,
                f"research-term-{n + 1}",
                "校本教研",
                hours,
                "",
                "",
                f"2026-{5 + n % 2:02d}-{10 + n:02d}",
                "签到表",
            ]
        )
    return rows


def write_ledger_csv(rows: list[list[object]], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(LEDGER_HEADERS)
        writer.writerows(rows)
