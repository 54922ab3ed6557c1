"""How the report falls on its pages, read back from the PDF with pypdf: no
heading ends a page, and a section's short end (a few lines, a chart) is
pulled back onto the section's previous page instead of standing alone."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

import pytest
from pypdf import PdfReader

from avereport.demo import demo_editions
from avereport.model.edition import Edition, Organisation, Section
from avereport.model.succession import start_next_edition
from avereport.report import export_pdf
from avereport.report.document import FOOTER_BASELINE, HEADER_BASELINE
from avereport.report.fonts import BOLD
from avereport.report.styles import Palette, Styles

YEAR = 2021
STYLES = Styles(Palette.of(Edition(year=YEAR).organisation))
HEADING_SIZES = {STYLES.h1.fontSize, STYLES.h2.fontSize, STYLES.h3.fontSize, STYLES.h4.fontSize}
# Text between the running header and footer.
BODY_TOP = HEADER_BASELINE - 6
BODY_BOTTOM = FOOTER_BASELINE + 12


@dataclass(frozen=True)
class Text:
    y: float
    size: float
    bold: bool
    text: str


def body_texts(page) -> list[Text]:
    """The text drawn on ``page`` between its header and footer, from the top."""
    found: list[Text] = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if BODY_BOTTOM < y < BODY_TOP:
            name = str((font or {}).get("/BaseFont", ""))
            found.append(Text(round(y, 1), round(size, 2), name.endswith(BOLD), text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda t: -t.y)


def pages_of(editions: list[Edition], year: int) -> list[list[Text]]:
    out = io.BytesIO()
    export_pdf(editions, year, out)
    return [body_texts(page) for page in PdfReader(io.BytesIO(out.getvalue())).pages]


@cache
def demo_pages() -> list[list[Text]]:
    return pages_of(demo_editions(), YEAR)


@cache
def new_edition_pages() -> list[list[Text]]:
    """The 2022 edition as « Nouvelle édition » starts it: texts carried, figures empty."""
    editions = demo_editions()
    return pages_of([*editions, start_next_edition(editions[-1])], YEAR + 1)


def opens_chapter(page: list[Text]) -> bool:
    return any(t.bold and t.size == STYLES.h1.fontSize for t in page)


def lines(page: list[Text]) -> int:
    return len({t.y for t in page})


@pytest.mark.parametrize("pages", [demo_pages, new_edition_pages], ids=["démo 2021", "nouvelle édition 2022"])
def test_no_heading_ends_a_page(pages):
    for number, page in enumerate(pages()[1:], start=2):
        assert page, f"page {number} vide"
        last = page[-1]
        heading = last.bold and last.size in HEADING_SIZES
        assert not heading, f"page {number} finit sur le titre « {last.text} »"


@pytest.mark.parametrize("pages", [demo_pages, new_edition_pages], ids=["démo 2021", "nouvelle édition 2022"])
def test_a_chapter_never_ends_with_two_lines_alone(pages):
    shown = pages()
    for number, page in enumerate(shown[1:], start=2):
        ends_chapter = number == len(shown) or opens_chapter(shown[number])
        if ends_chapter and not opens_chapter(page):
            assert lines(page) > 2, f"page {number} : {[t.text for t in page]}"


def test_the_closing_chart_stays_with_the_figures_before_it():
    """In the demo, the communication chart closes the report: on the page
    of the figures before it, not alone on a page of its own."""
    last = " ".join(t.text for t in demo_pages()[-1])
    assert "Communication : évolution sur plusieurs années" in last
    assert "178\u202f114" in last


def test_the_demo_s_exchange_chapter_fits_its_page():
    """« Favoriser l'échange » overflowed its page by two lines: they are
    pulled back, and the chapter after it starts on the next page."""
    pages = demo_pages()
    opening = next(
        i
        for i, page in enumerate(pages)
        if any(t.text == "Favoriser l'échange" and t.size == STYLES.h1.fontSize for t in page)
    )
    assert "se tiendront en" in " ".join(t.text for t in pages[opening])
    assert opening + 1 < len(pages) and opens_chapter(pages[opening + 1])


def narrative(paragraphs: int) -> Edition:
    text = (
        "Le réseau réunit ses adhérents chaque trimestre autour des projets de territoire, "
        "des dispositifs d'insertion et des clauses sociales, et partage ses outils avec eux."
    )
    body = "\n\n".join(f"Paragraphe {n} : {text}" for n in range(1, paragraphs + 1))
    return Edition(
        year=YEAR,
        organisation=Organisation(name="Réseau d'essai"),
        outline=(
            Section(key="recit", heading="Récit", body=body),
            Section(key="suite", heading="Suite", body="Fin."),
        ),
    )


def test_a_section_overflowing_by_a_few_lines_is_pulled_back():
    """Whatever its length, a section of short paragraphs never leaves one
    or two lines alone on its last page: spacing is tightened instead."""
    for paragraphs in range(32, 44):
        pages = pages_of([narrative(paragraphs)], YEAR)
        chapter = [page for page in pages[2:] if not any(t.text == "Fin." for t in page)]
        tail = chapter[-1]
        assert opens_chapter(tail) or lines(tail) > 2, (paragraphs, [t.text for t in tail])


def test_a_tail_after_a_table_kept_whole_is_pulled_back():
    """In the demo, « Mise à disposition d'outils » (a heading and two
    bullets) followed a table kept on one page and stood alone on the last
    page of « Outiller et former »: it now ends the page of that table."""
    pages = demo_pages()
    tools = next(
        i
        for i, page in enumerate(pages)
        if any(t.text == "Mise à disposition d'outils" and t.size in HEADING_SIZES for t in page)
    )
    text = " ".join(t.text for t in pages[tools])
    assert "Club Viesion" in text and "Supports de communication" in text
    assert opens_chapter(pages[tools + 1])


def test_blocks_kept_together_are_measured_block_by_block():
    """A tail that holds a ``Together`` is measured by its parts: a plain
    KeepTogether reports itself higher than any page, so no tail with one
    was ever tightened."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import KeepTogether, Spacer

    from avereport.report.tail_fit import fit_tail
    from avereport.report.together import Together

    def tail(keep):
        # 5 blocks of 100 pt with 20 pt between them: 580 pt for a 560 pt page.
        blocks = [Spacer(10, 100) for _ in range(5)]
        for block in blocks:
            block.spaceBefore = block.spaceAfter = 20
        return [blocks[0], keep(blocks[1:3]), *blocks[3:]]

    canvas = Canvas(io.BytesIO())
    assert fit_tail(tail(Together), canvas, 400, 560)
    assert not fit_tail(tail(KeepTogether), canvas, 400, 560)
