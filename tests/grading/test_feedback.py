"""The feedback preprocessor on small notebooks built in memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from toolkit.grading.feedback import WorkshopFeedback
from toolkit.grading.report import RESULT_MIME
from toolkit.work.profile import read_profile


def _result(item: str, earned: float, points: float, point: str, dimension: str) -> Any:
    payload = {
        "kind": "item",
        "item": item,
        "type": "single",
        "answer": "B",
        "key": "C",
        "earned": earned,
        "points": points,
        "explanation": "先看数据再下结论。",
    }
    cell = new_code_cell(
        f"score_single('{item}', 'C')",
        outputs=[
            new_output("execute_result", data={RESULT_MIME: payload, "text/plain": "x"}, execution_count=1)
        ],
    )
    cell.metadata["toolkit"] = {"point": point, "dimension": dimension}
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": item, "points": points}
    return cell


def _notebook() -> nbformat.NotebookNode:
    return new_notebook(
        cells=[
            new_markdown_cell("# 自测"),
            new_code_cell("from toolkit.widgets import SingleChoice\nimport os"),
            new_code_cell(
                "SingleChoice('q01', point='A1', prompt='哪一项<b>最</b>合适？', options=['甲', '乙', '丙'])"
            ),
            _result("q01", 0, 1, "A1", "learner_analysis"),
            _result("q02", 2, 2, "A11", "assessment"),
        ],
        metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {}}},
    )


def _run(notebook: nbformat.NotebookNode, tmp_path: Path, **settings: Any) -> tuple[Any, dict[str, Any]]:
    resources = {"metadata": {"path": str(tmp_path)}, "nbgrader": {"assignment": "self_test"}}
    return WorkshopFeedback(**settings).preprocess(notebook, resources)


def test_items_become_chinese_results_with_keys_and_explanations(tmp_path: Path) -> None:
    notebook, resources = _run(_notebook(), tmp_path)
    assert [c.metadata.get("workshop_title") for c in notebook.cells] == [
        None,
        "第 Q01 题",
        "第 Q01 题 · A1 结果",
        "第 Q02 题 · A11 结果",
    ]
    shown = notebook.cells[1].metadata["workshop_html"]
    assert "哪一项<b>最</b>合适？" in shown and "<li>B. 乙</li>" in shown
    wrong = notebook.cells[2].metadata["workshop_html"]
    assert (
        "您的答案：B" in wrong
        and "（错误）" in wrong
        and "参考答案：C" in wrong
        and "先看数据再下结论。" in wrong
    )
    assert all(c.source == "" for c in notebook.cells if c.cell_type == "code")  # no code reaches teachers
    assert "widgets" not in notebook.metadata
    profile = read_profile(resources["workshop"]["profile_block"])
    assert profile == {
        "points": {"A1": [0.0, 1.0], "A11": [2.0, 2.0]},
        "dimensions": {"learner_analysis": [0.0, 1.0], "assessment": [2.0, 2.0]},
    }
    assert resources["workshop"]["title"] == "自测诊断 · 反馈"


def test_a_course_can_keep_answer_keys_and_explanations_out_of_feedback(tmp_path: Path) -> None:
    notebook, _ = _run(_notebook(), tmp_path, show_answer_keys=False)
    wrong = notebook.cells[2].metadata["workshop_html"]
    assert "您的答案：B" in wrong and "（错误）" in wrong
    assert "参考答案" not in wrong and "先看数据" not in wrong


def test_the_setting_is_read_from_the_course_nbgrader_config(tmp_path: Path) -> None:
    from traitlets.config import Config

    config = Config()
    config.WorkshopFeedback.show_answer_keys = False
    assert WorkshopFeedback(config=config).show_answer_keys is False


def test_plan_rules_summarise_the_broken_ones(tmp_path: Path) -> None:
    cells = []
    for name, passed in (("至少选择 3 个能力点", True), ("每个能力点都写了目标和研修活动", False)):
        payload = {"kind": "rule", "rule": "x", "name": name, "passed": passed, "detail": "A1 缺少研修目标"}
        cells.append(
            new_code_cell(
                "score_plan_rule('x')", outputs=[new_output("display_data", data={RESULT_MIME: payload})]
            )
        )
    (tmp_path / "answers.json").write_text(json.dumps({"format": 1, "answers": {}}), encoding="utf-8")
    notebook, resources = _run(new_notebook(cells=cells), tmp_path)
    assert "计划没有满足以下规则：每个能力点都写了目标和研修活动" in resources["workshop"]["summary"]
    assert "—— 符合" in notebook.cells[0].metadata["workshop_html"]
    assert "—— 不符合：A1 缺少研修目标" in notebook.cells[1].metadata["workshop_html"]


@pytest.mark.parametrize("escape", ["<script>alert(1)</script>"])
def test_answers_are_escaped(tmp_path: Path, escape: str) -> None:
    notebook = _notebook()
    notebook.cells[3].outputs[0]["data"][RESULT_MIME]["answer"] = escape
    notebook, _ = _run(notebook, tmp_path)
    assert escape not in notebook.cells[2].metadata["workshop_html"]
    assert "&lt;script&gt;" in notebook.cells[2].metadata["workshop_html"]
