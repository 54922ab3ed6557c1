"""How an editing widget looks and answers when the document is read-only.

The generic editing widgets (record tables, field forms, the Markdown
editor) each have ``set_read_only(reason)``: ``None`` makes them writable
again, a French sentence greys them and becomes their tooltip, so typing
into them is never refused without a word. ``apply_read_only`` does it for
every such widget under a window or an editor page.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

READ_ONLY_REASON = "Document ouvert en lecture seule : aucune modification n'est possible ici."
STATUS_MS = 6000


def reason_for(session) -> str | None:
    """The default reason of a widget over ``session``: None when it is writable."""
    return READ_ONLY_REASON if session.read_only else None


def grey(widget: QWidget, read_only: bool) -> None:
    """Paint an input's background like the window's, the usual look of a
    read-only field, or give it its own palette back."""
    if not read_only:
        widget.setPalette(QPalette())
        return
    palette = QPalette(widget.palette())
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    palette.setColor(QPalette.ColorRole.Base, window)
    palette.setColor(QPalette.ColorRole.AlternateBase, window.darker(104))
    widget.setPalette(palette)


def apply_read_only(root: QWidget, reason: str | None) -> None:
    """Make every generic editing widget under ``root`` read-only for
    ``reason`` (``None``: writable again, when the document allows it)."""
    from avereport.ui.forms import FieldForm
    from avereport.ui.tables.record_table import RecordTable
    from avereport.ui.widgets.markdown_editor import MarkdownEditor

    widgets: list[RecordTable | FieldForm | MarkdownEditor] = [
        *root.findChildren(RecordTable),
        *root.findChildren(FieldForm),
        *root.findChildren(MarkdownEditor),
    ]
    for widget in widgets:
        widget.set_read_only(reason)


def show_status(widget: QWidget, text: str) -> bool:
    """Show ``text`` in the status bar of the main window holding ``widget``;
    False when it is in none (a widget shown on its own)."""
    window = widget.window()
    if not isinstance(window, QMainWindow):
        return False
    window.statusBar().showMessage(text, STATUS_MS)
    return True
