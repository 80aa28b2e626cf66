"""A line chart as inline SVG, drawn by the toolkit (no JavaScript, nothing fetched)."""

from __future__ import annotations

import html
from typing import Optional

WIDTH, HEIGHT, PAD = 720, 320, 48


def svg_line_chart(points: list[tuple[str, float]], title: str = "", unit: Optional[str] = None) -> str:
    """``points`` are (label, value) in order; labels and title are escaped."""
    if not points:
        return ""
    values = [v for _, v in points]
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    span_x = max(1, len(points) - 1)

    def x(i: int) -> float:
        return PAD + i * (WIDTH - 2 * PAD) / span_x

    def y(v: float) -> float:
        return HEIGHT - PAD - (v - lo) * (HEIGHT - 2 * PAD) / (hi - lo)

    suffix = "%" if unit == "percentage" else ""
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(points))
    dots = "".join(f"<circle cx='{x(i):.1f}' cy='{y(v):.1f}' r='4' fill='#1d70b8'><title>{html.escape(label)}: "
                   f"{v:g}{suffix}</title></circle>" for i, (label, v) in enumerate(points))
    step = max(1, len(points) // 8)
    labels = "".join(f"<text x='{x(i):.1f}' y='{HEIGHT - PAD + 18}' font-size='11' text-anchor='middle'>"
                     f"{html.escape(label[:12])}</text>" for i, (label, _) in enumerate(points) if i % step == 0)
    axis = (f"<text x='{PAD - 6}' y='{y(hi) + 4:.1f}' font-size='11' text-anchor='end'>{hi:g}{suffix}</text>"
            f"<text x='{PAD - 6}' y='{y(lo) + 4:.1f}' font-size='11' text-anchor='end'>{lo:g}{suffix}</text>"
            f"<line x1='{PAD}' y1='{HEIGHT - PAD}' x2='{WIDTH - PAD}' y2='{HEIGHT - PAD}' stroke='#999'/>"
            f"<line x1='{PAD}' y1='{PAD}' x2='{PAD}' y2='{HEIGHT - PAD}' stroke='#999'/>")
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {HEIGHT}' width='100%' role='img' "
            f"aria-label='{html.escape(title, quote=True)}'>{axis}<path d='{path}' fill='none' stroke='#1d70b8' "
            f"stroke-width='2'/>{dots}{labels}</svg>")
