"""Matplotlib that renders Chinese text, or says plainly how to get a font that does."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
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


def _known_cjk_family() -> str | None:
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def _system_cjk_files() -> list[str]:
    """Font files on this system that may carry Chinese: fontconfig's answer, else every font file."""
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        try:
            listing = subprocess.run(
                [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=20, check=False
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            listing = ""
        files = [line.rstrip().removesuffix(":") for line in listing.splitlines() if line.strip()]
        if files:
            return files
    return font_manager.findSystemFonts()


@functools.cache
def cjk_font() -> str | None:
    """The first installed CJK font family, or None.

    Matplotlib lists fonts from a cache written the first time it ran; a font installed
    after that is missing from its list until the cache is rebuilt. So when the list has
    no CJK family, the system's font files not in it are added (this process only).
    """
    family = _known_cjk_family()
    if family is not None:
        return family
    known = {font.fname for font in font_manager.fontManager.ttflist}
    for path in dict.fromkeys(_system_cjk_files()):
        if path in known:
            continue
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue  # a file FreeType cannot read is no font to us
    return _known_cjk_family()


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
