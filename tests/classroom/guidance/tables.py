"""A three-student class whose quiz, units and homework were worked out by hand for the C5 tests.

s1 gets every basic item; s2 half of each basic point and skips Q2; s3 misses Q3.
Nobody gets Q5, so 实际问题 is weak for the whole class, not for anyone in particular.
s1's units slide 60 → 40 (−5 per unit); s2 does 65 % of the homework.
"""

from __future__ import annotations

import pandas as pd

KEY = pd.DataFrame(
    {
        "题号": ["Q1", "Q2", "Q3", "Q4", "Q5"],
        "答案": ["A", "B", "C", "D", "A"],
        "知识点": ["方程的概念", "方程的概念", "移项", "移项", "实际问题"],
        "分值": [5, 5, 5, 5, 5],
    }
)
QUIZ = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3"],
        "姓名": ["王小明", "李华", "张雨"],
        "Q1": ["A", "A", "a"],
        "Q2": ["B", None, "B"],
        "Q3": ["C", "C", "B"],
        "Q4": ["D", "A", "D"],
        "Q5": ["B", "C", "D"],
    }
)
UNITS = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3"],
        "姓名": ["王小明", "李华", "张雨"],
        "第1单元": [60, 70, 50],
        "第2单元": [55, 70, 55],
        "第3单元": [50, 70, 60],
        "第4单元": [45, 70, 65],
        "第5单元": [40, 70, 70],
    }
)
STUDENTS = pd.DataFrame(
    {"学号": ["s1", "s2", "s3"], "姓名": ["王小明", "李华", "张雨"], "作业完成率": [90, 65, 80]}
)
TABLES = {"quiz": QUIZ, "key": KEY, "units": UNITS, "students": STUDENTS}
