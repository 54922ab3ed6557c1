"""The main window: a frame hosting the outline, the section editors, the
preview and the checks of the open document."""

from __future__ import annotations

import functools
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from avereport.errors import UserError, describe_os_error
from avereport.model.checks import Finding, outline_position
from avereport.model.paths import EDITION
from avereport.model.update import EditionUpdate
from avereport.store import open_document
from avereport.store.location import describe_location
from avereport.store.lock import (
    LockInfo,
    LockLostError,
    LockUnavailableError,
    OpenedDocument,
    open_for_editing,
)
from avereport.ui.actions import make_action
from avereport.ui.checks_panel import ChecksPanel
from avereport.ui.files import FileMenu
from avereport.ui.focus_ring import FocusRing
from avereport.ui.geometry import place, remember
from avereport.ui.icons import icon
from avereport.ui.lock_watch import LockWatch
from avereport.ui.navigation import Area, Navigator
from avereport.ui.outline_panel import ORGANISATION_KEY, OutlinePanel
from avereport.ui.pane_split import PaneSplitter
from avereport.ui.session import DocumentSession
from avereport.ui.settings import flag_setting, text_setting
from avereport.ui.sharing_actions import SharingMenu
from avereport.ui.spreadsheet_actions import TablesExport
from avereport.ui.widgets.banner import Banner

# The dialogs, the history panel, the section editors other than the first
# one and the export are imported when first used: the start needs none.
if TYPE_CHECKING:
    from avereport.model.edition import Edition
    from avereport.ui.editors.base import SectionEditor
    from avereport.ui.editors.organisation import OrganisationEditor
    from avereport.ui.export_controller import ExportController
    from avereport.ui.history_panel import HistoryPanel
    from avereport.ui.preview import PreviewPane

USER_NAME_KEY = "user/name"
NAME_QUESTION = "Votre nom, tel que vos collègues le verront (document ouvert, historique) :"
STATUS_MS = 8000
CHECKS_DONE = "Vérification terminée"
PREVIEW_KEY = "window/preview"
# Below this window width the preview starts hidden: the editor needs the room.
PREVIEW_MIN_WINDOW_WIDTH = 1200


