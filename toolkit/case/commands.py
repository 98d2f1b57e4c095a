"""``workshop case …``: what each subcommand prints; the work is done by the package's functions."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from toolkit.case.call import DEFAULT_CALL, load_call
from toolkit.case.check import check_case
from toolkit.case.district import check_district, write_district_workbook
from toolkit.case.pack import CaseRejected, new_case, pack_case
from toolkit.case.parts import DOCUMENT_NAME, FORM_NAME, MATERIAL_FOLDER
from toolkit.case.review import record_review
from toolkit.errors import InputError
from toolkit.i18n import t


def new_command(case_dir: str, *, case_type: str | None, call: str | None) -> int:
    folder = new_case(case_dir, case_type=case_type, call=load_call(call or DEFAULT_CALL))
    print(
        t("case.new.done", folder=folder, form=FORM_NAME, document=DOCUMENT_NAME, materials=MATERIAL_FOLDER)
    )
    return 0


def check_command(case_dir: str, *, call: str | None) -> int:
    rules = load_call(call or DEFAULT_CALL)
    result = check_case(case_dir, call=rules)
    if not result.ok:
        raise CaseRejected(
            result.problems, headline=t("case.rejected", case=case_dir, count=len(result.problems))
        )
    print(
        t(
            "case.check.ok",
            case=case_dir,
            type=rules.case_type(result.type_id).name if result.type_id else "",
            author=result.first_author,
            overview=result.overview_chars,
            document=result.document_chars,
            files=len(result.files),
            size=result.total_bytes / (1024 * 1024),
        )
    )
    return 0


def pack_command(case_dir: str, *, out: str, call: str | None) -> int:
    path = pack_case(case_dir, out=out, call=load_call(call or DEFAULT_CALL))
    with zipfile.ZipFile(path) as archive:
        count = len(archive.infolist())
    print(t("case.pack.done", file=path, files=count, size=path.stat().st_size / (1024 * 1024)))
    return 0


def district_command(folder: str, *, out: str | None, studios: str | None, call: str | None) -> int:
    rules = load_call(call or DEFAULT_CALL)
    result = check_district(folder, call=rules, studios=studios, progress=sys.stderr.isatty())
    if out is not None:
        write_district_workbook(result, out)
    print(t("case.district.header", folder=folder, count=len(result.cases), call=rules.name))
    for number, case in enumerate(result.cases, start=1):
        type_id = case.check.type_id
        short = rules.case_type(type_id).short if type_id else "?"
        verdict = case.review.verdict if case.review else "未初评"
        status = "✓" if case.counted else "✗"
        title = case.check.title or "-"
        author = case.check.first_author or "-"
        print(f"  {number:>2}. {status} [{short}] {title} · {author} · {case.entry} · {verdict}")
    for quota in result.quotas:
        what = quota.case_type.name if quota.case_type else t("case.district.total_label")
        missing = t("case.district.missing_suffix", missing=quota.missing) if quota.missing else ""
        print(
            t(
                "case.district.quota_line",
                what=what,
                needed=quota.needed,
                counted=quota.counted,
                missing=missing,
            )
        )
    if out is not None:
        print(t("case.district.written", file=out))
    if result.ok:
        print(t("case.district.ready", counted=result.quotas[-1].counted))
        return 0
    raise CaseRejected(result.problems, headline=t("case.district.problems", count=len(result.problems)))


def review_command(
    folder: str,
    entry: str,
    *,
    passed: bool,
    reason: str | None,
    note: str,
    reviewer: str | None,
    call: str | None,
) -> int:
    rules = load_call(call or DEFAULT_CALL)
    path = Path(folder) / entry
    if not path.exists():
        raise InputError(t("case.review.no_case", entry=entry), file=folder)
    result = check_case(path, call=rules)
    if not result.title or not result.first_author:
        raise InputError(t("case.review.unnamed"), file=path)
    review = record_review(
        Path(folder),
        first_author=result.first_author,
        title=result.title,
        case=entry,
        passed=passed,
        reason=reason,
        note=note,
        reviewer=reviewer,
        call=rules,
    )
    print(
        t(
            "case.review.done",
            entry=entry,
            author=review.first_author,
            title=review.title,
            verdict=review.verdict,
            reason=f"（{review.reason}）" if review.reason else "",
            reviewer=review.reviewer,
            at=review.at,
        )
    )
    return 0
