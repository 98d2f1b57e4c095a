"""A four-student class worked out by hand for the C6 tests.

s1: homework 65 % (< 70), units 60 → 40 (a drop of 20), last 40 (< 60): all three rules.
s2: steady 80 and homework 90: no rule. s3: drops exactly 10 and ends on 60 (not below 60).
s4: homework 69.5 % (just below 70) and steady 75.
"""

from __future__ import annotations

import pandas as pd

STUDENTS = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3", "s4"],
        "姓名": ["王小明", "李华", "张雨", "赵强"],
        "作业完成率": [65, 90, 90, 69.5],
        "期中成绩": [50, 85, 70, 66],
    }
)
UNITS = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3", "s4"],
        "姓名": ["王小明", "李华", "张雨", "赵强"],
        "第1单元": [60, 80, 70, 75],
        "第2单元": [55, 80, 67.5, 75],
        "第3单元": [50, 80, 65, 75],
        "第4单元": [45, 80, 62.5, 75],
        "第5单元": [40, 80, 60, 75],
    }
)