class MainWindow(QMainWindow):
    document_opened = Signal(Path)
    """A document was opened; carries its path."""

    edition_shown = Signal(int)
    """The window shows another edition; carries its year."""

    def __init__(self) -> None:
        super().__init__()
        self.session: DocumentSession | None = None
        self.opened: OpenedDocument | None = None
        self.lock_watch: LockWatch | None = None
        self._taken: LockLostError | None = None  # noticed, the switch to read-only to come
        self.refused: dict[int, Edition] = {}
        """Editions as the user made them but could not save (the document
        was taken over), until saved into a copy."""
        self.banners: list[Banner] = []
        self.outline_panel: OutlinePanel | None = None
        self.checks: ChecksPanel | None = None
        self.history: HistoryPanel | None = None  # built when its tab is first shown
        self.preview: PreviewPane | None = None
        self.editors: dict[str, QWidget] = {}
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle("avereport")

        self.year_box = QComboBox()
        self.year_box.setToolTip("Année du rapport affichée")
        self.year_box.setMinimumContentsLength(6)
        self.year_box.activated.connect(self._year_chosen)
        self.editor_stack = QStackedWidget()
        self.placeholder = QLabel("Ouvrez un document (Fichier › Ouvrir…) ou la démonstration.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor_stack.addWidget(self.placeholder)
        self.outline_host = QStackedWidget()
        self.preview_host = QStackedWidget()
        panes = (self.outline_host, self.editor_stack, self.preview_host)
        self.splitter = PaneSplitter(panes, self._narrow_preview, self._preview_folded)
        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(4, 4, 4, 0)
        self.central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.checks_dock = QDockWidget("Vérifications", self)
        self.checks_dock.setObjectName("checks_dock")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_dock)
        # A fifth of a small screen's height at most: the editor keeps the rest.
        screen = self.screen().availableGeometry().height()
        self.resizeDocks([self.checks_dock], [max(90, min(150, screen // 5))], Qt.Orientation.Vertical)
        self._checks_hidden_by_hand = False

        self.files = FileMenu(self)
        self.sharing = SharingMenu(self)
        self.history_dock = QDockWidget("Historique", self)
        self.history_dock.setObjectName("history_dock")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
        self.tabifyDockWidget(self.checks_dock, self.history_dock)
        self.history_dock.hide()  # Affichage › Historique
        self.checks_dock.raise_()
        self._history_in_view = False  # its tab is the one shown (isVisible() is also True behind a tab)
        self.history_dock.visibilityChanged.connect(self._history_visibility_changed)
        self._exporter: ExportController | None = None
        self._build_actions()
        self._build_status_bar()
        self.navigator = Navigator(self, self._areas())
        self.focus_ring = FocusRing(self)
        place(self)
        self._split_width()
        self._update_actions()

    # --- building -------------------------------------------------------

    def _build_actions(self) -> None:
        # Actions of our own rather than QUndoGroup.createUndoAction's: the
        # wrappers PySide 6.12 gives those were found invalid after a while
        # of real use (undo then raised "already deleted", and quitting crashed).
        self.undo_action = make_action(
            self,
            "Annuler",
            "Annuler la dernière modification",
            self.undo_group.undo,
            [QKeySequence.StandardKey.Undo],
        )
        self.redo_action = make_action(
            self,
            "Rétablir",
            "Rétablir la modification annulée",
            self.undo_group.redo,
            ["Ctrl+Shift+Z", "Ctrl+Y"],
        )
        self.undo_group.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_group.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.new_edition_action = make_action(
            self,
            "Nouvelle édition…",
            "Commencer l'édition de l'année suivante à partir de celle affichée",
            self.new_edition,
        )
        self.check_action = make_action(
            self, "Vérifier", "Contrôler l'édition et afficher les vérifications", self.run_checks
        )
        self.export_action = make_action(
            self, "Exporter le PDF", "Écrire le rapport de l'édition en PDF", self.export_pdf, ["Ctrl+E"]
        )
        self.export_as_action = make_action(
            self, "Exporter le PDF sous…", "Choisir où écrire le rapport PDF de l'édition", self.export_pdf_as
        )
        self.refresh_action = make_action(
            self,
            "Actualiser l'aperçu",
            "Redessiner l'aperçu (graphiques et PDF)",
            self.refresh_preview,
            ["F5"],
        )
        self.help_action = make_action(
            self, "Aide", "Comment préparer le rapport de l'année avec avereport", self.show_help, ["F1"]
        )
        self.about_action = make_action(
            self, "À propos d'avereport", "Version et objet d'avereport", self.show_about
        )
        self.name_action = make_action(
            self,
            "Mon nom…",
            "Le nom que vos collègues voient quand vous avez le document ouvert, et dans l'historique",
            self.ask_user_name,
        )
        self.quit_action = make_action(
            self, "Quitter", "Fermer l'application", self.close, [QKeySequence.StandardKey.Quit]
        )
        self.preview_action = make_action(
            self, "Aperçu", "Afficher ou masquer l'aperçu (graphiques et PDF)", self._preview_toggled, ["F8"]
        )
        self.preview_action.setCheckable(True)
        self._set_icons()
        self._follow_undo_text()

        file_menu = self.menuBar().addMenu("&Fichier")
        self.files.fill(file_menu)
        file_menu.addSeparator()
        self.sharing.fill(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_as_action)
        self.tables_export = TablesExport(self, file_menu)  # « Exporter les tableaux… »
        file_menu.addSeparator()
        file_menu.addAction(self.name_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("É&dition")
        for action in (self.undo_action, self.redo_action, self.new_edition_action):
            edit_menu.addAction(action)
        view_menu = self.menuBar().addMenu("&Affichage")
        view_menu.addAction(self.preview_action)
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.check_action)
        toggle_checks = self.checks_dock.toggleViewAction()
        toggle_checks.setToolTip("Afficher ou masquer le panneau des vérifications")
        toggle_checks.setStatusTip("Afficher ou masquer le panneau des vérifications")
        toggle_checks.triggered.connect(lambda shown: setattr(self, "_checks_hidden_by_hand", not shown))
        view_menu.addAction(toggle_checks)
        toggle_history = self.history_dock.toggleViewAction()
        toggle_history.setToolTip("Afficher ou masquer l'historique des modifications")
        toggle_history.setStatusTip("Afficher ou masquer l'historique des modifications")
        view_menu.addAction(toggle_history)
        self._add_area_actions(view_menu.addMenu("Aller à"))
        help_menu = self.menuBar().addMenu("Ai&de")
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)
        self.toolbar = self._build_toolbar()
        self.addToolBar(self.toolbar)

    def _set_icons(self) -> None:
        for action, name in (
            (self.undo_action, "undo"),
            (self.redo_action, "redo"),
            (self.new_edition_action, "new_edition"),
            (self.check_action, "check"),
            (self.export_action, "export"),
            (self.refresh_action, "refresh"),
            (self.help_action, "help"),
            (self.preview_action, "preview"),
        ):
            action.setIcon(icon(name))

    def _follow_undo_text(self) -> None:
        """The tool bar shows undo and redo as icons (their text grows with
        the change's name and would shift the bar); the tooltip names the change."""

        def undo_tip(text: str) -> None:
            self.undo_action.setToolTip(f"Annuler : {text} (Ctrl+Z)" if text else "Rien à annuler (Ctrl+Z)")

        def redo_tip(text: str) -> None:
            self.redo_action.setToolTip(
                f"Rétablir : {text} (Ctrl+Maj+Z ou Ctrl+Y)"
                if text
                else "Rien à rétablir (Ctrl+Maj+Z ou Ctrl+Y)"
            )

        self.undo_group.undoTextChanged.connect(undo_tip)
        self.undo_group.redoTextChanged.connect(redo_tip)
        undo_tip("")
        redo_tip("")

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Barre principale")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        year_label = QLabel(" &Année : ")
        year_label.setBuddy(self.year_box)
        toolbar.addWidget(year_label)
        toolbar.addWidget(self.year_box)
        for action in (
            self.new_edition_action,
            None,
            self.check_action,
            self.export_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.preview_action,
        ):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        for action in (self.undo_action, self.redo_action, self.preview_action):
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        toolbar.toggleViewAction().setToolTip("Afficher ou masquer la barre d'outils")
        toolbar.toggleViewAction().setStatusTip("Afficher ou masquer la barre d'outils")
        return toolbar

    def _areas(self) -> list[Area]:
        return [
            Area("le plan", lambda: self.outline_host, lambda: None),
            Area("l'éditeur", lambda: self.editor_stack, lambda: None),
            Area("l'aperçu", lambda: self.preview_host, lambda: self.set_preview_shown(True)),
            Area("les vérifications", lambda: self.checks_dock, self._reveal_checks),
            Area("l'historique", lambda: self.history_dock, self.history_dock.show),
        ]

    def _add_area_actions(self, menu) -> None:
        """F6 / Maj+F6 and Ctrl+1…4: see avereport/ui/navigation.py."""
        menu.addAction(
            make_action(
                self, "Zone suivante", "Aller à la zone suivante", lambda: self.navigator.cycle(1), ["F6"]
            )
        )
        menu.addAction(
            make_action(
                self,
                "Zone précédente",
                "Aller à la zone précédente",
                lambda: self.navigator.cycle(-1),
                ["Shift+F6"],
            )
        )
        menu.addSeparator()
        for index, (text, name) in enumerate(
            (
                ("Plan du rapport", "le plan"),
                ("Éditeur", "l'éditeur"),
                ("Aperçu", "l'aperçu"),
                ("Vérifications", "les vérifications"),
            )
        ):
            menu.addAction(
                make_action(
                    self,
                    text,
                    f"Aller dans {name}",
                    functools.partial(self._jump_to_area, index),
                    [f"Ctrl+{index + 1}"],
                )
            )

    def _jump_to_area(self, index: int) -> None:
        self.navigator.jump(index)  # made after the menus

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Maj+Tab go area after area (plan, editor, preview, checks)."""
        target = self.navigator.next_stop(next)
        if target is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def _build_status_bar(self) -> None:
        self.file_label = QLabel()
        self.user_label = QLabel()
        self.save_label = QLabel()
        for label in (self.file_label, self.user_label, self.save_label):
            self.statusBar().addPermanentWidget(label)
        self.user_label.setText(f"Utilisateur : {self.user_name()}")

    @staticmethod
    def user_name() -> str:
        return text_setting(USER_NAME_KEY) or getpass.getuser()

    def ask_user_name(self) -> None:
        name, ok = QInputDialog.getText(self, "Mon nom", NAME_QUESTION, text=self.user_name())
        if ok:
            self.set_user_name(name)

    def set_user_name(self, name: str) -> None:
        """Use ``name`` from now on, also for the document already open: its
        lock is rewritten and the history signs the next changes with it."""
        name = " ".join(name.split())
        if not name:
            return
        QSettings().setValue(USER_NAME_KEY, name)
        self.user_label.setText(f"Utilisateur : {name}")
        if self.session is not None:
            self.session.author = name
        lock = self.opened.lock if self.opened is not None else None
        if lock is None:
            return
        try:
            lock.rename(name)
        except LockLostError as error:
            self._lock_lost(error)
        except LockUnavailableError as error:
            self.statusBar().showMessage(str(error), STATUS_MS)

    # --- layout -----------------------------------------------------------

    def _split_width(self) -> None:
        """The panes' widths as the user left them; on a narrow window the
        preview starts hidden (F8 shows it) unless the user chose."""
        width = self.width()
        self.splitter.start(width)
        shown = flag_setting(PREVIEW_KEY, width >= PREVIEW_MIN_WINDOW_WIDTH)
        self.preview_action.setChecked(shown)
        self.preview_host.setVisible(shown)
        self.splitter.fit()

    def _preview_toggled(self) -> None:
        self.set_preview_shown(self.preview_action.isChecked())

    def set_preview_shown(self, shown: bool) -> None:
        """Show or hide the preview (F8); remembered for the next start."""
        self.preview_action.setChecked(shown)
        self.preview_host.setVisible(shown)
        QSettings().setValue(PREVIEW_KEY, shown)
        self.splitter.fit()

    def _preview_folded(self) -> bool:
        """Whether the preview has nothing to show: it then keeps only its tabs (see pane_split)."""
        return self.preview is not None and not self.preview.has_content

    def _narrow_preview(self) -> int:
        """The preview's width with nothing to show: room for its two tabs."""
        tabs = self.preview.tabs.tabBar().sizeHint().width() + 8 if self.preview is not None else 0
        return max(self.preview_host.minimumSizeHint().width(), tabs)

    def _reveal_checks(self) -> None:
        self._checks_hidden_by_hand = False
        self.checks_dock.show()
        self.checks_dock.raise_()

    def _checks_done(self, findings: list[Finding]) -> None:
        """The checks panel takes no room when it has nothing to show, and
        comes back with the first finding, unless closed by hand."""
        if not self._checks_hidden_by_hand:
            self.checks_dock.setVisible(bool(findings))
        # A result still said in the status bar follows the checks run again
        # (after an edit, another edition): it never contradicts the panel.
        if self.statusBar().currentMessage().startswith(CHECKS_DONE):
            self._say_checks_result()

    def _say_checks_result(self) -> None:
        if self.checks is not None:
            self.show_status(f"{CHECKS_DONE} : {self.checks.summary.text()}")

    def show_status(self, message: str) -> None:
        """A short message in the status bar (a row deleted, checks run…)."""
        self.statusBar().showMessage(message, STATUS_MS)

    # --- documents ------------------------------------------------------

    def open_path(self, path: Path, replacing: LockInfo | None = None) -> bool:
        """Show ``path``; a bad file gets one French message and changes nothing.

        The document is writable when this window holds its lock; otherwise it
        is shown read-only with a banner saying why (``replacing``: the holder
        the user agreed to take the document from)."""
        try:
            opened = open_for_editing(path, self.user_name(), replacing=replacing)
            session = DocumentSession(opened.document, self, author=self.user_name())
        except UserError as error:
            return self._offer_backup(path, str(error))
        except OSError as error:
            QMessageBox.critical(self, "Ouverture impossible", describe_os_error(error))
            return False
        self._close_session()
        self.opened = opened
        self.refused = {}
        self._show_session(session)
        self._show_banners(opened)
        if opened.lock is not None:
            self.lock_watch = LockWatch(opened.lock, self)
            self.lock_watch.lost.connect(self._lock_lost)
        self.files.remember(path)
        self.document_opened.emit(path)
        return True

    def _offer_backup(self, path: Path, problem: str) -> bool:
        """A document that cannot be opened: say why and, when a backup of it
        exists, offer to restore the newest one (the damaged file is kept)."""
        from avereport.store.backups import newest_backup, restore
        from avereport.ui.backups_dialog import backup_date, editions_text

        backup = newest_backup(path) if path.exists() else None
        if backup is None:
            QMessageBox.critical(self, "Ouverture impossible", problem)
            return False
        answer = QMessageBox.question(
            self,
            "Ouverture impossible",
            f"{problem}\n\nUne sauvegarde de ce document existe ({backup_date(backup)}, {editions_text(backup)}). "
            "La restaurer ? Le fichier actuel est conservé dans le dossier des sauvegardes.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            restore(backup, path)
        except UserError as error:
            QMessageBox.critical(self, "Restauration impossible", str(error))
            return False
        return self.open_path(path)

    def close_document(self) -> None:
        """Close the open document (and release its lock); the window stays, empty."""
        self._close_session()
        self.editor_stack.setCurrentWidget(self.placeholder)
        self.setWindowTitle("avereport")
        self.file_label.clear()
        self.save_label.clear()
        self.year_box.clear()
        self._update_actions()

    def _close_session(self) -> None:
        if self.lock_watch is not None:
            self.lock_watch.stop()  # before the lock is released
            self.lock_watch.deleteLater()
            self.lock_watch = None
        self._taken = None
        if self.session is None:
            return
        self.undo_group.removeStack(self.session.undo_stack)
        # Made with the session, in _show_session.
        assert self.checks is not None and self.preview is not None and self.opened is not None
        self.checks.shutdown()
        self.preview.shutdown()
        self.checks_dock.setWidget(QWidget())
        self.checks.deleteLater()
        if self.history is not None:
            self.history_dock.setWidget(QWidget())
            self.history.deleteLater()
            self.history = None
        for host in (self.outline_host, self.preview_host):
            while (widget := host.widget(0)) is not None:  # None once the host is empty
                host.removeWidget(widget)
                widget.deleteLater()
        for editor in self.editors.values():
            self.editor_stack.removeWidget(editor)
            editor.deleteLater()
        self.editors.clear()
        for banner in self.banners:
            banner.deleteLater()
        self.banners.clear()
        self.opened.close()
        self.opened = None
        self.session.deleteLater()
        self.session = None

    def _show_session(self, session: DocumentSession) -> None:
        from avereport.ui.preview import PreviewPane

        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        # The checks first: the plan is then built once, with their findings.
        self.checks = ChecksPanel(session)
        self.checks_dock.setWidget(self.checks)
        self.outline_panel = OutlinePanel(session, findings=self.checks.findings)
        self.outline_host.addWidget(self.outline_panel)
        self.preview = PreviewPane(session)
        self.preview_host.addWidget(self.preview)
        self._show_history_if_seen()
        self.checks.checked.connect(self.outline_panel.set_findings)
        self.checks.checked.connect(self._checks_done)
        self._checks_done(self.checks.findings)
        self.preview.has_content_changed.connect(lambda _has: self.splitter.fit())
        self.checks.finding_activated.connect(self.go_to_finding)
        self.outline_panel.set_findings(self.checks.findings)
        self.outline_panel.section_selected.connect(self.show_section)
        session.edition_updated.connect(self._edition_updated)
        session.years_changed.connect(lambda _years: self._fill_years())
        session.write_failed.connect(self._write_failed)
        session.lock_lost.connect(self._lock_lost)
        session.undo_stack.indexChanged.connect(lambda _i: self._saved())

        path = session.document.path
        self.setWindowTitle(f"{path.name} — avereport")
        self.file_label.setText(str(path))
        self.save_label.setText("Lecture seule" if session.read_only else "Enregistré")
        self._fill_years()
        self.outline_panel.select(ORGANISATION_KEY)
        self.show_section(ORGANISATION_KEY)
        self._update_actions()

    def _history_visibility_changed(self, visible: bool) -> None:
        self._history_in_view = visible
        self._show_history_if_seen()

    def _show_history_if_seen(self) -> None:
        """The history panel is built the first time its tab is shown: it is
        behind the checks at start, and reading the history takes time."""
        if self.session is None or self.history is not None or not self._history_in_view:
            return
        from avereport.ui.history_panel import HistoryPanel

        self.history = HistoryPanel(self.session)
        self.history_dock.setWidget(self.history)

    def _fill_years(self) -> None:
        years = self.session.years() if self.session else []
        self.year_box.clear()
        for year in years:
            self.year_box.addItem(str(year), year)
        if self.session and self.session.year is not None:
            self.year_box.setCurrentIndex(self.year_box.findData(self.session.year))
        self._update_actions()

    def _year_chosen(self, index: int) -> None:
        year = self.year_box.itemData(index)
        if self.session is None or year is None or year == self.session.year:
            return
        try:
            self.session.show_year(year)
        except UserError as error:
            QMessageBox.critical(self, "Lecture impossible", str(error))

    def _edition_updated(self, update: EditionUpdate) -> None:
        if update.everything:  # the shown year changes only so
            year = update.edition.year
            index = self.year_box.findData(year)
            if index >= 0 and index != self.year_box.currentIndex():
                self.year_box.setCurrentIndex(index)
            self.edition_shown.emit(year)
        if not update.touches_path(EDITION.outline):
            return  # the editors are those of the outline's sections
        # A section editor whose section left the outline is closed.
        keys = {section.key for section in update.edition.outline}
        stale = [key for key in self.editors if key != ORGANISATION_KEY and key not in keys]
        for key in stale:
            editor = self.editors.pop(key)
            self.editor_stack.removeWidget(editor)
            editor.deleteLater()
        current = self.outline_panel.current_key() if self.outline_panel else None
        if current and current not in self.editors:
            self.show_section(current)

    def _show_banners(self, opened: OpenedDocument, lost: LockLostError | None = None) -> None:
        if lost is not None:
            self._add_banner(self._lost_banner(lost))
        elif opened.read_only:
            banner = Banner(opened.reason or "Document ouvert en lecture seule.", "info")
            if opened.holder is not None:
                banner.add_button(
                    "Prendre la main…",
                    "Ouvrir le document en écriture à la place de la personne qui l'a ouvert",
                    self.take_over,
                )
            self._add_banner(banner)
        location = describe_location(opened.document.path)
        if location.kind != "local":
            self._add_banner(Banner(f"Dossier {location.label} — {location.advice}", "warning"))

    def _lost_banner(self, lost: LockLostError) -> Banner:
        text = f"{lost.taken_by}. Le document est désormais en lecture seule : il montre ce que le fichier contient."
        if self.refused:
            text += " Votre dernière modification n'a pas pu y être enregistrée."
        banner = Banner(text, "warning")
        if self.refused:
            banner.add_button(
                "Enregistrer mes modifications dans une copie…",
                "Écrire un nouveau document : celui-ci tel qu'il est, avec vos modifications refusées",
                self.save_refused_copy,
            )
        if lost.info is None:
            path = lost.path
            assert path is not None  # a lock is lost on a document's file
            banner.add_button(
                "Rouvrir en écriture",
                "Plus personne n'a le document ouvert : le rouvrir pour le modifier",
                lambda: self.open_path(path),
            )
        else:
            banner.add_button(
                "Prendre la main…",
                "Ouvrir le document en écriture à la place de la personne qui l'a pris",
                self.take_over,
            )
        return banner

    def _lock_lost(self, error: LockLostError) -> None:
        """Someone took the document over: switch to read-only at once (once
        the change being made, if any, has returned)."""
        if self._taken is not None or self.opened is None or self.opened.lock is None:
            return
        self._taken = error
        if self.lock_watch is not None:
            self.lock_watch.stop()
        QTimer.singleShot(0, self._show_taken_document)

    def _show_taken_document(self) -> None:
        """Read-only, reloaded from the file as its new holder has it; the
        refused changes are kept for « Enregistrer mes modifications dans une copie… »."""
        error, session = self._taken, self.session
        if error is None or session is None:
            return
        path = session.document.path
        year = session.year
        section = self.outline_panel.current_key() if self.outline_panel else None
        self.refused.update(session.refused)
        try:
            document = open_document(path, read_only=True)
            reloaded = DocumentSession(document, self, author=self.user_name())
        except (UserError, OSError) as problem:
            self.close_document()
            why = str(problem) if isinstance(problem, UserError) else describe_os_error(problem)
            QMessageBox.critical(self, "Lecture impossible", f"{error}\n\n{why}")
            return
        self._close_session()
        self.opened = OpenedDocument(document, None, error.info, str(error))
        self._show_session(reloaded)
        if year in reloaded.years():
            reloaded.show_year(year)
        if section is not None and self.outline_panel is not None:
            self.outline_panel.select(section)
            self.show_section(section)
        self._show_banners(self.opened, lost=error)
        self.statusBar().showMessage(str(error), STATUS_MS)

    def save_refused_copy(self) -> None:
        if self.sharing.save_refused(self.refused):
            self.refused = {}
            for banner in self.banners:
                banner.remove_button("Enregistrer mes modifications dans une copie…")

    def _add_banner(self, banner: Banner) -> None:
        self.banners.append(banner)
        self.central_layout.insertWidget(len(self.banners) - 1, banner)

    def take_over(self) -> None:
        """After confirmation, open the document in place of the colleague who holds it."""
        if self.opened is None or self.opened.holder is None:
            return
        holder = self.opened.holder
        answer = QMessageBox.warning(
            self,
            "Prendre la main",
            f"Le document est ouvert par {holder.holder} depuis {holder.since_text}. Si cette personne "
            "travaille encore dessus, ses modifications suivantes échoueront. Prendre la main ?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_path(self.opened.document.path, replacing=holder)

    # --- sections ---------------------------------------------------------

    def show_section(self, key: str) -> None:
        if self.session is None or self.session.edition is None:
            return
        editor = self.editors.get(key)
        if editor is None:
            editor = self._make_editor(key)
            if editor is None:
                return
            self.editors[key] = editor
            self.editor_stack.addWidget(editor)
        self.editor_stack.setCurrentWidget(editor)
        if self.preview is not None:
            self.preview.show_section(None if key == ORGANISATION_KEY else key)

    def _make_editor(self, key: str) -> OrganisationEditor | SectionEditor | None:
        session = self.session
        assert session is not None  # asked for by show_section, once a session is shown
        if key == ORGANISATION_KEY:
            from avereport.ui.editors.organisation import OrganisationEditor

            return OrganisationEditor(session)
        from avereport.ui.editors.registry import editor_for

        section = next((s for s in session.shown.outline if s.key == key), None)
        return None if section is None else editor_for(section.kind)(session, key)

    def current_editor(self) -> OrganisationEditor | SectionEditor | None:
        widget = self.editor_stack.currentWidget()
        # The stack holds the placeholder and editors made by _make_editor only.
        return None if widget is self.placeholder else cast("OrganisationEditor | SectionEditor", widget)

    def go_to_finding(self, finding: Finding) -> None:
        """Select the section a finding belongs to and put the cursor on its field."""
        edition = self.session.edition if self.session else None
        if edition is None:
            return
        if finding.field.startswith("organisation"):
            key = ORGANISATION_KEY
        else:
            index = outline_position(edition, finding)
            if index >= len(edition.outline):
                self.statusBar().showMessage(
                    "Cette partie n'est pas dans le plan du rapport de cette édition.", 5000
                )
                return
            key = edition.outline[index].key
        if self.outline_panel is not None:
            self.outline_panel.select(key)
        self.show_section(key)
        editor = self.current_editor()
        if editor is not None:
            editor.focus_field(finding.field)

    # --- actions ----------------------------------------------------------

    def _update_actions(self) -> None:
        session = self.session
        has_edition = session is not None and session.edition is not None
        writable = session is not None and session.edition is not None and not session.read_only
        self.new_edition_action.setEnabled(writable)
        exporting = self._exporter is not None and self._exporter.running
        self.export_action.setEnabled(has_edition and not exporting)
        self.export_as_action.setEnabled(has_edition and not exporting)
        self.check_action.setEnabled(has_edition)
        self.refresh_action.setEnabled(has_edition)
        self.year_box.setEnabled(self.session is not None and bool(self.session.years()))
        self.sharing.update_actions()

    def new_edition(self) -> None:
        if self.session is None or self.session.edition is None:
            return
        from avereport.ui.new_edition_dialog import NewEditionDialog

        # The dialog asks for the year and refuses one the document has.
        dialog = NewEditionDialog(self.session.edition, self.session.years(), self)
        if dialog.exec() == NewEditionDialog.DialogCode.Accepted:
            self.session.add_edition(f"Créer l'édition {dialog.year()}", dialog.next_edition())

    def run_checks(self) -> None:
        """« Vérifier » : check now, show the panel and say the result."""
        if self.checks is not None:
            self.checks.run()
            self._reveal_checks()
            self._say_checks_result()

    @property
    def exporter(self) -> ExportController:
        """Made, and its module imported, at the first export."""
        if self._exporter is None:
            from avereport.ui.export_controller import ExportController

            self._exporter = ExportController(self)
            self._exporter.running_changed.connect(lambda _running: self._update_actions())
        return self._exporter

    def export_pdf(self) -> None:
        """One click: « Rapport d'activité ANNÉE.pdf » beside the document or in the last export folder."""
        session = self.session
        if session is not None and session.edition is not None:
            target = self.exporter.default_path(session.document.path, session.edition.year)
            self._export_to(session, target)

    def export_pdf_as(self) -> None:
        session = self.session
        if session is not None and session.edition is not None:
            year = session.edition.year
            changed = session.document.last_change(year)
            self.exporter.start_as(session.editions(), year, session.document.path, changed)

    def _export_to(self, session: DocumentSession, target: Path) -> None:
        """The PDF dated by the document's last change to the edition (or an earlier one)."""
        year = session.shown.year
        changed = session.document.last_change(year)
        self.exporter.start(session.editions(), year, target, changed)

    def refresh_preview(self) -> None:
        if self.preview is not None:
            self.preview.refresh()

    def show_help(self) -> None:
        from avereport.ui.help_dialog import HelpDialog

        HelpDialog(self).exec()

    def show_about(self) -> None:
        from importlib.metadata import version

        QMessageBox.about(
            self,
            "À propos d'avereport",
            f"avereport {version('avereport')}\n\nLe rapport d'activité annuel d'Alliance Villes Emploi : "
            "saisie, contrôles et export PDF, hors ligne.",
        )

    def _saved(self) -> None:
        if self.session is not None and not self.session.read_only:
            self.save_label.setText(f"Enregistré à {QTime.currentTime().toString('HH:mm:ss')}")

    def _write_failed(self, message: str) -> None:
        self.save_label.setText("Échec de l'enregistrement")
        QMessageBox.critical(self, "Enregistrement impossible", message)

    def closeEvent(self, event: QCloseEvent) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.setFocus()  # commits a field being typed in before the document closes
        remember(self)
        self.splitter.remember()
        self._close_session()
        super().closeEvent(event)
