"""``workshop case new`` and ``workshop case pack``: a case folder to start from, and the package to send."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from toolkit.atomic import write_atomic
from toolkit.case.call import CaseCall, load_call
from toolkit.case.check import CaseCheck, check_parts
from toolkit.case.document import write_document
from toolkit.case.form import CaseForm, write_form
from toolkit.case.parts import DOCUMENT_NAME, FORM_NAME, MATERIAL_FOLDER, CaseParts, opened
from toolkit.errors import InputError
from toolkit.evidence.files import named_format
from toolkit.i18n import t

# Formats that are compressed already: stored as they are, which is as small and much faster.
_STORED = {"mp4", "jpg", "png", "docx", "pptx", "xlsx", "pdf", "zip"}
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

SECTION_PROMPTS = {
    "基本情况": "（介绍区域、学校或工作室的基本情况，以及开展本次研修的背景与目标。）",
    "过程与举措": "（按时间顺序写出研修是如何组织和实施的，用到了平台的哪些资源和功能。）",
    "经验与成效": "（用数据和事例说明研修取得的成效，提炼可推广的经验。）",
    "特色与创新": "（写出本案例与众不同的做法和创新之处。）",
}


class CaseRejected(InputError):
    """A case that breaks rules of the call: every problem, one per line."""

    def __init__(self, problems: tuple[str, ...] | list[str], *, headline: str) -> None:
        self.problems = tuple(problems)
        super().__init__(headline + "\n" + "\n".join(f"  · {p}" for p in self.problems))


def package_name(first_author: str) -> str:
    """``王芳.zip``: the first author's name, with characters no file system accepts removed."""
    return _UNSAFE_NAME.sub("", first_author).strip(" .") + ".zip"


def new_case(case_dir: str | Path, *, case_type: str | None = None, call: CaseCall | None = None) -> Path:
    """A folder with the official form (the type ticked if given), a document skeleton with the
    four sections and an empty 支撑材料 folder. Refuses a folder that already holds anything."""
    rules = call or load_call()
    folder = Path(case_dir)
    if case_type is not None:
        rules.case_type(case_type)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(t("case.new.exists"), file=folder)
    form = CaseForm(
        name="", authors=(), types=(case_type,) if case_type else (), overview="",
        declaration=True, signed=False, consent=True,
    )  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / FORM_NAME, lambda part: write_form(form, part, rules))
    write_atomic(
        folder / DOCUMENT_NAME,
        lambda part: write_document(
            part,
            title="（案例名称）",
            sections={name: SECTION_PROMPTS.get(name, "") for name in rules.sections},
        ),
    )
    (folder / MATERIAL_FOLDER).mkdir(exist_ok=True)
    return folder


def _write_zip(part: Path, parts: CaseParts, top: str, limit: int) -> None:
    with zipfile.ZipFile(part, "w") as archive:
        for path in parts.files:
            inner = path.relative_to(parts.root).as_posix()
            method = zipfile.ZIP_STORED if named_format(path) in _STORED else zipfile.ZIP_DEFLATED
            # Chinese names: zipfile sets the UTF-8 flag (bit 11) on every non-ASCII name,
            # which is what Windows' own unzipping reads.
            archive.write(path, f"{top}/{inner}", compress_type=method)
    if part.stat().st_size > limit:
        raise InputError(t("case.pack.zip_too_big", size=part.stat().st_size / (1024 * 1024)), file=part)


def _same_case(existing: Path, check: CaseCheck, call: CaseCall) -> bool:
    """Whether the package already at ``existing`` is an earlier packing of this very case."""
    try:
        with opened(existing, call) as parts:
            form = parts.form
    except InputError:
        return False
    return form is not None and (form.name, form.first_author) == (check.title, check.first_author)


def pack_case(case_dir: str | Path, *, out: str | Path, call: CaseCall | None = None) -> Path:
    """Check the case, then write ``OUT/<第一作者>.zip`` holding its three parts.

    Nothing is written when a rule is broken, including the size limit: it is checked on the
    files before packing, and on the finished package before it takes the package's name.
    An earlier package of the same case is replaced; another case's package never is.
    """
    rules = call or load_call()
    source = Path(case_dir)
    if not source.is_dir():
        raise InputError(t("case.pack.not_folder"), file=source)
    with opened(source, rules) as parts:
        check = check_parts(parts, rules)
        if not check.ok:
            raise CaseRejected(
                check.problems, headline=t("case.rejected", case=source, count=len(check.problems))
            )
        name = package_name(check.first_author)
        target = Path(out) / name
        if target.exists() and not _same_case(target, check, rules):
            raise InputError(t("case.pack.taken"), file=target)
        return write_atomic(
            target, lambda part: _write_zip(part, parts, name.removesuffix(".zip"), rules.package_max_bytes)
        )
