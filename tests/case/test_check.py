"""Every rule of the Shanghai 2024 call on case folders built in Word's way, both sides of each limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.case.build import (
    PDF,
    PNG,
    SECTIONS,
    Form,
    form_checkbox,
    make_case,
    mp4,
    section_paragraphs,
    symbol,
    text_run,
)
from toolkit.case import check_case, load_call
from toolkit.case.document import CaseDocument

AUTHOR = ("作者", "上海市某某小学", "一级教师", "13800000000")


def problems(folder: Path) -> list[str]:
    return list(check_case(folder).problems)


def test_a_complete_case_passes(tmp_path: Path) -> None:
    result = check_case(make_case(tmp_path / "王芳"))
    assert result.ok, result.problems
    assert result.first_author == "王芳"
    assert result.type_id == "school"
    assert result.title == "依托平台教研群的校本研修实践"
    assert len(result.files) == 4


@pytest.mark.parametrize(("count", "ok"), [(3, True), (4, False)])
def test_at_most_three_authors(tmp_path: Path, count: int, ok: bool) -> None:
    authors = [(f"作者{i}", *AUTHOR[1:]) for i in range(count)]
    found = problems(make_case(tmp_path / "c", form=Form(authors=authors)))
    assert (found == []) is ok
    if not ok:
        assert found == ["c/案例信息表.docx：作者 4 人，每件案例最多 3 人"]


@pytest.mark.parametrize(("count", "ok"), [(300, True), (301, False)])
def test_overview_at_most_300_characters(tmp_path: Path, count: int, ok: bool) -> None:
    overview = "本校" + "研" * (count - 4) + "。" + "A"  # 2 + n + 1 + one Latin word = count
    found = problems(make_case(tmp_path / "c", form=Form(overview=overview)))
    assert (found == []) is ok
    if not ok:
        assert found == ["c/案例信息表.docx：案例概述 301 字，超过 300 字的上限"]


def test_the_forms_instruction_is_not_an_overview(tmp_path: Path) -> None:
    hint = (
        "(根据选择的案例类型,概述案例情况、工作成效、特色亮点等,不超过300字。"
        "详细案例附后,参照要求的模板进行案例撰写,详细案例不超过3000字)"
    )
    assert problems(make_case(tmp_path / "c", form=Form(overview=hint))) == [
        "c/案例信息表.docx：案例概述未填写"
    ]


@pytest.mark.parametrize(("count", "ok"), [(3000, True), (3001, False)])
def test_document_at_most_3000_characters(tmp_path: Path, count: int, ok: bool) -> None:
    found = problems(make_case(tmp_path / "c", lines=section_paragraphs(count)))
    assert (found == []) is ok
    if not ok:
        assert found == ["c/案例介绍文档.docx：案例介绍文档 3001 字，超过 3000 字的上限"]


@pytest.mark.parametrize("missing", SECTIONS)
def test_each_section_is_required(tmp_path: Path, missing: str) -> None:
    found = problems(make_case(tmp_path / "c", lines=section_paragraphs(skip=[missing])))
    assert found == [f"c/案例介绍文档.docx：缺少“{missing}”部分（作为标题或段首）"]


@pytest.mark.parametrize(
    "heading",
    [
        "{n}、{name}",
        "（{n}）{name}",
        "{i}. {name}",
        "{i}、{name}",
        "第{n}部分 {name}",
        "【{name}】",
        "{n}、案例{name}",
        "{name}：本校……",
    ],
)
def test_sections_under_common_numberings(tmp_path: Path, heading: str) -> None:
    assert problems(make_case(tmp_path / "c", lines=section_paragraphs(heading=heading))) == []


def test_a_long_paragraph_naming_a_section_is_not_the_section() -> None:
    mention = "我们在总结时梳理了本校研修的特色与创新，并请专家进行了点评和指导，形成了下一阶段的研修计划。"
    document = CaseDocument(("一、基本情况", "二、过程与举措", "三、经验与成效", mention))
    assert document.missing_sections(tuple(SECTIONS)) == ["特色与创新"]


@pytest.mark.parametrize(
    "type_line",
    [
        "□1.区域教师研修应用案例 □2.校本教师研修应用案例 □3.线上名师名校长工作室建设与应用案例",
        "",
    ],
)
def test_no_type_ticked_is_refused(tmp_path: Path, type_line: str) -> None:
    found = problems(make_case(tmp_path / "c", form=Form(type_line=type_line)))
    assert len(found) == 1 and "案例类型没有勾选" in found[0]


def test_two_types_ticked_are_refused(tmp_path: Path) -> None:
    line = "☑1.区域教师研修应用案例 √2.校本教师研修应用案例 □3.线上名师名校长工作室建设与应用案例"
    found = problems(make_case(tmp_path / "c", form=Form(type_line=line)))
    assert found == [
        "c/案例信息表.docx：勾选了 2 种案例类型（区域教师研修应用案例、校本教师研修应用案例），只能勾选一种"
    ]


@pytest.mark.parametrize(
    ("line", "runs", "expected"),
    [
        ("□1.区域教师研修应用案例 ☑2.校本教师研修应用案例 □3.线上名师名校长工作室建设与应用案例",
         [], "school"),
        ("□1.区域教师研修应用案例 √ 2.校本教师研修应用案例 □3.线上名师名校长工作室建设与应用案例",
         [], "school"),
        ("■1.区域教师研修应用案例 □2.校本教师研修应用案例 □3.线上名师名校长工作室建设与应用案例",
         [], "regional"),
        ("☐1.区域教师研修应用案例 ☐2.校本教师研修应用案例 ☒3.线上名师名校长工作室建设与应用案例",
         [], "studio"),
        ("2.校本教师研修应用案例", [], "school"),  # the other options deleted, no box left
        ("", [symbol("Wingdings 2", "F052"), text_run("1.区域教师研修应用案例 "),
              symbol("Wingdings 2", "F0A3"), text_run("2.校本教师研修应用案例")], "regional"),
        ("", [form_checkbox(False), text_run("1.区域教师研修应用案例 "),
              form_checkbox(True), text_run("2.校本教师研修应用案例")], "school"),
    ],
)  # fmt: skip
def test_ticks_typed_in_any_common_way(tmp_path: Path, line: str, runs: list[object], expected: str) -> None:
    authors = [("王芳", "某区教育学院", "工作室主持人", "13800000001")]
    result = check_case(make_case(tmp_path / "c", form=Form(type_line=line, type_runs=runs, authors=authors)))
    assert result.ok, result.problems
    assert result.type_id == expected


def test_a_studio_case_needs_its_host(tmp_path: Path) -> None:
    found = problems(make_case(tmp_path / "c", form=Form(case_type="studio")))
    assert found == [
        "c/案例信息表.docx：“线上名师名校长工作室建设与应用案例”的作者中须有工作室主持人："
        "请在该作者的“职称/职务”栏写明“工作室主持人”"
    ]
    authors = [
        ("张华", "某区教育学院", "高级教师、工作室主持人", "13800000003"),
        ("李明", "某小学", "一级教师", ""),
    ]
    assert problems(make_case(tmp_path / "d", form=Form(case_type="studio", authors=authors))) == []


def test_the_document_must_really_be_word(tmp_path: Path) -> None:
    folder = make_case(tmp_path / "c")
    (folder / "案例介绍文档.docx").write_bytes(PDF)  # a PDF renamed to .docx
    assert problems(folder) == [
        "c/案例介绍文档.docx：案例介绍文档须为 Word 文件（.docx），这个文件的内容是PDF"
    ]
    (folder / "案例介绍文档.docx").rename(folder / "案例介绍文档.pdf")  # honestly named, still not Word
    assert problems(folder) == [
        "c/案例介绍文档.pdf：案例介绍文档须为 Word 文件（.docx），这个文件的内容是PDF"
    ]


def test_a_legacy_doc_is_asked_to_be_saved_as_docx(tmp_path: Path) -> None:
    folder = make_case(tmp_path / "c")
    (folder / "案例介绍文档.docx").unlink()
    (folder / "案例介绍文档.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (found,) = problems(folder)
    assert found.startswith("c/案例介绍文档.doc：是旧版 Word 文件（.doc）")


def test_declaration_signature_and_consent(tmp_path: Path) -> None:
    assert problems(make_case(tmp_path / "a", form=Form(signature=""))) == [
        "a/案例信息表.docx：作者声明没有签名（在“作者签名”后写上姓名或贴上签名图片）"
    ]
    assert problems(make_case(tmp_path / "b", form=Form(signature="", signature_picture=True))) == []
    assert problems(make_case(tmp_path / "c", form=Form(declaration=False))) == [
        "c/案例信息表.docx：缺少作者声明（原创声明）"
    ]
    assert problems(make_case(tmp_path / "d", form=Form(consent=None))) == [
        "d/案例信息表.docx：缺少共享提示（同意结集出版与共享、同意推荐给国家智慧教育公共服务平台）"
    ]
    unticked = (
        "共享提示：□同意将案例结集出版或在教师活动网站等公益性网站共享；"
        "☑同意将案例推荐给国家智慧教育公共服务平台。"
    )
    assert len(problems(make_case(tmp_path / "e", form=Form(consent=unticked)))) == 1


def test_material_is_checked_by_content_and_name(tmp_path: Path) -> None:
    materials = {
        "启动会通知.pdf": PDF,
        "研修课堂实录.mp4": mp4(20),
        "IMG_20241018.png": PNG,  # a camera's name says nothing of the content
        "活动照片.jpg": PDF,  # a PDF renamed
        "研修日志.txt": "文字".encode(),  # not an accepted kind
        "空白.pdf": b"",
    }
    found = problems(make_case(tmp_path / "c", materials=materials))
    assert sorted(found) == sorted(
        [
            "c/支撑材料/IMG_20241018.png：请按内容命名（如“启动会通知.pdf”“校本研修现场.jpg”）",
            "c/支撑材料/活动照片.jpg：扩展名是 .jpg，内容却是PDF",
            "c/支撑材料/研修日志.txt：“.txt”不是可提交的支撑材料格式（可用：pdf、docx、doc、pptx、ppt、xlsx、xls、png、jpg、mp4）",
            "c/支撑材料/空白.pdf：是空文件",
        ]
    )


def test_no_material_at_all_is_refused(tmp_path: Path) -> None:
    assert problems(make_case(tmp_path / "c", materials={})) == [
        "c：没有相关支撑材料（放在“支撑材料”文件夹中）"
    ]


def test_a_folder_without_its_parts_says_what_is_missing(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    (folder / "支撑材料").mkdir(parents=True)
    (folder / "支撑材料" / "制度.pdf").write_bytes(PDF)
    assert problems(folder) == [
        "c：没有找到案例信息表（含“案例名称”“案例类型”表格的 Word 文件）",
        "c：没有找到案例介绍文档（如“案例介绍文档.docx”）",
    ]


def test_the_call_file_is_validated(tmp_path: Path) -> None:
    from toolkit.errors import InputError

    broken = tmp_path / "call.yaml"
    text = load_call().file.read_text(encoding="utf-8").replace("max_chars: 300", "max_chars: -1")
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="overview.max_chars"):
        load_call(str(broken))
