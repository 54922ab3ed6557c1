"""Shared test set-up.

Qt runs on the offscreen platform so the GUI tests need no display, and every
test gets its own per-user data folder (backups, demo copy, error log) under
tmp_path, so nothing touches the real home folder. QSettings go to tmp_path
too, in INI format, for the same reason.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path, monkeypatch):
    data = tmp_path / "donnees-utilisateur"
    monkeypatch.setenv("AVEREPORT_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return data
