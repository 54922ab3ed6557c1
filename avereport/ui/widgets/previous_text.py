"""Last year's text of a section, beside this year's: folded by default, read
only, with the words added this year underlined in green and the words
dropped struck through in red once the text was edited."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from avereport.model.plain import plain
from avereport.model.review import text_changes
from avereport.ui.icons import icon

INSERT_STYLE = "color: #1b5e20; background-color: #e3f2e5; text-decoration: underline;"
DELETE_STYLE = "color: #a4262c; background-color: #fbe9ea; text-decoration: line-through;"
PANE_HEIGHT = 180


def changed_runs(before: str, after: str) -> list[tuple[str, str, str]]:
    """``text_changes`` as the reader takes it in: (kept, dropped, added)
    runs, where words changed one after another are one change (« membres
    un cadre » → « nouveaux partenaires ») rather than dropped and added
    word by word around the spaces they share."""
    runs: list[tuple[str, str, str]] = []
    dropped = added = ""
    for piece in text_changes(before, after):
        if piece.operation == "equal" and (piece.text.strip() or not (dropped or added)):
            if dropped or added:
                runs.append(("", dropped, added))
                dropped = added = ""
            runs.append((piece.text, "", ""))
        elif piece.operation == "equal":  # a space between two changed words: on both sides
            dropped, added = dropped + piece.text, added + piece.text
        elif piece.operation == "delete":
            dropped += piece.text
        else:
            added += piece.text
    if dropped or added:
        runs.append(("", dropped, added))
    return runs


def changes_html(before: str, after: str) -> str:
    """``after`` against ``before`` (plain texts): additions and removals marked."""
    parts = []
    for kept, dropped, added in changed_runs(before, after):
        parts.append(html.escape(kept))
        if not (dropped.strip() or added.strip()):
            parts.append(added)  # only the spacing changed: this year's
            continue
        # The spaces around a change are this year's layout, not part of it.
        text = added if added.strip() else dropped
        parts.append(text[: len(text) - len(text.lstrip())])
        marked = [
            f'<span style="{style}">{html.escape(words.strip())}</span>'
            for style, words in ((DELETE_STYLE, dropped), (INSERT_STYLE, added))
            if words.strip()
        ]
        parts.append(" ".join(marked))
        parts.append(text[len(text.rstrip()) :])
    return f'<div style="white-space: pre-wrap;">{"".join(parts)}</div>'


class PreviousTextPane(QWidget):
    take_previous = Signal()
    """« Reprendre le texte de ANNÉE » was clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year: int | None = None
        self.previous: str = ""
        self.current: str = ""
        self._shown: tuple[str, str] | None = None  # the texts the browser shows

        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setStyleSheet("QToolButton { font-weight: 600; }")
        self.toggle.toggled.connect(self._toggled)
        self.state = QLabel()
        self.state.setStyleSheet("color: palette(mid);")
        self.take_button = QPushButton(icon("take_back"), "")
        self.take_button.clicked.connect(self.take_previous)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toggle)
        header.addWidget(self.state, 1)
        header.addWidget(self.take_button)

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setFixedHeight(PANE_HEIGHT)
        self.legend = QLabel(
            f'<span style="{INSERT_STYLE}">souligné en vert</span> : ajouté cette année ; '
            f'<span style="{DELETE_STYLE}">barré en rouge</span> : retiré'
        )
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.browser)
        layout.addWidget(self.legend)
        self._toggled(False)

    def show_texts(self, year: int | None, previous: str | None, current: str, writable: bool) -> None:
        """Last year's text (``None``: nothing to show, the pane hides) beside this year's."""
        self.setVisible(previous is not None and year is not None)
        if previous is None or year is None:
            return
        self.year, self.previous, self.current = year, previous, current
        same = previous.strip() == current.strip()
        arrow = "▾" if self.toggle.isChecked() else "▸"
        self.toggle.setText(f"Texte de {year} {arrow}")
        self.toggle.setToolTip(
            f"Afficher ou masquer le texte de cette section dans le rapport de {year} "
            "(en lecture seule), et ce qui a changé depuis"
        )
        self.state.setText("identique à celui de cette année" if same else "modifié cette année")
        self.take_button.setText(f"Reprendre le texte de {year}")
        self.take_button.setToolTip(
            f"Remplacer le texte de cette année par celui de {year} (annulable, Ctrl+Z) ; "
            "la section reste à relire"
        )
        self.take_button.setEnabled(writable and not same)
        if self.toggle.isChecked():
            self._fill()

    def _toggled(self, shown: bool) -> None:
        self.browser.setVisible(shown)
        if self.year is not None:
            self.toggle.setText(f"Texte de {self.year} {'▾' if shown else '▸'}")
        if shown:
            self._fill()
        else:
            self.legend.hide()

    def _fill(self) -> None:
        """Write the browser's content, only when the texts changed (an edit
        anywhere in the edition refreshes every open editor)."""
        texts = (self.previous, self.current)
        same = self.previous.strip() == self.current.strip()
        self.legend.setVisible(not same)
        if texts == self._shown:
            return
        self._shown = texts
        if same:
            self.browser.setMarkdown(self.previous)
        else:
            self.browser.setHtml(changes_html(plain(self.previous), plain(self.current)))
