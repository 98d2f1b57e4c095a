"""Planning and design forms: fill in fields by clicking and typing, get advice, export a document.

Modules about classroom practice (lead-ins, micro-courses, inquiry designs …)
use a form as their interactive tool; the exported document is the draft of
the point's evidence. Every change is saved to the teacher's progress file.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from toolkit.catalogue import load_catalogue
from toolkit.i18n import t
from toolkit.work.outputs import download_links, markdown_to_html, write_document
from toolkit.work.progress import progress_store, record_output

FIELD_KINDS = ("text", "long", "choice", "multi", "number")


@dataclass(frozen=True)
class FormField:
    """One field. Limits (``min``/``max`` for numbers, ``min_chars``, ``min_count``) trigger ``advice``."""

    id: str
    label: str
    kind: str = "text"
    options: tuple[str, ...] = ()
    required: bool = True
    placeholder: str = ""
    limits: Mapping[str, float] = field(default_factory=dict)
    advice: str = ""

    @classmethod
    def from_mapping(cls, spec: Mapping[str, Any]) -> FormField:
        kind = spec.get("kind", "text")
        if kind not in FIELD_KINDS:
            raise ValueError(
                f"form field {spec.get('id')!r}: kind must be one of {FIELD_KINDS}, got {kind!r}"
            )
        if kind in ("choice", "multi") and not spec.get("options"):
            raise ValueError(f"form field {spec['id']!r}: a {kind} field needs options")
        limits = {key: spec[key] for key in ("min", "max", "min_chars", "min_count") if key in spec}
        return cls(
            id=str(spec["id"]),
            label=str(spec["label"]),
            kind=kind,
            options=tuple(spec.get("options", ())),
            required=bool(spec.get("required", True)),
            placeholder=str(spec.get("placeholder", "")),
            limits=limits,
            advice=str(spec.get("advice", "")),
        )

    def is_blank(self, value: Any) -> bool:
        return value in (None, "", [], ()) or (isinstance(value, str) and not value.strip())

    def problems(self, value: Any) -> list[str]:
        """Messages for a missing required value or a broken limit."""
        if self.is_blank(value):
            return [t("form.required", label=self.label)] if self.required else []
        broken = (
            ("min" in self.limits and value < self.limits["min"])
            or ("max" in self.limits and value > self.limits["max"])
            or ("min_chars" in self.limits and len(str(value).strip()) < self.limits["min_chars"])
            or ("min_count" in self.limits and len(value) < self.limits["min_count"])
        )
        if not broken:
            return []
        return [f"{self.label}：{self.advice or t('form.out_of_range')}"]

    def as_markdown(self, value: Any) -> str:
        if self.is_blank(value):
            shown = t("form.blank")
        elif self.kind == "multi":
            shown = "、".join(value)
        elif isinstance(value, float) and value.is_integer():
            shown = str(int(value))
        else:
            shown = str(value)
        return f"## {self.label}\n\n{shown}\n"


class DesignForm(widgets.VBox):
    """A titled form whose answers persist and export as Markdown and a Word-compatible .doc."""

    def __init__(
        self,
        code: str,
        form_id: str,
        *,
        title: str,
        fields: Sequence[Mapping[str, Any]],
        intro: str = "",
    ) -> None:
        self.point = load_catalogue().point(code)
        self.form_id = form_id
        self.title = title
        self.fields = [FormField.from_mapping(spec) for spec in fields]
        ids = [f.id for f in self.fields]
        if len(set(ids)) != len(ids):
            raise ValueError(f"form {form_id!r} repeats a field id")
        self.store = progress_store()
        self.key = f"form:{self.point.code}:{form_id}"
        saved: dict[str, Any] = dict(self.store.get(self.key) or {})
        self.inputs: dict[str, widgets.Widget] = {}
        rows: list[widgets.Widget] = []
        for spec in self.fields:
            control = self._control(spec, saved.get(spec.id))
            control.observe(lambda change: self._save(), names="value")
            self.inputs[spec.id] = control
            star = " <span style='color:#c62828'>*</span>" if spec.required else ""
            rows.append(widgets.HTML(f"<b>{html.escape(spec.label)}</b>{star}"))
            rows.append(control)
        self.advice = widgets.HTML("")
        self.preview = widgets.HTML("")
        self.export_button = widgets.Button(
            description=t("form.export"), button_style="success", icon="download"
        )
        self.check_button = widgets.Button(description=t("form.check"), icon="eye")
        self.check_button.on_click(lambda _: self.check())
        self.export_button.on_click(lambda _: self.export())
        heading = f"<h4>{html.escape(title)}</h4>"
        if intro:
            heading += f"<div style='color:#555'>{html.escape(intro)}</div>"
        super().__init__(
            [
                widgets.HTML(heading),
                *rows,
                widgets.HBox([self.check_button, self.export_button]),
                self.advice,
                self.preview,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-design-form")

    @staticmethod
    def _control(spec: FormField, saved: Any) -> widgets.Widget:
        wide = widgets.Layout(width="95%")
        if spec.kind == "long":
            return widgets.Textarea(value=saved or "", placeholder=spec.placeholder, layout=wide, rows=4)
        if spec.kind == "choice":
            return widgets.Dropdown(
                options=[("—", None), *[(o, o) for o in spec.options]],
                value=saved if saved in spec.options else None,
            )
        if spec.kind == "multi":
            chosen = tuple(o for o in (saved or ()) if o in spec.options)
            return widgets.SelectMultiple(options=spec.options, value=chosen, rows=min(6, len(spec.options)))
        if spec.kind == "number":
            return widgets.FloatText(value=saved if isinstance(saved, (int, float)) else 0)
        return widgets.Text(value=saved or "", placeholder=spec.placeholder, layout=wide)

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for spec in self.fields:
            value = self.inputs[spec.id].value
            result[spec.id] = list(value) if spec.kind == "multi" else value
        return result

    def fill(self, **values: Any) -> None:
        """Set fields as a teacher would by typing or clicking (used by tests and examples)."""
        for key, value in values.items():
            control = self.inputs[key]
            control.value = tuple(value) if isinstance(control, widgets.SelectMultiple) else value

    def _save(self) -> None:
        self.store.set(self.key, self.values())

    def problems(self) -> list[str]:
        values = self.values()
        return [message for spec in self.fields for message in spec.problems(values[spec.id])]

    def markdown(self) -> str:
        values = self.values()
        head = f"# {self.title}\n\n{t('form.point')}：{self.point.label()}\n\n"
        return head + "\n".join(spec.as_markdown(values[spec.id]) for spec in self.fields)

    def check(self) -> list[str]:
        """Show advice and a preview; returns the advice messages."""
        problems = self.problems()
        if problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
            self.advice.value = f"<div style='color:#c62828'>{t('form.advice')}<ul>{items}</ul></div>"
        else:
            self.advice.value = f"<div style='color:#2e7d32'>✔ {t('form.complete')}</div>"
        self.preview.value = (
            "<div style='border-top:1px dashed #aaa;margin-top:6px;padding-top:6px'>"
            f"{markdown_to_html(self.markdown())}</div>"
        )
        return problems

    def export(self) -> tuple[Path, Path]:
        """Write the document to outputs/ and record it in the teacher's progress."""
        self.check()
        stem = f"{self.point.code}_{self.form_id}"
        md_path, doc_path = write_document(stem, self.markdown(), title=self.title)
        record_output(self.point.code, self.form_id, md_path)
        self.advice.value += (
            f"<div>{t('form.exported', md=html.escape(md_path.name), doc=html.escape(doc_path.name))}</div>"
            + download_links(md_path, doc_path)
        )
        return md_path, doc_path


class Reflection(DesignForm):
    """The module's closing reflection: a few open questions answered in writing."""

    def __init__(self, code: str, questions: Sequence[str]) -> None:
        super().__init__(
            code,
            "reflection",
            title=t("reflection.title"),
            fields=[
                {
                    "id": f"q{n}",
                    "label": question,
                    "kind": "long",
                    "min_chars": 30,
                    "advice": t("reflection.short"),
                }
                for n, question in enumerate(questions, start=1)
            ],
        )
