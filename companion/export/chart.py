"""A small bar chart for the front page: appointments each month, and those where private
details were said, or asked for, with others present. Drawn with QPainter; the same counts
are also given in words."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from companion.export.fonts import ensure_fonts
from companion.i18n import short_month, translate
from companion.summary import Month

TOTAL = QColor("#b9b5ab")
PROBLEM = QColor("#8f1d1d")
INK = QColor("#111111")


def month_label(month: Month) -> str:
    """Like "Mar 2024": the full year, so that no label can be taken for another year's, or
    for a day of the month."""
    return f"{short_month(month.month)} {month.year}"


def _steps() -> Iterator[int]:
    """Months between labels, from most labels to fewest: 1, 2, 3, 6, then whole years."""
    return itertools.chain((1, 2, 3, 6), itertools.count(12, 12))


def month_labels(months: list[Month], capacity: int) -> list[tuple[int, str]]:
    """Which bars get a label (by index in `months`) and its words, when at most `capacity`
    labels fit side by side across the bars.

    Labels come at a regular step and on the same months each year (every January and July,
    say), so a reader can count along; each names its year."""
    if capacity < 1 or not months:
        return []
    step = next(s for s in _steps() if s * capacity >= len(months))
    chosen = [n for n, m in enumerate(months) if (m.year * 12 + m.month - 1) % step == 0]
    # Only a chart too narrow for two labels can miss every such month; name its first.
    return [(n, month_label(months[n])) for n in chosen or [0]]


def _draw_key(painter: QPainter, area: QRectF, metrics: QFontMetricsF) -> float:
    """The key, across the top of `area`, going onto another line where the next entry would
    not fit. Returns where the key ends."""
    line = metrics.lineSpacing()
    x, y = area.left(), area.top()
    for colour, text in (
        (TOTAL, translate("Chart", "Appointments")),
        (PROBLEM, translate("Chart", "Private details said, or asked for, with others present")),
    ):
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width() - line)
        width = line + metrics.horizontalAdvance(text)
        if x > area.left() and x + width > area.right():
            x, y = area.left(), y + line
        painter.fillRect(QRectF(x, y + line * 0.2, line * 0.8, line * 0.8), colour)
        painter.setPen(INK)
        painter.drawText(QPointF(x + line, y + metrics.ascent()), text)
        x += width + 2 * line
    return y + line


def _plot_area(
    area: QRectF, top: float, count: int, axis: float, widest: float, line: float
) -> QRectF:
    """Where the bars go: right of the axis numbers, above the month labels, and far enough in
    that a label centred under the first or last bar stays inside `area`."""
    slot = (area.width() - max(axis, widest / 2) - widest / 2) / count  # the narrowest it can be
    left = max(axis, widest / 2 - slot / 2)
    right = max(0.0, widest / 2 - slot / 2)
    return QRectF(
        area.left() + left, top, area.width() - left - right, area.bottom() - line * 1.6 - top
    )


def draw_chart(painter: QPainter, area: QRectF, months: list[Month], points: float) -> None:
    """Bars for each month in `area`: grey for all appointments, dark red for those where
    private details were said, or asked for, with others present; a key and month labels."""
    font = QFont(ensure_fonts())
    font.setPointSizeF(points)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.lineSpacing()
    key_bottom = _draw_key(painter, area, metrics)
    highest = max((m.appointments for m in months), default=0) or 1
    axis = max(line * 1.5, metrics.horizontalAdvance(str(highest)) + line * 0.5)
    widest = max((metrics.horizontalAdvance(month_label(m)) for m in months), default=0.0)
    plot = _plot_area(area, key_bottom + line * 0.8, max(1, len(months)), axis, widest, line)
    painter.setPen(QPen(INK, max(1.0, line / 20)))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawText(QPointF(area.left(), plot.top() + metrics.ascent()), str(highest))
    painter.drawText(QPointF(area.left(), plot.bottom()), "0")
    if not months:
        return
    slot = plot.width() / len(months)
    bar = slot * 0.7
    for n, month in enumerate(months):
        x = plot.left() + n * slot + (slot - bar) / 2
        for value, colour in ((month.appointments, TOTAL), (month.with_problems, PROBLEM)):
            height = plot.height() * value / highest
            painter.fillRect(QRectF(x, plot.bottom() - height, bar, height), colour)
    gap = metrics.horizontalAdvance("M")
    painter.setPen(INK)
    for n, text in month_labels(months, int(plot.width() / (widest + gap))):
        centre = plot.left() + (n + 0.5) * slot
        baseline = plot.bottom() + line * 0.2 + metrics.ascent()
        painter.drawText(QPointF(centre - metrics.horizontalAdvance(text) / 2, baseline), text)
