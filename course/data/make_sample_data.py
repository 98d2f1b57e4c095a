"""Regenerate the course's synthetic sample data (fixed seed, so the files never drift).

Run from anywhere:  python course/data/make_sample_data.py
Every person, school and score here is invented. See README.md in this folder
for what each file holds and the patterns the modules ask teachers to find.
"""

from __future__ import annotations

import csv
import hashlib
import math
import random
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402  (backend first)

HERE = Path(__file__).resolve().parent
SEED = 20261122
CLASS_SIZE = 42

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "子涵欣怡梓轩浩然雨桐一诺宇轩思远诗琪俊杰佳怡博文紫萱明哲语嫣天佑若曦嘉懿晨阳可馨皓轩书瑶梓萌"

# The 20-item quiz on 一元一次方程 (grade 7 maths): knowledge point, key, and a
# difficulty on the ability scale. Q7 is answered right by almost everyone; Q14
# carries a keying flaw (strong students pick C, the key says B), so it shows
# negative discrimination; Q17–Q20 are the hard word problems.
QUIZ_ITEMS = [
    ("方程的概念", "B", -2.4),
    ("方程的概念", "D", -1.6),
    ("等式的性质", "A", -1.2),
    ("等式的性质", "C", -0.9),
    ("移项", "B", -0.6),
    ("移项", "D", -0.4),
    ("移项", "A", -3.5),
    ("去括号", "C", -0.1),
    ("去括号", "B", 0.2),
    ("去分母", "D", 0.4),
    ("去分母", "A", 0.7),
    ("去分母", "C", 0.9),
    ("解的检验", "B", 0.3),
    ("解的检验", "B", 0.0),
    ("实际问题·行程", "A", 1.0),
    ("实际问题·行程", "D", 1.2),
    ("实际问题·工程", "C", 1.5),
    ("实际问题·工程", "B", 1.7),
    ("实际问题·利润", "A", 2.0),
    ("实际问题·利润", "D", 2.3),
]
FLAWED_ITEM = 14  # 1-based
# The scale above reads as a hard paper; this shift makes the class average about 70.
DIFFICULTY_SHIFT = 1.1
LEARNING_STYLES = ["看微课视频", "小组讨论", "独立练习", "听老师讲解"]
DEVICES = ["电脑", "平板", "手机", "无"]


