"""The organisation's identity as the report's cover shows it: name, contact
details, brand colours and logo.

Not a section of the outline: the main window shows it as the fixed first
entry. Every change is one undoable step written at once; an e-mail address,
a colour or a logo that does not qualify is refused in place, in French.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from avereport.errors import UserError, describe_os_error
from avereport.model import edit, fmt, paths
from avereport.model.paths import EDITION, FieldPath
from avereport.model.update import EditionUpdate
from avereport.ui.session import DocumentSession

HEX_COLOUR = re.compile(r"#[0-9A-F]{6}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 4000
LOGO_FORMATS = (b"png", b"jpeg")
LOGO_PREVIEW = (220, 120)
MESSAGE_STYLE = "color: #a4262c;"
INVALID_STYLE = "QLineEdit { border: 2px solid #a4262c; }"

TEXT_FIELDS = [
    ("name", "Nom", "Nom de l'organisation, en tête de la couverture"),
    ("phone", "Téléphone", "Numéro de téléphone imprimé sur la couverture"),
    ("email", "Adresse e-mail", "Adresse e-mail imprimée sur la couverture, par exemple contact@exemple.fr"),
    ("website", "Site web", "Adresse du site web imprimée sur la couverture"),
]
COLOUR_FIELDS = [
    ("primary_colour", "Couleur principale", "Couleur des titres, des filets et des graphiques"),
    ("secondary_colour", "Couleur secondaire", "Couleur d'accent des chiffres"),
]


class LogoRefused(UserError):
    """A chosen file that cannot be the logo; the message is French."""


def read_logo(path: Path) -> bytes:
    """The bytes of a PNG or JPEG file fit to be the logo, or ``LogoRefused``."""
    try:
        size = path.stat().st_size
        if size > LOGO_MAX_BYTES:
            raise LogoRefused(
                f"Le fichier « {path.name} » pèse {fmt.number(round(size / 1024 / 1024, 1))} Mo : "
                f"un logo doit peser 2 Mo au plus."
            )
        data = path.read_bytes()
    except OSError as error:
        raise LogoRefused(describe_os_error(error)) from None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    detected = bytes(reader.format().data())
    image = reader.read()
    if image.isNull() or detected not in LOGO_FORMATS:
        raise LogoRefused(f"Le fichier « {path.name} » n'est pas une image PNG ou JPEG lisible.")
    if image.width() > LOGO_MAX_PIXELS or image.height() > LOGO_MAX_PIXELS:
        raise LogoRefused(
            f"Le logo « {path.name} » mesure {fmt.number(image.width())} × {fmt.number(image.height())} pixels : "
            f"{fmt.number(LOGO_MAX_PIXELS)} pixels au plus en largeur comme en hauteur."
        )
    return data


def checked_colour(text: str) -> str:
    """``text`` as ``#RRGGBB`` (upper case, "#" added if missing) or ``EditError``."""
    colour = text.strip().upper()
    if colour and not colour.startswith("#"):
        colour = "#" + colour
    if not HEX_COLOUR.fullmatch(colour):
        raise edit.EditError(
            f"« {text.strip()} » n'est pas une couleur : écrivez #RRVVBB, par exemple #1D3F72"
        )
    return colour


def checked_email(text: str) -> str:
    """``text`` if empty or shaped like an e-mail address, else ``EditError``."""
    email = text.strip()
    if email and not EMAIL.fullmatch(email):
        raise edit.EditError(f"« {email} » n'est pas une adresse e-mail (par exemple contact@exemple.fr)")
    return email


