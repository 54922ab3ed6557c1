"""Fichier › Nouveau, Ouvrir, Récents, Ouvrir la démonstration."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from avereport.errors import UserError, describe_os_error
from avereport.ui.actions import make_action
from avereport.ui.settings import text_setting, texts_setting

if TYPE_CHECKING:
    from avereport.ui.main_window import MainWindow

LAST_FILE_KEY = "files/last"
RECENT_KEY = "files/recent"
RECENT_MAX = 8
FILTER = "Documents avereport (*.db);;Tous les fichiers (*)"


class FileMenu:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.new_action = make_action(
            window,
            "Nouveau…",
            "Créer un nouveau document avec une première édition",
            self.new_document,
            [QKeySequence.StandardKey.New],
        )
        self.open_action = make_action(
            window,
            "Ouvrir…",
            "Ouvrir un document avereport (.db)",
            self.open_document,
            [QKeySequence.StandardKey.Open],
        )
        self.demo_action = make_action(
            window,
            "Ouvrir la démonstration",
            "Ouvrir une copie du document de démonstration (2020 et 2021)",
            self.open_demo,
        )
        self.recent_menu = QMenu("Récents")
        self.recent_menu.setToolTipsVisible(True)

    def fill(self, menu: QMenu) -> None:
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.demo_action)
        self._fill_recent()

    # --- recent files -----------------------------------------------------

    @staticmethod
    def recent() -> list[str]:
        return texts_setting(RECENT_KEY)

    def remember(self, path: Path) -> None:
        """``path`` was opened: the file to open at the next start, first of
        the recent ones. Written only when that changes (most starts reopen
        the last file), and with one QSettings for both: each one written
        rewrites its file and syncs it to disk, 1.5 ms on a quiet disk, up to
        20 ms at a busy start."""
        recent = self.recent()
        paths = ([str(path)] + [p for p in recent if p != str(path)])[:RECENT_MAX]
        if text_setting(LAST_FILE_KEY) != str(path) or recent != paths:
            settings = QSettings()
            settings.setValue(LAST_FILE_KEY, str(path))
            settings.setValue(RECENT_KEY, paths)
            settings.sync()
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = [p for p in self.recent() if Path(p).exists()]
        for path in paths:
            action = make_action(
                self.window, Path(path).name, f"Ouvrir {path}", partial(self.window.open_path, Path(path))
            )
            self.recent_menu.addAction(action)
        self.recent_menu.setEnabled(bool(paths))

    # --- commands ---------------------------------------------------------

    def _folder(self) -> str:
        last = text_setting(LAST_FILE_KEY)
        return str(Path(last).parent) if last else ""

    def open_document(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Ouvrir un document", self._folder(), FILTER)
        if name:
            self.window.open_path(Path(name))

    def open_demo(self) -> None:
        from avereport.ui.app import start_file

        try:
            self.window.open_path(start_file(None))
        except UserError as error:
            QMessageBox.critical(self.window, "Démonstration indisponible", str(error))

    def new_document(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.window, "Nouveau document", self._folder(), FILTER)
        if not name:
            return
        path = Path(name) if name.endswith(".db") else Path(name + ".db")
        year, accepted = QInputDialog.getInt(
            self.window,
            "Nouveau document",
            "Année du premier rapport :",
            QDate.currentDate().year() - 1,
            1990,
            2200,
        )
        if not accepted:
            return
        try:
            create_document(path, year)
        except UserError as error:
            QMessageBox.critical(self.window, "Création impossible", str(error))
            return
        except OSError as error:
            QMessageBox.critical(self.window, "Création impossible", describe_os_error(error))
            return
        self.window.open_path(path)


def create_document(path: Path, year: int) -> None:
    """A new document holding one blank edition modelled on the demo's newest;
    it appears under its name only once complete, and never replaces a file."""
    import os

    from avereport.demo import demo_editions
    from avereport.model.templates import blank_edition
    from avereport.store.document import create_document as create

    if os.path.lexists(path):
        raise UserError(
            f"Le fichier « {path.name} » existe déjà : choisissez un autre nom, il ne sera pas écrasé."
        )
    create(path, [blank_edition(year, demo_editions()[-1])])
