"""A form of single fields of the shown edition (e.g. ``membership.declared_total``).

Each field is written when the user leaves it (or presses Entrée); a refused
value stays visible, marked, with the French reason under the form, and the
file keeps its last valid value. Dates are read by ``parse_user_date``, like
in the tables. While the document is read-only the fields are greyed and say
why, in their tooltips and under the form when one types into them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from avereport.model import edit, paths
from avereport.model.dates import DateError
from avereport.model.paths import FieldPath
from avereport.model.update import EditionUpdate
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import NUMBER_MAX_LENGTH, Column, Kind, number_hint
from avereport.ui.tables.delegates import DATE_HINT, PLACEHOLDERS
from avereport.ui.widgets.read_only import grey, reason_for

INVALID_STYLE = "QLineEdit { border: 2px solid #a4262c; }"


class FieldForm(QWidget):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fields: dict[str, tuple[Column, QWidget]] = {}
        """The column and widget of each field, by its path's text (as findings name it)."""
        self._paths: dict[str, FieldPath] = {}
        self.read_only_reason: str | None = reason_for(session)
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a4262c;")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        session.edition_updated.connect(self._edition_updated)

    def add(
        self, field: edit.Path, label: str, kind: Kind = Kind.TEXT, tooltip: str = "", choices=None
    ) -> QWidget:
        path = str(field)
        self._paths[path] = edit.field_path(field)
        column = Column(field=path, header=label, kind=kind, tooltip=tooltip, choices=choices)
        widget: QWidget
        if kind is Kind.FLAG:
            widget = QCheckBox()
            widget.toggled.connect(lambda checked, p=path: self._commit(p, checked))
        elif kind is Kind.CHOICE:
            widget = QComboBox()
            widget.activated.connect(lambda _i, p=path, w=widget: self._commit(p, w.currentData()))
        else:
            widget = QLineEdit()
            widget.setPlaceholderText(PLACEHOLDERS.get(kind, ""))
            if kind in (Kind.COUNT, Kind.NUMBER) and self.session.edition is not None:
                # The same range the model checks, shown; a value out of it is refused in French.
                bounds = edit.field_bounds(self._paths[path])
                widget.setPlaceholderText(number_hint(kind, bounds))
                widget.setMaxLength(NUMBER_MAX_LENGTH)
            if kind is Kind.DATE:
                tooltip = f"{tooltip or label} — {DATE_HINT}"
            widget.editingFinished.connect(
                lambda p=path, w=widget: self._commit(p, w.text()) if w.isModified() else None
            )
            widget.installEventFilter(self)
        widget.setProperty("tip", tooltip or label)
        self.fields[path] = (column, widget)
        self.form.addRow(label + " :", widget)
        self._show_writable(widget)
        self._show(path)
        return widget

    def set_read_only(self, reason: str | None) -> None:
        """Grey the fields and say ``reason`` in their tooltips (None: writable
        again, when the document allows it)."""
        self.read_only_reason = reason
        for _column, widget in self.fields.values():
            self._show_writable(widget)
        if self.writable():
            self.message.hide()

    def writable(self) -> bool:
        return self.read_only_reason is None and not self.session.read_only

    def _show_writable(self, widget: QWidget) -> None:
        writable = self.writable()
        tip = widget.property("tip")
        widget.setToolTip(
            tip if writable else f"{tip}\n\n{self.read_only_reason or reason_for(self.session)}"
        )
        if isinstance(widget, QLineEdit):
            # Read-only rather than disabled: the text can still be selected and copied.
            widget.setReadOnly(not writable)
            grey(widget, not writable)
        else:
            widget.setEnabled(writable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.text().strip()
            and not self.writable()
        ):
            self.message.setText(self.read_only_reason or reason_for(self.session) or "")
            self.message.show()
        return super().eventFilter(watched, event)

    def _edition_updated(self, update: EditionUpdate) -> None:
        for path, field in self._paths.items():
            if update.touches_path(field):
                self._show(path)

    def _show(self, path: str) -> None:
        edition = self.session.edition
        if edition is None:
            return
        column, widget = self.fields[path]
        value = paths.get(edition, self._paths[path])
        widget.blockSignals(True)
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            widget.clear()
            for data, label in column.choices(edition) if column.choices is not None else ():
                widget.addItem(label, data)
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QLineEdit):  # every other field
            widget.setText(str(column.edit_text(value)))
            widget.setModified(False)
            widget.setStyleSheet("")
        widget.blockSignals(False)

    def _commit(self, path: str, raw: Any) -> None:
        column, widget = self.fields[path]
        if not self.writable():
            return
        try:
            value = column.parse(raw)
            self.session.set_value(self._paths[path], value, f"Modifier « {column.header} »")
        except (edit.EditError, DateError) as error:
            self.message.setText(f"Valeur refusée — {column.header} : {error}. Rien n'a été enregistré.")
            self.message.show()
            widget.setStyleSheet(INVALID_STYLE)
            return
        self.message.hide()
        self._show(path)

    def focus_field(self, path: str) -> bool:
        if path not in self.fields:
            return False
        self.fields[path][1].setFocus()
        return True
