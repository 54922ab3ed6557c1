"""Per-user folders of avereport (data, backups), never the install folder.

``AVEREPORT_DATA_DIR`` overrides the platform's per-user data folder; tests
and portable installs use it.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "avereport"


def data_dir() -> Path:
    override = os.environ.get("AVEREPORT_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "sauvegardes"
    path.mkdir(parents=True, exist_ok=True)
    return path
