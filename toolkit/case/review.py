"""First review (初评): a reviewer passes a case or disqualifies it with a reason, kept with who and when.

The record is a CSV beside the cases (初评记录.csv, UTF-8 with BOM so Excel opens
it). It only grows: a later decision on a case is a new row that supersedes the
earlier one, which stays. A case is known by its first author and title, so
renaming its zip or folder does not lose its review.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
from dataclasses import dataclass
from pathlib import Path

from toolkit.atomic import write_text_atomic
from toolkit.case.call import CaseCall
from toolkit.errors import InputError
from toolkit.i18n import t
from toolkit.localtime import local_zone

REVIEW_FILE = "初评记录.csv"
PASSED, DISQUALIFIED = "通过", "取消资格"
HEADER = ("第一作者", "案例名称", "案例", "结论", "原因", "说明", "初评人", "时间")


def case_key(first_author: str, title: str) -> tuple[str, str]:
    """The same case whatever its spacing or punctuation: 王芳 / 《智慧 研修》 = 王芳 / 智慧研修."""
    keep = lambda text: "".join(c for c in text.casefold() if c.isalnum())  # noqa: E731
    return keep(first_author), keep(title)


@dataclass(frozen=True)
class Review:
    first_author: str
    title: str
    case: str  # the folder or zip it was made on
    verdict: str  # 通过 or 取消资格
    reason: str
    note: str
    reviewer: str
    at: str

    @property
    def passed(self) -> bool:
        return self.verdict == PASSED


def read_reviews(folder: Path) -> dict[tuple[str, str], Review]:
    """The latest review of every case in ``folder`` (empty when no one has reviewed yet)."""
    path = folder / REVIEW_FILE
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(t("case.review.unreadable"), file=path) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(rows[0][: len(HEADER)]) != HEADER:
        raise InputError(t("case.review.header", header="，".join(HEADER)), file=path, row=1)
    latest: dict[tuple[str, str], Review] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(HEADER) or row[3] not in (PASSED, DISQUALIFIED):
            raise InputError(t("case.review.row"), file=path, row=number)
        review = Review(*row[: len(HEADER)])
        latest[case_key(review.first_author, review.title)] = review
    return latest


def record_review(
    folder: Path,
    *,
    first_author: str,
    title: str,
    case: str,
    passed: bool,
    reason: str | None,
    note: str,
    reviewer: str | None,
    call: CaseCall,
) -> Review:
    """Append one decision; a disqualification needs one of the call's reasons."""
    if passed and reason:
        raise InputError(t("case.review.reason_on_pass"))
    if not passed and not reason:
        known = "、".join(f"{r.name}（{r.id}）" for r in call.review_reasons)
        raise InputError(t("case.review.reason_needed", known=known))
    reason_name = call.reason(reason).name if reason else ""
    read_reviews(folder)  # refuses to add to a damaged record
    review = Review(
        first_author=first_author,
        title=title,
        case=case,
        verdict=PASSED if passed else DISQUALIFIED,
        reason=reason_name,
        note=note,
        reviewer=reviewer or getpass.getuser(),
        at=dt.datetime.now(local_zone()).strftime("%Y-%m-%d %H:%M"),
    )
    path = folder / REVIEW_FILE
    existing = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if not existing:
        writer.writerow(HEADER)
    writer.writerow(
        [review.first_author, review.title, review.case, review.verdict, review.reason,
         review.note, review.reviewer, review.at]
    )  # fmt: skip
    if existing and not existing.endswith(("\n", "\r")):
        existing += "\r\n"
    write_text_atomic(path, "\ufeff" + existing + buffer.getvalue())
    return review
