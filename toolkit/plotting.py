"""Matplotlib that renders Chinese text, or says plainly how to get a font that does."""

from __future__ import annotations

import functools
import warnings

import matplotlib
from matplotlib import font_manager

from toolkit.i18n import t

# Families that carry Simplified Chinese glyphs, most preferred first.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
)


@functools.cache
def cjk_font() -> str | None:
    """The first installed CJK font family, or None."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def use_cjk_font() -> str | None:
    """Point matplotlib at a CJK font; warn with install advice when there is none."""
    family = cjk_font()
    if family is None:
        warnings.warn(t("font.missing"), UserWarning, stacklevel=2)
        return None
    matplotlib.rcParams["font.sans-serif"] = [family, *matplotlib.rcParams["font.sans-serif"]]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    return family