class CommitOnLeave(QPlainTextEdit):
    """A multi-line field that announces its text when the cursor leaves it."""

    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class OrganisationEditor(QScrollArea):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.setWidget(inner)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        intro = QLabel(
            "Ces informations figurent sur la couverture du rapport ; les couleurs donnent son style au document."
        )
        intro.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(intro)

        self.lines: dict[str, QLineEdit] = {}
        identity = QFormLayout()
        for field, label, tip in TEXT_FIELDS[:1]:
            identity.addRow(label + " :", self._line(field, label, tip))
        self.address = CommitOnLeave()
        self.address.setToolTip(
            "Adresse postale, sur plusieurs lignes ; enregistrée quand vous quittez le champ"
        )
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 3 + 16)
        self.address.left.connect(self._address_left)
        identity.addRow("Adresse :", self.address)
        for field, label, tip in TEXT_FIELDS[1:]:
            identity.addRow(label + " :", self._line(field, label, tip))
        self.identity_message = self._message()
        layout.addWidget(self._box("Identité", identity, self.identity_message))

        colours = QFormLayout()
        self.swatches: dict[str, QLabel] = {}
        self.colour_buttons: dict[str, QPushButton] = {}
        for field, label, tip in COLOUR_FIELDS:
            colours.addRow(label + " :", self._colour_row(field, label, tip))
        self.colours_message = self._message()
        layout.addWidget(self._box("Couleurs", colours, self.colours_message))

        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(*LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setToolTip("Aperçu du logo imprimé sur la couverture")
        self.choose_logo_button = self._button(
            "Choisir un logo…",
            "Choisir une image PNG ou JPEG (2 Mo et 4 000 pixels au plus)",
            self.choose_logo,
        )
        self.remove_logo_button = self._button(
            "Retirer le logo", "Retirer le logo : la couverture n'en aura plus", self.remove_logo
        )
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_logo_button)
        buttons.addWidget(self.remove_logo_button)
        hint = QLabel("PNG ou JPEG, 2 Mo et 4 000 pixels au plus.")
        hint.setStyleSheet("color: #555555;")
        buttons.addWidget(hint)
        buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(buttons)
        logo_row.addStretch(1)
        self.logo_message = self._message()
        layout.addWidget(self._box("Logo", logo_row, self.logo_message))
        layout.addStretch(1)

        writable = not session.read_only
        for line in self.lines.values():
            line.setReadOnly(not writable)
        self.address.setReadOnly(not writable)
        for button in (self.choose_logo_button, *self.colour_buttons.values()):
            button.setEnabled(writable)
        session.edition_updated.connect(self._edition_updated)
        self.refresh()

    # --- building ---------------------------------------------------------

    def _line(self, field: str, label: str, tip: str) -> QLineEdit:
        line = QLineEdit()
        line.setToolTip(tip)
        line.editingFinished.connect(lambda f=field, w=line: self._line_finished(f, w))
        self.lines[field] = line
        return line

    def _colour_row(self, field: str, label: str, tip: str) -> QWidget:
        line = self._line(field, label, tip + " — code #RRVVBB")
        line.setPlaceholderText("#RRVVBB")
        line.setMaxLength(7)
        line.setFixedWidth(line.fontMetrics().horizontalAdvance("#DDDDDDD") + 24)
        swatch = QLabel()
        swatch.setFixedSize(44, line.sizeHint().height())
        swatch.setToolTip(f"{label} actuelle")
        self.swatches[field] = swatch
        button = self._button(
            "Choisir…", f"Choisir la {label.lower()} dans le nuancier", lambda: self.pick_colour(field, label)
        )
        self.colour_buttons[field] = button
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(line)
        row_layout.addWidget(swatch)
        row_layout.addWidget(button)
        row_layout.addStretch(1)
        return row

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setStatusTip(tip)
        button.clicked.connect(slot)
        return button

    def _message(self) -> QLabel:
        message = QLabel()
        message.setWordWrap(True)
        message.setStyleSheet(MESSAGE_STYLE)
        message.hide()
        return message

    def _box(self, title: str, content, message: QLabel) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addLayout(content)
        layout.addWidget(message)
        return box

    # --- showing ----------------------------------------------------------

    def _edition_updated(self, update: EditionUpdate) -> None:
        # Its logo and colour swatches are dear to draw again: only when they may differ.
        if update.touches_path(EDITION.organisation):
            self.refresh()

    def refresh(self) -> None:
        edition = self.session.edition
        if edition is None:
            return
        organisation = edition.organisation
        self.title.setText(f"Organisation — {edition.title}")
        for field, line in self.lines.items():
            line.setText(getattr(organisation, field))
            line.setModified(False)
            line.setStyleSheet("")
        if self.address.toPlainText() != organisation.address:
            self.address.setPlainText(organisation.address)
        for field, swatch in self.swatches.items():
            colour = getattr(organisation, field)
            shown = colour if HEX_COLOUR.fullmatch(colour.upper()) else "transparent"
            swatch.setStyleSheet(f"background-color: {shown}; border: 1px solid #777777; border-radius: 3px;")
        self._show_logo(organisation.logo)

    def _show_logo(self, logo: bytes | None) -> None:
        pixmap = QPixmap()
        if logo and pixmap.loadFromData(logo):
            width, height = LOGO_PREVIEW
            scaled = pixmap.scaled(
                width - 8,
                height - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.logo_preview.setPixmap(scaled)
        else:
            self.logo_preview.clear()
            self.logo_preview.setText("Pas de logo" if not logo else "Logo illisible")
        self.remove_logo_button.setEnabled(bool(logo) and not self.session.read_only)

    # --- editing ----------------------------------------------------------

    def _line_finished(self, field: str, line: QLineEdit) -> None:
        if not line.isModified():
            return
        label = next(label for f, label, _ in TEXT_FIELDS + COLOUR_FIELDS if f == field)
        try:
            if field == "email":
                value = checked_email(line.text())
            elif field.endswith("_colour"):
                value = checked_colour(line.text())
            else:
                value = line.text().strip()
        except edit.EditError as error:
            self._refuse(field, f"{label} : {error}.")
            line.setStyleSheet(INVALID_STYLE)
            return
        self._set(field, value, f"Modifier « {label} » (organisation)")

    def _address_left(self) -> None:
        text = self.address.toPlainText().strip()
        if text != self.session.shown.organisation.address:
            self._set("address", text, "Modifier l'adresse (organisation)")

    def pick_colour(self, field: str, label: str) -> None:
        current = QColor(getattr(self.session.shown.organisation, field))
        colour = QColorDialog.getColor(current, self, f"Choisir la {label.lower()}")
        if colour.isValid():
            self._set(field, colour.name().upper(), f"Modifier « {label} » (organisation)")

    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choisir un logo", "", "Images PNG ou JPEG (*.png *.jpg *.jpeg)"
        )
        if not name:
            return
        try:
            logo = read_logo(Path(name))
        except LogoRefused as error:
            self._refuse("logo", f"Logo refusé — {error} Le logo actuel est conservé.")
            return
        self._set("logo", logo, "Changer le logo", merge=False)

    def remove_logo(self) -> None:
        self._set("logo", None, "Retirer le logo", merge=False)

    def _set(self, field: str, value: object, text: str, merge: bool = True) -> None:
        """Write one field as one undoable step; a logo change never merges
        with the previous one, so each can be undone on its own."""
        edition = self.session.shown
        path: FieldPath = getattr(EDITION.organisation, field)
        if paths.get(edition, path) == value:
            self._message_for(field).hide()
            self.refresh()
            return
        try:
            if merge:
                self.session.set_value(path, value, text)
            else:
                self.session.apply(text, edit.with_value(edition, path, value))
        except edit.EditError as error:
            self._refuse(field, f"{error}.")
            return
        self._message_for(field).hide()

    def _message_for(self, field: str) -> QLabel:
        if field == "logo":
            return self.logo_message
        return self.colours_message if field.endswith("_colour") else self.identity_message

    def _refuse(self, field: str, text: str) -> None:
        message = self._message_for(field)
        if field != "logo":
            text = f"Valeur refusée — {text} Rien n'a été enregistré."
        message.setText(text)
        message.show()

    # --- navigation -------------------------------------------------------

    def focus_field(self, path: str) -> bool:
        """Put the cursor on the widget editing ``path`` (``organisation.…``)."""
        field = path.removeprefix("organisation.")
        if field == path:
            return False
        widget: QWidget | None = self.lines.get(field)
        if field == "address":
            widget = self.address
        elif field == "logo":
            widget = self.choose_logo_button
        if widget is None:
            return False
        self.ensureWidgetVisible(widget)
        widget.setFocus()
        return True
