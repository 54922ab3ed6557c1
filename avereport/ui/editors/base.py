"""What every section editor shares: the section's review state, its heading
and its text, with last year's text beside it.

A section editor edits one entry of the outline (found by its stable key) and
the data that kind of section shows. Subclasses add their forms and tables to
``self.content`` and map field paths to widgets in ``focus_field``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from avereport.model import edit, paths, review
from avereport.model.edition import Edition, Section, SectionKind
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.model.paths import EDITION, FieldPath
from avereport.model.update import EditionUpdate
from avereport.ui.session import DocumentSession
from avereport.ui.widgets.markdown_editor import MarkdownEditor
from avereport.ui.widgets.previous_text import PreviousTextPane
from avereport.ui.widgets.review_bar import ReviewBar


class SectionEditor(QScrollArea):
    kind: SectionKind = SectionKind.NARRATIVE
    body_label = "Texte de présentation (facultatif)"

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.section_key = section_key
        self.setWidgetResizable(True)
        inner = QWidget()
        self.layout_ = QVBoxLayout(inner)
        self.setWidget(inner)

        self.title = QLabel()
        self.title.setObjectName("section_title")
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.heading = QLineEdit()
        self.heading.setToolTip("Titre de la section tel qu'il apparaît dans le rapport et le sommaire")
        self.heading.editingFinished.connect(self._heading_edited)
        self.body = MarkdownEditor()
        self.body.setToolTip("Texte de la section : gras, italique, listes et liens sont conservés")
        self.body.markdown_changed.connect(self._body_edited)
        self.body.setMinimumHeight(160)
        self.review_bar = ReviewBar()
        self.review_bar.mark_reviewed.connect(self.mark_reviewed)
        self.review_bar.mark_to_review.connect(self.mark_to_review)
        self.previous_text = PreviousTextPane()
        self.previous_text.take_previous.connect(self.take_previous_text)
        self.previous_text.toggle.toggled.connect(self._previous_toggled)
        # Last year's edition, read again only when the shown year changes.
        self._previous: tuple[int, Edition | None] | None = None

        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.review_bar)
        self.layout_.addWidget(QLabel("Titre :"))
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(QLabel(self.body_label + " :"))
        self.layout_.addWidget(self.body)
        self.layout_.addWidget(self.previous_text)
        self.content = QVBoxLayout()
        self.layout_.addLayout(self.content)
        self.layout_.addStretch(1)

        for widget in (self.heading,):
            widget.setReadOnly(session.read_only)
        self.body.setReadOnly(session.read_only)
        session.edition_updated.connect(self._edition_updated)
        self.refresh()

    # --- the section ------------------------------------------------------

    def section_index(self) -> int | None:
        edition = self.session.edition
        if edition is None:
            return None
        return next((i for i, s in enumerate(edition.outline) if s.key == self.section_key), None)

    def section(self) -> Section | None:
        index = self.section_index()
        return None if index is None else self.session.shown.outline[index]

    def section_path(self) -> FieldPath:
        index = self.section_index()
        assert index is not None  # asked only while the section is in the outline
        return EDITION.outline[index]

    def _edition_updated(self, update: EditionUpdate) -> None:
        # Only the section's own outline entry (heading, text, review) is shown
        # here; the forms and tables below follow their own fields.
        index = self.section_index()
        if index is not None and update.touches_path(EDITION.outline[index]):
            self.refresh()

    def refresh(self) -> None:
        section = self.section()
        if section is None:
            return
        self.title.setText(f"{SECTION_KIND_LABELS[section.kind]} — {self.session.shown.title}")
        if not self.heading.hasFocus():
            self.heading.setText(section.heading)
        self.body.set_markdown(section.body)
        writable = not self.session.read_only
        self.review_bar.show_section(section, writable)
        previous = self.previous_edition()
        self.previous_text.show_texts(
            previous.year if previous else None,
            review.previous_text(previous, section.key),
            section.body,
            writable,
        )

    def previous_edition(self) -> Edition | None:
        """The edition of the year before the shown one (None if the document has none)."""
        year = self.session.year
        if year is None:
            return None
        if self._previous is None or self._previous[0] != year:
            self._previous = (year, self.session.previous())
        return self._previous[1]

    def _previous_toggled(self, shown: bool) -> None:
        if shown:  # once laid out, bring last year's text into view
            QTimer.singleShot(0, lambda: self.ensureWidgetVisible(self.previous_text, 0, 0))

    # --- the yearly review ------------------------------------------------

    def mark_reviewed(self) -> None:
        """« Marquer comme relu », by the document's user, now: one undo step."""
        section = self.section()
        if section is None:
            return
        self.body.flush()  # what was just typed belongs to the text reviewed
        new = review.mark_reviewed(
            self.session.shown, self.section_key, self.session.author, dt.datetime.now()
        )
        self.session.apply(f"Marquer « {section.heading} » comme relue", new)

    def mark_to_review(self) -> None:
        section = self.section()
        if section is not None:
            self.body.flush()
            new = review.mark_to_review(self.session.shown, self.section_key)
            self.session.apply(f"Remettre « {section.heading} » à relire", new)

    def take_previous_text(self) -> None:
        """« Reprendre le texte de ANNÉE »: last year's text in place of this year's, one undo step."""
        previous = self.previous_edition()
        if (
            previous is None
            or self.section() is None
            or review.previous_text(previous, self.section_key) is None
        ):
            return
        self.body.flush()
        new = review.take_previous_text(self.session.shown, previous, self.section_key)
        self.session.apply(f"Reprendre le texte de {previous.year}", new)

    def _heading_edited(self) -> None:
        if self.section() is not None and self.heading.isModified():
            self.session.set_value(
                self.section_path().heading, self.heading.text().strip(), "Renommer la section"
            )
            self.heading.setModified(False)

    def _body_edited(self, markdown: str) -> None:
        if self.section() is not None:
            try:
                self.session.set_value(self.section_path().body, markdown, "Modifier le texte de la section")
            except edit.EditError as error:  # a text nested too deep (model.nesting)
                self.session.write_failed.emit(f"Texte refusé : {error}. Rien n'a été enregistré.")

    # --- navigation from the checks panel ---------------------------------

    def focus_field(self, path: str) -> bool:
        """Put the cursor on the widget editing ``path``; False if not here."""
        if self.section_index() is None:
            return False
        section = str(self.section_path())
        if path == f"{section}.heading":
            self.heading.setFocus()
            return True
        if path == section or path.startswith(f"{section}."):
            self.body.text.setFocus()
            return True
        return False

    def add_group(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        self.content.addWidget(box)
        return box


class NarrativeEditor(SectionEditor):
    kind = SectionKind.NARRATIVE
    body_label = "Texte"


def row_of(path: edit.Path, list_path: edit.Path) -> tuple[int, str] | None:
    """``("governance.board[3].surname", "governance.board")`` -> ``(3, "surname")``."""
    return paths.row_of(edit.field_path(path), edit.field_path(list_path))
