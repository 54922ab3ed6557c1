"""Start the desktop application on a document."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from avereport import tuning
from avereport.errors import UserError, describe_os_error
from avereport.paths import data_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from avereport.ui.main_window import MainWindow

DEMO_COPY_NAME = "Démonstration avereport.db"


def start_file(requested: Path | None, last: Path | None = None) -> Path:
    """The file to open: the one asked for, else the last one opened if it is
    still there, else a copy of the demo in the user's data folder."""
    if requested is not None:
        return requested
    if last is not None and last.is_file():
        return last
    copy = data_dir() / DEMO_COPY_NAME
    if not copy.exists():
        from avereport.demo import write_demo

        write_demo(copy)
    return copy


def ask_display_name_once(window: MainWindow) -> None:
    """At first launch, ask (without blocking the start) for the name colleagues
    will see in locks and in the history; the OS login name until answered.
    Fichier › Mon nom… changes it later."""
    import os

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QInputDialog

    from avereport.ui.main_window import NAME_QUESTION, USER_NAME_KEY
    from avereport.ui.readiness import VARIABLE

    if QSettings().value(USER_NAME_KEY, "", str) or os.environ.get(VARIABLE) == "1":
        return
    dialog = QInputDialog(window)
    dialog.setWindowTitle("Bienvenue dans avereport")
    dialog.setLabelText(NAME_QUESTION)
    dialog.setTextValue(window.user_name())
    # At once for the document already open too: its lock and its history.
    dialog.textValueSelected.connect(window.set_user_name)
    dialog.open()


def run_app(requested: Path | None) -> int:
    # Starting creates tens of thousands of objects that live as long as the app
    # (modules, classes, Qt wrappers, widgets): the cyclic garbage collector
    # would scan them again and again, tens of milliseconds in all, and find
    # nothing. It is off until the window is built, then they are frozen out
    # of its reach (unless AVEREPORT_NO_GC_FREEZE=1, to measure it).
    tuned = tuning.enabled(tuning.GC_FREEZE)
    if tuned:
        gc.disable()
    try:
        # The Qt-free part (the store, the model and its checks) comes first:
        # once loaded, PySide6 hooks every import and reads the source of
        # each module imported after it, some 0.1 ms a module.
        import avereport.model.checks
        import avereport.store.location
        import avereport.store.lock  # noqa: F401

        app, window = _start(requested)
    finally:
        if tuned:
            gc.freeze()
            gc.enable()
    code = app.exec()
    _take_apart(window)
    return code


def _take_apart(window: MainWindow) -> None:
    """Delete the window and all it holds now, while Python is whole: left
    to the interpreter's exit, PySide deletes the widgets Python owns in no
    particular order, some after the window that held them (a crash on
    quitting, seen about one time in two after creating an edition)."""
    import shiboken6

    shiboken6.delete(window)


def _start(requested: Path | None) -> tuple[QApplication, MainWindow]:
    """The application and its window, shown on ``requested`` (see ``start_file``)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from avereport.ui.files import LAST_FILE_KEY
    from avereport.ui.look import apply_look
    from avereport.ui.main_window import MainWindow
    from avereport.ui.readiness import quit_when_ready
    from avereport.ui.settings import text_setting
    from avereport.ui.translations import install_french

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("avereport")
    app.setOrganizationName("Alliance Villes Emploi")
    install_french(app)  # before any dialog
    apply_look(app)
    window = MainWindow()
    window.show()
    last = text_setting(LAST_FILE_KEY)
    try:
        window.open_path(start_file(requested, Path(last) if last else None))
    except UserError as error:
        QMessageBox.critical(window, "Ouverture impossible", str(error))
    except OSError as error:
        QMessageBox.critical(window, "Ouverture impossible", describe_os_error(error))
    ask_display_name_once(window)
    quit_when_ready(window)
    return app, window
