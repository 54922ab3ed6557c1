"""Narrative Markdown to reportlab flowables, through a real CommonMark parser."""

from __future__ import annotations

import pytest
from reportlab.platypus import ListFlowable, Paragraph

from avereport.model.edition import Organisation
from avereport.report.markdown import MarkdownRenderer
from avereport.report.styles import Palette, Styles
from avereport.report.typography import NNBSP


@pytest.fixture
def render():
    palette = Palette.of(Organisation())
    renderer = MarkdownRenderer(Styles(palette), palette)
    return renderer.render


def paragraphs(flowables) -> list[str]:
    return [f.text for f in flowables if isinstance(f, Paragraph)]


def test_emphasis_and_paragraphs(render):
    flowables = render("Un **texte gras** et _italique_.\n\nSecond paragraphe.")
    assert paragraphs(flowables) == ["Un <b>texte gras</b> et <i>italique</i>.", "Second paragraphe."]


def test_lists_keep_their_kind_start_and_nesting(render):
    (bullets,) = render("- un\n- deux\n  1. sous-point\n")
    assert isinstance(bullets, ListFlowable)
    assert bullets._bulletType == "bullet"
    assert len(bullets._flowables) == 2
    (numbered,) = render("3. trois\n4. quatre\n")
    assert numbered._bulletType == "1"
    assert numbered._start == 3


def test_links_point_to_their_address(render):
    (paragraph,) = render("Voir [le site](https://www.ville-emploi.asso.fr/?a=1&b=2).")
    assert '<a href="https://www.ville-emploi.asso.fr/?a=1&amp;b=2"' in paragraph.text
    assert ">le site</a>" in paragraph.text


def test_scripted_links_stay_text(render):
    (paragraph,) = render("[clic](javascript:alert(1))")
    assert "<a " not in paragraph.text
    assert "[clic](javascript" in paragraph.text


def test_html_is_shown_as_text(render):
    (paragraph,) = render("R&D <Nord> & <b>x</b>")
    assert paragraph.text == "R&amp;D &lt;Nord&gt; &amp; &lt;b&gt;x&lt;/b&gt;"


def test_french_spacing_spans_emphasis(render):
    (paragraph,) = render('**Note** : "cité"')
    assert paragraph.text == f"<b>Note</b>{NNBSP}: «{NNBSP}cité{NNBSP}»"


def test_headings_quotes_code_and_rules(render):
    flowables = render("# Titre\n\n> citée\n\n    code <x>\n\n---\n")
    texts = paragraphs(flowables)
    assert texts[:3] == ["Titre", "citée", "code &lt;x&gt;"]
    assert len(flowables) == 4


def test_blank_text_gives_nothing(render):
    assert render("") == []
    assert render("  \n\n ") == []


def test_a_text_rendered_again_gives_new_flowables_of_its_own_content(render):
    source = 'Un **texte** : "cité".\n\nSuite.'
    first, again = render(source), render(source)
    assert (
        paragraphs(again) == paragraphs(first) == [f"Un <b>texte</b>{NNBSP}: «{NNBSP}cité{NNBSP}».", "Suite."]
    )
    assert not {id(f) for f in first} & {id(f) for f in again}
    assert paragraphs(render(source.replace("Suite", "Fin"))) == [paragraphs(first)[0], "Fin."]
