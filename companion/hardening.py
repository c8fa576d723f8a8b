"""What the app does as it starts, before anything private is in memory or on the disk.

- No memory dumps: a crash must not write the decrypted records, the key or an NI
  number to a core file. The core-file size limit is set to nothing (soft and hard,
  so it cannot be raised again), and on Linux the process is marked not dumpable:
  a crash handler the system pipes dumps to (systemd-coredump, apport) is not given
  it either (with the kernel's usual setting, fs.suid_dumpable = 0), and other
  programs running as the same user cannot attach to it or read its memory.
- The app's own folders (data and settings) are made readable by their owner only.
- What an export killed while writing left in those folders is removed
  (companion.leftovers), and any hidden file noted as being written when the app was
  killed, wherever it is (an export does the same in its own folder).

Each step is done where the system offers it and is skipped quietly where it does not
(Windows has no core-file limit; only Linux has prctl). None of them stops the app.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

from companion import paths

PR_SET_DUMPABLE = 4  # from <linux/prctl.h>
PR_GET_DUMPABLE = 3


def _libc() -> ctypes.CDLL | None:
    """The C library already loaded into this process (looking it up by name would start
    another program, ldconfig)."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def no_core_dumps() -> None:
    """Turn off core dumps for this process."""
    try:
        import resource
    except ImportError:  # Windows
        pass
    else:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        libc = _libc()
        if libc is not None:
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def dumpable() -> bool | None:
    """Whether Linux would dump this process's memory on a crash; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    libc = _libc()
    if libc is None:
        return None
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def tidy_own_folders() -> None:
    """Make the app's folders owner-only, and remove leftovers of a killed export in them."""
    from companion.leftovers import remove_leftovers, remove_noted_leftovers

    for folder in paths.own_dirs():
        with contextlib.suppress(OSError):  # a read-only home must not stop the app
            paths.private_dir(folder)
        remove_leftovers(folder)
    remove_noted_leftovers()  # wherever a killed export was writing


def at_start() -> None:
    """Everything above, for the start of the app and of each command."""
    no_core_dumps()
    tidy_own_folders()
