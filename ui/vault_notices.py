"""What the window says about the vault itself on opening: warnings, and the recovery key.

Each is a question to the person with the safe answer as the default; none of them
changes a record.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.i18n import translate
from companion.messages import describe
from companion.vault import Vault
from companion.warning_messages import warning_text
from ui.recovery_panel import RecoveryPanel
from ui.window_size import fit_to_text, scrolling


def _tr(text: str) -> str:
    return translate("VaultNotices", text)


def show_warnings(parent: QWidget, vault: Vault) -> bool:
    """Each warning in full, until the person says they have read it. True if they did."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Please read this"), "", parent=parent)
    box.setText("\n\n".join(warning_text(w) for w in vault.warnings))
    read = box.addButton(_tr("I have read this"), QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(_tr("Show it again next time"), QMessageBox.ButtonRole.RejectRole)
    read.setAccessibleName(_tr("I have read this: stop showing these warnings"))
    later.setAccessibleName(_tr("Show these warnings again next time"))
    box.setDefaultButton(later)
    box.setEscapeButton(later)
    box.exec()
    if box.clickedButton() is read:
        vault.acknowledge_warnings()
        return True
    return False


def offer_new_recovery_key(parent: QWidget, vault: Vault) -> None:
    """Setting up or recovering stopped before the recovery key was shown: offer a new one
    (the passphrase is asked for again, as for any change of keys)."""
    answer = QMessageBox.question(
        parent,
        _tr("Your recovery key was never shown"),
        _tr(
            "Setting up or recovering stopped before your recovery key was shown, so it "
            "cannot be relied on. Make a new recovery key now? You will need your passphrase."
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    passphrase, ok = QInputDialog.getText(
        parent,
        _tr("Make a new recovery key"),
        _tr("Your passphrase:"),
        QLineEdit.EchoMode.Password,
    )
    if not ok:
        return
    try:
        fresh = vault.new_recovery_key(passphrase)
    except CompanionError as exc:
        QMessageBox.warning(parent, _tr("No new recovery key was made"), describe(exc))
        return
    show_new_recovery_key(parent, vault, fresh)


def new_key_window(parent: QWidget | None, vault: Vault, key: Any) -> QDialog:
    """The window that shows a new recovery key: the panel scrolls inside it, sized to the
    text, and Done is offered once the person says the key is kept."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Your new recovery key"))
    outer = QVBoxLayout(dialog)
    panel = RecoveryPanel(vault.now)
    panel.show_key(key)
    scrolling(dialog, outer).addWidget(panel)
    done = QPushButton(_tr("Done"))
    done.setAccessibleName(_tr("Done"))
    done.setEnabled(False)
    panel.kept.connect(done.setEnabled)
    done.clicked.connect(dialog.accept)
    outer.addWidget(done)
    fit_to_text(dialog, 72, 22)
    return dialog


def show_new_recovery_key(parent: QWidget, vault: Vault, key: Any) -> None:
    """Show a new recovery key once; it is relied on only once the person says it is kept."""
    if new_key_window(parent, vault, key).exec() == QDialog.DialogCode.Accepted:
        vault.confirm_recovery_key(key)  # until then, the next unlock offers a new key
