"""A fixture for tests that start background work (key derivation, page counts, saving).

Each such test starts and ends with the thread pool idle and earlier tests' windows freed
here, on the window's thread. Otherwise Python's cycle collector can run on a pool thread
and free a Qt object there, which Qt does not allow (the suite crashed now and then).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool


@pytest.fixture(autouse=True)
def settled() -> Iterator[None]:
    gc.collect()
    yield
    QThreadPool.globalInstance().waitForDone(20_000)
    gc.collect()
