"""The training section: sessions with live totals and the split of
participants by type of structure, the modules taught, and a note."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QStyleOptionViewItem,
    QWidget,
)

from avereport.model import fmt
from avereport.model.compute import CountLine, participants, summarise_training
from avereport.model.compute.lines import Number
from avereport.model.edition import (
    Edition,
    SectionKind,
    TrainingMode,
    TrainingModule,
    TrainingSession,
)
from avereport.model.labels import TRAINING_MODE_LABELS
from avereport.model.paths import EDITION
from avereport.model.update import EditionUpdate
from avereport.ui.editors.activity_common import (
    ComputedColumn,
    ComputedRecordModel,
    focus_table,
    note_label,
    numbered_name,
    record_table,
)
from avereport.ui.editors.base import SectionEditor
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import DATE_FORMS, Column, Kind, enum_choices
from avereport.ui.tables.delegates import ColumnDelegate
from avereport.ui.tables.record_model import RecordTableModel

COUNT_TIP = "Nombre de participants venus {}, 0 si aucun"


def session_totals(session: DocumentSession) -> list[str]:
    return [fmt.number(participants(s)) for s in session.shown.training.sessions]


SESSION_COLUMNS = [
    Column(
        "module",
        "Module",
        tooltip="Module de formation (choisi parmi les modules ci-dessous ou saisi librement)",
        width=170,
    ),
    Column("date", "Date", Kind.DATE, f"Date de la session : {DATE_FORMS}", width=105),
    Column("plie", "PLIE", Kind.COUNT, COUNT_TIP.format("de PLIE"), width=50),
    Column("mde", "MDE", Kind.COUNT, COUNT_TIP.format("de Maisons de l'Emploi"), width=50),
    Column(
        "collectivites", "Collectivités", Kind.COUNT, COUNT_TIP.format("de collectivités locales"), width=90
    ),
    Column("autres", "Autres", Kind.COUNT, COUNT_TIP.format("d'autres structures"), width=55),
    ComputedColumn(
        "total",
        "Total",
        Kind.COUNT,
        tooltip="Participants de la session (calculé)",
        width=50,
        texts=session_totals,
    ),
    Column(
        "mode",
        "Modalité",
        Kind.CHOICE,
        "Session sur site ou à distance",
        enum_choices(TRAINING_MODE_LABELS),
        width=90,
    ),
]

MODULE_COLUMNS = [
    Column("name", "Module", tooltip="Intitulé du module de formation"),
    Column(
        "new",
        "Nouveau",
        Kind.FLAG,
        "Cochez si le module est proposé pour la première fois cette année",
        width=90,
    ),
]


def new_module(edition: Edition) -> TrainingModule:
    return TrainingModule(name=numbered_name("Nouveau module", {m.name for m in edition.training.modules}))


class ModuleDelegate(ColumnDelegate):
    """The module cell: free text, completed from the modules of the edition."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):  # the module column is text
            names = [m.name for m in self.session.edition.training.modules]
            completer = QCompleter(names, editor)
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            editor.setCompleter(completer)
            editor.setPlaceholderText("choisissez un module ou saisissez son nom")
        return editor


class NoteEdit(QPlainTextEdit):
    """A multi-line text written when the user leaves it."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def total_text(value: Number | None) -> str:
    """A total of the sessions entered ("" when unknown: there is no session)."""
    return "" if value is None else fmt.number(value)


def count_with_delta(line: CountLine) -> str:
    """ "223", or "223 (+12)" when last year's figure is known."""
    text = total_text(line.value)
    delta = fmt.delta(line.delta)
    return f"{text} {delta}" if delta else text


class TrainingEditor(SectionEditor):
    kind = SectionKind.TRAINING

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.sessions = record_table(
            ComputedRecordModel(
                session,
                EDITION.training.sessions,
                SESSION_COLUMNS,
                lambda e: TrainingSession(),
                "session de formation",
                self,
            ),
            stretch="module",
        )
        module = next(n for n, c in enumerate(SESSION_COLUMNS) if c.field == "module")
        self.sessions.view.setItemDelegateForColumn(
            module, ModuleDelegate(SESSION_COLUMNS[module], session, self.sessions.view)
        )

        self.sessions_total = note_label()
        self.participants_total = note_label()
        self.by_mode = note_label()
        self.by_structure = note_label()
        totals = QWidget()
        totals_form = QFormLayout(totals)
        totals_form.setContentsMargins(0, 0, 0, 0)
        totals_form.addRow("Sessions :", self.sessions_total)
        totals_form.addRow("Personnes formées :", self.participants_total)
        totals_form.addRow("Par modalité :", self.by_mode)
        totals_form.addRow("Par type de structure :", self.by_structure)
        totals.setToolTip("Totaux calculés à partir des sessions, mis à jour à chaque modification")

        self.modules = record_table(
            RecordTableModel(session, EDITION.training.modules, MODULE_COLUMNS, new_module, "module", self),
            stretch="name",
        )

        self.note = NoteEdit()
        self.note.setPlaceholderText("Remarque imprimée sous les chiffres des formations (facultative)")
        self.note.setToolTip(
            "Note imprimée en petits caractères sous les chiffres des formations ; enregistrée quand vous quittez le champ"
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.note.setReadOnly(session.read_only)
        self.note.editing_finished.connect(self._note_edited)

        self.add_group("Totaux de l'année (calculés)", totals)
        self.add_group("Sessions de formation", self.sessions)
        self.add_group("Modules de formation", self.modules)
        self.add_group("Note", self.note)
        session.edition_updated.connect(self._training_updated)
        self._follow_edition()

    def _training_updated(self, update: EditionUpdate) -> None:
        if update.touches_path(EDITION.training):
            self._follow_edition()

    def _follow_edition(self) -> None:
        if self.session.edition is None:
            return
        previous = self.session.previous()
        summary = summarise_training(self.session.edition, previous)
        if summary.sessions.value is None:
            for label in (self.sessions_total, self.participants_total, self.by_mode, self.by_structure):
                label.setText("aucune session saisie")
        else:
            self.sessions_total.setText(count_with_delta(summary.sessions))
            self.participants_total.setText(count_with_delta(summary.participants))
            self.by_mode.setText(
                " · ".join(
                    f"{TRAINING_MODE_LABELS[TrainingMode(line.key)]} : {total_text(line.value)}"
                    for line in summary.by_mode
                )
            )
            self.by_structure.setText(
                " · ".join(
                    f"{line.label} {total_text(line.value)}"
                    + (f" ({fmt.percent(line.share)})" if line.share is not None else "")
                    for line in summary.by_structure
                )
            )
        note = self.session.edition.training.note
        if not self.note.hasFocus() and self.note.toPlainText() != note:
            self.note.setPlainText(note)

    def _note_edited(self) -> None:
        text = self.note.toPlainText().strip()
        if self.session.edition is not None and not self.session.read_only:
            self.session.set_value(EDITION.training.note, text, "Modifier la note des formations")

    def focus_field(self, path: str) -> bool:
        if path == "training.note":
            self.note.setFocus()
            return True
        return (
            focus_table(self.sessions, path) or focus_table(self.modules, path) or super().focus_field(path)
        )
