"""B10 portfolio builder: record entries (with files), see the timeline and growth, export a summary."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from toolkit.classroom.classtable import roster_names
from toolkit.classroom.portfolio.chart import growth_chart
from toolkit.classroom.portfolio.model import KINDS, Entry, Portfolio, PortfolioStore, growth_table
from toolkit.classroom.portfolio.report import export_portfolio, growth_summary, status_name, timeline_table
from toolkit.i18n import add_messages, t
from toolkit.modules.data import load_sample
from toolkit.widgets.upload import upload_button
from toolkit.work.outputs import download_links, outputs_dir
from toolkit.work.progress import record_output

SAMPLE_ROSTER = "class_7a_students.csv"

add_messages(
    {
        "portfolio.damaged": {
            "zh": "{file} 已损坏，已改名保存为 {backup}（没有删除），该学生的档案袋从空白开始。",
            "en": "{file} was damaged; kept as {backup} (not deleted); this portfolio starts blank.",
        },
        "portfolio.title": {"zh": "成长档案袋", "en": "Portfolio builder"},
        "portfolio.intro": {
            "zh": "选择学生 → 在“记录条目”页填写一条（可附文件或链接）并保存 → 在“时间线”页查看和归档 → "
            "在“成长”页对照五个单元的测验成绩 → 导出档案袋小结。条目只归档、不删除。",
            "en": "Pick a student → record an entry (with a file or link) → see and archive it on the "
            "timeline → compare with the five unit tests → export a summary. Entries are archived, "
            "never deleted.",
        },
        "portfolio.where": {
            "zh": "档案袋保存在 {folder}（每位学生一个文件）",
            "en": "Portfolios are kept in {folder} (one file per student)",
        },
        "portfolio.student": {"zh": "学生", "en": "Student"},
        "portfolio.tab.entry": {"zh": "记录条目", "en": "Entry"},
        "portfolio.tab.timeline": {"zh": "时间线", "en": "Timeline"},
        "portfolio.tab.growth": {"zh": "成长", "en": "Growth"},
        "portfolio.tab.export": {"zh": "导出", "en": "Export"},
        "portfolio.field.date": {"zh": "日期", "en": "Date"},
        "portfolio.field.title": {"zh": "标题", "en": "Title"},
        "portfolio.field.kind": {"zh": "类型", "en": "Kind"},
        "portfolio.field.link": {"zh": "链接", "en": "Link"},
        "portfolio.field.tags": {"zh": "标签", "en": "Tags"},
        "portfolio.field.tags_hint": {
            "zh": "用逗号或顿号分隔，例如：第2单元、方程",
            "en": "separate with commas, e.g. unit 2, equations",
        },
        "portfolio.field.selected": {"zh": "列为精选作品", "en": "Selected work"},
        "portfolio.field.reflection": {"zh": "学生反思", "en": "Student reflection"},
        "portfolio.field.comment": {"zh": "教师评语", "en": "Teacher comment"},
        "portfolio.upload": {"zh": "附加文件", "en": "Attach a file"},
        "portfolio.save": {"zh": "保存条目", "en": "Save entry"},
        "portfolio.new": {"zh": "清空表单（新条目）", "en": "Clear form (new entry)"},
        "portfolio.added": {
            "zh": "已为 {name} 保存条目 {id}“{title}”（在用 {count} 条）",
            "en": "Saved entry {id} '{title}' for {name} ({count} active)",
        },
        "portfolio.edited": {"zh": "已修改条目 {id}“{title}”", "en": "Entry {id} '{title}' updated"},
        "portfolio.editing": {
            "zh": "正在修改条目 {id}；点“保存条目”保存修改，点“清空表单”改为新建。",
            "en": "Editing entry {id}; 'Save entry' saves the changes, 'Clear form' starts a new one.",
        },
        "portfolio.pick_entry": {"zh": "条目", "en": "Entry"},
        "portfolio.load_entry": {"zh": "载入修改", "en": "Edit"},
        "portfolio.archive": {"zh": "归档", "en": "Archive"},
        "portfolio.restore": {"zh": "恢复", "en": "Restore"},
        "portfolio.archived": {
            "zh": "已归档条目 {id}“{title}”：它仍保存在档案袋中，可随时恢复。",
            "en": "Archived entry {id} '{title}': it stays in the portfolio and can be restored.",
        },
        "portfolio.restored": {"zh": "已恢复条目 {id}“{title}”", "en": "Restored entry {id} '{title}'"},
        "portfolio.show_archived": {"zh": "显示已归档的条目", "en": "Show archived entries"},
        "portfolio.export": {"zh": "导出档案袋小结", "en": "Export portfolio summary"},
        "portfolio.exported": {
            "zh": "已导出到 outputs：{files}（.doc 可用 Word/WPS 打开）",
            "en": "Exported to outputs: {files} (.doc opens in Word/WPS)",
        },
    }
)


class PortfolioBuilder(widgets.VBox):
    """Build students' portfolios without code: add entries (with files), see the timeline and growth, export.

    ``folder`` defaults to outputs/portfolios, ``roster`` (columns 学号, 姓名) to
    the sample class, ``units`` to the sample unit tests (class_7a_units.csv).
    """

    def __init__(
        self,
        folder: str | Path | None = None,
        roster: pd.DataFrame | None = None,
        *,
        units: pd.DataFrame | None = None,
        code: str = "B10",
    ) -> None:
        self.code = code
        if roster is None:
            roster = load_sample(SAMPLE_ROSTER)
        self.names = roster_names(roster)
        ids = list(self.names)
        self.store = PortfolioStore(folder or outputs_dir() / "portfolios", units=units)
        self.portfolio: Portfolio | None = None
        self.editing: str | None = None

        self.student = widgets.Dropdown(
            options=[(f"{self.names[i]}（{i}）", i) for i in ids],
            value=ids[0] if ids else None,
            description=t("portfolio.student"),
            layout=widgets.Layout(width="320px"),
        )
        self.student.observe(lambda _: self.open_student(), names="value")

        wide = widgets.Layout(width="560px")
        self.fields: dict[str, widgets.Widget] = {
            "date": widgets.DatePicker(value=dt.date.today(), description=t("portfolio.field.date")),
            "title": widgets.Text(description=t("portfolio.field.title"), layout=wide),
            "kind": widgets.Dropdown(options=KINDS, value="作业", description=t("portfolio.field.kind")),
            "link": widgets.Text(description=t("portfolio.field.link"), layout=wide),
            "tags": widgets.Text(
                description=t("portfolio.field.tags"),
                placeholder=t("portfolio.field.tags_hint"),
                layout=wide,
            ),
            "selected": widgets.Checkbox(description=t("portfolio.field.selected"), value=False),
            "reflection": widgets.Textarea(
                description=t("portfolio.field.reflection"),
                layout=widgets.Layout(width="560px", height="70px"),
            ),
            "comment": widgets.Textarea(
                description=t("portfolio.field.comment"), layout=widgets.Layout(width="560px", height="70px")
            ),
        }
        self.upload = upload_button(description=t("portfolio.upload"), multiple=False)
        self.save_button = widgets.Button(
            description=t("portfolio.save"), button_style="primary", icon="save"
        )
        self.new_button = widgets.Button(description=t("portfolio.new"), icon="eraser")
        self.save_button.on_click(lambda _: self.save_entry())
        self.new_button.on_click(lambda _: self.clear_form())
        self.message = widgets.HTML("")
        entry_tab = widgets.VBox(
            [
                *self.fields.values(),
                self.upload,
                widgets.HBox([self.save_button, self.new_button]),
                self.message,
            ]
        )

        self.entry_pick = widgets.Dropdown(description=t("portfolio.pick_entry"), layout=wide)
        self.load_button = widgets.Button(description=t("portfolio.load_entry"), icon="edit")
        self.archive_button = widgets.Button(description=t("portfolio.archive"), icon="archive")
        self.restore_button = widgets.Button(description=t("portfolio.restore"), icon="undo")
        self.load_button.on_click(lambda _: self.load_entry())
        self.archive_button.on_click(lambda _: self.archive_entry())
        self.restore_button.on_click(lambda _: self.restore_entry())
        self.show_archived = widgets.Checkbox(description=t("portfolio.show_archived"), value=False)
        self.show_archived.observe(lambda _: self.refresh(), names="value")
        self.timeline_table = widgets.HTML("")
        timeline_tab = widgets.VBox(
            [
                self.show_archived,
                self.timeline_table,
                widgets.HBox([self.entry_pick, self.load_button, self.archive_button, self.restore_button]),
            ]
        )

        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="620px"))
        self.growth_table = widgets.HTML("")
        self.growth_note = widgets.HTML("")
        growth_tab = widgets.VBox([self.chart, self.growth_note, self.growth_table])

        self.export_button = widgets.Button(
            description=t("portfolio.export"), button_style="success", icon="download"
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = widgets.HTML("")
        export_tab = widgets.VBox([self.export_button, self.export_message])

        self.tabs = widgets.Tab(
            children=[entry_tab, timeline_tab, growth_tab, export_tab],
            titles=[t(f"portfolio.tab.{key}") for key in ("entry", "timeline", "growth", "export")],
        )
        where = t("portfolio.where", folder=str(self.store.folder))
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('portfolio.title')}</h4>"
                    f"<div style='color:#555'>{html.escape(t('portfolio.intro'))}</div>"
                    f"<div style='color:#666;font-size:90%'>{html.escape(where)}</div>"
                ),
                self.student,
                self.tabs,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-portfolio-builder")
        self.open_student()

    # ---- state ----

    def open_student(self) -> None:
        """Load the chosen student's portfolio (reporting a damaged file) and redraw."""
        sid = self.student.value
        self.portfolio = None if sid is None else self.store.load(sid, self.names.get(sid, ""))
        self.clear_form()
        if self.store.damaged:
            notices = "<br>".join(
                html.escape(t("portfolio.damaged", file=d.file.name, backup=d.backup.name))
                for d in self.store.damaged
            )
            self.message.value = f"<span style='color:#c62828'>{notices}</span>"
            self.store.damaged.clear()
        self.export_message.value = ""
        self.refresh()

    def clear_form(self) -> None:
        self.editing = None
        self.fields["date"].value = dt.date.today()
        for key in ("title", "link", "tags", "reflection", "comment"):
            self.fields[key].value = ""
        self.fields["kind"].value = "作业"
        self.fields["selected"].value = False
        self.upload.value = ()
        self.message.value = ""

    def _values(self) -> dict[str, Any]:
        values = {key: control.value for key, control in self.fields.items()}
        values["link"] = values["link"].strip()
        return values

    # ---- actions ----

    def save_entry(self) -> Entry | None:
        """Add the form as a new entry, or save the changes to the entry being edited."""
        if self.portfolio is None:
            return None
        values = self._values()
        try:
            if self.upload.value:
                item = self.upload.value[0]
                values["file"] = self.store.attach(
                    self.portfolio.student_id, str(item["name"]), bytes(item["content"])
                )
            if self.editing:
                entry = self.portfolio.edit(self.editing, **values)
                message = t("portfolio.edited", id=entry.id, title=entry.title)
            else:
                title = values.pop("title")
                kind = values.pop("kind")
                entry = self.portfolio.add(title, kind, **values)
                message = t(
                    "portfolio.added",
                    name=self.portfolio.name,
                    id=entry.id,
                    title=entry.title,
                    count=len(self.portfolio.active),
                )
        except (ValueError, KeyError) as error:
            text = error.args[0] if error.args else str(error)
            self.message.value = f"<span style='color:#c62828'>{html.escape(str(text))}</span>"
            return None
        self.store.save(self.portfolio)
        self.clear_form()
        self.message.value = html.escape(message)
        self.refresh()
        return entry

    def load_entry(self) -> Entry | None:
        """Put the picked entry into the form for editing."""
        if self.portfolio is None or not self.entry_pick.value:
            return None
        entry = self.portfolio.entry(self.entry_pick.value)
        self.clear_form()
        self.fields["date"].value = dt.date.fromisoformat(entry.date)
        self.fields["title"].value = entry.title
        self.fields["kind"].value = entry.kind
        self.fields["link"].value = entry.link
        self.fields["tags"].value = "、".join(entry.tags)
        self.fields["selected"].value = entry.selected
        self.fields["reflection"].value = entry.reflection
        self.fields["comment"].value = entry.comment
        self.editing = entry.id
        self.message.value = html.escape(t("portfolio.editing", id=entry.id))
        self.tabs.selected_index = 0
        return entry

    def archive_entry(self) -> Entry | None:
        if self.portfolio is None or not self.entry_pick.value:
            return None
        entry = self.portfolio.archive(self.entry_pick.value)
        self.store.save(self.portfolio)
        self.timeline_message(t("portfolio.archived", id=entry.id, title=entry.title))
        return entry

    def restore_entry(self) -> Entry | None:
        if self.portfolio is None or not self.entry_pick.value:
            return None
        entry = self.portfolio.restore(self.entry_pick.value)
        self.store.save(self.portfolio)
        self.timeline_message(t("portfolio.restored", id=entry.id, title=entry.title))
        return entry

    def timeline_message(self, text: str) -> None:
        self.refresh()
        self.timeline_table.value += f"<div>{html.escape(text)}</div>"

    def export(self) -> tuple[Path, Path] | None:
        """Write the chosen student's portfolio summary to outputs (Markdown and .doc)."""
        if self.portfolio is None:
            return None
        md_path, doc_path = export_portfolio(self.store, self.portfolio.student_id, self.portfolio)
        record_output(self.code, "portfolio", md_path)
        self.export_message.value = html.escape(
            t("portfolio.exported", files=f"{md_path.name}、{doc_path.name}")
        ) + download_links(md_path, doc_path)
        return md_path, doc_path

    def growth(self) -> pd.DataFrame:
        if self.portfolio is None:
            return growth_table(self.store.units, "", ())
        return self.store.growth(self.portfolio.student_id, self.portfolio)

    def refresh(self) -> None:
        """Redraw the timeline, the entry picker, the growth chart and table."""
        portfolio = self.portfolio
        if portfolio is None:
            return
        timeline = timeline_table(portfolio, include_archived=self.show_archived.value)
        if timeline.empty:
            self.timeline_table.value = f"<i style='color:#666'>{t('portfolio.empty')}</i>"
        else:
            self.timeline_table.value = timeline.to_html(index=False, border=1, classes="workshop-table")
        archived = status_name("archived")
        self.entry_pick.options = [
            (f"{e.id} {e.date} {e.title}" + (f"（{archived}）" if e.archived else ""), e.id)
            for e in sorted(portfolio.entries, key=lambda e: (e.date, e.id))
        ]
        growth = self.growth()
        self.chart.value = growth_chart(growth, portfolio.name)
        self.growth_note.value = html.escape(growth_summary(growth))
        self.growth_table.value = (
            ""
            if growth.empty
            else growth.to_html(index=False, border=1, classes="workshop-table", na_rep="—")
        )
