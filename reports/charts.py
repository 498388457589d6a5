"""Horizontal bar charts for reports: as SVG (HTML and PDF) and as PNG (DOCX and ODT).

Both drawings follow one layout: per category, its name on a line and then one bar per
series with its value written at the end. Long names wrap; values missing are written as the
document writes them ("sense dades") with no bar, never as a zero-length bar.
"""

import io
import shutil
import subprocess
import textwrap
from functools import lru_cache
from html import escape

from PIL import Image, ImageDraw, ImageFont

from reports.model import Chart

WIDTH = 680
LABEL_CHARS = 80
BAR_HEIGHT = 14
LINE = 16
COLOURS = ["#0b5563", "#b4410c", "#6b4c9a"]
TEXT = "#1b1f23"
GRID = "#c9d2d8"
BAR_AREA = (10, WIDTH - 130)  # x from, x to


def _scale(chart: Chart) -> float:
    values = [v for s in chart.series for v in s.values if v is not None]
    top = chart.maximum or (max(values) if values else 1)
    return top or 1


def _layout(chart: Chart):
    """Yield the drawing operations: ("text", x, y, text, bold) and ("bar", x, y, w, h, i)."""
    y = 8
    operations = [("text", 10, y + 12, chart.title, True)]
    y += 24
    if len(chart.series) > 1:
        x = 10
        for index, series in enumerate(chart.series):
            operations.append(("bar", x, y + 2, 12, 12, index))
            operations.append(("text", x + 18, y + 12, series.name, False))
            x += 30 + 7 * len(series.name)
        y += 22
    top = _scale(chart)
    span = BAR_AREA[1] - BAR_AREA[0]
    for c, category in enumerate(chart.categories):
        for line in textwrap.wrap(category, LABEL_CHARS) or [""]:
            operations.append(("text", 10, y + 12, line, False))
            y += LINE
        for index, series in enumerate(chart.series):
            value = series.values[c]
            width = 0 if value is None else max(1, round(span * min(value, top) / top))
            if value is not None and value > 0:
                operations.append(("bar", BAR_AREA[0], y + 2, width, BAR_HEIGHT, index))
            operations.append(("text", BAR_AREA[0] + width + 6, y + 13, series.labels[c],
                               False))
            y += BAR_HEIGHT + 4
        y += 8
    return operations, y + 4


def svg(chart: Chart, chart_id: str) -> str:
    operations, height = _layout(chart)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
             f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
             f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>']
    for operation in operations:
        if operation[0] == "text":
            _kind, x, y, text, bold = operation
            weight = ' font-weight="bold"' if bold else ""
            parts.append(f'<text x="{x}" y="{y}" font-size="12" fill="{TEXT}"{weight} '
                         f'aria-hidden="true">{escape(text)}</text>')
        else:
            _kind, x, y, width, height_, index = operation
            parts.append(f'<rect x="{x}" y="{y}" width="{width}" height="{height_}" '
                         f'fill="{COLOURS[index % len(COLOURS)]}"/>')
    parts.append("</svg>")
    return "".join(parts)


@lru_cache(maxsize=4)
def _font(bold: bool):
    name = "DejaVu Sans:bold" if bold else "DejaVu Sans"
    path = None
    if shutil.which("fc-match"):
        result = subprocess.run(["fc-match", "-f", "%{file}", name], capture_output=True,
                                text=True, check=False)
        path = result.stdout.strip() or None
    try:
        return ImageFont.truetype(path or ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"),
                                  24)
    except OSError:
        return ImageFont.load_default()


def png(chart: Chart) -> bytes:
    """The same chart at twice the resolution, for word processors."""
    operations, height = _layout(chart)
    image = Image.new("RGB", (WIDTH * 2, height * 2), "white")
    draw = ImageDraw.Draw(image)
    for operation in operations:
        if operation[0] == "text":
            _kind, x, y, text, bold = operation
            draw.text((x * 2, (y - 11) * 2), text, fill=TEXT, font=_font(bold))
        else:
            _kind, x, y, width, height_, index = operation
            draw.rectangle([x * 2, y * 2, (x + width) * 2, (y + height_) * 2],
                           fill=COLOURS[index % len(COLOURS)])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def png_size_cm(chart: Chart, width_cm: float = 16.0) -> tuple[float, float]:
    _operations, height = _layout(chart)
    return width_cm, width_cm * height / WIDTH
