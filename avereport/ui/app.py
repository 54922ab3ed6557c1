"""Start the desktop application on a document."""

from __future__ import annotations

import sys
from pathlib import Path

from avereport.paths import data_dir

DEMO_COPY_NAME = "Démonstration avereport.db"


def start_file(requested: Path | None) -> Path:
    """The file to open: the one asked for, else a copy of the demo in the user's data folder."""
    if requested is not None:
        return requested
    copy = data_dir() / DEMO_COPY_NAME
    if not copy.exists():
        from avereport.demo import write_demo

        write_demo(copy)
    return copy


def run_app(requested: Path | None) -> int:
    from PySide6.QtWidgets import QApplication

    from avereport.ui.main_window import MainWindow
    from avereport.ui.translations import install_french

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("avereport")
    app.setOrganizationName("Alliance Villes Emploi")
    install_french(app)
    window = MainWindow()
    window.show()
    window.open_path(start_file(requested))
    return app.exec()
