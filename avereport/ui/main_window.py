"""The main window: a frame showing a document's editions and outline."""

from __future__ import annotations

from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
)

from avereport.errors import UserError, describe_os_error
from avereport.model.edition import Edition, Section
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.model.summary import section_summary
from avereport.store import Document, open_document

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
LAST_FILE_KEY = "files/last"
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


class MainWindow(QMainWindow):
    document_opened = Signal(Path)
    """Emitted after a document was opened successfully, with its path."""

    edition_shown = Signal(int)
    """Emitted when the window shows another edition, with its year."""

    def __init__(self) -> None:
        super().__init__()
        self.document: Document | None = None
        self.edition: Edition | None = None
        self.setWindowTitle("avereport")
        self.resize(1100, 720)

        self.year_box = QComboBox()
        self.year_box.setToolTip("Édition (année du rapport) affichée")
        self.year_box.setMinimumContentsLength(6)
        self.year_box.currentIndexChanged.connect(self._year_chosen)

        self.outline = QTreeWidget()
        self.outline.setHeaderLabels(["Plan du rapport", "Contenu"])
        header = self.outline.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.outline.setToolTip("Les parties du rapport, dans l'ordre du document")
        self.outline.currentItemChanged.connect(self._section_chosen)

        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(True)
        self.view.document().setDocumentMargin(16)

        splitter = QSplitter()
        splitter.addWidget(self.outline)
        splitter.addWidget(self.view)
        splitter.setSizes([480, 620])
        self.setCentralWidget(splitter)

        self._build_actions()
        self.file_label = QLabel()
        self.statusBar().addPermanentWidget(self.file_label)

    # --- building -------------------------------------------------------

    def _build_actions(self) -> None:
        self.open_action = QAction("&Ouvrir…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setToolTip("Ouvrir un document avereport (.db)")
        self.open_action.setStatusTip("Ouvrir un document avereport (.db)")
        self.open_action.triggered.connect(self._ask_open)

        self.quit_action = QAction("&Quitter", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setToolTip("Fermer l'application")
        self.quit_action.setStatusTip("Fermer l'application")
        self.quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu("&Fichier")
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        toolbar = QToolBar("Barre principale")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.open_action)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(" Édition : "))
        toolbar.addWidget(self.year_box)
        self.addToolBar(toolbar)

    # --- documents ------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Show ``path``; a bad file gets one French message and changes nothing."""
        try:
            document = open_document(path, read_only=True)
            years = document.years()
        except UserError as error:
            QMessageBox.critical(self, "Ouverture impossible", str(error))
            return False
        except OSError as error:
            QMessageBox.critical(self, "Ouverture impossible", describe_os_error(error))
            return False
        if self.document is not None:
            self.document.close()
        self.document = document
        self.setWindowTitle(f"{path.name} — avereport")
        self.file_label.setText(f"{path}  ·  lecture seule")
        QSettings().setValue(LAST_FILE_KEY, str(path))
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in years:
            self.year_box.addItem(str(year), year)
        self.year_box.blockSignals(False)
        if years:
            self.year_box.setCurrentIndex(len(years) - 1)
            self._year_chosen(len(years) - 1)
        else:
            self._show_edition(None)
        self.document_opened.emit(path)
        return True

    def _ask_open(self) -> None:
        start = QSettings().value(LAST_FILE_KEY, "", str)
        name, _ = QFileDialog.getOpenFileName(
            self, "Ouvrir un document", str(Path(start).parent) if start else "", "Documents avereport (*.db);;Tous les fichiers (*)"
        )
        if name:
            self.open_path(Path(name))

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self.document is not None:
            self.document.close()
            self.document = None
        super().closeEvent(event)

    # --- showing --------------------------------------------------------

    def _year_chosen(self, index: int) -> None:
        year = self.year_box.itemData(index)
        if year is None or self.document is None:
            return
        try:
            edition = self.document.read_edition(year)
        except UserError as error:
            QMessageBox.critical(self, "Lecture impossible", str(error))
            return
        self._show_edition(edition)
        self.edition_shown.emit(year)

    def _show_edition(self, edition: Edition | None) -> None:
        self.edition = edition
        self.outline.clear()
        self.view.clear()
        if edition is None:
            self.view.setPlainText("Ce document ne contient encore aucune édition.")
            return
        parents: list[QTreeWidgetItem] = []
        for section in edition.outline:
            item = QTreeWidgetItem([section.heading or "(sans titre)", SECTION_KIND_LABELS[section.kind]])
            item.setData(0, SECTION_ROLE, section.key)
            level = max(1, section.level)
            del parents[level - 1 :]
            if parents:
                parents[-1].addChild(item)
            else:
                self.outline.addTopLevelItem(item)
            parents.append(item)
        self.outline.expandAll()
        if self.outline.topLevelItemCount():
            self.outline.setCurrentItem(self.outline.topLevelItem(0))

    def _section_chosen(self, item: QTreeWidgetItem | None) -> None:
        if item is None or self.edition is None:
            return
        key = item.data(0, SECTION_ROLE)
        section = next(s for s in self.edition.outline if s.key == key)
        self.view.setHtml(_section_html(self.edition, section))


def _section_html(edition: Edition, section: Section) -> str:
    """The section as HTML: user text escaped, the body through a Markdown parser."""
    parts = [
        f"<h1>{escape(section.heading or '(sans titre)')}</h1>",
        f"<p><i>{escape(SECTION_KIND_LABELS[section.kind])}</i> — {escape(edition.title)}</p>",
    ]
    lines = section_summary(edition, section)
    if lines:
        parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
    parts.append(_MARKDOWN.render(section.body))
    return "".join(parts)
