"""A radar chart as inline SVG: drawn in microseconds, so the static export can give each of
thousands of teachers a portrait, and the browser draws the Chinese labels with its own fonts."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

FONTS = (
    "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif"
)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]  # one share (0–1) per axis; None where there is no data
    colour: str
    dashed: bool = False


def _point(centre: float, radius: float, index: int, count: int, share: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count  # first axis straight up, then clockwise
    return centre + radius * share * math.cos(angle), centre + radius * share * math.sin(angle)


def radar_svg(axes: Sequence[str], series: Sequence[Series], *, size: int = 380) -> str:
    """Rings at 25 % steps, one spoke per axis, a polygon per series with every value present and
    dots where a series has only some (so a missing figure is never drawn as a zero)."""
    count = len(axes)
    centre, radius = size / 2, size / 2 - 70
    parts = [
        f"<svg class='workshop-radar' xmlns='http://www.w3.org/2000/svg' width='{size}' "
        f"height='{size + 24 * len(series)}' font-family=\"{FONTS}\" font-size='13'>"
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_point(centre, radius, i, count, ring) for i in range(count))
        )
        parts.append(f"<polygon points='{points}' fill='none' stroke='#d0d5dc'/>")
    for index, name in enumerate(axes):
        x, y = _point(centre, radius, index, count, 1.0)
        parts.append(f"<line x1='{centre}' y1='{centre}' x2='{x:.1f}' y2='{y:.1f}' stroke='#d0d5dc'/>")
        lx, ly = _point(centre, radius + 28, index, count, 1.0)
        parts.append(
            f"<text x='{lx:.1f}' y='{ly + 4:.1f}' text-anchor='middle' fill='#333'>{html.escape(name)}</text>"
        )
    for item in series:
        dash = " stroke-dasharray='5,4'" if item.dashed else ""
        present = [(i, v) for i, v in enumerate(item.values) if v is not None and not math.isnan(v)]
        if len(present) == count:
            points = " ".join(
                f"{x:.1f},{y:.1f}" for x, y in (_point(centre, radius, i, count, v) for i, v in present)
            )
            parts.append(
                f"<polygon points='{points}' fill='{item.colour}' fill-opacity='0.15' "
                f"stroke='{item.colour}' stroke-width='2'{dash}/>"
            )
        for i, v in present:
            x, y = _point(centre, radius, i, count, v)
            parts.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='4' fill='{item.colour}'/>")
    for row, item in enumerate(series):
        y = size + 24 * row
        parts.append(f"<rect x='20' y='{y - 10}' width='14' height='10' fill='{item.colour}'/>")
        parts.append(f"<text x='40' y='{y}' fill='#333'>{html.escape(item.label)}</text>")
    parts.append("</svg>")
    return "".join(parts)
