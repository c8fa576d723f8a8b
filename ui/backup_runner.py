"""Backups while the app runs: one a day while the vault is open, one as the app closes,
and the one Settings asks for; one at a time, never with the window frozen, and a failure
said once in the status line (never a window of its own).

The work is the core's (companion/backup.py); this only decides when, and says how it went.
A backup of the open vault reads it through the vault's own connection, so the session
waits for a running one (stopping it part way, which leaves nothing) before it closes the
vault. It takes its turn on that connection (ui/vault_turns.py): one falling due, or asked
for, while a file is being attached (or copied, or opened) starts once that is done, never
alongside it, so it never holds half an attach.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from companion import backup, backup_log
from companion.backup import Made
from companion.errors import Cancelled, CompanionError
from ui.vault_turns import BACKUP, Turns, turns_of
from ui.workers import Task, failure_text, run_in_background

if TYPE_CHECKING:
    from ui.session import Session

WAIT_SECONDS = 60  # a cancelled backup stops within one step of copying; this is a backstop


class Backups(QObject):
    said = Signal(str)  # one sentence for the status line
    made = Signal(object)  # a backup is complete (companion.backup.Made)
    progress = Signal(int, int)  # pages copied, pages in all (sent from the worker's thread)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self._task: Task | None = None
        self._idle = threading.Event()
        self._idle.set()
        self._stop = threading.Event()
        self.automatic = True  # off for a vault that is thrown away on closing (the demo)
        self._was_open = False  # the vault was open while the app ran: back it up on closing
        self._said: set[backup_log.FailureKind] = set()  # until a backup succeeds again
        self._waiting = False  # one asked for waits for work on an attached file to be done
        self._dropped: Callable[[], None] | None = None  # drops the one waiting
        session.opened.connect(self._opened)

    @property
    def running(self) -> bool:
        """A backup is being made, or waits for its turn (ui/vault_turns.py) to be."""
        return not self._idle.is_set() or self._waiting

    @property
    def waiting(self) -> bool:
        """One asked for starts once the file being attached (or copied, or opened) is done."""
        return self._waiting

    def folder(self) -> Path:
        return self._session.settings.backup_folder

    # -- starting one -------------------------------------------------------------------

    def back_up_now(
        self, on_done: Callable[[Made], None], on_failed: Callable[[BaseException], None]
    ) -> Callable[[], None] | None:
        """Settings' *Back up now*: into the backup folder, off the window's thread. Returns
        what stops it part way (`on_failed` is then given Cancelled, and nothing is left), or
        None if there is no open vault or a backup is already being made."""
        vault = self._session.vault
        if vault is None or self.running:
            return None
        folder = self.folder()

        def done(made: Made) -> None:
            self._said.clear()
            self.made.emit(made)
            on_done(made)

        self._start(
            lambda: backup.into_folder(vault, folder, progress=self._go_on), done, on_failed
        )
        return self.stop

    def stop(self) -> None:
        """Stop the backup being made, within one step of copying: its hidden file is
        removed, and no backup is made. One still waiting for its turn is dropped at once."""
        if self._waiting and self._dropped is not None:
            self._dropped()
            return
        if self.running:
            self._stop.set()

    def daily(self) -> None:
        """If the open vault has not been backed up for a day, back it up now; say first a
        failure of the backup made as the app last closed."""
        vault = self._session.vault
        if not self.automatic or vault is None or self.running:
            return
        self.say_failure()
        if not backup_log.due(vault.path, vault.now()):
            return
        folder = self.folder()

        def work() -> Made:
            return backup.into_folder(vault, folder, automatic=True, progress=self._go_on)

        self._start(work, self._done, self._failed)

    def after_close(self) -> None:
        """The app is closing and the vault is locked: back up its file (no key is needed).
        A failure is noted, and said when the vault is next opened; never a window now."""
        if not self.automatic or not self._was_open:
            return
        self._was_open = False  # once, however often the window is told to close
        self.wait()
        path = self._session.path
        try:
            backup.into_folder(path, self.folder(), automatic=True, on_close=True)
        except CompanionError:
            pass  # noted by the core (companion/backup_log.py); said at the next unlock
        except Exception:  # noqa: BLE001 - the app is closing: nothing must stop it
            pass

    def wait(self) -> None:
        """Before the vault is closed: stop a backup being made, and wait until it has."""
        if self.running:
            self._stop.set()
            self._idle.wait(WAIT_SECONDS)

    # -- internals ------------------------------------------------------------------------

    def _opened(self, _vault: object) -> None:
        self._was_open = True

    def _go_on(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled()
        self.progress.emit(done, total)

    def _start(
        self,
        work: Callable[[], Made],
        on_done: Callable[[Made], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        """Start `work` in its turn on the open vault's connection: now, or once the work on
        an attached file under way is done (never alongside it)."""
        vault = self._session.vault
        turns = turns_of(vault)
        self._stop.clear()
        if not turns.take(BACKUP):
            self._wait_turn(vault, turns, work, on_done, on_failed)
            return
        self._idle.clear()

        def job() -> Made:
            try:
                return work()
            finally:
                turns.give_back(BACKUP)  # before it is idle: what waited may start
                self._idle.set()

        def done(made: Made) -> None:
            self._task = None
            on_done(made)

        def failed(exc: BaseException) -> None:
            self._task = None
            on_failed(exc)

        self._task = run_in_background(job, done, failed)

    def _wait_turn(
        self,
        vault: object,
        turns: Turns,
        work: Callable[[], Made],
        on_done: Callable[[Made], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        def its_turn() -> None:
            self._waiting = False
            if self._session.vault is not vault or self._stop.is_set():
                on_failed(Cancelled())  # locked, or stopped, while it waited
            else:
                self._start(work, on_done, on_failed)

        def dropped() -> None:  # the vault is closing (the one made on closing is made
            self._waiting = False  # instead), or Stop was pressed while it waited
            self._dropped = None
            turns.forget(self)
            on_failed(Cancelled())

        def its_turn_now() -> None:
            self._dropped = None
            its_turn()

        self._waiting = True
        self._dropped = dropped
        turns.when_free(self, its_turn_now, dropped)

    def _done(self, made: Made) -> None:
        self._said.clear()
        self.made.emit(made)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return  # stopped because the vault was being locked: the next one is made later
        if not isinstance(exc, CompanionError):  # a fault in the app itself, said plainly
            self.said.emit(failure_text(exc))
            return
        self.say_failure()

    def say_failure(self) -> None:
        """A failed automatic backup, said once in one sentence (and not again for the same
        reason until a backup is made)."""
        path = self._session.path
        failure = backup_log.failure(path)
        if failure is None:
            return
        backup_log.clear_failure(path)
        if failure.kind in self._said and not failure.on_close:
            return
        self._said.add(failure.kind)
        self.said.emit(backup_log.failure_text(failure))
