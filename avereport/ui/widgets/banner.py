"""A coloured strip above the editors: read-only mode, a document taken
over by someone else, network folders."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

STYLES = {
    "info": "background: #fff4ce; border: 1px solid #e0c36a;",
    "warning": "background: #fde7e9; border: 1px solid #d99;",
}


class Banner(QFrame):
    def __init__(self, text: str, level: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(f"QFrame#banner {{ {STYLES[level]} border-radius: 4px; }}")
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(10, 6, 10, 6)
        self.layout_.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}

    def add_button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setStatusTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        self.layout_.addWidget(button)
        self.buttons[text] = button
        return button

    def remove_button(self, text: str) -> None:
        button = self.buttons.pop(text, None)
        if button is not None:
            self.layout_.removeWidget(button)
            button.deleteLater()
