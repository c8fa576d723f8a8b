"""Locks the vault when nobody has touched the app for a while, with a warning first.

Thirty seconds before the lock (or half the time, for a very short setting) the
window says so, with a "Stay unlocked" button; any key press, click or movement
of the mouse counts as use and puts the lock back to the full time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
WARNING_MS = 30_000


class IdleWatcher(QObject):
    """Calls `on_idle` after `milliseconds` without a key press, click or mouse movement;
    `on_warning(seconds_left)` once before that, and `on_active()` when use resumes after
    a warning."""

    def __init__(
        self,
        on_idle: Callable[[], None],
        milliseconds: int,
        on_warning: Callable[[int], None] | None = None,
        on_active: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._on_warning = on_warning
        self._on_active = on_active
        self.warned = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)
        self.warning_timer = QTimer(self)
        self.warning_timer.setSingleShot(True)
        self.warning_timer.timeout.connect(self._warn)
        self.set_interval(milliseconds)

    def warning_ms(self) -> int:
        """How long before the lock the warning comes."""
        return min(WARNING_MS, self.timer.interval() // 2)

    def set_interval(self, milliseconds: int) -> None:
        self.timer.setInterval(milliseconds)
        self.warning_timer.setInterval(milliseconds - self.warning_ms())
        self.restart()

    def restart(self) -> None:
        """Use of the app: the full time again, and any warning taken back."""
        self.timer.start()
        self.warning_timer.start()
        if self.warned:
            self.warned = False
            if self._on_active is not None:
                self._on_active()

    def stop(self) -> None:
        self.timer.stop()
        self.warning_timer.stop()
        self.warned = False

    def seconds_left(self) -> int:
        return max(0, round(self.timer.remainingTime() / 1000))

    def _warn(self) -> None:
        self.warned = True
        if self._on_warning is not None:
            self._on_warning(self.seconds_left())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() in _ACTIVITY:
            self.restart()
        return False
