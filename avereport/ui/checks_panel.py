"""The checks panel: what ``avereport check`` finds, each item a link to its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget

from avereport.model.checks import Finding, Severity, check_edition
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.ui.session import DocumentSession

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
DELAY_MS = 250


class ChecksPanel(QWidget):
    finding_activated = Signal(object)
    """The user chose a finding (click or Entrée); carries the Finding."""

    checked = Signal(list)
    """The edition was checked again; carries the findings."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setToolTip("Cliquez sur un point pour aller au champ concerné")
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.findings: list[Finding] = []
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.run)
        # The checks read across sections (continuity, the outline, stale
        # texts), so every update runs them all; the delay groups edits.
        session.edition_updated.connect(self._schedule)
        self.run()

    def run(self) -> None:
        """Check the shown edition now (against the previous year when the document has it)."""
        edition = self.session.edition
        self.findings = check_edition(edition, self.session.previous()) if edition else []
        self.list.clear()
        style = self.style()
        icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for finding in self.findings:
            item = QListWidgetItem(
                icons[finding.severity], f"{SECTION_KIND_LABELS[finding.section]} — {finding.message}"
            )
            item.setData(FINDING_ROLE, finding)
            item.setToolTip(finding.message)
            self.list.addItem(item)
        errors = sum(1 for f in self.findings if f.severity is Severity.ERROR)
        warnings = len(self.findings) - errors
        if not self.findings:
            self.summary.setText("Aucun problème trouvé dans cette édition.")
        else:
            self.summary.setText(
                f"{errors} erreur{'s' if errors > 1 else ''}, {warnings} avertissement{'s' if warnings > 1 else ''}."
            )
        self.checked.emit(self.findings)

    def _schedule(self, _edition: object) -> None:
        self._timer.start()

    def shutdown(self) -> None:
        """Stop checking: the document is about to close."""
        self._timer.stop()
        self.session.edition_updated.disconnect(self._schedule)

    def _activated(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(item.data(FINDING_ROLE))
