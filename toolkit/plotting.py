"""Matplotlib that renders Chinese text, or says plainly how to get a font that does."""

from __future__ import annotations

import functools
import io
import warnings

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

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


def new_figure(width: float = 6.4, height: float = 3.6) -> Figure:
    """A figure not tied to any pyplot backend (safe in kernels, Voila and tests), CJK font set."""
    use_cjk_font()
    return Figure(figsize=(width, height), layout="constrained")


def figure_png(figure: Figure, *, dpi: int = 110) -> bytes:
    """The figure as PNG bytes, ready for an ipywidgets Image or a file."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()
