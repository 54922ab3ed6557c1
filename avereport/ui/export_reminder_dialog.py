"""Before an export: the open errors and the sections not yet relu, the first
few as links to their place, with « Exporter quand même » and « Annuler »."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avereport.model.checks import Finding, Severity
from avereport.model.checks.reminder import ExportReminder
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.ui.icons import icon

SHOWN = 5
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
EXPORT_ANYWAY = "Exporter quand même"


class ExportReminderDialog(QDialog):
    """Accepted: export anyway. Rejected: not now, and ``chosen`` is the
    point the user clicked to go to, if any."""

    def __init__(self, reminder: ExportReminder, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Avant d'exporter")
        self.resize(640, 360)
        self.chosen: Finding | None = None
        self.heading = QLabel(f"<b>L'édition {year} a encore {reminder.summary()}.</b>")
        self.heading.setWordWrap(True)
        hint = QLabel(
            "Le PDF peut être exporté quand même (un brouillon, par exemple) ; "
            "cliquez sur un point pour aller le corriger."
        )
        hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setToolTip("Cliquez sur un point pour aller à l'endroit concerné")
        for finding in reminder.first(SHOWN):
            name = "error" if finding.severity is Severity.ERROR else "to_review"
            item = QListWidgetItem(icon(name), f"{SECTION_KIND_LABELS[finding.section]} — {finding.message}")
            item.setData(FINDING_ROLE, finding)
            item.setToolTip("Aller à cet endroit (l'export n'est pas fait)")
            self.list.addItem(item)
        self.list.viewport().setCursor(Qt.CursorShape.PointingHandCursor)  # each point is a link
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        left = len(reminder.errors) + len(reminder.pending) - SHOWN
        plural = "s" if left > 1 else ""
        self.more = QLabel(f"… et {left} autre{plural} point{plural} : voir le panneau « Vérifications ».")
        self.more.setVisible(left > 0)

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(EXPORT_ANYWAY, QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setToolTip("Écrire le PDF tel quel")
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setToolTip("Ne pas exporter maintenant")
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more)
        layout.addWidget(buttons)
        self.cancel_button.setFocus()  # Entrée cancels, rather than go to the first point

    def _chosen(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(FINDING_ROLE)
        self.reject()
