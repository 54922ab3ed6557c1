"""A rich-text editor that reads and writes Markdown.

Users see bold, italic, lists and links; the document stores Markdown
(QTextDocument's own Markdown reader and writer). Changes are announced once
typing pauses, so one burst of typing is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import QInputDialog, QTextEdit, QToolBar, QVBoxLayout, QWidget

PAUSE_MS = 700


class MarkdownEditor(QWidget):
    markdown_changed = Signal(str)
    """The text changed and typing paused (or the editor lost focus); carries the Markdown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextEdit()
        self.text.setAcceptRichText(False)
        self.text.setTabChangesFocus(True)
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self.flush)
        self._last: str | None = None
        self.text.textChanged.connect(self._pause.start)
        self.text.installEventFilter(self)

        self.toolbar = QToolBar()
        self.bold_action = self._action(
            "Gras", "Mettre la sélection en gras (Ctrl+B)", QKeySequence.StandardKey.Bold, self.toggle_bold
        )
        self.italic_action = self._action(
            "Italique",
            "Mettre la sélection en italique (Ctrl+I)",
            QKeySequence.StandardKey.Italic,
            self.toggle_italic,
        )
        self.bullets_action = self._action(
            "Liste à puces",
            "Faire une liste à puces",
            None,
            lambda: self.make_list(QTextListFormat.Style.ListDisc),
        )
        self.numbers_action = self._action(
            "Liste numérotée",
            "Faire une liste numérotée",
            None,
            lambda: self.make_list(QTextListFormat.Style.ListDecimal),
        )
        self.link_action = self._action(
            "Lien…", "Faire de la sélection un lien vers une adresse web", None, self.ask_link
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.text)

    def _action(self, text: str, tip: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    # --- content ----------------------------------------------------------

    def set_markdown(self, markdown: str) -> None:
        """Show ``markdown`` without announcing a change (unless it is already shown)."""
        if markdown == self._last:
            return
        self.text.blockSignals(True)
        self.text.document().setMarkdown(markdown)
        self.text.document().setModified(False)
        self.text.blockSignals(False)
        self._last = markdown

    def markdown(self) -> str:
        return self.text.document().toMarkdown().strip() + "\n" if self.text.toPlainText().strip() else ""

    def flush(self) -> None:
        """Announce the current Markdown now if it changed."""
        self._pause.stop()
        if not self.text.document().isModified():
            return
        self.text.document().setModified(False)
        self._last = self.markdown()
        self.markdown_changed.emit(self._last)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def setReadOnly(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)
        self.toolbar.setEnabled(not read_only)

    # --- formatting -------------------------------------------------------

    def toggle_bold(self) -> None:
        bold = self.text.fontWeight() != QFont.Weight.Bold
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.text.mergeCurrentCharFormat(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.text.fontItalic())
        self.text.mergeCurrentCharFormat(fmt)

    def make_list(self, style: QTextListFormat.Style) -> None:
        self.text.textCursor().createList(style)

    def ask_link(self) -> None:
        url, accepted = QInputDialog.getText(self, "Lien", "Adresse web (https://…) :")
        if accepted and url.strip():
            self.set_link(url.strip())

    def set_link(self, url: str) -> None:
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setFontUnderline(True)
        self.text.mergeCurrentCharFormat(fmt)
