"""Whose turn it is on the open vault's connection: a backup being made, or work on an
attached file (attaching it, saving a copy, reading a picture to show it).

Each reads or writes through the vault's own SQLite connection on a thread of its own. One
connection is not for two threads at once, and a backup must be a snapshot of the vault, not
of an attach half done; so only one of them runs at a time, and one asked for while the
other runs waits its turn here, and is started as soon as the connection is free. This is
the one place that rule is kept: ui/backup_runner.py and ui/attachment_runner.py both ask it.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal

BACKUP = "backup"
ATTACHED_FILE = "attached file"


@dataclass
class _Waiting:
    start: Callable[[], None]  # its turn has come (it takes the turn itself, if still wanted)
    cancel: Callable[[], None]  # the vault is closing: it will not run


class Turns(QObject):
    """The turns of one open vault. Asked on the window's thread; a turn is given back on the
    thread that did the work, once its work is over (a transaction committed or undone)."""

    _freed = Signal()  # from the worker's thread, to start what waits on the window's

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._holder: str | None = None
        self._waiting: dict[object, _Waiting] = {}  # in the order they asked
        self._freed.connect(self._next, Qt.ConnectionType.QueuedConnection)

    @property
    def holder(self) -> str | None:
        """Who has the connection now (BACKUP or ATTACHED_FILE), or None."""
        with self._lock:
            return self._holder

    def take(self, who: str) -> bool:
        """The connection is `who`'s until it is given back; False if another has it."""
        with self._lock:
            if self._holder is not None:
                return False
            self._holder = who
            return True

    def give_back(self, who: str) -> None:
        """`who`'s work is over (called on its own thread): whatever waits is started."""
        with self._lock:
            if self._holder != who:
                return
            self._holder = None
        self._freed.emit()

    def when_free(self, key: object, start: Callable[[], None], cancel: Callable[[], None]) -> None:
        """Call `start` once the connection is free (asked again under the same `key`, it
        still waits once, in its first place)."""
        self._waiting.setdefault(key, _Waiting(start, cancel))

    def waits(self, key: object) -> bool:
        return key in self._waiting

    def forget(self, key: object) -> None:
        """No longer wanted (Cancel pressed while it waited)."""
        self._waiting.pop(key, None)

    def close(self) -> None:
        """The vault is closing: nothing waiting will run."""
        waiting, self._waiting = list(self._waiting.values()), {}
        for each in waiting:
            each.cancel()

    def _next(self) -> None:
        while self._waiting and self.holder is None:
            key = next(iter(self._waiting))
            self._waiting.pop(key).start()


_TURNS: weakref.WeakKeyDictionary[object, Turns] = weakref.WeakKeyDictionary()


def turns_of(vault: object) -> Turns:
    """The turns on this open vault's connection (one for each open vault)."""
    turns = _TURNS.get(vault)
    if turns is None:
        turns = _TURNS[vault] = Turns()
    return turns
