"""An attached picture, shown in a window of its own, fitted to the screen.

The picture is drawn from bytes read out of the vault's verified chunks into memory: no
copy of it is ever written to disk, not even a temporary one. Closing the window (or the
app locking, which closes every window) lets go of it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import fit_to_screen, room
from ui.widgets import named

# Pictures larger than this are not read into memory to be shown: save a copy instead.
MOST_BYTES = 64 * 10**6


def can_draw(media_type: str) -> bool:
    """Whether this app can draw a picture of this kind (from Qt's own image readers)."""
    return media_type.encode() in {bytes(m.data()) for m in QImageReader.supportedMimeTypes()}


def picture_from(data: bytes) -> QImage:
    """The picture in `data`, drawn in memory (a null image if it cannot be drawn)."""
    return QImage.fromData(data)


class PicturePreview(QDialog):
    def __init__(self, name: str, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Picture: {name}").format(name=name))
        self._pixmap: QPixmap | None = QPixmap.fromImage(image)
        box = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Shown from inside your records: no copy of it is written anywhere. To send it, "
                "choose Save a copy… instead."
            )
        )
        note.setWordWrap(True)
        box.addWidget(note)
        self.picture = named(
            QLabel(),
            self.tr("The picture {name}").format(name=name),
            self.tr("{name}, {w} by {h} pixels").format(
                name=name, w=image.width(), h=image.height()
            ),
        )
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setMinimumSize(QSize(64, 64))
        box.addWidget(self.picture, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = named(
            buttons.button(QDialogButtonBox.StandardButton.Close), self.tr("Close")
        )
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        # As big as the picture (and its note and button), or as big as the screen allows.
        most = room(self)
        extra = note.sizeHint().height() + self.close_button.sizeHint().height() + 48
        fit_to_screen(self, max(image.width() + 24, 480), image.height() + extra)
        self.resize(min(self.width(), most.width()), min(self.height(), most.height()))
        self.close_button.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_picture()

    def _fit_picture(self) -> None:
        if self._pixmap is None:
            return
        size = self.picture.size()
        if self._pixmap.width() <= size.width() and self._pixmap.height() <= size.height():
            self.picture.setPixmap(self._pixmap)  # small enough: shown as it is
            return
        self.picture.setPixmap(
            self._pixmap.scaled(
                size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def done(self, result: int) -> None:
        """Closed, or closed by the lock: the picture is let go at once."""
        self._pixmap = None
        self.picture.clear()
        super().done(result)
        self.deleteLater()
