"""Run slow work (key derivation, loading, creating a vault) off the window's thread.

The window never freezes: the work runs on Qt's thread pool and its result or
failure comes back as a signal on the window's thread. A plain callable is
handed to the pool (rather than a QRunnable subclass), so no Python-owned Qt
object can be freed while the pool's thread is still finishing with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from companion.errors import CompanionError
from companion.messages import describe


class Task(QObject):
    """Reports the outcome of one piece of background work, on the thread that made it."""

    done = Signal(object)
    failed = Signal(object)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
) -> Task:
    """Start `work` on the thread pool. Keep the returned task until it reports back."""
    task = Task()
    task.done.connect(on_done)
    task.failed.connect(on_failed)

    def job() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to the window, which says it plainly
            # Drop the traceback here: its frames hold the work's Qt objects (a PDF writer,
            # a painter), which must be freed on this thread, not the window's (that hung).
            task.failed.emit(exc.with_traceback(None))
        else:
            task.done.emit(result)

    QThreadPool.globalInstance().start(job)
    return task


def failure_text(exc: BaseException) -> str:
    """What background work that failed means, in one plain sentence."""
    if isinstance(exc, CompanionError):
        return describe(exc)
    return QCoreApplication.translate(
        "MainWindow", "Something went wrong inside the app ({kind}). Nothing was changed."
    ).format(kind=type(exc).__name__)
