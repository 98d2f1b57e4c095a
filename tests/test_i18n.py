from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import toolkit
from toolkit.i18n import MESSAGES, current_language, set_language, t

# Modules add their own messages when imported: import every one, so that none escapes the check.
for _module in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
    if not _module.name.endswith("__main__"):
        importlib.import_module(_module.name)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == {"zh", "en"}
    assert entry["zh"].strip() and entry["en"].strip()
    assert _fields(entry["zh"]) == _fields(entry["en"])


def test_language_from_environment_and_override(monkeypatch: pytest.MonkeyPatch) -> None:
    assert current_language() == "zh"
    monkeypatch.setenv("WORKSHOP_LANG", "en_US.UTF-8")
    assert t("role.leader") == "workshop leader"
    set_language("zh-CN")
    assert t("role.leader") == "坊主"
