"""Self-checks, design forms and reflections: immediate feedback, autosave, advice, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.widgets import DesignForm, Reflection, SelfCheck
from toolkit.work.progress import module_progress

QUESTIONS = [
    {"prompt": "一", "options": ["甲", "乙", "丙"], "answer": "B", "explanation": "因为乙。"},
    {"prompt": "二", "options": ["甲", "乙", "丙", "丁"], "answer": ["A", "C"], "explanation": "甲和丙。"},
    {"prompt": "三", "options": ["对", "错"], "answer": "A", "explanation": "对。"},
]
FIELDS = [
    {"id": "lesson", "label": "课题"},
    {"id": "minutes", "label": "导入时长", "kind": "number", "max": 5, "advice": "导入不宜超过 5 分钟"},
    {"id": "tools", "label": "技术", "kind": "multi", "options": ["视频", "图片", "投票"], "min_count": 1},
    {"id": "kind", "label": "导入类型", "kind": "choice", "options": ["情境", "问题"]},
    {"id": "steps", "label": "过程", "kind": "long", "min_chars": 10, "advice": "写出师生活动"},
    {"id": "note", "label": "备注", "required": False},
]


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_selfcheck_marks_explains_and_records_the_best_result() -> None:
    check = SelfCheck("A5", QUESTIONS)
    check.check_button.click()  # nothing answered: no key, no explanation, nothing recorded
    assert "第 1、2、3 题还没有作答" in check.summary.value
    assert all(note.value == "" for note in check.feedback)
    assert module_progress("A5").selfcheck_total is None
    check.select(0, "B")
    check.select(1, "A")  # only one of the two right options
    check.check_button.click()
    assert "第 3 题还没有作答" in check.summary.value and check.feedback[0].value == ""
    check.select(2, "B")
    check.check_button.click()
    assert "✔" in check.feedback[0].value and "因为乙" in check.feedback[0].value
    assert "✘" in check.feedback[1].value and "参考答案 A、C" in check.feedback[1].value
    assert "✘" in check.feedback[2].value
    assert "答对 1 / 3 题" in check.summary.value
    check.select(1, "AC")
    check.select(2, "A")
    assert check.check() == 3
    check.select(2, "B")
    check.check()
    progress = module_progress("A5")
    assert (progress.selfcheck_correct, progress.selfcheck_total) == (3, 3)  # the best try is kept


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        (QUESTIONS[:2], "3 to 5 questions"),
        ([*QUESTIONS[:2], {**QUESTIONS[2], "answer": "C"}], "not among AB"),
    ],
)
def test_selfcheck_refuses_broken_question_sets(questions: list[dict], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SelfCheck("A5", questions)


def test_form_advises_saves_and_exports(tmp_path: Path) -> None:
    form = DesignForm("A5", "lead_in", title="课堂导入设计单", fields=FIELDS)
    assert set(form.check()) == {
        "“课题”还没有填写",
        "“技术”还没有填写",
        "“导入类型”还没有填写",
        "“过程”还没有填写",
    }
    form.fill(lesson="七年级数学 一元一次方程", minutes=8, tools=["视频"], kind="情境", steps="播放天平视频")
    assert form.check() == ["导入时长：导入不宜超过 5 分钟", "过程：写出师生活动"]
    form.fill(minutes=3, steps="播放天平视频，学生说出两边相等的条件")
    assert form.check() == [] and "各项已填写完整" in form.advice.value
    saved = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))["answers"]["form:A5:lead_in"]
    assert saved["tools"] == ["视频"] and saved["minutes"] == 3
    reopened = DesignForm("A5", "lead_in", title="课堂导入设计单", fields=FIELDS)
    assert reopened.values() == form.values()  # a restarted kernel finds the work again
    form.export_button.click()
    markdown = (tmp_path / "outputs" / "A5_lead_in.md").read_text(encoding="utf-8")
    assert (
        markdown.startswith("# 课堂导入设计单")
        and "## 导入时长\n\n3\n" in markdown
        and "（未填写）" in markdown
    )
    assert "<h2>技术</h2>" in (tmp_path / "outputs" / "A5_lead_in.doc").read_text(encoding="utf-8")
    assert module_progress("A5").outputs == 1


def test_form_specs_are_checked() -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        DesignForm("A5", "x", title="x", fields=[{"id": "a", "label": "a", "kind": "date"}])
    with pytest.raises(ValueError, match="needs options"):
        DesignForm("A5", "x", title="x", fields=[{"id": "a", "label": "a", "kind": "choice"}])
    with pytest.raises(ValueError, match="repeats a field id"):
        DesignForm("A5", "x", title="x", fields=[{"id": "a", "label": "a"}, {"id": "a", "label": "b"}])


def test_reflection_asks_for_substance(tmp_path: Path) -> None:
    reflection = Reflection("A1", ["我的课堂里哪些判断有数据支撑？"])
    reflection.fill(q1="有一些。")
    assert reflection.check() == [
        "我的课堂里哪些判断有数据支撑？：写得再具体一些（至少 30 字），结合您自己的课堂"
    ]
    reflection.fill(
        q1="上周讲去分母时我凭印象以为全班都会，这次小测显示一半学生在去括号上就出错了，以后课前要先做三道诊断题。"
    )
    assert reflection.check() == []
    md_path, _ = reflection.export()
    assert md_path.name == "A1_reflection.md"
