"""Rubrics as files: YAML (the toolkit's format), Excel (for people) and Markdown (for documents).

YAML and Excel both round-trip: what is saved reads back as the same rubric.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from toolkit.atomic import write_atomic
from toolkit.errors import InputError
from toolkit.rubric.model import FileRule, Rubric, parse_rubric, rubric_to_dict

_META, _LEVELS, _GRID, _INDICATORS, _EVIDENCE = "说明", "等级", "量规", "指标", "佐证"


def save_yaml(rubric: Rubric, path: str | Path) -> Path:
    text = yaml.safe_dump(rubric_to_dict(rubric), allow_unicode=True, sort_keys=False, width=100)
    return write_atomic(Path(path), lambda p: p.write_text(text, encoding="utf-8"))


def to_markdown(rubric: Rubric) -> str:
    """A criteria × levels table, then indicators and evidence where the rubric has them."""
    if rubric.tasks:
        return _task_markdown(rubric)
    head = f"# {rubric.title}\n\n"
    if rubric.draft:
        head += "> 本量规为研修工具提供的草案，可由区域或学校替换。\n\n"
    if rubric.description:
        head += rubric.description + "\n\n"
    columns = ["评价维度", "权重", *[f"{lv.name}（{lv.points:g}）" for lv in rubric.levels]]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for c in rubric.criteria:
        cells = [
            c.name,
            f"{c.weight:g}",
            *[c.descriptors.get(lv.id, "").replace("|", "/") for lv in rubric.levels],
        ]
        lines.append("| " + " | ".join(cells) + " |")
    body = "\n".join(lines) + "\n"
    for c in rubric.criteria:
        if c.evidence or c.indicators:
            body += f"\n## {c.name}\n\n"
            if c.evidence:
                body += "佐证材料：" + "；".join(c.evidence) + "\n\n"
            for lv in rubric.levels:
                for indicator in c.indicators.get(lv.id, ()):
                    body += f"- {lv.name}：{indicator}\n"
    rule = (
        "各维度取最低等级（任一维度不合格即不合格，全部优秀才为优秀）"
        if rubric.aggregation == "conjunctive"
        else "按权重加权计分"
    )
    return head + body + f"\n总评方式：{rule}。\n"


def _task_markdown(rubric: Rubric) -> str:
    """Tasks → evidence (with the file rule) → indicators per level, for a competency-point rubric."""
    lines = [f"# {rubric.title}", ""]
    if rubric.draft:
        lines += ["> 本量规为研修工具提供的草案，可由区域或学校替换。", ""]
    if rubric.description:
        lines += [rubric.description, ""]
    for number, task in enumerate(rubric.tasks, start=1):
        lines += [f"## 任务{number}：{task.name}", ""]
        if task.description:
            lines += [task.description, ""]
        for criterion in rubric.task_criteria(task.id):
            lines += [f"### 证据：{criterion.name}", ""]
            if criterion.description:
                lines += [criterion.description, ""]
            if criterion.files is not None:
                lines += [describe_file_rule(criterion.files), ""]
            for level in rubric.levels[1:]:
                lines.append(f"**{level.name}**（以下全部达到）：")
                lines += [f"- {text}" for text in criterion.indicators.get(level.id, ())]
                lines.append("")
    lines.append(
        "等级规则：每项证据的指标全部达到才算达到该等级；任一证据未达合格或缺交，本项为"
        f"{rubric.levels[0].name}；全部证据均为{rubric.levels[-1].name}时为{rubric.levels[-1].name}。"
    )
    return "\n".join(lines) + "\n"


def describe_file_rule(rule: FileRule) -> str:
    """格式、大小、份数和时长的一句话说明，for teachers and graders alike."""
    parts = [f"格式：{'、'.join(rule.formats)}", f"每个文件不超过 {rule.max_mb:g} MB"]
    if not rule.required:
        parts.insert(0, "可选")
    if rule.min_files > 1:
        parts.append(f"至少 {rule.min_files} 个文件")
    if rule.min_minutes is not None and rule.max_minutes is not None:
        parts.append(f"视频 {rule.min_minutes:g}–{rule.max_minutes:g} 分钟")
    elif rule.max_minutes is not None:
        parts.append(f"视频不超过 {rule.max_minutes:g} 分钟")
    elif rule.min_minutes is not None:
        parts.append(f"视频不少于 {rule.min_minutes:g} 分钟")
    return "；".join(parts)


def save_markdown(rubric: Rubric, path: str | Path) -> Path:
    text = to_markdown(rubric)
    return write_atomic(Path(path), lambda p: p.write_text(text, encoding="utf-8"))


def save_xlsx(rubric: Rubric, path: str | Path) -> Path:
    """Sheets 量规 (criteria × level descriptors), 等级, 指标, 佐证 and 说明.

    Task rubrics (competency points) are kept as YAML only: their task and file
    rules have no place in this workbook layout.
    """
    if rubric.tasks:
        raise ValueError(f"{rubric.id}: task rubrics are saved as YAML (save_yaml), not as xlsx")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    grid = book.active
    grid.title = _GRID
    grid.append(["编号", "评价维度", "权重", *[lv.name for lv in rubric.levels]])
    for c in rubric.criteria:
        grid.append([c.id, c.name, c.weight, *[c.descriptors.get(lv.id, "") for lv in rubric.levels]])
    for cell in grid[1]:
        cell.font = Font(bold=True)
    for row in grid.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    grid.column_dimensions["B"].width = 18
    for index in range(len(rubric.levels)):
        grid.column_dimensions[chr(ord("D") + index)].width = 36
    grid.freeze_panes = "C2"
    levels = book.create_sheet(_LEVELS)
    levels.append(["编号", "名称", "分值"])
    for lv in rubric.levels:
        levels.append([lv.id, lv.name, lv.points])
    indicators = book.create_sheet(_INDICATORS)
    indicators.append(["维度编号", "等级编号", "指标"])
    for c in rubric.criteria:
        for level_id, items in c.indicators.items():
            for item in items:
                indicators.append([c.id, level_id, item])
    evidence = book.create_sheet(_EVIDENCE)
    evidence.append(["维度编号", "佐证材料"])
    for c in rubric.criteria:
        for item in c.evidence:
            evidence.append([c.id, item])
    meta = book.create_sheet(_META)
    meta.append(["项目", "值"])
    data = rubric_to_dict(rubric)
    for key in ("schema_version", "kind", "id", "title", "point", "draft", "description", "aggregation"):
        if key in data:
            meta.append([key, data[key]])
    return write_atomic(Path(path), book.save)


def load_xlsx(path: str | Path) -> Rubric:
    """Read a workbook written by :func:`save_xlsx` (and perhaps edited) back into a validated rubric."""
    from openpyxl import load_workbook

    file = Path(path)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise InputError(str(error), file=file) from None

    def rows(name: str) -> list[tuple]:
        if name not in book.sheetnames:
            raise InputError(f"缺少工作表“{name}”", file=file)
        return [
            r
            for r in book[name].iter_rows(min_row=2, values_only=True)
            if any(v not in (None, "") for v in r)
        ]

    meta = {str(k): v for k, v, *_ in rows(_META)}
    level_rows = rows(_LEVELS)
    level_ids = [str(r[0]) for r in level_rows]
    criteria = []
    indicator_rows = rows(_INDICATORS)
    evidence_rows = rows(_EVIDENCE)
    for row in rows(_GRID):
        criterion_id = str(row[0])
        descriptors = {
            lid: str(text) for lid, text in zip(level_ids, row[3:], strict=False) if text not in (None, "")
        }
        indicators: dict[str, list[str]] = {}
        for cid, lid, text in indicator_rows:
            if str(cid) == criterion_id:
                indicators.setdefault(str(lid), []).append(str(text))
        entry = {"id": criterion_id, "name": row[1], "weight": row[2], "descriptors": descriptors}
        if indicators:
            entry["indicators"] = indicators
        evidence = [str(text) for cid, text in evidence_rows if str(cid) == criterion_id]
        if evidence:
            entry["evidence"] = evidence
        criteria.append(entry)
    data = {
        **meta,
        "schema_version": int(meta.get("schema_version", 0) or 0),
        "draft": meta.get("draft") in (True, "True", "true", 1),
        "levels": [{"id": str(r[0]), "name": r[1], "points": r[2]} for r in level_rows],
        "criteria": criteria,
    }
    return parse_rubric(data, file)
