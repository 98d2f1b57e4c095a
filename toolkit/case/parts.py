"""The three parts of a case, found in a folder or in a zip as a district receives it.

The form is the top-level Word file holding the 案例信息表 table (whatever its
name). The document is the other top-level file named for it (介绍, 文档), or
the only other top-level file. Everything else, in sub-folders or not, is
supporting material. Operating-system litter (desktop.ini, .DS_Store, Word's
``~$`` lock files) is no part of a case and is never packed.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from toolkit.case.call import CaseCall
from toolkit.case.form import CaseForm, read_form
from toolkit.errors import InputError
from toolkit.evidence.files import content_format
from toolkit.i18n import t

FORM_NAME = "案例信息表.docx"
DOCUMENT_NAME = "案例介绍文档.docx"
MATERIAL_FOLDER = "支撑材料"
_LITTER = {"desktop.ini", "thumbs.db", ".ds_store"}
_DOCUMENT_WORDS = ("介绍", "文档", "正文")
_UTF8_FLAG = 0x800


def is_litter(path: PurePosixPath | Path) -> bool:
    name = path.name.lower()
    return name in _LITTER or name.startswith("~$") or name.startswith("._") or "__macosx" in path.parts


@dataclass(frozen=True)
class CaseParts:
    source: Path  # what the user named: a folder or a zip
    root: Path  # the folder holding the parts (a zip's are unpacked to a temporary one)
    form_file: Path | None
    form: CaseForm | None
    document_file: Path | None
    materials: tuple[Path, ...]
    links: tuple[Path, ...]  # symbolic links: never followed, never packed
    problems: tuple[str, ...]  # what prevented finding a part

    def shown(self, path: Path) -> str:
        """``path`` as the user knows it: relative to the case, under the folder or zip they named."""
        try:
            inner = path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
        return f"{self.source.name}/{inner}" if inner != "." else self.source.name

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.form_file, self.document_file) if p is not None) + self.materials


def _walk(root: Path) -> tuple[list[Path], list[Path]]:
    files: list[Path] = []
    links: list[Path] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if is_litter(relative):
            continue
        if path.is_symlink():
            links.append(path)
        elif path.is_file():
            files.append(path)
    return files, links


def find_parts(root: Path, call: CaseCall, *, source: Path | None = None) -> CaseParts:
    files, links = _walk(root)
    top = [p for p in files if p.parent == root]
    problems: list[str] = []
    forms: list[tuple[Path, CaseForm]] = []
    for path in top:
        if content_format(path) != "docx":
            continue
        try:
            form = read_form(path, call)
        except Exception:  # noqa: BLE001 - a damaged Word file is not a form; the checks name it
            continue
        if form is not None:
            forms.append((path, form))
    form_file, form = forms[0] if len(forms) == 1 else (None, None)
    if not forms:
        named = [p for p in top if "信息表" in p.stem]
        problems.append(
            t("case.parts.form_unreadable", file=named[0].name) if named else t("case.parts.no_form")
        )
    elif len(forms) > 1:
        problems.append(t("case.parts.two_forms", files="、".join(p.name for p, _ in forms)))
    form_files = {path for path, _ in forms}
    rest = [p for p in top if p not in form_files]
    named = [p for p in rest if any(word in p.stem for word in _DOCUMENT_WORDS)]
    document_file: Path | None = None
    if len(named) == 1:
        document_file = named[0]
    elif not named and len(rest) == 1:
        document_file = rest[0]
    elif not rest:
        problems.append(t("case.parts.no_document", name=DOCUMENT_NAME))
    else:
        candidates = named or rest
        problems.append(
            t(
                "case.parts.which_document",
                files="、".join(p.name for p in candidates),
                name=DOCUMENT_NAME,
                folder=MATERIAL_FOLDER,
            )
        )
    chosen = form_files | {document_file}
    materials = tuple(p for p in files if p not in chosen)
    return CaseParts(
        source=source or root,
        root=root,
        form_file=form_file,
        form=form,
        document_file=document_file,
        materials=materials,
        links=tuple(links),
        problems=tuple(problems),
    )


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its author wrote it: zips made on Chinese Windows without the UTF-8
    flag store names in GBK, which Python reads as cp437."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _safe_member(name: str) -> PurePosixPath | None:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts or ":" in path.parts[0]:
        return None
    return path


@contextlib.contextmanager
def unpacked(archive: Path, call: CaseCall) -> Iterator[Path]:
    """A zip's case unpacked into a temporary folder (removed afterwards), its top folder skipped.

    Refused with the reason: not a zip, damaged, a member outside the folder (``../``), links,
    or more than the call's size limit once unpacked (checked from the directory, before
    unpacking anything).
    """
    folder = Path(tempfile.mkdtemp(prefix="workshop-case-"))
    try:
        try:
            _extract(archive, folder, call)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
            raise InputError(t("case.zip.bad", reason=str(error)), file=archive) from None
        tops = [p for p in folder.iterdir() if not is_litter(p)]
        yield tops[0] if len(tops) == 1 and tops[0].is_dir() else folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _extract(archive: Path, folder: Path, call: CaseCall) -> None:
    with zipfile.ZipFile(archive) as source:
        infos = [i for i in source.infolist() if not i.is_dir()]
        total = sum(i.file_size for i in infos)
        if total > call.package_max_bytes:
            raise InputError(
                t("case.zip.too_big", size=total / (1024 * 1024), limit=call.package_max_mb), file=archive
            )
        members = []
        for info in infos:
            member = _safe_member(_member_name(info))
            if member is None:
                raise InputError(t("case.zip.unsafe", member=info.filename), file=archive)
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise InputError(t("case.zip.link", member=member.as_posix()), file=archive)
            members.append((info, member))
        for info, member in members:
            target = folder.joinpath(*member.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open(info) as stream, target.open("wb") as out:
                shutil.copyfileobj(stream, out)


@contextlib.contextmanager
def opened(path: Path, call: CaseCall) -> Iterator[CaseParts]:
    """The parts of the case at ``path``: a case folder or a .zip package."""
    if path.is_dir():
        yield find_parts(path, call)
    elif path.is_file() and path.suffix.lower() == ".zip":
        with unpacked(path, call) as root:
            yield find_parts(root, call, source=path)
    else:
        raise InputError(t("case.not_found"), file=path)
