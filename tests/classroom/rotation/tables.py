"""Five students and three tablets (one under repair) for the B8 tests."""

from __future__ import annotations

import pandas as pd

FIVE = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3", "s4", "s5"],
        "姓名": ["甲", "乙", "丙", "丁", "戊"],
        "家中设备": ["电脑", "平板", "电脑", "无", "电脑"],
    }
)
TWO = pd.DataFrame({"设备编号": ["D1", "D2", "D3"], "类型": "平板", "状态": ["可用", "维修中", "可用"]})
