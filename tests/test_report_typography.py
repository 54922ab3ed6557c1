"""French typography and escaping of user text for reportlab's paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from avereport.model import fmt
from avereport.report.fonts import REGULAR, register_fonts
from avereport.report.markup import escape, text
from avereport.report.nbsp import keep_narrow_spaces
from avereport.report.typography import NNBSP, FrenchText, french


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Bonjour : suite", f"Bonjour{NNBSP}: suite"),
        ("Bonjour: suite", f"Bonjour{NNBSP}: suite"),
        ("Vraiment ?", f"Vraiment{NNBSP}?"),
        ("Enfin!", f"Enfin{NNBSP}!"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("46%", f"46{NNBSP}%"),
        ("46 %", f"46{NNBSP}%"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ('il dit "oui" puis', f"il dit «{NNBSP}oui{NNBSP}» puis"),
        ("« déjà »", f"«{NNBSP}déjà{NNBSP}»"),
        ("«collé»", f"«{NNBSP}collé{NNBSP}»"),
    ],
)
def test_french_spacing(typed, expected):
    assert french(typed) == expected


@pytest.mark.parametrize(
    "untouched",
    [
        "rendez-vous à 10:30",
        "voir https://www.ville-emploi.asso.fr/page?id=3:4",
        "écrire à ave@ville-emploi.asso.fr",
        "www.arefie.org",
        "",
    ],
)
def test_times_and_addresses_keep_their_characters(untouched):
    assert french(untouched) == untouched


def test_runs_of_one_paragraph_share_their_context():
    # "**Note** : texte" is parsed as the runs "Note" then " : texte".
    runs = FrenchText()
    assert runs("Note") + runs(" : texte") == f"Note{NNBSP}: texte"
    quotes = FrenchText()
    assert quotes('"') + quotes("gras") + quotes('"') == f"«{NNBSP}gras{NNBSP}»"


def test_typography_is_idempotent():
    once = french('Il dit "non" : 46 % ; vraiment ?')
    assert french(once) == once


def test_reportlab_markup_is_escaped():
    assert escape("R&D <Nord> & <b>x</b>") == "R&amp;D &lt;Nord&gt; &amp; &lt;b&gt;x&lt;/b&gt;"
    assert escape("a\x00b\x1fc") == "abc"


@given(st.text())
def test_any_user_text_makes_a_valid_paragraph(value):
    register_fonts()
    keep_narrow_spaces()
    paragraph = Paragraph(text(value), ParagraphStyle("t", fontName=REGULAR))
    paragraph.wrap(200, 1000)


def test_narrow_space_never_breaks_a_line():
    register_fonts()
    keep_narrow_spaces()
    style = ParagraphStyle("t", fontName=REGULAR, fontSize=10)
    visits = fmt.number(178114)  # digits grouped by a narrow no-break space
    paragraph = Paragraph(text(f"texte assez long {visits} visites, soit 46 %"), style)
    paragraph.wrap(60, 1000)
    # One style throughout: each line is (free width, [words]).
    lines = [" ".join(words) for _, words in paragraph.blPara.lines]
    assert len(lines) > 2
    assert any(visits in line for line in lines)
    assert any(f"46{NNBSP}%" in line for line in lines)
