"""Fichier › Enregistrer une copie…, Envoyer à un collègue…, Restaurer une
sauvegarde…, Importer depuis un autre document…

Only the menu entries are made at start-up: what the commands need (merging,
backups, their dialogs) is imported when one is first used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from avereport.errors import UserError, describe_os_error
from avereport.ui.actions import make_action
from avereport.ui.files import FILTER

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from avereport.model.edition import Edition
    from avereport.ui.main_window import MainWindow

STATUS_MS = 8000


class SharingMenu:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.copy_action = make_action(
            window,
            "Enregistrer une copie…",
            "Écrire une copie vérifiée du document sous un autre nom",
            self.save_copy,
        )
        self.send_action = make_action(
            window,
            "Envoyer à un collègue…",
            "Préparer dans un dossier une copie vérifiée du document, à joindre à un courriel ou à copier sur une clé",
            self.send_copy,
        )
        self.restore_action = make_action(
            window,
            "Restaurer une sauvegarde…",
            "Remplacer le document par l'une de ses sauvegardes automatiques",
            self.restore_backup,
        )
        self.import_action = make_action(
            window,
            "Importer depuis un autre document…",
            "Comparer avec le document d'un collègue et reprendre ses modifications, une par une",
            self.import_document,
        )

    def fill(self, menu: QMenu) -> None:
        for action in (self.copy_action, self.send_action, self.import_action, self.restore_action):
            menu.addAction(action)

    def update_actions(self) -> None:
        """Copies need an open document; restoring and importing write to it."""
        session = self.window.session
        writable = session is not None and not session.read_only
        self.copy_action.setEnabled(session is not None)
        self.send_action.setEnabled(session is not None)
        self.restore_action.setEnabled(writable)
        self.import_action.setEnabled(writable)

    # --- copies -----------------------------------------------------------

    def save_copy(self) -> None:
        path = self._path()
        if path is None:
            return
        suggested = str(path.with_name(f"{path.stem} (copie){path.suffix}"))
        name, _ = QFileDialog.getSaveFileName(self.window, "Enregistrer une copie", suggested, FILTER)
        if not name:
            return
        target = Path(name) if name.endswith(".db") else Path(name + ".db")
        if self._copy(target):
            self.window.statusBar().showMessage(f"Copie enregistrée : {target}", STATUS_MS)

    def send_copy(self) -> None:
        from avereport.store.copies import sending_copy_name

        path = self._path()
        if path is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, "Dossier où préparer la copie à envoyer", str(path.parent)
        )
        if not folder:
            return
        target = Path(folder) / sending_copy_name(path, dt.date.today())
        if target.exists():
            answer = QMessageBox.question(
                self.window,
                "Envoyer à un collègue",
                f"« {target.name} » existe déjà dans ce dossier. Le remplacer ?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if not self._copy(target):
            return
        self.window.statusBar().showMessage(f"Copie prête à envoyer : {target}", STATUS_MS)
        answer = QMessageBox.question(
            self.window,
            "Copie prête à envoyer",
            f"La copie « {target.name} » est prête dans {target.parent}.\n\n"
            "Joignez-la à un courriel ou copiez-la sur une clé USB. Ouvrir le dossier ?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))

    def save_refused(self, refused: dict[int, Edition]) -> bool:
        """« Enregistrer mes modifications dans une copie… »: a new document,
        the open one as the file holds it with the editions whose saving was
        refused (the document was taken over) in place of theirs, each change
        in its history. True once written."""
        from avereport.model.diff import diff_editions, edition_added
        from avereport.store.history import Origin
        from avereport.store.lock import open_locked

        path = self._path()
        if path is None or not refused:
            return False
        suggested = str(path.with_name(f"{path.stem} (mes modifications){path.suffix}"))
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Enregistrer mes modifications dans une copie", suggested, FILTER
        )
        if not name:
            return False
        target = Path(name) if name.endswith(".db") else Path(name + ".db")
        if not self._copy(target):
            return False
        author = self.window.user_name()
        try:
            with open_locked(target, author) as opened:
                copy = opened.document
                for year, edition in sorted(refused.items()):
                    if year in copy.years():
                        current = copy.read_edition(year)
                        changes = diff_editions(current, edition)
                    else:
                        changes = [edition_added(year)]
                    copy.write_edition(
                        edition, replace=True, changes=changes, author=author, origin=Origin.EDIT
                    )
        except UserError as error:
            QMessageBox.critical(self.window, "Copie impossible", str(error))
            return False
        except OSError as error:
            QMessageBox.critical(self.window, "Copie impossible", describe_os_error(error))
            return False
        self.window.statusBar().showMessage(
            f"Vos modifications sont enregistrées dans « {target} ».", STATUS_MS
        )
        return True

    def _copy(self, target: Path) -> bool:
        from avereport.store.copies import safe_copy

        session = self.window.session
        if session is None:
            return False
        try:
            safe_copy(session.document, target)
        except UserError as error:
            QMessageBox.critical(self.window, "Copie impossible", str(error))
            return False
        except OSError as error:
            QMessageBox.critical(self.window, "Copie impossible", describe_os_error(error))
            return False
        return True

    # --- restoring a backup -----------------------------------------------

    def restore_backup(self) -> None:
        from avereport.store.backups import list_backups, restore
        from avereport.ui.backups_dialog import BackupsDialog, backup_date

        session = self.window.session
        if session is None:
            return
        path = session.document.path
        backups = list_backups(path)
        if not backups:
            QMessageBox.information(
                self.window,
                "Restaurer une sauvegarde",
                f"Aucune sauvegarde de « {path.name} » n'a encore été faite.",
            )
            return
        dialog = BackupsDialog(backups, path.name, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self.window,
            "Restaurer une sauvegarde",
            f"Remplacer « {path.name} » par la sauvegarde du {backup_date(chosen)} ?\n\n"
            "Le document actuel sera d'abord sauvegardé : vous pourrez y revenir.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        before = session.editions()
        self.window.close_document()
        try:
            restore(chosen, path)
        except UserError as error:
            QMessageBox.critical(self.window, "Restauration impossible", str(error))
        except OSError as error:
            QMessageBox.critical(self.window, "Restauration impossible", describe_os_error(error))
        else:
            if self.window.open_path(path):
                self._record_restore(before)
                self.window.statusBar().showMessage("Sauvegarde restaurée.", STATUS_MS)
            return
        self.window.open_path(path)

    def _record_restore(self, before: list[Edition]) -> None:
        """The restored file holds the backup's history: the restore is added
        to it, one line per change it undid. Only the editions that changed
        are written again (as they are): writing several editions at once
        renumbers their board and staff ids."""
        from avereport.model.merge import changes_by_year
        from avereport.store.history import Origin

        session = self.window.session
        if session is None or session.read_only:
            return
        restored = session.editions()
        changes = changes_by_year(before, restored)
        if not changes:
            return
        try:
            session.document.write_editions(
                [edition for edition in restored if edition.year in changes],
                replace=True,
                changes_by_year=changes,
                author=self.window.user_name(),
                origin=Origin.RESTORE,
            )
        except UserError as error:
            QMessageBox.warning(self.window, "Historique incomplet", str(error))

    # --- merging a colleague's copy ---------------------------------------

    def import_document(self) -> None:
        from avereport.model.merge import apply_choices, changes_by_year, compare_documents
        from avereport.store.backups import Reason, backup
        from avereport.ui.merge_dialog import MergeDialog

        session = self.window.session
        if session is None:
            return
        path = session.document.path
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Importer depuis un autre document", str(path.parent), FILTER
        )
        if not name:
            return
        other = Path(name)
        if other.resolve() == path.resolve():
            QMessageBox.information(
                self.window, "Importer", "C'est le document ouvert : choisissez la copie d'un collègue."
            )
            return
        theirs = self._read_all(other)
        if theirs is None:
            return
        mine = session.editions()
        differences = compare_documents(mine, theirs)
        if not differences:
            QMessageBox.information(
                self.window, "Importer", f"« {other.name} » ne diffère en rien de votre document."
            )
            return
        dialog = MergeDialog(differences, other.name, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        merged = apply_choices(mine, theirs, dialog.choices())
        changes = changes_by_year(mine, merged)
        if not changes:
            self.window.statusBar().showMessage(
                "Vous avez gardé votre version partout : rien n'a changé.", STATUS_MS
            )
            return
        try:
            backup(path, Reason.MERGE)
            session.document.replace_editions(merged, changes, author=self.window.user_name())
        except UserError as error:
            QMessageBox.critical(self.window, "Import impossible", str(error))
            return
        # Reopened so that the undo stack starts from the merged document.
        self.window.close_document()
        if self.window.open_path(path):
            count = sum(len(found) for found in changes.values())
            self.window.statusBar().showMessage(
                f"{count} modification{'s' if count > 1 else ''} reprise{'s' if count > 1 else ''} de « {other.name} ».",
                STATUS_MS,
            )

    def _read_all(self, other: Path) -> list[Edition] | None:
        """Every edition of ``other``, opened read-only; None (after a French
        message) for a file that cannot be used."""
        from avereport.store import open_document

        try:
            with open_document(other, read_only=True) as document:
                return [document.read_edition(year) for year in document.years()]
        except UserError as error:
            QMessageBox.critical(self.window, "Import impossible", str(error))
        except OSError as error:
            QMessageBox.critical(self.window, "Import impossible", describe_os_error(error))
        return None

    def _path(self) -> Path | None:
        session = self.window.session
        return None if session is None else session.document.path