def _names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        given = GIVEN[2 * rng.randrange(len(GIVEN) // 2) :][:2]
        names.add(rng.choice(SURNAMES) + (given if rng.random() < 0.8 else given[0]))
    ordered = sorted(names)  # sets iterate in hash order, which changes between runs
    rng.shuffle(ordered)
    return ordered


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _write(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def make_class(rng: random.Random) -> list[dict[str, object]]:
    students = []
    for number, name in enumerate(_names(rng, CLASS_SIZE), start=1):
        ability = rng.gauss(0, 1)
        effort = _clip(0.6 * ability + rng.gauss(0, 0.8), -2.5, 2.5)
        students.append(
            {
                "id": f"2025070{number:02d}",
                "name": name,
                "gender": rng.choice("男女"),
                "ability": ability,
                "effort": effort,
            }
        )
    return students


def write_students(rng: random.Random, students: list[dict[str, object]]) -> None:
    rows = []
    for s in students:
        ability, effort = float(s["ability"]), float(s["effort"])  # type: ignore[arg-type]
        last_term = round(_clip(72 + 12 * ability + rng.gauss(0, 5), 30, 100))
        homework = round(_clip(82 + 10 * effort + rng.gauss(0, 6), 35, 100))
        minutes = round(_clip(95 + 45 * effort + rng.gauss(0, 25), 0, 300))
        speaks = max(0, round(3 + 1.5 * effort + rng.gauss(0, 1.2)))
        device = rng.choices(DEVICES, weights=[5, 3, 6, 1])[0]
        midterm = round(_clip(70 + 11 * ability + 4 * effort + rng.gauss(0, 5), 25, 100))
        s["midterm"] = midterm
        rows.append([s["id"], s["name"], s["gender"], last_term, homework, minutes, speaks, device, midterm])
    _write(
        "class_7a_students.csv",
        [
            "学号",
            "姓名",
            "性别",
            "上学期成绩",
            "作业完成率",
            "周在线学习分钟",
            "课堂发言次数",
            "家中设备",
            "期中成绩",
        ],
        rows,
    )


def write_quiz(rng: random.Random, students: list[dict[str, object]]) -> None:
    letters = "ABCD"
    rows = []
    for s in students:
        ability = float(s["ability"])  # type: ignore[arg-type]
        answers: list[object] = [s["id"], s["name"]]
        for number, (_, key, difficulty) in enumerate(QUIZ_ITEMS, start=1):
            if rng.random() < 0.02:
                answers.append("")  # skipped
                continue
            p_right = 1 / (1 + math.exp(-1.7 * (ability - difficulty + DIFFICULTY_SHIFT)))
            if number == FLAWED_ITEM:
                # Strong students see the intended answer C; the key was typed as B.
                answers.append("C" if rng.random() < p_right else rng.choice("BBBA"))
                continue
            answers.append(key if rng.random() < p_right else rng.choice([c for c in letters if c != key]))
        rows.append(answers)
    _write("class_7a_quiz.csv", ["学号", "姓名"] + [f"Q{n}" for n in range(1, 21)], rows)
    _write(
        "class_7a_quiz_key.csv",
        ["题号", "答案", "知识点", "分值"],
        [[f"Q{n}", key, topic, 5] for n, (topic, key, _) in enumerate(QUIZ_ITEMS, start=1)],
    )


def write_survey(rng: random.Random, students: list[dict[str, object]]) -> None:
    rows = []
    for s in students:
        ability, effort = float(s["ability"]), float(s["effort"])  # type: ignore[arg-type]

        def likert(centre: float) -> int:
            return int(_clip(round(centre + rng.gauss(0, 0.8)), 1, 5))

        rows.append(
            [
                s["id"],
                likert(3.2 + 0.6 * ability),
                likert(2.8 + 0.7 * effort),
                likert(3.0 - 0.5 * ability),
                rng.choices(LEARNING_STYLES, weights=[4, 3, 2, 3])[0],
                round(_clip(50 + 25 * effort + rng.gauss(0, 15), 0, 180)),
            ]
        )
    _write(
        "class_7a_survey.csv",
        [
            "学号",
            "我喜欢数学课",
            "遇到难题会主动提问",
            "解方程时常感到紧张",
            "最喜欢的学习方式",
            "每天课外学习分钟",
        ],
        rows,
    )


def write_units(rng: random.Random, students: list[dict[str, object]]) -> None:
    rows = []
    slipping = {str(s["id"]) for s in rng.sample(students, 5)}
    for s in students:
        ability = float(s["ability"])  # type: ignore[arg-type]
        scores = []
        for unit in range(5):
            drift = -6 * unit if s["id"] in slipping else 1.5 * unit
            scores.append(round(_clip(74 + 11 * ability + drift + rng.gauss(0, 5), 20, 100)))
        rows.append([s["id"], s["name"], *scores])
    _write(
        "class_7a_units.csv",
        ["学号", "姓名", "第1单元", "第2单元", "第3单元", "第4单元", "第5单元"],
        rows,
    )


def write_grade(rng: random.Random) -> None:
    rows = []
    centres = {"七(1)班": 74, "七(2)班": 78, "七(3)班": 71, "七(4)班": 77}
    spreads = {"七(1)班": 9, "七(2)班": 7, "七(3)班": 15, "七(4)班": 10}
    for index, (klass, centre) in enumerate(centres.items(), start=1):
        for number in range(1, 41 + (klass == "七(3)班") * 3):
            score = round(_clip(rng.gauss(centre, spreads[klass]), 20, 100))
            rows.append([klass, f"{index}{number:02d}", score])
    _write("grade7_midterm.csv", ["班级", "座号", "期中数学"], rows)


def write_observation(rng: random.Random, students: list[dict[str, object]]) -> None:
    behaviours = ["举手发言", "回答正确", "小组讨论中发言", "需要提醒专注"]
    rows = []
    for minute in range(0, 40, 2):
        for _ in range(rng.randint(1, 4)):
            s = rng.choice(students)
            effort = float(s["effort"])  # type: ignore[arg-type]
            weights = [1 + max(effort, 0), 1 + max(effort, 0), 1.5, 0.6 + max(-effort, 0)]
            rows.append([f"08:{minute + 2:02d}", s["id"], rng.choices(behaviours, weights=weights)[0]])
    _write("class_7a_observation.csv", ["时间", "学号", "行为"], rows)


RESOURCES = [
    # title, subject, grade, kind, point, licence, file
    ("一元一次方程概念微课讲义", "数学", "七年级", "教学设计", "B2", "校内共享", "equation_intro.md"),
    (
        "一元一次方程 概念 微课讲义（副本）",
        "数学",
        "七年级",
        "教学设计",
        "B2",
        "校内共享",
        "equation_intro_copy.md",
    ),
    ("移项法则练习数据", "数学", "七年级", "练习", "B1", "CC BY 4.0", "transpose_practice.csv"),
    ("期中成绩分布图", "数学", "七年级", "图片", "A13", "校内共享", "midterm_histogram.png"),
    ("期中成绩分布图", "数学", "七年级", "图片", "A13", "校内共享", "midterm_histogram_old.png"),
    ("行程问题线段图", "数学", "七年级", "图片", "A6", "CC BY-NC 4.0", "journey_diagram.png"),
    ("古诗词朗读配乐页", "语文", "八年级", "网页", "A5", "校内共享", "poem_reading.html"),
    ("光合作用实验记录表", "生物", "七年级", "练习", "B3", "CC BY 4.0", "photosynthesis_log.csv"),
    ("英语单元词汇闯关", "英语", "七年级", "练习", "B1", "校内共享", "vocab_quest.csv"),
    ("课堂评价量规样例", "通用", "通用", "量规", "A11", "CC BY 4.0", "sample_rubric.md"),
    ("家长会数据简报", "通用", "七年级", "文档", "B7", "仅限本校", "parent_brief.pdf"),
    ("电路连接探究任务单", "物理", "九年级", "教学设计", "B3", "校内共享", "circuit_inquiry.md"),
    ("地球公转动画说明", "地理", "七年级", "网页", "A6", "来源待核实", "orbit_missing.html"),
    ("电路连接探究任务单 v2", "物理", "九年级", "教学设计", "B3", "校内共享", "circuit_inquiry_v2.md"),
]


def write_resources(rng: random.Random) -> None:
    folder = HERE / "resources"
    folder.mkdir(exist_ok=True)
    texts = {
        "equation_intro.md": "# 一元一次方程的概念\n\n1. 从天平情境引出等式。\n2. 归纳方程的定义。\n3. 判断练习 5 题。\n",
        "circuit_inquiry.md": "# 串联与并联电路探究任务单\n\n- 猜想：两灯串联时亮度如何变化？\n- 记录：电流表读数。\n",
        "circuit_inquiry_v2.md": "# 串联与并联电路探究任务单（修订）\n\n- 猜想：两灯串联时亮度如何变化？\n- 记录：电流表和电压表读数。\n",
        "sample_rubric.md": "| 维度 | 优秀 | 合格 |\n|---|---|---|\n| 表达 | 清楚完整 | 基本清楚 |\n",
        "poem_reading.html": "<html><meta charset='utf-8'><body><h1>静夜思 配乐朗读</h1></body></html>\n",
    }
    texts["equation_intro_copy.md"] = texts["equation_intro.md"]  # an exact duplicate under another name
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    tables = {
        "transpose_practice.csv": ["题号,题目,答案"]
        + [f"{n},{n + 2}x - {n} = {n + 4},x = {(2 * n + 4) / (n + 2):.2f}" for n in range(1, 9)],
        "photosynthesis_log.csv": ["组别,光照时长(小时),气泡数"]
        + [f"{g},{h},{h * 3 + rng.randint(0, 4)}" for g in "ABC" for h in (1, 2, 3)],
        "vocab_quest.csv": [
            "关卡,单词,释义",
            "1,apple,苹果",
            "1,orange,橙子",
            "2,library,图书馆",
            "2,science,科学",
        ],
    }
    for name, lines in tables.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures = {"midterm_histogram.png": (72, 9), "journey_diagram.png": (0, 0)}
    for name, (centre, spread) in figures.items():
        fig, ax = plt.subplots(figsize=(2.4, 1.6), dpi=60)
        if spread:
            ax.hist([rng.gauss(centre, spread) for _ in range(80)], bins=8, color="#1565c0")
        else:
            ax.plot([0, 3, 5], [0, 0, 0], marker="o")
        ax.set_axis_off()
        fig.savefig(folder / name, metadata={"Software": None})
        plt.close(fig)
    (folder / "midterm_histogram_old.png").write_bytes((folder / "midterm_histogram.png").read_bytes())
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar([1, 2, 3], [3, 5, 2])
    ax.set_axis_off()
    fig.savefig(
        folder / "parent_brief.pdf", metadata={"CreationDate": None, "Producer": None, "Creator": None}
    )
    plt.close(fig)
    rows = [[n, *entry[:6], f"resources/{entry[6]}"] for n, entry in enumerate(RESOURCES, start=1)]
    _write("resources.csv", ["编号", "标题", "学科", "年级", "类型", "微能力点", "授权", "文件"], rows)


def write_devices() -> None:
    rows = [[f"PAD-{n:02d}", "平板", "可用" if n != 9 else "维修中"] for n in range(1, 15)]
    _write("devices.csv", ["设备编号", "类型", "状态"], rows)


def main() -> None:
    rng = random.Random(SEED)
    students = make_class(rng)
    write_students(rng, students)
    write_quiz(rng, students)
    write_survey(rng, students)
    write_units(rng, students)
    write_grade(rng)
    write_observation(rng, students)
    write_resources(rng)
    write_devices()
    files = sorted(HERE.glob("*.csv")) + sorted((HERE / "resources").iterdir())
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()[:12]
    print(f"sample data written to {HERE} (digest {digest})")


if __name__ == "__main__":
    main()
