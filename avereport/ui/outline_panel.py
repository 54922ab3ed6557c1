"""The sidebar: the organisation, then the edition's outline with each
section's state and its review state (an icon: à rédiger, à relire, relu),
and the buttons that add, move, indent and remove sections."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avereport.model import outline
from avereport.model.checks import Finding, Severity, outline_position
from avereport.model.checks.reminder import REVIEW_PREFIX
from avereport.model.compute.sections import is_empty
from avereport.model.edition import Edition, SectionKind
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.model.paths import EDITION
from avereport.model.update import EditionUpdate
from avereport.ui import review_display
from avereport.ui.icons import icon
from avereport.ui.session import DocumentSession

ORGANISATION_KEY = "__organisation__"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {"complete": "#2e7d32", "warnings": "#b26a00", "errors": "#a4262c", "empty": "#757575"}


def section_states(edition: Edition, findings: list[Finding]) -> list[tuple[str, str]]:
    """(state, French label) for each section: errors, warnings, empty or
    complete. Review findings are left out: the review state has its own icon."""
    counts: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.code.startswith(REVIEW_PREFIX):
            continue
        counts.setdefault(outline_position(edition, finding), []).append(finding)
    states = []
    for index in range(len(edition.outline)):
        found = counts.get(index, [])
        errors = sum(1 for f in found if f.severity is Severity.ERROR)
        if errors:
            states.append(("errors", f"{errors} erreur{'s' if errors > 1 else ''}"))
        elif found:
            states.append(("warnings", f"{len(found)} à vérifier"))
        elif is_empty(edition, index):
            states.append(("empty", "vide"))
        else:
            states.append(("complete", "complète"))
    return states


class WrappedHeadings(QStyledItemDelegate):
    """Headings wrap onto as many lines as the plan's width needs, rather
    than end in « … » on a narrow plan: a row is as tall as its heading.

    While the plan is hidden its rows are not measured (one line each): it
    is built before it is put in the window, at widths never shown, and
    those measures were two thirds of the ~40 ms its headings took at start.
    It is laid out again when shown."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        self._unmeasured = False  # rows were laid out while hidden
        tree.setWordWrap(True)  # the painting wraps; the height is this delegate's
        tree.header().sectionResized.connect(self._section_resized)
        tree.installEventFilter(self)

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 0 and self.tree.isVisible():
            self._measure()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._unmeasured:
            self._measure()
        return False

    def _measure(self) -> None:
        self._unmeasured = False
        self.tree.doItemsLayout()

    def text_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The width the heading's text has in its column, after the indentation and margins."""
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        tree = self.tree
        margins = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
        return tree.columnWidth(0) - tree.indentation() * (depth + int(tree.rootIsDecorated())) - margins

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if not self.tree.isVisible():
            self._unmeasured = True
            return hint
        metrics = option.fontMetrics
        bounds = QRect(0, 0, max(1, self.text_width(index)), 1 << 20)
        text = metrics.boundingRect(bounds, Qt.TextFlag.TextWordWrap, index.data() or "")
        return QSize(hint.width(), max(hint.height(), hint.height() - metrics.height() + text.height()))


