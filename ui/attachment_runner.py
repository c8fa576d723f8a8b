"""Work on attached files off the window's thread: attaching, saving a copy, reading a picture
to show it. One job at a time, with progress and a way to stop; the window never freezes.

Every job reads or writes through the open vault's own connection, so it takes its turn on
it (ui/vault_turns.py): a job asked for while a backup is being made waits until the backup
is done, and a backup waits for a job. Before the vault is closed (a lock, or the app
closing) a running job is stopped and waited for: what the core leaves of a stopped attach or
copy is nothing at all (companion/attachment_vault.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from companion.errors import Cancelled
from ui.vault_turns import ATTACHED_FILE, Turns, turns_of
from ui.workers import Task, run_in_background

WAIT_SECONDS = 60  # a stopped job ends within one chunk; this is a backstop
STEPS = 1000  # progress is reported in thousandths, so a 4 GB file sends no flood of signals

Progress = Callable[[int, int], None]
StopAsked = Callable[[], bool]
Work = Callable[[Progress, StopAsked], Any]
Failed = Callable[[BaseException], None]


class AttachmentJobs(QObject):
    progressed = Signal(int)  # thousandths done, from the job's thread (queued to the window)
    began = Signal()  # a job that waited for its turn (a backup was being made) has started

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self._idle = threading.Event()
        self._idle.set()
        self._stop = threading.Event()
        self._shown = -1
        self._waiting: tuple[Turns, Failed] | None = None  # a job waiting for its turn

    @property
    def running(self) -> bool:
        """A job is running, or waiting for its turn to run."""
        return not self._idle.is_set() or self._waiting is not None

    @property
    def waiting(self) -> bool:
        """The job asked for waits for a backup being made to be done."""
        return self._waiting is not None

    def stop(self) -> None:
        """Ask the running job to stop at its next chunk, or the waiting one not to start
        (Cancel)."""
        self._stop.set()
        self._drop_waiting()

    def stop_and_wait(self) -> None:
        """Before the vault is closed: stop a running job, and wait until it has."""
        self._drop_waiting()
        if not self._idle.is_set():
            self._stop.set()
            self._idle.wait(WAIT_SECONDS)

    def start(
        self,
        vault: object,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Failed,
    ) -> bool:
        """Run `work(progress, stop)` in the background on `vault`'s connection, now or once
        a backup being made is done (`waiting`); False if a job is still running."""
        if self.running:
            return False
        self._stop.clear()
        self._shown = -1
        turns = turns_of(vault)
        if turns.take(ATTACHED_FILE):
            self._run(turns, work, on_done, on_failed)
            return True

        def its_turn() -> None:
            self._waiting = None
            if self._stop.is_set() or not turns.take(ATTACHED_FILE):
                on_failed(Cancelled())
                return
            self.began.emit()
            self._run(turns, work, on_done, on_failed)

        self._waiting = (turns, on_failed)
        turns.when_free(self, its_turn, self._drop_waiting)
        return True

    def _drop_waiting(self) -> None:
        """The job waiting for its turn will not run: it is said to have been stopped (as a
        running one would be, once it had)."""
        if self._waiting is None:
            return
        (turns, on_failed), self._waiting = self._waiting, None
        turns.forget(self)
        QTimer.singleShot(0, self, lambda: on_failed(Cancelled()))

    def _run(
        self, turns: Turns, work: Work, on_done: Callable[[Any], None], on_failed: Failed
    ) -> None:
        self._idle.clear()

        def job() -> Any:
            try:
                return work(self._step, self._stop.is_set)
            finally:
                turns.give_back(ATTACHED_FILE)  # its transaction is over: a backup may start
                self._idle.set()

        def done(result: Any) -> None:
            self._task = None
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._task = None
            on_failed(exc)

        self._task = run_in_background(job, done, failed)

    def _step(self, done: int, total: int) -> None:
        """Called by the core after each chunk, on the job's thread."""
        if self._stop.is_set():
            raise Cancelled()
        shown = done * STEPS // max(total, 1)
        if shown != self._shown:
            self._shown = shown
            self.progressed.emit(shown)
