"""A rich-text editor that reads and writes Markdown.

Users see bold, italic, lists and links; the document stores Markdown
(QTextDocument's own Markdown reader and writer). Changes are announced once
typing pauses, so one burst of typing is one undo step.

The formatting buttons never take the keyboard focus, and every action gives
it back to the text with its selection: what is typed next goes where the
user was typing. The shortcuts work only while the text has the focus, so
two editors on one page do not fight over them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import QInputDialog, QTextEdit, QToolBar, QVBoxLayout, QWidget

from avereport.ui.icons import icon
from avereport.ui.widgets.read_only import READ_ONLY_REASON, grey, show_status

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
        self.read_only_reason: str | None = None
        self.text.textChanged.connect(self._pause.start)
        self.text.installEventFilter(self)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.toolbar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.bold_action = self._action(
            "bold",
            "Gras",
            "Mettre la sélection en gras (Ctrl+B)",
            QKeySequence.StandardKey.Bold,
            self.toggle_bold,
        )
        self.italic_action = self._action(
            "italic",
            "Italique",
            "Mettre la sélection en italique (Ctrl+I)",
            QKeySequence.StandardKey.Italic,
            self.toggle_italic,
        )
        for action in (self.bold_action, self.italic_action):
            action.setCheckable(True)
        self.bullets_action = self._action(
            "bullets",
            "Liste à puces",
            "Faire une liste à puces (Ctrl+Maj+8)",
            "Ctrl+Shift+8",
            lambda: self.make_list(QTextListFormat.Style.ListDisc),
        )
        self.numbers_action = self._action(
            "numbers",
            "Liste numérotée",
            "Faire une liste numérotée (Ctrl+Maj+7)",
            "Ctrl+Shift+7",
            lambda: self.make_list(QTextListFormat.Style.ListDecimal),
        )
        self.link_action = self._action(
            "link",
            "Lien…",
            "Faire de la sélection un lien vers une adresse web (Ctrl+K)",
            "Ctrl+K",
            self.ask_link,
        )
        self.text.currentCharFormatChanged.connect(self._show_format)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.text)

    def _action(self, icon_name: str, text: str, tip: str, shortcut, slot) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        action.triggered.connect(self._back_to_text)
        self.toolbar.addAction(action)
        self.addAction(action)  # its shortcut works wherever the focus is in this editor
        self.toolbar.widgetForAction(action).setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return action

    def _back_to_text(self) -> None:
        # The cursor and its selection are the text's own: giving it the focus
        # back keeps both.
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_format(self, fmt: QTextCharFormat) -> None:
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.Bold)
        self.italic_action.setChecked(fmt.fontItalic())

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
        elif (
            watched is self.text
            and event.type() == QEvent.Type.KeyPress
            and self.text.isReadOnly()
            and isinstance(event, QKeyEvent)
            and event.text().strip()
        ):
            show_status(self, self.read_only_reason or READ_ONLY_REASON)
        return super().eventFilter(watched, event)

    def setReadOnly(self, read_only: bool) -> None:
        self.set_read_only(READ_ONLY_REASON if read_only else None)

    def set_read_only(self, reason: str | None) -> None:
        """Grey the text and say ``reason`` in its tooltip (None: writable again)."""
        self.read_only_reason = reason
        self.text.setReadOnly(reason is not None)
        self.toolbar.setEnabled(reason is None)
        for action in self.actions():
            action.setEnabled(reason is None)
        grey(self.text, reason is not None)
        self.text.setToolTip(reason or "")

    # --- formatting -------------------------------------------------------

    def _selection_to_the_words(self) -> None:
        """Narrow the selection to its words: a word selected with the space
        after it (Ctrl+Maj+→, a drag) would be written « **mot **suite »,
        which Markdown reads as asterisks, not bold."""
        cursor = self.text.textCursor()
        selected = cursor.selectedText()  # paragraph breaks as U+2029, a space for str.strip
        if not selected.strip():
            return
        start = cursor.selectionStart() + len(selected) - len(selected.lstrip())
        end = cursor.selectionEnd() - (len(selected) - len(selected.rstrip()))
        forward = cursor.position() == cursor.selectionEnd()
        cursor.setPosition(start if forward else end)
        cursor.setPosition(end if forward else start, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    def toggle_bold(self) -> None:
        self._selection_to_the_words()
        bold = self.text.fontWeight() < QFont.Weight.Bold
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.text.mergeCurrentCharFormat(fmt)

    def toggle_italic(self) -> None:
        self._selection_to_the_words()
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
        """Make the selection a link to ``url``; without a selection, write the
        address itself as the link (rather than turn what is typed next into one)."""
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setFontUnderline(True)
        cursor = self.text.textCursor()
        if cursor.hasSelection():
            self.text.mergeCurrentCharFormat(fmt)
            return
        cursor.insertText(url, fmt)
        cursor.setCharFormat(QTextCharFormat())
        self.text.setTextCursor(cursor)
        self.text.setCurrentCharFormat(QTextCharFormat())
