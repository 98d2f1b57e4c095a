"""Results that hidden tests show, for the feedback preprocessor to turn into Chinese feedback.

Each result is published as a JSON output of its own MIME type beside a short
plain-text line. The JSON may hold the answer key; whether the teacher sees it
is decided later, when feedback is generated (``WorkshopFeedback.show_answer_keys``).
"""

from __future__ import annotations

from typing import Any

RESULT_MIME = "application/vnd.workshop.result+json"


def show_result(payload: dict[str, Any], text: str) -> None:
    """Publish ``payload`` in a running kernel (as in ``nbgrader autograde``); a no-op elsewhere."""
    from IPython import get_ipython
    from IPython.display import publish_display_data

    if get_ipython() is None:
        return
    publish_display_data({RESULT_MIME: payload, "text/plain": text})
