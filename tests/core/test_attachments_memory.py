"""Memory stays flat however large the attachment: a 200 MiB recording (made on the fly, never
committed) is attached, read back, copied out and verified, in a process of its own, with its
peak resident memory less than 100 MiB above what it held before (it is a few MiB; the margin
is for other machines). bench/attach_bench.py measures the same and prints the figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MIB = 200


@pytest.mark.slow
def test_a_200_mib_recording_goes_in_and_out_in_flat_memory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COMPANION_PASSPHRASE"}
    env.update(TMPDIR=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run(
        [sys.executable, "bench/attach_bench.py", "--mib", str(MIB), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    for step in ("attach", "read", "copy", "verify"):
        assert figures[f"{step}_above_baseline_mib"] < 100, (step, figures)
    assert figures["vault_file_mib"] > MIB  # the recording really went into the vault
