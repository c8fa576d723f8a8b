"""The front page's monthly chart: every month label can be read on its own, and none is
crowded or cut off, however many years the chart covers."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPaintDevice, QPainter

from companion.export.chart import draw_chart, month_labels
from companion.export.pdf import new_writer
from companion.export.pdf_spaces import fix_spaces
from companion.summary import Month

SENSIBLE_STEPS = {1, 2, 3, 6, 12}
MONTH_NAMES = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
LABEL = re.compile(rf"^({MONTH_NAMES}) (\d{{4}})$")
DPI = 300  # as the PDF is written
MM = DPI / 25.4
POINTS = 8.5  # as the front page draws it


def months_from(year: int, month: int, count: int) -> list[Month]:
    """`count` months in a row with a few appointments in each, the first in `month` of `year`."""
    out = []
    for n in range(count):
        y, m = divmod(year * 12 + month - 1 + n, 12)
        out.append(Month(y, m + 1, appointments=n % 4 + 1, with_problems=n % 2))
    return out


def steps_between(indexes: list[int]) -> set[int]:
    return {b - a for a, b in zip(indexes, indexes[1:], strict=False)}


class RecordingPainter(QPainter):
    """Draws as usual, and notes each piece of text with the box it was drawn in."""

    def __init__(self, device: QPaintDevice) -> None:
        super().__init__(device)
        self.texts: list[tuple[str, QRectF]] = []

    def drawText(self, *args: object) -> None:  # noqa: N802 (Qt's name)
        metrics = QFontMetricsF(self.font(), self.device())
        if isinstance(args[0], QPointF):
            point, text = args
            box = QRectF(
                point.x(),
                point.y() - metrics.ascent(),
                metrics.horizontalAdvance(text),
                metrics.height(),
            )
        else:
            rect, flags, text = args
            box = metrics.boundingRect(rect, int(flags.value), text)
        self.texts.append((text, box))
        super().drawText(*args)


def drawn(months: list[Month], area: QRectF) -> list[tuple[str, QRectF]]:
    image = QImage(
        int(area.right() + 50 * MM), int(area.bottom() + 50 * MM), QImage.Format.Format_RGB32
    )
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(0xFFFFFF)
    painter = RecordingPainter(image)
    try:
        draw_chart(painter, area, months, POINTS)
    finally:
        painter.end()
    return painter.texts


def month_texts(texts: list[tuple[str, QRectF]]) -> list[tuple[str, QRectF]]:
    """The month labels among the text drawn (not the key or the axis numbers)."""
    return [(t, box) for t, box in texts if re.match(rf"^({MONTH_NAMES})\b", t)]


def test_labels_over_four_years_each_name_their_year_at_a_regular_step() -> None:
    months = months_from(2021, 11, 40)
    labels = month_labels(months, capacity=8)
    assert 2 <= len(labels) <= 8
    for n, text in labels:
        assert text.endswith(f" {months[n].year}")
    steps = steps_between([n for n, _ in labels])
    assert len(steps) == 1
    assert steps <= SENSIBLE_STEPS


def test_labels_fall_on_the_same_months_each_year() -> None:
    months = months_from(2022, 2, 30)
    labels = month_labels(months, capacity=10)  # room for every third month
    assert {months[n].month for n, _ in labels} == {1, 4, 7, 10}


def test_three_months_in_one_year_are_each_labelled() -> None:
    assert month_labels(months_from(2026, 3, 3), capacity=10) == [
        (0, "Mar 2026"),
        (1, "Apr 2026"),
        (2, "May 2026"),
    ]


@pytest.mark.parametrize("count", [1, 2, 5, 11, 12, 13, 25, 40, 61, 120, 300])
@pytest.mark.parametrize("capacity", [1, 2, 3, 5, 8, 13])
def test_labels_never_outnumber_the_room_for_them(count: int, capacity: int) -> None:
    labels = month_labels(months_from(2019, 5, count), capacity)
    assert 1 <= len(labels) <= capacity
    steps = steps_between([n for n, _ in labels])
    assert len(steps) <= 1
    assert all(step in SENSIBLE_STEPS or step % 12 == 0 for step in steps)


@pytest.mark.parametrize("count", [3, 13, 40, 100])
@pytest.mark.parametrize("width_mm", [170, 120, 80])
@pytest.mark.parametrize("first_month", [1, 11])  # a January is always labelled, when it fits
def test_drawn_labels_name_their_year_and_neither_overlap_nor_leave_the_chart(
    qapp,  # type: ignore[no-untyped-def]
    count: int,
    width_mm: float,
    first_month: int,
) -> None:
    months = months_from(2022, first_month, count)
    area = QRectF(20 * MM, 30 * MM, width_mm * MM, 55 * MM)
    texts = drawn(months, area)
    for text, box in texts:
        assert area.contains(box), f"{text!r} drawn at {box} is not wholly inside {area}"
    labels = month_texts(texts)
    assert labels
    for text, _ in labels:
        assert LABEL.match(text), f"{text!r} does not name its year"
    boxes = sorted(box.getRect() for _, box in labels)
    for (x1, _, w1, _), (x2, _, _, _) in zip(boxes, boxes[1:], strict=False):
        assert x1 + w1 < x2, "two month labels overlap"


def test_a_short_chart_on_the_page_labels_every_month(qapp) -> None:  # type: ignore[no-untyped-def]
    texts = drawn(months_from(2026, 3, 3), QRectF(20 * MM, 30 * MM, 170 * MM, 55 * MM))
    assert [t for t, _ in month_texts(texts)] == ["Mar 2026", "Apr 2026", "May 2026"]


def test_the_key_says_what_the_red_bars_count(qapp) -> None:  # type: ignore[no-untyped-def]
    texts = drawn(months_from(2026, 3, 3), QRectF(20 * MM, 30 * MM, 170 * MM, 55 * MM))
    assert "Private details said, or asked for, with others present" in [t for t, _ in texts]


def test_a_printed_chart_over_several_years_names_the_year_of_every_month(qapp) -> None:  # type: ignore[no-untyped-def]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer)
    painter = QPainter(writer)
    try:
        draw_chart(
            painter, QRectF(20 * MM, 30 * MM, 170 * MM, 55 * MM), months_from(2021, 11, 40), POINTS
        )
    finally:
        painter.end()
    del writer
    text = PdfReader(io.BytesIO(fix_spaces(bytes(buffer.data())))).pages[0].extract_text()
    shown = [line for line in text.splitlines() if re.match(rf"^({MONTH_NAMES})\b", line)]
    assert len(shown) >= 3
    assert all(LABEL.match(line) for line in shown), shown
    assert {"2022", "2023", "2024"} <= {LABEL.match(line)[2] for line in shown}
