"""The one place that talks to the operating system's password store.

Used only when someone opts in to "remember on this computer". What is stored
is a random device secret, never the passphrase: anyone who can read the
password store could otherwise learn the passphrase itself. Stores that keep
secrets in plain files, or that store nothing, are refused, because
keyrings.alt's plaintext file outranks `fail` and could be chosen silently.
"""

from __future__ import annotations

import base64
import binascii

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from companion import APP_NAME
from companion.errors import KeyringUnavailable

SERVICE = APP_NAME
_INSECURE_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


def _is_insecure(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    return any(module == bad or module.startswith(bad + ".") for bad in _INSECURE_MODULES)


def secure_backend() -> KeyringBackend:
    """The active password store, if it keeps secrets safely; else KeyringUnavailable."""
    backend = keyring.get_keyring()
    members = list(getattr(backend, "backends", None) or [backend])
    if not members or any(_is_insecure(member) for member in members):
        raise KeyringUnavailable()
    return backend


def _username(vault_id: str) -> str:
    return f"vault-{vault_id}"


def store_device_secret(vault_id: str, secret: bytes) -> None:
    backend = secure_backend()
    try:
        backend.set_password(SERVICE, _username(vault_id), base64.b64encode(secret).decode())
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable() from exc


def load_device_secret(vault_id: str) -> bytes | None:
    """The remembered device secret for this vault, or None if there is none to use."""
    try:
        backend = secure_backend()
        text = backend.get_password(SERVICE, _username(vault_id))
    except (KeyringUnavailable, keyring.errors.KeyringError):
        return None
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def delete_device_secret(vault_id: str) -> None:
    """Forget the device secret; forgetting one that is not there is not an error."""
    try:
        secure_backend().delete_password(SERVICE, _username(vault_id))
    except (KeyringUnavailable, keyring.errors.PasswordDeleteError):
        pass
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable() from exc
