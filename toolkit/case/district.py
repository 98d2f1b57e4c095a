"""``workshop case district``: a district's set of cases against the call's quota.

Each folder or zip in the district folder is one case. A case counts toward the
quota when it passes every check, is not a second copy of another case, has
not been disqualified at first review and, for a studio case, its studio is in
the register and reaches the minimums. The set is ready to send when nothing
is wrong: every case counted or explained, every case reviewed, every quota met.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from toolkit.case.call import CaseCall, CaseType, load_call
from toolkit.case.check import CaseCheck, check_case
from toolkit.case.parts import is_litter
from toolkit.case.review import Review, case_key, read_reviews
from toolkit.case.studio import REGISTER_STEM, Studio, find_register, read_register
from toolkit.errors import InputError
from toolkit.i18n import t


@dataclass(frozen=True)
class DistrictCase:
    entry: str  # the folder or zip name in the district folder
    check: CaseCheck
    review: Review | None
    studio_problems: tuple[str, ...]
    duplicate_of: str | None

    @property
    def disqualified(self) -> bool:
        return self.review is not None and not self.review.passed

    @property
    def counted(self) -> bool:
        return (
            self.check.ok and not self.studio_problems and self.duplicate_of is None and not self.disqualified
        )


@dataclass(frozen=True)
class Quota:
    case_type: CaseType | None  # None: the total
    needed: int
    counted: int

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.counted)


@dataclass(frozen=True)
class DistrictSet:
    folder: Path
    call: CaseCall
    cases: tuple[DistrictCase, ...]
    quotas: tuple[Quota, ...]
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def _entries(folder: Path) -> list[Path]:
    """Every case in the district folder: its sub-folders and zips (the register and the review
    record are files of other kinds)."""
    return [
        path
        for path in sorted(folder.iterdir())
        if not is_litter(path)
        and not path.name.startswith(".")
        and (path.is_dir() or path.suffix.lower() == ".zip")
    ]


def _studio_problems(
    check: CaseCheck, studios: dict[str, Studio] | None, register: str, call: CaseCall
) -> list[str]:
    if check.type_id is None or not call.case_type(check.type_id).host_required or not check.ok:
        return []
    hosts = [a.name for a in check.form.authors if a.is_host] if check.form else []
    if studios is None:
        return [t("case.district.no_register", stem=REGISTER_STEM)]
    studio = next((studios[h] for h in hosts if h in studios), None)
    if studio is None:
        return [t("case.district.unregistered", hosts="、".join(hosts), register=register)]
    return studio.shortfalls(call)


def check_district(
    folder: str | Path,
    *,
    call: CaseCall | None = None,
    studios: str | Path | None = None,
    progress: bool = False,
) -> DistrictSet:
    """Check every case in ``folder``, the studios, the first reviews and the quota."""
    rules = call or load_call()
    root = Path(folder)
    if not root.is_dir():
        raise InputError(t("case.district.not_folder"), file=root)
    register = Path(studios) if studios is not None else find_register(root)
    studio_table = read_register(register) if register is not None else None
    reviews = read_reviews(root)
    entries = _entries(root)
    cases: list[DistrictCase] = []
    seen: dict[tuple[str, str], str] = {}
    for entry in tqdm(entries, desc=t("case.district.progress"), unit="件", disable=not progress):
        check = check_case(entry, call=rules)
        key = case_key(check.first_author, check.title)
        duplicate_of = seen.get(key) if check.title else None
        if duplicate_of is None and check.title:
            seen[key] = entry.name
        register_name = register.name if register is not None else REGISTER_STEM
        studio_problems = _studio_problems(check, studio_table, register_name, rules)
        cases.append(
            DistrictCase(
                entry=entry.name,
                check=check,
                review=reviews.get(key) if check.title else None,
                studio_problems=tuple(studio_problems),
                duplicate_of=duplicate_of,
            )
        )
    quotas = [
        Quota(
            case_type, case_type.quota, sum(1 for c in cases if c.counted and c.check.type_id == case_type.id)
        )
        for case_type in rules.types
    ]
    quotas.append(Quota(None, rules.district_min_cases, sum(1 for c in cases if c.counted)))
    return DistrictSet(root, rules, tuple(cases), tuple(quotas), tuple(_problems(cases, quotas)))


def _problems(cases: Iterable[DistrictCase], quotas: Iterable[Quota]) -> list[str]:
    problems: list[str] = []
    unreviewed = []
    for case in cases:
        problems += case.check.problems
        problems += [f"{case.entry}：{p}" for p in case.studio_problems]
        if case.duplicate_of is not None:
            problems.append(
                t(
                    "case.district.duplicate",
                    entry=case.entry,
                    other=case.duplicate_of,
                    author=case.check.first_author,
                    title=case.check.title,
                )
            )
        if case.check.ok and case.review is None and case.duplicate_of is None:
            unreviewed.append(case.entry)
    if unreviewed:
        problems.append(t("case.district.unreviewed", count=len(unreviewed), entries="、".join(unreviewed)))
    for quota in quotas:
        if quota.missing:
            what = (
                t("case.district.type_label", name=quota.case_type.name, short=quota.case_type.short)
                if quota.case_type
                else t("case.district.total_label")
            )
            problems.append(
                t(
                    "case.district.short",
                    what=what,
                    needed=quota.needed,
                    counted=quota.counted,
                    missing=quota.missing,
                )
            )
    return problems


def _status(case: DistrictCase) -> str:
    if case.duplicate_of is not None:
        return t("case.district.status.duplicate", other=case.duplicate_of)
    if not case.check.ok:
        return t("case.district.status.problems", count=len(case.check.problems))
    if case.studio_problems:
        return t("case.district.status.studio")
    if case.disqualified:
        return t("case.district.status.disqualified")
    return t("case.district.status.counted")


def district_table(result: DistrictSet) -> pd.DataFrame:
    """One row per case, in the words of the list a district sends upward."""
    rows = []
    for number, case in enumerate(result.cases, start=1):
        form = case.check.form
        type_id = case.check.type_id
        review = case.review
        rows.append(
            {
                "序号": number,
                "案例类型": result.call.case_type(type_id).short if type_id else "",
                "案例名称": case.check.title,
                "第一作者": case.check.first_author,
                "全部作者": "、".join(a.name for a in form.authors) if form else "",
                "工作单位": form.authors[0].unit if form and form.authors else "",
                "文件": case.entry,
                "大小（MB）": round(case.check.total_bytes / (1024 * 1024), 1),
                "概述字数": case.check.overview_chars,
                "正文字数": case.check.document_chars,
                "初评结论": review.verdict if review else "未初评",
                "取消原因": review.reason if review else "",
                "初评人": review.reviewer if review else "",
                "初评时间": review.at if review else "",
                "计入名额": case.counted,
                "状态": _status(case),
                "问题": "\n".join(case.check.problems + case.studio_problems),
            }
        )
    return pd.DataFrame(rows)


def quota_table(result: DistrictSet) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "类型": q.case_type.name if q.case_type else t("case.district.total_label"),
                "至少": q.needed,
                "可计入": q.counted,
                "还差": q.missing,
            }
            for q in result.quotas
        ]
    )


def write_district_workbook(result: DistrictSet, path: str | Path) -> Path:
    """The list (案例清单), the quota (名额) and every problem (问题), formatted to print."""
    from toolkit.atomic import write_atomic
    from toolkit.sheets import write_sheet

    file = Path(path)
    if file.suffix.lower() != ".xlsx":
        raise InputError(t("case.district.suffix", suffix=file.suffix or "-"), file=file)
    problems = pd.DataFrame({"问题": list(result.problems) or [t("case.district.none")]})

    def workbook(part: Path) -> None:
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for title, frame in (
            ("案例清单", district_table(result)),
            ("名额", quota_table(result)),
            ("问题", problems),
        ):
            write_sheet(book.create_sheet(title), frame, title=f"{result.call.name} · {title}")
        book.save(part)

    return write_atomic(file, workbook)
