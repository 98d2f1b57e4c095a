"""Cases for a case call (seed 000): write, check, pack, collect and review a district's set.

The computation here never imports widgets; the case-writing widget is handed out lazily.
"""

from toolkit.case import messages as _messages  # noqa: F401 - the catalogue entries, registered once
from toolkit.case.call import CaseCall, load_call
from toolkit.case.check import CaseCheck, check_case
from toolkit.case.count import word_count
from toolkit.case.district import DistrictSet, check_district, write_district_workbook
from toolkit.case.pack import CaseRejected, new_case, pack_case
from toolkit.case.review import record_review
from toolkit.lazy import lazy_attributes

__all__ = [
    "CaseCall",
    "CaseCheck",
    "CaseRejected",
    "CaseWriter",
    "DistrictSet",
    "check_case",
    "check_district",
    "load_call",
    "new_case",
    "pack_case",
    "record_review",
    "word_count",
    "write_district_workbook",
]

# The case-writing page loads ipywidgets: handed out only when asked for.
__getattr__ = lazy_attributes("toolkit.case", {"CaseWriter": "toolkit.case.widget"})
