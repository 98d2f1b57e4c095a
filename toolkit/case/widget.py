"""The case-writing page for a teacher: fill the form, write the four sections, attach material, export.

Counts and missing sections are shown as the teacher types. The document written
here holds only the sections that have text, so what the page warns about is
exactly what ``workshop case check`` refuses. Everything is kept in the teacher's
outputs folder (``研修案例/``): the draft, the case folder, withdrawn files and the
package, which also downloads from the page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from toolkit.atomic import free_path, write_atomic, write_text_atomic
from toolkit.case.call import CaseCall, load_call
from toolkit.case.check import document_problems, form_problems, material_problems
from toolkit.case.count import word_count
from toolkit.case.document import CaseDocument, outline, read_document, write_document
from toolkit.case.form import AUTHOR_FIELDS, CONSENT_PUBLISH, CONSENT_RECOMMEND, Author, CaseForm, write_form
from toolkit.case.pack import CaseRejected, pack_case
from toolkit.case.parts import DOCUMENT_NAME, FORM_NAME, MATERIAL_FOLDER
from toolkit.errors import InputError
from toolkit.evidence.files import content_format
from toolkit.i18n import t
from toolkit.localtime import local_zone
from toolkit.widgets.upload import upload_button
from toolkit.work.outputs import download_links, outputs_dir

WORK_FOLDER = "研修案例"
DRAFT_FILE = "草稿.json"
CASE_FOLDER = "案例"
PACKAGE_FOLDER = "案例包"
WITHDRAWN_FOLDER = "已撤下"


def _today() -> str:
    return dt.datetime.now(local_zone()).strftime("%Y年%m月%d日")


def _problem_list(items: list[str], colour: str = "#c62828") -> str:
    rows = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return f"<ul style='margin:2px 0;color:{colour}'>{rows}</ul>"


class CaseWriter(widgets.VBox):
    """The page: form, document, material, export (``folder`` defaults to outputs/研修案例)."""

    def __init__(self, *, folder: str | Path | None = None, call: CaseCall | None = None) -> None:
        self.call = call or load_call()
        self.folder = Path(folder) if folder is not None else outputs_dir() / WORK_FOLDER
        self.case_folder = self.folder / CASE_FOLDER
        (self.case_folder / MATERIAL_FOLDER).mkdir(parents=True, exist_ok=True)
        self._loading = True
        text = {"style": {"description_width": "72px"}, "layout": {"width": "95%"}}
        self.name = widgets.Text(description=t("writer.name"), **text).add_class("case-name")
        self.case_type = widgets.RadioButtons(
            options=[(c.name, c.id) for c in self.call.types], value=None, description=t("writer.type"),
            style={"description_width": "72px"}, layout={"width": "95%"},
        ).add_class("case-type")  # fmt: skip
        self.authors = [
            [widgets.Text(placeholder=field, layout={"width": "23%"}) for field in AUTHOR_FIELDS]
            for _ in range(self.call.max_authors)
        ]
        for number, row in enumerate(self.authors, start=1):
            for field, box in zip(("name", "unit", "title", "phone"), row, strict=True):
                box.add_class(f"case-author-{number}-{field}")
        self.host_hint = widgets.HTML()
        self.overview = widgets.Textarea(
            description=t("writer.overview"), rows=5, **text, continuous_update=True
        ).add_class("case-overview")
        self.overview_count = widgets.HTML().add_class("case-overview-count")
        self.signature = widgets.Text(description=t("writer.signature"), style={"description_width": "72px"})
        self.signature.add_class("case-signature")
        self.original = widgets.Checkbox(
            description=t("writer.original"), indent=False, layout={"width": "95%"}
        )
        self.publish = widgets.Checkbox(description=CONSENT_PUBLISH, indent=False, layout={"width": "95%"})
        self.recommend = widgets.Checkbox(
            description=CONSENT_RECOMMEND, indent=False, layout={"width": "95%"}
        )
        for box, name in (
            (self.original, "original"),
            (self.publish, "publish"),
            (self.recommend, "recommend"),
        ):
            box.add_class(f"case-{name}")
        self.sections = {
            name: widgets.Textarea(description=name, rows=6, **text).add_class(f"case-section-{index}")
            for index, name in enumerate(self.call.sections, start=1)
        }
        for box in self.sections.values():
            box.style.description_width = "90px"
        self.document_count = widgets.HTML().add_class("case-document-count")
        self.section_warning = widgets.HTML().add_class("case-section-warning")
        self.document_upload = upload_button(
            accept=".docx", description=t("writer.upload_document"), layout={"width": "auto"}
        )
        self.use_upload = widgets.Button(description=t("writer.use_upload"))
        self.use_upload.on_click(lambda _: self.take_uploaded_document())
        self.write_here = widgets.Button(description=t("writer.write_here"))
        self.write_here.on_click(lambda _: self.drop_uploaded_document())
        self.document_note = widgets.HTML()
        accept = ",".join(f".{kind}" for kind in self.call.material_formats)
        self.material_upload = upload_button(accept=accept, multiple=True, description=t("writer.choose"))
        self.material_upload.add_class("case-material-upload")
        self.add_button = widgets.Button(description=t("writer.add"), icon="upload").add_class("case-add")
        self.add_button.on_click(lambda _: self.add_materials())
        self.material_list = widgets.HTML().add_class("case-materials")
        self.material_choice = widgets.Dropdown(layout={"width": "320px"})
        self.withdraw_button = widgets.Button(description=t("writer.withdraw"), icon="archive")
        self.withdraw_button.on_click(lambda _: self.withdraw_material())
        self.status = widgets.HTML().add_class("case-status")
        self.export_button = widgets.Button(
            description=t("writer.export"), button_style="primary", icon="download"
        )
        self.export_button.add_class("case-export")
        self.export_button.on_click(lambda _: self.export())
        self.result = widgets.HTML().add_class("case-result")
        author_header = widgets.HBox(
            [widgets.HTML(f"<b>{html.escape(f)}</b>", layout={"width": "23%"}) for f in AUTHOR_FIELDS]
        )
        heading = lambda key: widgets.HTML(f"<h4 style='margin:14px 0 4px'>{t(key)}</h4>")  # noqa: E731
        super().__init__(
            [
                widgets.HTML(f"<h3>{html.escape(self.call.name)}</h3><p>{t('writer.intro')}</p>"),
                heading("writer.form"),
                self.name,
                self.case_type,
                widgets.HTML(f"<b>{t('writer.authors', limit=self.call.max_authors)}</b>"),
                author_header,
                *[widgets.HBox(row) for row in self.authors],
                self.host_hint,
                self.overview,
                self.overview_count,
                self.original,
                self.signature,
                self.publish,
                self.recommend,
                heading("writer.document"),
                widgets.HBox([self.document_upload, self.use_upload, self.write_here]),
                self.document_note,
                *self.sections.values(),
                self.document_count,
                self.section_warning,
                heading("writer.materials"),
                widgets.HBox([self.material_upload, self.add_button]),
                self.material_list,
                widgets.HBox([self.material_choice, self.withdraw_button]),
                heading("writer.export_heading"),
                self.status,
                self.export_button,
                self.result,
            ]
        )
        self.add_class("workshop-case-writer")
        self._load_draft()
        for box in self._fields():
            box.observe(lambda _: self.changed(), names="value")
        self._loading = False
        self.refresh()

    # ---- state ----------------------------------------------------------------------------

    def _fields(self) -> list[widgets.Widget]:
        return [
            self.name, self.case_type, *[box for row in self.authors for box in row], self.overview,
            self.signature, self.original, self.publish, self.recommend, *self.sections.values(),
        ]  # fmt: skip

    @property
    def draft_file(self) -> Path:
        return self.folder / DRAFT_FILE

    @property
    def uploaded_document(self) -> bool:
        return bool(self._draft_extra.get("document_uploaded"))

    def _draft(self) -> dict[str, Any]:
        return {
            "name": self.name.value,
            "type": self.case_type.value,
            "authors": [[box.value for box in row] for row in self.authors],
            "overview": self.overview.value,
            "signature": self.signature.value,
            "original": self.original.value,
            "publish": self.publish.value,
            "recommend": self.recommend.value,
            "sections": {name: box.value for name, box in self.sections.items()},
            **self._draft_extra,
        }

    def _load_draft(self) -> None:
        self._draft_extra: dict[str, Any] = {}
        try:
            saved = json.loads(self.draft_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(saved, dict):
            return
        self.name.value = str(saved.get("name") or "")
        if saved.get("type") in {c.id for c in self.call.types}:
            self.case_type.value = saved["type"]
        for row, values in zip(self.authors, saved.get("authors") or [], strict=False):
            for box, value in zip(row, values, strict=False):
                box.value = str(value or "")
        self.overview.value = str(saved.get("overview") or "")
        self.signature.value = str(saved.get("signature") or "")
        for key in ("original", "publish", "recommend"):
            getattr(self, key).value = bool(saved.get(key))
        for name, box in self.sections.items():
            box.value = str((saved.get("sections") or {}).get(name) or "")
        if saved.get("document_uploaded") and (self.case_folder / DOCUMENT_NAME).is_file():
            self._draft_extra["document_uploaded"] = True

    def _save_draft(self) -> None:
        text = json.dumps(self._draft(), ensure_ascii=False, indent=1)
        write_text_atomic(self.draft_file, text)

    def changed(self) -> None:
        if self._loading:
            return
        self._save_draft()
        self.refresh()

    # ---- what the page says ---------------------------------------------------------------

    def form(self) -> CaseForm:
        authors = tuple(
            Author(name="".join(row[0].value.split()), unit=row[1].value.strip(), title=row[2].value.strip(),
                   phone="".join(row[3].value.split()))
            for row in self.authors
            if any(box.value.strip() for box in row)
        )  # fmt: skip
        signature = self.signature.value.strip()
        return CaseForm(
            name=self.name.value.strip(),
            authors=authors,
            types=(self.case_type.value,) if self.case_type.value else (),
            overview=self.overview.value.strip(),
            declaration=self.original.value,
            signed=bool(signature),
            consent=self.publish.value and self.recommend.value,
            signature=signature,
            date=_today() if signature else "",
        )

    def title(self) -> str:
        return self.name.value.strip() or "（案例名称）"

    def written_sections(self) -> dict[str, str]:
        """The sections with text, in the call's order: an empty one gets no heading either."""
        return {name: box.value.strip() for name, box in self.sections.items() if box.value.strip()}

    def document(self) -> CaseDocument:
        if self.uploaded_document:
            return read_document(self.case_folder / DOCUMENT_NAME)
        lines = outline(self.title(), self.written_sections())
        return CaseDocument(tuple(text for _, text in lines))

    def materials(self) -> list[Path]:
        folder = self.case_folder / MATERIAL_FOLDER
        return sorted(p for p in folder.rglob("*") if p.is_file())

    def refresh(self) -> None:
        call = self.call
        count = word_count(self.overview.value)
        over = count > call.overview_max_chars
        colour = "#c62828" if over else "#2e7d32"
        self.overview_count.value = (
            f"<span style='color:{colour}'>"
            f"{t('writer.overview_count', count=count, limit=call.overview_max_chars)}</span>"
        )
        chosen = self.case_type.value
        self.host_hint.value = (
            f"<span style='color:#555'>{t('writer.host_hint')}</span>"
            if chosen and call.case_type(chosen).host_required
            else ""
        )
        document = self.document()
        characters = document.characters
        colour = "#c62828" if characters > call.document_max_chars else "#2e7d32"
        self.document_count.value = (
            f"<span style='color:{colour}'>"
            f"{t('writer.document_count', count=characters, limit=call.document_max_chars)}</span>"
        )
        missing = document.missing_sections(call.sections)
        self.section_warning.value = (
            f"<span style='color:#c62828'>⚠ {t('writer.missing_sections', sections='、'.join(missing))}"
            "</span>"
            if missing
            else f"<span style='color:#2e7d32'>{t('writer.sections_done')}</span>"
        )
        for box in self.sections.values():
            box.disabled = self.uploaded_document
        self.document_note.value = (
            t("writer.using_upload", name=html.escape(DOCUMENT_NAME)) if self.uploaded_document else ""
        )
        self.write_here.layout.display = None if self.uploaded_document else "none"
        self.show_materials()
        todo = form_problems(self.form(), call) + document_problems(document, call)
        todo += [f"{p.name}：{problem}" for p in self.materials() for problem in material_problems(p, call)]
        if not self.materials():
            todo.append(t("case.material.none", folder=MATERIAL_FOLDER))
        self.status.value = (
            f"<div>{t('writer.todo', count=len(todo))}</div>{_problem_list(todo)}"
            if todo
            else f"<div style='color:#2e7d32'>{t('writer.ready')}</div>"
        )

    def show_materials(self) -> None:
        files = self.materials()
        rows = []
        for path in files:
            problems = material_problems(path, self.call)
            mark = "✗" if problems else "✓"
            note = (
                f" <span style='color:#c62828'>{html.escape('；'.join(problems))}</span>" if problems else ""
            )
            size = path.stat().st_size / (1024 * 1024)
            rows.append(f"<li>{mark} {html.escape(path.name)}（{size:.1f} MB）{note}</li>")
        total = sum(p.stat().st_size for p in self.case_folder.rglob("*") if p.is_file())
        summary = t(
            "writer.material_total",
            count=len(files),
            size=total / (1024 * 1024),
            limit=self.call.package_max_mb,
        )
        self.material_list.value = f"<div>{summary}</div><ul style='margin:2px 0'>{''.join(rows)}</ul>"
        self.material_choice.options = [p.name for p in files]

    # ---- actions --------------------------------------------------------------------------

    def add_materials(self) -> list[Path]:
        folder = self.case_folder / MATERIAL_FOLDER
        added = []
        for item in self.material_upload.value:
            target = free_path(folder, Path(item["name"]).name)
            target.write_bytes(bytes(item["content"]))
            added.append(target)
        self.material_upload.value = ()
        self.refresh()
        return added

    def _archive(self, path: Path) -> Path:
        """Move a file out of the case into 已撤下/: nothing the teacher made is deleted."""
        place = self.folder / WITHDRAWN_FOLDER
        place.mkdir(parents=True, exist_ok=True)
        target = free_path(place, path.name)
        shutil.move(str(path), target)
        return target

    def withdraw_material(self) -> Path | None:
        name = self.material_choice.value
        if not name:
            return None
        target = self._archive(self.case_folder / MATERIAL_FOLDER / name)
        self.result.value = t(
            "writer.withdrawn", name=html.escape(name), place=html.escape(str(target.parent))
        )
        self.refresh()
        return target

    def take_uploaded_document(self) -> bool:
        uploads = list(self.document_upload.value)
        if not uploads:
            return False
        item = uploads[-1]
        staged = self.folder / f".{DOCUMENT_NAME}.upload"
        staged.write_bytes(bytes(item["content"]))
        self.document_upload.value = ()
        if content_format(staged) != "docx":
            staged.unlink()
            self.document_note.value = html.escape(t("writer.not_docx", name=item["name"]))
            return False
        target = self.case_folder / DOCUMENT_NAME
        if target.exists():
            self._archive(target)
        staged.replace(target)
        self._draft_extra["document_uploaded"] = True
        self._save_draft()
        self.refresh()
        return True

    def drop_uploaded_document(self) -> None:
        target = self.case_folder / DOCUMENT_NAME
        if self.uploaded_document and target.exists():
            self._archive(target)
        self._draft_extra.pop("document_uploaded", None)
        self._save_draft()
        self.refresh()

    def write_case_files(self) -> None:
        """The form and (unless uploaded) the document as Word files in the case folder."""
        form = self.form()
        write_atomic(self.case_folder / FORM_NAME, lambda part: write_form(form, part, self.call))
        if not self.uploaded_document:
            title, sections = self.title(), self.written_sections()
            write_atomic(
                self.case_folder / DOCUMENT_NAME,
                lambda part: write_document(part, title=title, sections=sections),
            )

    def export(self) -> Path | None:
        """Write the Word files, check the whole case and pack it; the package downloads from here."""
        self._save_draft()
        self.write_case_files()
        try:
            package = pack_case(self.case_folder, out=self.folder / PACKAGE_FOLDER, call=self.call)
        except CaseRejected as refused:
            shown = [p.split("：", 1)[-1] if "：" in p else p for p in refused.problems]
            self.result.value = (
                f"<div style='color:#c62828'>{t('writer.refused')}</div>{_problem_list(shown)}"
            )
            return None
        except InputError as error:
            self.result.value = f"<div style='color:#c62828'>{html.escape(error.message)}</div>"
            return None
        self.result.value = (
            f"<div style='color:#2e7d32'>{t('writer.exported', name=html.escape(package.name))}</div>"
            + download_links(package)
        )
        return package
