"""The app's own settings: how it looks and when it locks. Never any content.

Kept in an INI file in the app's settings folder (companion.paths), so tests
and portable set-ups can move it, and so it is plain to inspect.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from companion import paths

THEMES = ("light", "dark", "high-contrast")
DEFAULT_LOCK_MINUTES = 5


class AppSettings:
    def __init__(self) -> None:
        target = paths.config_dir() / "settings.ini"
        paths.private_dir(target.parent)
        self._q = QSettings(str(target), QSettings.Format.IniFormat)

    def _int(self, key: str, default: int, low: int, high: int) -> int:
        try:
            value = int(self._q.value(key, default))
        except (TypeError, ValueError):
            return default
        return min(max(value, low), high)

    @property
    def lock_minutes(self) -> int:
        return self._int("lock/minutes", DEFAULT_LOCK_MINUTES, 1, 120)

    @lock_minutes.setter
    def lock_minutes(self, value: int) -> None:
        self._q.setValue("lock/minutes", int(value))

    @property
    def theme(self) -> str:
        value = str(self._q.value("look/theme", "light"))
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        self._q.setValue("look/theme", value if value in THEMES else "light")

    @property
    def text_percent(self) -> int:
        return self._int("look/text_percent", 100, 100, 200)

    @text_percent.setter
    def text_percent(self, value: int) -> None:
        self._q.setValue("look/text_percent", int(value))

    @property
    def backup_folder(self) -> Path:
        """Where automatic backups go: a folder chosen in Settings, else the app's own."""
        value = self._q.value("backup/folder", "")
        return Path(str(value)) if value else paths.default_backup_dir()

    @backup_folder.setter
    def backup_folder(self, value: Path) -> None:
        if value == paths.default_backup_dir():
            self._q.remove("backup/folder")
        else:
            self._q.setValue("backup/folder", str(value))

    def geometry(self, key: str) -> QByteArray | None:
        value = self._q.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self._q.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self._q.sync()
