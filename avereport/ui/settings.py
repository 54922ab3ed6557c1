"""Typed reads of the user's settings (QSettings).

QSettings.value(key, default, type) converts the stored value to the given
type, but PySide6's stubs declare its result as ``object``: these helpers
check the type, so callers get a ``str`` or a ``bool`` mypy knows about.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings


def text_setting(key: str) -> str:
    """The text stored under ``key``, "" when there is none."""
    value = QSettings().value(key, "", str)
    return value if isinstance(value, str) else ""


def flag_setting(key: str, default: bool) -> bool:
    """The yes/no stored under ``key``, ``default`` when there is none."""
    value = QSettings().value(key, default, bool)
    return value if isinstance(value, bool) else default


def texts_setting(key: str) -> list[str]:
    """The list of texts stored under ``key``: QSettings gives back a list of
    one item as a bare string, and nothing (None) for an empty list."""
    value = QSettings().value(key, [])
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []
