"""A small bar chart for the front page: appointments each month, and those with a
privacy problem. Drawn with QPainter; the same counts are also given in words."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from companion.export.fonts import ensure_fonts
from companion.i18n import short_month, translate
from companion.summary import Month

TOTAL = QColor("#b9b5ab")
PROBLEM = QColor("#8f1d1d")
INK = QColor("#111111")


def draw_chart(painter: QPainter, area: QRectF, months: list[Month], points: float) -> None:
    """Bars for each month in `area`: grey for all appointments, dark red for those with a
    privacy problem, with a key and month labels."""
    font = QFont(ensure_fonts())
    font.setPointSizeF(points)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.lineSpacing()
    key_top = area.top()
    for n, (colour, text) in enumerate(
        [
            (TOTAL, translate("Chart", "Appointments")),
            (PROBLEM, translate("Chart", "With a privacy problem")),
        ]
    ):
        x = area.left() + n * area.width() / 2
        painter.fillRect(QRectF(x, key_top + line * 0.2, line * 0.8, line * 0.8), colour)
        painter.setPen(INK)
        painter.drawText(QPointF(x + line, key_top + metrics.ascent()), text)
    plot = QRectF(
        area.left() + line * 1.5,
        key_top + line * 1.8,
        area.width() - line * 1.5,
        area.height() - line * 3.4,
    )
    highest = max((m.appointments for m in months), default=0) or 1
    painter.setPen(QPen(INK, max(1.0, line / 20)))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawText(QPointF(area.left(), plot.top() + metrics.ascent()), str(highest))
    painter.drawText(QPointF(area.left(), plot.bottom()), "0")
    if not months:
        return
    slot = plot.width() / len(months)
    bar = slot * 0.7
    widest = metrics.horizontalAdvance("Mmm 00  ")  # a month with its year, and a gap
    label_every = max(1, int(len(months) * widest / plot.width()) + 1)
    for n, month in enumerate(months):
        x = plot.left() + n * slot + (slot - bar) / 2
        for value, colour in ((month.appointments, TOTAL), (month.with_problems, PROBLEM)):
            height = plot.height() * value / highest
            painter.fillRect(QRectF(x, plot.bottom() - height, bar, height), colour)
        if n % label_every == 0:
            text = short_month(month.month)
            if month.month == 1 or n == 0:
                text += f" {month.year % 100:02d}"
            painter.setPen(INK)
            painter.drawText(
                QRectF(x - slot, plot.bottom() + line * 0.2, bar + 2 * slot, line),
                Qt.AlignmentFlag.AlignHCenter,
                text,
            )
