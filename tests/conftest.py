"""Shared test set-up.

Qt runs on the offscreen platform so the GUI tests need no display. Every
test gets its own per-user data folder (backups, demo copy, chart cache,
error log) and its own settings file under tmp_path, so no test sees what
another one remembered and nothing touches the real home folder.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    data = tmp_path / "donnees-utilisateur"
    monkeypatch.setenv("AVEREPORT_DATA_DIR", str(data))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "reglages"))
    return data


@pytest.fixture
def session(tmp_path, qtbot):
    """A DocumentSession over a fresh demo document in tmp_path."""
    from avereport.demo import write_demo
    from avereport.store import open_document
    from avereport.ui.session import DocumentSession

    path = tmp_path / "rapport.db"
    write_demo(path)
    session = DocumentSession(open_document(path))
    yield session
    session.document.close()
