"""A visible mark on the widget that has the keyboard focus.

Styles mark a focused text field (frame in the accent colour, caret), but
not, or barely, a focused list, tree, table, scroll area, tab bar or button:
with the keyboard, one could not tell where the next key goes. A ring in the
palette's accent colour is drawn over the edge of those, in every style."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

WIDTH = 2
FOLLOWED = {QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide}


def marked_by_style(widget: QWidget) -> bool:
    """Text fields: the style's accent frame and the caret already say it."""
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return True
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


class Ring(QWidget):
    """Drawn over its parent, the focused widget; lets every click through."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, _event: QEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), WIDTH)
        painter.setPen(pen)
        inset = WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(inset, inset, -inset, -inset), 3, 3)


class FocusRing(QObject):
    """Follows the focus in ``window`` and rings the focused widget when the
    style does not mark it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.ring: Ring | None = None
        self.target: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):  # always, once there is a window
            app.focusChanged.connect(self._focus_changed)

    def ringed(self) -> QWidget | None:
        """The widget the ring is shown on, if any."""
        if self.ring is None or not shiboken6.isValid(self.ring) or not self.ring.isVisible():
            return None
        return self.target

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
        if self.ring is not None and shiboken6.isValid(self.ring):
            self.ring.hide()
        self.target = None
        if new is None or new.window() is not self.window or new is self.window or marked_by_style(new):
            return
        if self.ring is None or not shiboken6.isValid(self.ring):
            self.ring = Ring(new)  # its parent deleted it with itself
        else:
            self.ring.setParent(new)
        self.target = new
        new.installEventFilter(self)
        self._fit()

    def _fit(self) -> None:
        ring, target = self.ring, self.target
        if ring is None or target is None:
            return
        ring.setGeometry(target.rect())
        ring.setVisible(target.isVisible())
        ring.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in FOLLOWED:
            self._fit()
        return False