class OutlinePanel(QWidget):
    section_selected = Signal(str)
    """The user picked an entry; carries the section key (or ORGANISATION_KEY)."""

    def __init__(
        self, session: DocumentSession, parent: QWidget | None = None, findings: list[Finding] | None = None
    ) -> None:
        """``findings``: the checks' findings when already known (the window's start),
        so that the plan is built once, with its states."""
        super().__init__(parent)
        self.session = session
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Plan du rapport", "État"])
        self.tree.headerItem().setToolTip(
            1, "Vérifications de la section ; l'icône dit sa relecture : à rédiger, à relire ou relue"
        )
        self.tree.setToolTip(
            "Les parties du rapport dans l'ordre du document ; choisissez-en une pour la modifier"
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegateForColumn(0, WrappedHeadings(self.tree))
        self.tree.currentItemChanged.connect(self._current_changed)

        # Icon buttons (their words in the tooltip): the plan can then be as
        # narrow as a 1024-pixel screen needs for the editor's grids.
        self.add_button = self._button(
            "Ajouter", "add_section", "Ajouter une section après celle choisie", None
        )
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for kind, label in SECTION_KIND_LABELS.items():
            action = QAction(label, menu)
            action.setStatusTip(f"Ajouter une section « {label} »")
            action.setToolTip(f"Ajouter une section « {label} » après celle choisie")
            action.triggered.connect(lambda _checked=False, k=kind: self.add_section(k))
            menu.addAction(action)
        self.add_button.setMenu(menu)
        self.up_button = self._button(
            "Monter", "move_up", "Monter la section d'un cran", lambda: self._apply_move(-1)
        )
        self.down_button = self._button(
            "Descendre", "move_down", "Descendre la section d'un cran", lambda: self._apply_move(1)
        )
        self.outdent_button = self._button(
            "Remonter d'un niveau",
            "outdent",
            "Remonter la section d'un niveau de titre",
            lambda: self._apply_level(-1),
        )
        self.indent_button = self._button(
            "Descendre d'un niveau",
            "indent",
            "Faire de la section une sous-partie de la précédente",
            lambda: self._apply_level(1),
        )
        self.remove_button = self._button(
            "Supprimer", "delete", "Supprimer la section choisie (annulable)", self.remove_section
        )

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for widget in (
            self.add_button,
            self.up_button,
            self.down_button,
            self.outdent_button,
            self.indent_button,
            self.remove_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.findings: list[Finding] = list(findings or [])
        self._shown: tuple = ()
        session.edition_updated.connect(self._edition_updated)
        self.rebuild()

    def _button(self, name: str, glyph: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(glyph))
        button.setText(name)  # read by screen readers; the button shows its icon only
        button.setAccessibleName(name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setToolTip(tip)
        button.setStatusTip(tip)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # --- showing ----------------------------------------------------------

    def set_findings(self, findings: list[Finding]) -> None:
        if findings != self.findings:
            self.findings = findings
            self.rebuild()

    def _edition_updated(self, update: EditionUpdate) -> None:
        # Section states follow the checks (set_findings); only the outline's
        # own shape (headings, levels, review) needs an immediate rebuild.
        if update.touches_path(EDITION.outline) and self._shape() != self._shown:
            self.rebuild()

    def _shape(self) -> tuple:
        edition = self.session.edition
        if edition is None:
            return ()
        return (
            edition.year,
            self.session.read_only,
            *(
                (s.key, s.heading, s.level, s.kind, s.review, s.reviewed_by, s.reviewed_at)
                for s in edition.outline
            ),
        )

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item else None

    def select(self, key: str) -> None:
        for item in self._items():
            if item.data(0, KEY_ROLE) == key:
                self.tree.setCurrentItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        pending = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while pending:
            item = pending.pop(0)
            if item is None:  # only for an index out of range
                continue
            found.append(item)
            pending[0:0] = [item.child(i) for i in range(item.childCount())]
        return found

    def rebuild(self) -> None:
        self._shown = self._shape()
        keep = self.current_key()
        edition = self.session.edition
        self.tree.blockSignals(True)
        self.tree.clear()
        organisation = QTreeWidgetItem(["Organisation", ""])
        organisation.setData(0, KEY_ROLE, ORGANISATION_KEY)
        organisation.setToolTip(0, "Nom, coordonnées, logo et couleurs de l'organisation")
        self.tree.addTopLevelItem(organisation)
        parents: list[QTreeWidgetItem] = []
        if edition is not None:
            for section, (state, label) in zip(
                edition.outline, section_states(edition, self.findings), strict=True
            ):
                item = QTreeWidgetItem([section.heading or "(sans titre)", label])
                item.setData(0, KEY_ROLE, section.key)
                review = review_display.describe(section)
                item.setToolTip(0, f"{SECTION_KIND_LABELS[section.kind]} — {section.heading}\n{review}")
                item.setForeground(1, QBrush(QColor(STATE_COLOURS[state])))
                item.setToolTip(1, f"{label[0].upper()}{label[1:]}. {review}")
                name = review_display.icon_name(section)
                if name is not None:
                    item.setIcon(1, icon(name))
                del parents[max(0, section.level - 1) :]
                (parents[-1].addChild(item) if parents else self.tree.addTopLevelItem(item))
                parents.append(item)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.select(keep or ORGANISATION_KEY)
        self._update_buttons()

    def _current_changed(self, item: QTreeWidgetItem | None) -> None:
        self._update_buttons()
        if item is not None:
            self.section_selected.emit(item.data(0, KEY_ROLE))

    def _update_buttons(self) -> None:
        index = self._index()
        count = len(self.session.edition.outline) if self.session.edition else 0
        writable = not self.session.read_only and self.session.edition is not None
        self.add_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and index is not None)
        self.up_button.setEnabled(writable and index is not None and index > 0)
        self.down_button.setEnabled(writable and index is not None and index < count - 1)
        self.outdent_button.setEnabled(writable and index is not None)
        self.indent_button.setEnabled(writable and index is not None and index > 0)

    # --- editing the outline ----------------------------------------------

    def _index(self) -> int | None:
        key = self.current_key()
        edition = self.session.edition
        if edition is None or key in (None, ORGANISATION_KEY):
            return None
        return next((i for i, s in enumerate(edition.outline) if s.key == key), None)

    def add_section(self, kind: SectionKind) -> None:
        heading, accepted = QInputDialog.getText(
            self, "Nouvelle section", "Titre de la section :", text=SECTION_KIND_LABELS[kind]
        )
        if not accepted or not heading.strip():
            return
        index = self._index()
        position = len(self.session.shown.outline) if index is None else index + 1
        new = outline.add_section(self.session.shown, position, kind, heading.strip())
        if self.session.apply(f"Ajouter la section « {heading.strip()} »", new):
            self.select(new.outline[position].key)

    def remove_section(self) -> None:
        index = self._index()
        if index is None:
            return
        heading = self.session.shown.outline[index].heading
        answer = QMessageBox.question(
            self,
            "Supprimer la section",
            f"Supprimer la section « {heading} » ? Vous pourrez l'annuler (Ctrl+Z).",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.apply(
                f"Supprimer la section « {heading} »", outline.remove_section(self.session.shown, index)
            )

    def _apply_move(self, step: int) -> None:
        index = self._index()
        if index is not None:
            self.session.apply("Déplacer une section", outline.move_section(self.session.shown, index, step))

    def _apply_level(self, step: int) -> None:
        index = self._index()
        if index is not None:
            self.session.apply(
                "Changer le niveau d'une section", outline.shift_level(self.session.shown, index, step)
            )
