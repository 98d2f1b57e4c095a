"""Chinese plots on a used machine: a matplotlib font cache written before the CJK font was installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from toolkit.plotting import CJK_FAMILIES, cjk_font

pytestmark = pytest.mark.skipif(
    cjk_font() is None, reason="no CJK font installed (scripts/setup installs one)"
)


def _python(code: str, config_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLCONFIGDIR": str(config_dir)}
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture
def stale_font_cache(tmp_path: Path) -> Path:
    """A matplotlib config folder whose font list has no CJK font, as if written before it was installed."""
    built = _python("import matplotlib.font_manager", tmp_path)
    assert built.returncode == 0, built.stderr
    (cache,) = tmp_path.glob("fontlist-v*.json")
    fonts = json.loads(cache.read_text(encoding="utf-8"))
    fonts["ttflist"] = [
        font
        for font in fonts["ttflist"]
        if font["name"] not in CJK_FAMILIES and "wqy" not in font["fname"] and "CJK" not in font["fname"]
    ]
    cache.write_text(json.dumps(fonts), encoding="utf-8")
    return tmp_path


def test_the_stale_cache_hides_the_font_from_matplotlib(stale_font_cache: Path) -> None:
    listed = _python(
        """
        from matplotlib import font_manager
        print(sorted({font.name for font in font_manager.fontManager.ttflist}))
        """,
        stale_font_cache,
    )
    assert listed.returncode == 0, listed.stderr
    assert not any(family in listed.stdout for family in CJK_FAMILIES)


def test_chinese_plots_render_with_a_stale_cache_and_no_warning(stale_font_cache: Path) -> None:
    # Warnings are errors in the child: "没有找到中文字体" or a missing-glyph warning fails it.
    plotted = _python(
        """
        from matplotlib import font_manager
        from matplotlib.font_manager import FontProperties
        from toolkit.plotting import figure_png, new_figure

        figure = new_figure()
        axes = figure.add_subplot()
        axes.bar(["学情分析", "教学设计"], [3, 4])
        axes.set_title("能力点得分")
        png = figure_png(figure)
        family = figure.axes[0].title.get_fontfamily()
        print(font_manager.findfont(FontProperties(family=family), fallback_to_default=False))
        print(len(png))
        """,
        stale_font_cache,
    )
    assert plotted.returncode == 0, plotted.stderr
    assert plotted.stderr == ""
    font_file, png_size = plotted.stdout.split()
    assert any(mark in font_file for mark in ("wqy", "CJK", "SC", "Hei")), font_file
    assert int(png_size) > 1000
