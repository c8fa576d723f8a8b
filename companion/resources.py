"""Where the app's own files are: fonts, styles, icons, the sample data."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "resources"


def resource(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
