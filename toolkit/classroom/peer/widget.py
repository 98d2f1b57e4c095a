"""B9 self- and peer-assessment desk: the assignment, rating by rubric, the summary, and export."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.classroom.classtable import roster_names
from toolkit.classroom.peer.chart import summary_chart
from toolkit.classroom.peer.model import (
    DEFAULT_THRESHOLD,
    FLAG_HIGH,
    FLAG_LOW,
    TEACHER,
    PeerAssessment,
    Rating,
    export_ratings,
    ratings_path,
)
from toolkit.classroom.peer.report import assignment_table, export_summary, person, summary_table
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.modules.data import load_sample, sample_path
from toolkit.rubric.model import load_rubric, score
from toolkit.work.outputs import download_links
from toolkit.work.store import set_aside

SAMPLE_RUBRIC = "rubric_lab_report.yaml"  # the desk's default: 八年级物理实验报告
SAMPLE_ROSTER = "class_7a_students.csv"

add_messages(
    {
        "peer.title": {"zh": "自评与互评工作台", "en": "Self- and peer-assessment desk"},
        "peer.intro": {
            "zh": "① 在“分配”页看谁评谁；② 在“评分”页选评价人和被评人，逐个维度选等级后保存"
            "（评价人与被评人相同即为自评）；③ 在“汇总”页看自评与同伴评价的差距；④ 导出评分表和汇总文档。"
            "每次保存都自动存档，之前的评分不会丢失。",
            "en": "1 See who reviews whom; 2 pick assessor and assessee, choose a level per criterion and "
            "save (same person = self-assessment); 3 read the gaps in the summary; 4 export. Every save "
            "is kept; earlier ratings are never lost.",
        },
        "peer.where": {
            "zh": "量规：{rubric}；评分自动保存在 {file}",
            "en": "Rubric: {rubric}; ratings are saved in {file}",
        },
        "peer.tab.assign": {"zh": "分配", "en": "Assignment"},
        "peer.tab.rate": {"zh": "评分", "en": "Rate"},
        "peer.tab.summary": {"zh": "汇总", "en": "Summary"},
        "peer.tab.export": {"zh": "导出", "en": "Export"},
        "peer.reviewers": {"zh": "每份作品评价人数", "en": "Reviewers per work"},
        "peer.reshuffle": {"zh": "换一种分配", "en": "Shuffle again"},
        "peer.assign.note": {
            "zh": "每份作品由 {k} 位同学评价，每位同学评 {k} 份作品，没有人评自己的作品（随机种子 {seed}）。",
            "en": "Each work has {k} reviewers, each student reviews {k} works, "
            "nobody their own (seed {seed}).",
        },
        "peer.assessor": {"zh": "评价人", "en": "Assessor"},
        "peer.assessee": {"zh": "被评人", "en": "Assessee"},
        "peer.choose": {"zh": "— 请选择 —", "en": "— choose —"},
        "peer.choose_level": {"zh": "— 选择等级 —", "en": "— choose a level —"},
        "peer.comment": {"zh": "评语", "en": "Comment"},
        "peer.save": {"zh": "保存这份评分", "en": "Save this rating"},
        "peer.kind.self": {"zh": "这是自评", "en": "This is a self-assessment"},
        "peer.kind.peer": {"zh": "这是同伴互评", "en": "This is a peer rating"},
        "peer.kind.teacher": {"zh": "这是教师评价", "en": "This is the teacher's rating"},
        "peer.kind.assigned": {"zh": "（按分配）", "en": " (as assigned)"},
        "peer.kind.unassigned": {"zh": "（不在分配表中，也可以评）", "en": " (not assigned; allowed)"},
        "peer.kind.previous": {
            "zh": "已载入 {time} 保存的评分，修改后再保存会记为新的一条。",
            "en": "Loaded the rating saved at {time}; saving again adds a new one.",
        },
        "peer.pick_both": {"zh": "请先选择评价人和被评人。", "en": "Choose the assessor and the assessee."},
        "peer.pick_levels": {
            "zh": "还有维度没有选等级：{names}",
            "en": "Some criteria have no level yet: {names}",
        },
        "peer.saved": {
            "zh": "已保存：{assessor} → {assessee}，得分 {score:g}，等级 {level}（共 {count} 条评分）",
            "en": "Saved: {assessor} → {assessee}, score {score:g}, level {level} ({count} ratings)",
        },
        "peer.threshold": {"zh": "差距提示线（分）", "en": "Flag gap (points)"},
        "peer.summary.note": {
            "zh": "得分为 0–100 分（最低等级为 0，最高等级为 100）；"
            "“自评−同伴”达到提示线时标出自评偏高或偏低。",
            "en": "Scores run 0–100 (lowest level 0, highest 100); gaps at or beyond the line are flagged.",
        },
        "peer.agreement": {"zh": "各维度的一致程度", "en": "Agreement per criterion"},
        "peer.missing": {
            "zh": "按分配还没有完成的评价（{count} 份）：{items}",
            "en": "Assigned ratings still to do ({count}): {items}",
        },
        "peer.empty": {"zh": "还没有评分。", "en": "No ratings yet."},
        "peer.export": {"zh": "导出评分表和汇总文档", "en": "Export ratings and summary"},
        "peer.exported": {
            "zh": "已导出到 outputs：{files}（CSV 可用 Excel/WPS 打开，.doc 可用 Word/WPS 打开）",
            "en": "Exported to outputs: {files} (CSV opens in Excel/WPS, .doc in Word/WPS)",
        },
        "peer.damaged": {
            "zh": "评分文件 {file} 已损坏，已改名保存为 {backup}（没有删除），现在从空白开始。",
            "en": "Ratings file {file} was damaged; kept as {backup} (not deleted); starting blank.",
        },
    }
)


class PeerAssessmentDesk(widgets.VBox):
    """A teacher's desk for one self-/peer-assessment round: assignment, rating, summary, export.

    Defaults: the course's sample rubric (八年级物理实验报告) and the first 12
    students of the sample class. ``roster`` needs the columns 学号 and 姓名.
    Every saved rating goes straight into outputs/B9_peer_<rubric id>.json.
    """

    def __init__(
        self,
        rubric_path: str | Path | None = None,
        roster: pd.DataFrame | None = None,
        *,
        reviewers_per_work: int = 2,
        seed: int = 0,
        code: str = "B9",
    ) -> None:
        self.code = code
        self.rubric = load_rubric(rubric_path or sample_path(SAMPLE_RUBRIC))
        if roster is None:
            roster = load_sample(SAMPLE_ROSTER).head(12)
        names = roster_names(roster)
        ids = list(names)
        self.path = ratings_path(self.rubric, code)
        self.notice = ""
        self._prefilled = False
        self.peer = PeerAssessment(self.rubric, ids, names=names)
        self._load_saved(reviewers_per_work, seed)

        # Assignment tab
        self.reviewers = widgets.Dropdown(
            options=[n for n in (1, 2, 3, 4) if n < len(ids)],
            value=self.peer.reviewers_per_work,
            description=t("peer.reviewers"),
            style={"description_width": "initial"},
        )
        self.reshuffle_button = widgets.Button(description=t("peer.reshuffle"), icon="random")
        self.reviewers.observe(lambda _: self.reassign(self.peer.seed), names="value")
        self.reshuffle_button.on_click(lambda _: self.reassign(self.peer.seed + 1))
        self.assignment_note = widgets.HTML("")
        self.assignment_table = widgets.HTML("")
        assign_tab = widgets.VBox(
            [
                widgets.HBox([self.reviewers, self.reshuffle_button]),
                self.assignment_note,
                self.assignment_table,
            ]
        )

        # Rating tab
        people = [(f"{names[i]}（{i}）", i) for i in ids]
        self.assessor = widgets.Dropdown(
            options=[(t("peer.choose"), None), *people, (t("peer.teacher"), TEACHER)],
            value=None,
            description=t("peer.assessor"),
            layout=widgets.Layout(width="320px"),
        )
        self.assessee = widgets.Dropdown(
            options=[(t("peer.choose"), None), *people],
            value=None,
            description=t("peer.assessee"),
            layout=widgets.Layout(width="320px"),
        )
        self.kind_note = widgets.HTML("")
        self.level_pickers: dict[str, widgets.Dropdown] = {}
        self.descriptors: dict[str, widgets.HTML] = {}
        rows = []
        for criterion in self.rubric.criteria:
            picker = widgets.Dropdown(
                options=[
                    (t("peer.choose_level"), None),
                    *[(f"{lv.name}（{lv.points:g}）", lv.id) for lv in self.rubric.levels],
                ],
                value=None,
                description=criterion.name,
                style={"description_width": "120px"},
                layout=widgets.Layout(width="300px"),
            )
            text = widgets.HTML("", layout=widgets.Layout(margin="0 0 0 12px", width="420px"))
            picker.observe(lambda _, c=criterion.id: self._show_descriptor(c), names="value")
            self.level_pickers[criterion.id] = picker
            self.descriptors[criterion.id] = text
            rows.append(widgets.HBox([picker, text]))
        self.comment = widgets.Textarea(
            description=t("peer.comment"), layout=widgets.Layout(width="620px", height="60px")
        )
        self.save_button = widgets.Button(description=t("peer.save"), button_style="primary", icon="save")
        self.save_button.on_click(lambda _: self.save_rating())
        self.status = widgets.HTML(self.notice)
        self.assessor.observe(lambda _: self._pair_changed(), names="value")
        self.assessee.observe(lambda _: self._pair_changed(), names="value")
        rate_tab = widgets.VBox(
            [
                widgets.HBox([self.assessor, self.assessee]),
                self.kind_note,
                *rows,
                self.comment,
                self.save_button,
                self.status,
            ]
        )

        # Summary tab
        self.threshold = widgets.BoundedFloatText(
            value=DEFAULT_THRESHOLD,
            min=1,
            max=100,
            step=5,
            description=t("peer.threshold"),
            style={"description_width": "initial"},
        )
        self.threshold.observe(lambda _: self.refresh(), names="value")
        self.summary_table = widgets.HTML("")
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="720px"))
        self.agreement_table = widgets.HTML("")
        self.missing_note = widgets.HTML("")
        summary_tab = widgets.VBox(
            [
                self.threshold,
                widgets.HTML(f"<div style='color:#555'>{t('peer.summary.note')}</div>"),
                self.summary_table,
                self.chart,
                widgets.HTML(f"<b>{t('peer.agreement')}</b>"),
                self.agreement_table,
                self.missing_note,
            ]
        )

        # Export tab
        self.export_button = widgets.Button(
            description=t("peer.export"), button_style="success", icon="download"
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = widgets.HTML("")
        export_tab = widgets.VBox([self.export_button, self.export_message])

        self.tabs = widgets.Tab(
            children=[assign_tab, rate_tab, summary_tab, export_tab],
            titles=[t(f"peer.tab.{key}") for key in ("assign", "rate", "summary", "export")],
        )
        where = t("peer.where", rubric=self.rubric.title, file=f"outputs/{self.path.name}")
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('peer.title')}</h4><div style='color:#555'>{html.escape(t('peer.intro'))}</div>"
                    f"<div style='color:#666;font-size:90%'>{html.escape(where)}</div>"
                ),
                self.tabs,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-peer-assessment")
        self._show_assignment()
        self.refresh()

    # ---- state ----

    def _load_saved(self, reviewers_per_work: int, seed: int) -> None:
        saved: PeerAssessment | None = None
        if self.path.exists():
            try:
                saved = PeerAssessment.load(self.path, self.rubric)
            except InputError:
                backup = set_aside(self.path)
                self.notice = (
                    "<span style='color:#c62828'>"
                    + html.escape(t("peer.damaged", file=self.path.name, backup=backup.name))
                    + "</span>"
                )
        ids = set(self.peer.student_ids)
        if saved is not None:
            self.peer.merge(saved)  # ratings of students no longer listed are kept in the file too
            if saved.assignment and set(saved.assignment) == ids:
                self.peer.assignment, self.peer.seed = saved.assignment, saved.seed
        if self.peer.assignment is None:
            k = min(reviewers_per_work, len(ids) - 1)
            if k >= 1:
                self.peer.assign(k, seed)

    def reassign(self, seed: int) -> None:
        """A new assignment with the chosen number of reviewers and ``seed``; ratings stay."""
        self.peer.assign(int(self.reviewers.value), seed)
        self.peer.save(self.path)
        self._show_assignment()
        self.refresh()

    def _show_assignment(self) -> None:
        frame = assignment_table(self.peer)
        note = t("peer.assign.note", k=self.peer.reviewers_per_work, seed=self.peer.seed)
        self.assignment_note.value = html.escape(note)
        self.assignment_table.value = frame.to_html(index=False, border=1, classes="workshop-table")

    def _show_descriptor(self, criterion_id: str) -> None:
        criterion = next(c for c in self.rubric.criteria if c.id == criterion_id)
        level = self.level_pickers[criterion_id].value
        text = criterion.descriptors.get(level, "") if level else ""
        self.descriptors[criterion_id].value = f"<span style='color:#555'>{html.escape(text)}</span>"

    def _pair_changed(self) -> None:
        assessor, assessee = self.assessor.value, self.assessee.value
        if assessor is None or assessee is None:
            self.kind_note.value = ""
            return
        if assessor == TEACHER:
            note = t("peer.kind.teacher")
        elif assessor == assessee:
            note = t("peer.kind.self")
        else:
            assigned = assessor in (self.peer.assignment or {}).get(assessee, [])
            note = t("peer.kind.peer") + t("peer.kind.assigned" if assigned else "peer.kind.unassigned")
        previous = self.peer.latest(assessor, assessee)
        if previous is not None:
            for cid, picker in self.level_pickers.items():
                picker.value = previous.levels.get(cid)
            self.comment.value = previous.comment
            note += " " + t("peer.kind.previous", time=previous.at.replace("T", " "))
        elif self._prefilled:
            # Levels loaded from another pair's rating must not be saved for this pair by mistake.
            for picker in self.level_pickers.values():
                picker.value = None
            self.comment.value = ""
        self._prefilled = previous is not None
        self.kind_note.value = f"<b>{html.escape(note)}</b>"

    # ---- actions ----

    def save_rating(self) -> Rating | None:
        """Save the chosen levels as a rating of assessee by assessor (what the save button does)."""
        assessor, assessee = self.assessor.value, self.assessee.value
        if assessor is None or assessee is None:
            self.status.value = f"<span style='color:#c62828'>{t('peer.pick_both')}</span>"
            return None
        unset = [c.name for c in self.rubric.criteria if self.level_pickers[c.id].value is None]
        if unset:
            message = t("peer.pick_levels", names="、".join(unset))
            self.status.value = f"<span style='color:#c62828'>{html.escape(message)}</span>"
            return None
        levels = {cid: picker.value for cid, picker in self.level_pickers.items()}
        try:
            rating = self.peer.rate(assessor, assessee, levels, comment=self.comment.value)
        except ValueError as error:
            self.status.value = f"<span style='color:#c62828'>{html.escape(str(error))}</span>"
            return None
        self.peer.save(self.path)
        self._prefilled = True  # the form now shows this pair's rating: a new pair starts blank
        result = score(self.rubric, rating.levels)
        self.status.value = html.escape(
            t(
                "peer.saved",
                assessor=person(self.peer, assessor),
                assessee=person(self.peer, assessee),
                score=result.score,
                level=result.level.name,
                count=len(self.peer),
            )
        )
        self.refresh()
        return rating

    def summary(self) -> pd.DataFrame:
        """The summary as shown: scores, flags and 说明 at the current gap line."""
        return summary_table(self.peer, float(self.threshold.value))

    def refresh(self) -> None:
        """Redraw the summary table, the chart, the agreement table and what is still to rate."""
        summary = self.summary()
        if len(self.peer):
            shown = summary.reset_index()
            styled = shown.to_html(index=False, border=1, classes="workshop-table", na_rep="—")
            for flag in (FLAG_HIGH, FLAG_LOW):
                styled = styled.replace(f"<td>{flag}</td>", f"<td style='color:#c62828'><b>{flag}</b></td>")
            self.summary_table.value = styled
            self.agreement_table.value = (
                self.peer.criterion_agreement()
                .reset_index()
                .to_html(index=False, border=1, classes="workshop-table", na_rep="—")
            )
        else:
            self.summary_table.value = f"<i style='color:#666'>{t('peer.empty')}</i>"
            self.agreement_table.value = ""
        self.chart.value = summary_chart(summary)
        todo = self.peer.missing()
        if todo:
            items = "、".join(f"{person(self.peer, a)}→{person(self.peer, b)}" for a, b in todo[:30])
            more = " …" if len(todo) > 30 else ""
            self.missing_note.value = html.escape(t("peer.missing", count=len(todo), items=items + more))
        else:
            self.missing_note.value = f"<span style='color:#2e7d32'>{t('peer.missing_none')}</span>"

    def export(self) -> tuple[Path, Path, Path]:
        """Write outputs/B9_peer_ratings.csv (every rating) and B9_peer_summary.md/.doc."""
        csv_path = export_ratings(self.peer, self.code)
        md_path, doc_path = export_summary(self.peer, float(self.threshold.value), self.code)
        files = "、".join(p.name for p in (csv_path, md_path, doc_path))
        self.export_message.value = html.escape(t("peer.exported", files=files)) + download_links(
            csv_path, md_path, doc_path
        )
        return csv_path, md_path, doc_path
