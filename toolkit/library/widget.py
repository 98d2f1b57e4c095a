"""The A4 resource-library widget: browse and filter, add with tags, find duplicates, check files, export."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.catalogue import load_catalogue
from toolkit.i18n import add_messages, t
from toolkit.library.model import ACTIVE, KINDS, LICENCES, ResourceLibrary, export_xlsx
from toolkit.modules.data import sample_path
from toolkit.widgets.upload import save_upload, upload_button
from toolkit.work.outputs import download_links, outputs_dir
from toolkit.work.progress import record_output

add_messages(
    {
        "library.tab.browse": {"zh": "浏览与检索", "en": "Browse and search"},
        "library.tab.add": {"zh": "添加资源", "en": "Add a resource"},
        "library.tab.check": {"zh": "查重与检查", "en": "Duplicates and checks"},
        "library.tab.export": {"zh": "导出目录", "en": "Export"},
        "library.any": {"zh": "（全部）", "en": "(all)"},
        "library.search": {"zh": "关键词", "en": "Keyword"},
        "library.count": {"zh": "共 {count} 条资源", "en": "{count} resources"},
        "library.field.title": {"zh": "标题", "en": "Title"},
        "library.field.subject": {"zh": "学科", "en": "Subject"},
        "library.field.grade": {"zh": "年级", "en": "Grade"},
        "library.field.kind": {"zh": "类型", "en": "Type"},
        "library.field.point": {"zh": "微能力点", "en": "Point"},
        "library.field.licence": {"zh": "授权", "en": "Licence"},
        "library.field.tags": {"zh": "标签（用逗号分隔）", "en": "Tags (comma separated)"},
        "library.field.link": {"zh": "或网址", "en": "or web address"},
        "library.field.source": {"zh": "来源（作者、网址或出处）", "en": "Source (author, site)"},
        "library.upload": {"zh": "选择文件", "en": "Choose file"},
        "library.add": {"zh": "添加到资源库", "en": "Add to library"},
        "library.added": {"zh": "已添加：{id} {title}", "en": "Added: {id} {title}"},
        "library.find_duplicates": {"zh": "查找重复资源", "en": "Find duplicates"},
        "library.check_files": {"zh": "检查文件是否存在", "en": "Check files exist"},
        "library.no_duplicates": {"zh": "没有发现重复资源。", "en": "No duplicates found."},
        "library.all_files_present": {"zh": "所有本地文件都在。", "en": "Every local file is present."},
        "library.missing": {"zh": "找不到文件：", "en": "Missing files:"},
        "library.export": {"zh": "导出为 Excel", "en": "Export to Excel"},
        "library.archive_pick": {"zh": "归档资源", "en": "Archive"},
        "library.archive": {"zh": "归档（保留文件和记录）", "en": "Archive (keeps file and record)"},
        "library.archived": {
            "zh": "已归档：{id} {title}。记录和文件都保留在资源库里",
            "en": "Archived: {id} {title}. Its record and file stay in the library",
        },
        "library.exported": {"zh": "已导出 outputs/{name}", "en": "Exported outputs/{name}"},
        "library.where": {
            "zh": "资源库位置：{folder}（目录文件 resources.csv 可直接用 Excel/WPS 打开）",
            "en": "Library folder: {folder} (resources.csv opens in Excel/WPS)",
        },
    }
)

LIBRARY_DIR = "resource_library"
_COLUMN_LABELS = {
    "id": "编号",
    "title": "标题",
    "subject": "学科",
    "grade": "年级",
    "kind": "类型",
    "point": "微能力点",
    "licence": "授权",
    "file": "文件",
    "tags": "标签",
}


class ResourceLibraryManager(widgets.VBox):
    """A teacher's own copy of the sample library, under outputs/resource_library unless told otherwise."""

    def __init__(self, folder: str | Path | None = None) -> None:
        target = Path(folder) if folder else outputs_dir() / LIBRARY_DIR
        self.library = ResourceLibrary.from_sample(target, sample_path("resources.csv").parent)
        any_option = [(t("library.any"), "")]
        self.text = widgets.Text(placeholder=t("library.search"), layout=widgets.Layout(width="220px"))
        self.filters = {
            column: widgets.Dropdown(description=t(f"library.field.{column}"), options=any_option, value="")
            for column in ("subject", "grade", "kind", "point", "licence")
        }
        for control in (self.text, *self.filters.values()):
            control.observe(lambda _: self.refresh(), names="value")
        self.count = widgets.HTML("")
        self.table = widgets.HTML("")
        browse = widgets.VBox(
            [
                widgets.HBox([self.text, self.filters["subject"], self.filters["grade"]]),
                widgets.HBox([self.filters["kind"], self.filters["point"], self.filters["licence"]]),
                self.count,
                self.table,
            ]
        )

        points = [(p.label(), p.code) for p in load_catalogue().points]
        self.new = {
            "title": widgets.Text(description=t("library.field.title"), layout=widgets.Layout(width="420px")),
            "subject": widgets.Text(description=t("library.field.subject")),
            "grade": widgets.Text(description=t("library.field.grade")),
            "kind": widgets.Dropdown(description=t("library.field.kind"), options=KINDS, value="其他"),
            "point": widgets.Dropdown(
                description=t("library.field.point"), options=[("—", ""), *points], value=""
            ),
            "licence": widgets.Dropdown(
                description=t("library.field.licence"), options=LICENCES, value="来源待核实"
            ),
            "tags": widgets.Text(description=t("library.field.tags")),
            "source": widgets.Text(
                description=t("library.field.source"), style={"description_width": "initial"}
            ),
            "link": widgets.Text(description=t("library.field.link")),
        }
        self.upload = upload_button(description=t("library.upload"))
        self.add_button = widgets.Button(description=t("library.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.add_message = widgets.HTML("")
        add = widgets.VBox([*self.new.values(), self.upload, self.add_button, self.add_message])

        self.duplicates_button = widgets.Button(description=t("library.find_duplicates"), icon="clone")
        self.files_button = widgets.Button(description=t("library.check_files"), icon="search")
        self.duplicates_button.on_click(lambda _: self.show_duplicates())
        self.files_button.on_click(lambda _: self.show_missing())
        self.check_result = widgets.HTML("")
        self.archive_pick = widgets.Dropdown(description=t("library.archive_pick"))
        self.archive_button = widgets.Button(description=t("library.archive"), icon="archive")
        self.archive_button.on_click(lambda _: self.archive())
        check = widgets.VBox(
            [
                widgets.HBox([self.duplicates_button, self.files_button]),
                self.check_result,
                widgets.HBox([self.archive_pick, self.archive_button]),
            ]
        )

        self.export_button = widgets.Button(
            description=t("library.export"), button_style="success", icon="download"
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = widgets.HTML("")
        export = widgets.VBox([self.export_button, self.export_message])

        self.tabs = widgets.Tab(
            children=[browse, add, check, export],
            titles=[t(f"library.tab.{key}") for key in ("browse", "add", "check", "export")],
        )
        where = widgets.HTML(
            f"<div style='color:#666'>{html.escape(t('library.where', folder=target))}</div>"
        )
        super().__init__([where, self.tabs])
        self.add_class("workshop-resource-library")
        self._refresh_filter_options()
        self.refresh()

    def _refresh_filter_options(self) -> None:
        for column, control in self.filters.items():
            current = control.value
            options = [(t("library.any"), ""), *[(v, v) for v in self.library.values(column)]]
            control.options = options
            control.value = current if current in [v for _, v in options] else ""

    def results(self) -> pd.DataFrame:
        """The resources in use that match the search box and every filter."""
        return self.library.search(self.text.value, **{c: w.value for c, w in self.filters.items()})

    def archive(self) -> None:
        """Take the chosen resource out of use; the row and the file stay (records are never deleted)."""
        if not self.archive_pick.value:
            return
        resource = self.library.archive(self.archive_pick.value)
        self.check_result.value = t("library.archived", id=resource.id, title=html.escape(resource.title))
        self._refresh_filter_options()
        self.refresh()

    def refresh(self) -> None:
        self.archive_pick.options = [
            (f"{r.id} {r.title}", r.id) for r in self.library.resources if r.status == ACTIVE
        ]
        found = self.results()
        self.count.value = f"<b>{t('library.count', count=len(found))}</b>"
        shown = found[list(_COLUMN_LABELS)].rename(columns=_COLUMN_LABELS)
        self.table.value = shown.to_html(index=False, border=0, classes="workshop-table")

    def add(self) -> None:
        values = {key: control.value for key, control in self.new.items()}
        link = values.pop("link").strip()
        try:
            with tempfile.TemporaryDirectory() as folder:
                uploaded = save_upload(self.upload, Path(folder))
                resource = self.library.add(file=uploaded or link or None, **values)
        except ValueError as error:
            self.add_message.value = f"<span style='color:#c62828'>{html.escape(str(error))}</span>"
            return
        self.add_message.value = t("library.added", id=resource.id, title=html.escape(resource.title))
        self.upload.value = ()
        self.new["title"].value = self.new["link"].value = ""
        self._refresh_filter_options()
        self.refresh()

    def show_duplicates(self) -> None:
        groups = self.library.duplicates()
        if not groups:
            self.check_result.value = t("library.no_duplicates")
            return
        items = "".join(
            f"<li><b>{reason}</b>："
            + "；".join(f"{r.id} {html.escape(r.title)}（{html.escape(r.file)}）" for r in members)
            + "</li>"
            for reason, members in groups
        )
        self.check_result.value = f"<ul>{items}</ul>"

    def show_missing(self) -> None:
        missing = self.library.missing_files()
        if not missing:
            self.check_result.value = t("library.all_files_present")
            return
        items = "".join(f"<li>{r.id} {html.escape(r.title)}：{html.escape(r.file)}</li>" for r in missing)
        self.check_result.value = f"<span style='color:#c62828'>{t('library.missing')}</span><ul>{items}</ul>"

    def export(self) -> Path:
        path = export_xlsx([r for r in self.library.resources], outputs_dir() / "A4_resource_catalogue.xlsx")
        record_output("A4", "resource_catalogue", path)
        self.export_message.value = html.escape(t("library.exported", name=path.name)) + download_links(path)
        return path
