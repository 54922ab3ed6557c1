"""The review state of a section at the top of its editor: « À relire » with
« Marquer comme relu », or who marked it relu and when with « Remettre à relire »."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from avereport.model.edition import ReviewState, Section
from avereport.ui import review_display
from avereport.ui.icons import icon

BACKGROUNDS = {ReviewState.TO_WRITE: "#fff4e5", ReviewState.TO_REVIEW: "#e8f0fe"}
ICON_SIZE = 18


class ReviewBar(QFrame):
    mark_reviewed = Signal()
    """« Marquer comme relu » was clicked."""

    mark_to_review = Signal()
    """« Remettre à relire » was clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_bar")
        self.icon = QLabel()
        self.icon.setFixedWidth(ICON_SIZE + 4)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.reviewed_button = QPushButton(icon("reviewed"), "Marquer comme relu")
        self.reviewed_button.setToolTip(
            "Dire que la section a été relue pour cette année (votre nom et l'heure sont notés ; annulable)"
        )
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.back_button = QPushButton(icon("to_review"), "Remettre à relire")
        self.back_button.setToolTip("Remettre la section à relire (annulable)")
        self.back_button.clicked.connect(self.mark_to_review)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.reviewed_button)
        layout.addWidget(self.back_button)

    def show_section(self, section: Section, writable: bool) -> None:
        self.icon.setPixmap(icon(review_display.ICONS[section.review]).pixmap(ICON_SIZE, ICON_SIZE))
        self.text.setText(review_display.describe(section))
        pending = section.review is not ReviewState.REVIEWED
        self.reviewed_button.setVisible(pending)
        self.back_button.setVisible(not pending)
        self.reviewed_button.setEnabled(writable)
        self.back_button.setEnabled(writable)
        background = BACKGROUNDS.get(section.review)
        self.setStyleSheet(
            f"QFrame#review_bar {{ background: {background}; border-radius: 4px; }}" if background else ""
        )
