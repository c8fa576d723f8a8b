"""Work on attached files off the window's thread: attaching, saving a copy, reading a picture
to show it. One job at a time, with progress and a way to stop; the window never freezes.

Every job reads or writes through the open vault's own connection, so before the vault is
closed (a lock, or the app closing) a running job is stopped and waited for: what the core
leaves of a stopped attach or copy is nothing at all (companion/attachment_vault.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from companion.errors import Cancelled
from ui.workers import Task, run_in_background

WAIT_SECONDS = 60  # a stopped job ends within one chunk; this is a backstop
STEPS = 1000  # progress is reported in thousandths, so a 4 GB file sends no flood of signals

Progress = Callable[[int, int], None]
StopAsked = Callable[[], bool]
Work = Callable[[Progress, StopAsked], Any]


class AttachmentJobs(QObject):
    progressed = Signal(int)  # thousandths done, from the job's thread (queued to the window)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self._idle = threading.Event()
        self._idle.set()
        self._stop = threading.Event()
        self._shown = -1

    @property
    def running(self) -> bool:
        return not self._idle.is_set()

    def stop(self) -> None:
        """Ask the running job to stop at its next chunk (Cancel)."""
        self._stop.set()

    def stop_and_wait(self) -> None:
        """Before the vault is closed: stop a running job, and wait until it has."""
        if self.running:
            self._stop.set()
            self._idle.wait(WAIT_SECONDS)

    def start(
        self,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> bool:
        """Run `work(progress, stop)` in the background; False if a job is still running."""
        if self.running:
            return False
        self._idle.clear()
        self._stop.clear()
        self._shown = -1

        def job() -> Any:
            try:
                return work(self._step, self._stop.is_set)
            finally:
                self._idle.set()

        def done(result: Any) -> None:
            self._task = None
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._task = None
            on_failed(exc)

        self._task = run_in_background(job, done, failed)
        return True

    def _step(self, done: int, total: int) -> None:
        """Called by the core after each chunk, on the job's thread."""
        if self._stop.is_set():
            raise Cancelled()
        shown = done * STEPS // max(total, 1)
        if shown != self._shown:
            self._shown = shown
            self.progressed.emit(shown)
