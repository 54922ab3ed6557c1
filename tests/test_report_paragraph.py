"""The report's paragraph keeps its parsing and line breaking for reuse; it
must lay out exactly as reportlab's own paragraph does, whatever was wrapped
before it, at whatever width."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import cm
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer, Table
from reportlab.platypus import Paragraph as ReportlabParagraph

from avereport.model.edition import Organisation
from avereport.report.document import BODY, FRAME_HEIGHT, Contents, ReportDocument, RunningText
from avereport.report.paragraph import LONG_LINES, Paragraph
from avereport.report.styles import Palette, Styles

PALETTE = Palette.of(Organisation())
LONG = (
    "Le réseau a accompagné <b>178\u202f114 participants</b> cette année, dont une part "
    "croissante de jeunes de moins de 26\u202fans ; les <i>Maisons de l'emploi</i> ont "
    "conduit des actions de proximité dans les quartiers prioritaires. "
) * 12
PLAIN = "Une phrase sans balise, assez longue pour tenir sur plusieurs lignes étroites. " * 3
# Soft hyphens: reportlab hyphenates at them, altering its words as it goes.
HYPHENATED = "anti\xadcons\xadti\xadtu\xadtion\xadnelle\xadment " * 6


@pytest.fixture(scope="module")
def styles():
    return Styles(PALETTE)


def lines(paragraph) -> list[str]:
    """The text of each line of the paragraph's last wrap."""
    layout = paragraph.blPara
    if layout.kind == 0:
        return [" ".join(words) for _, words in layout.lines]
    return ["".join(getattr(word, "text", "") for word in line.words) for line in layout.lines]


def reference(text, style, width):
    paragraph = ReportlabParagraph(text, style)
    height = paragraph.wrap(width, 10_000)[1]
    return height, lines(paragraph)


@pytest.mark.parametrize("text", [LONG, PLAIN, HYPHENATED])
def test_wrapping_again_at_another_width_breaks_the_lines_for_that_width(styles, text):
    paragraph = Paragraph(text, styles.body)
    for width in (300, 120, 300, 75.5, 120):
        height = paragraph.wrap(width, 10_000)[1]
        assert (height, lines(paragraph)) == reference(text, styles.body, width)


def test_paragraphs_of_one_text_share_line_breaking_but_split_at_their_own_width(styles):
    wide, narrow = Paragraph(LONG, styles.body), Paragraph(LONG, styles.body)
    wide.wrap(400, 10_000)
    narrow.wrap(150, 10_000)
    expected = {}
    for width in (400, 150):
        model = ReportlabParagraph(LONG, styles.body)
        model.wrap(width, 10_000)
        expected[width] = [part.getPlainText() for part in model.split(width, 5 * styles.body.leading)]
    assert [part.getPlainText() for part in wide.split(400, 5 * styles.body.leading)] == expected[400]
    assert [part.getPlainText() for part in narrow.split(150, 5 * styles.body.leading)] == expected[150]


def test_a_paragraph_of_the_same_markup_in_another_style_is_laid_out_in_that_style(styles):
    Paragraph(PLAIN, styles.body).wrap(200, 10_000)
    small = Paragraph(PLAIN, styles.note)
    assert small.style is styles.note
    assert (small.wrap(200, 10_000)[1], lines(small)) == reference(PLAIN, styles.note, 200)


def document(paragraph_class, styles, column_widths: tuple[float, float]) -> bytes:
    """Paragraphs and a table split across pages, the same texts at several
    widths and in several cells."""
    story = [NextPageTemplate(BODY), Spacer(1, 1), PageBreak()]
    for text in (LONG, PLAIN, LONG, HYPHENATED):
        story.append(paragraph_class(text, styles.body))
    rows = [
        [paragraph_class(text, styles.cell), paragraph_class(text, styles.cell_right)]
        for _ in range(14)
        for text in (PLAIN, f"{len(PLAIN)}\u202f%", HYPHENATED, LONG[:400])
    ]
    story.append(Table(rows, colWidths=list(column_widths), repeatRows=1, splitInRow=48))
    story.append(paragraph_class(LONG, styles.quote))
    out = io.BytesIO()
    running = RunningText(organisation="Réseau", title="Rapport")
    pdf = ReportDocument(
        out, palette=PALETTE, running=running, draw_cover=lambda canvas, doc: None, metadata={}
    )
    assert pdf.build_report(story, Contents([], styles, "")) > 3
    return out.getvalue()


def test_documents_lay_out_as_with_reportlabs_paragraph_one_after_another(styles):
    for widths in ((9 * cm, 7.5 * cm), (4 * cm, 12.5 * cm), (9 * cm, 7.5 * cm)):
        assert document(Paragraph, styles, widths) == document(ReportlabParagraph, styles, widths)


def long_document(paragraph_class, styles, text: str) -> bytes:
    story = [NextPageTemplate(BODY), Spacer(1, 1), PageBreak(), paragraph_class(text, styles.body)]
    out = io.BytesIO()
    running = RunningText(organisation="Réseau", title="Rapport")
    pdf = ReportDocument(
        out, palette=PALETTE, running=running, draw_cover=lambda canvas, doc: None, metadata={}
    )
    assert pdf.build_report(story, Contents([], styles, "")) > 4
    return out.getvalue()


@pytest.mark.parametrize("text", [LONG * 14, PLAIN * 80, HYPHENATED * 120])
def test_a_paragraph_of_many_pages_splits_from_its_lines_as_reportlab_splits_it(styles, text):
    paragraph = Paragraph(text, styles.body)
    paragraph.wrap(16 * cm, 10_000)
    assert len(paragraph.blPara.lines) > 3 * LONG_LINES
    assert long_document(Paragraph, styles, text) == long_document(ReportlabParagraph, styles, text)


def test_a_paragraph_of_many_pages_of_hard_breaks_starts_no_page_with_an_empty_line(styles):
    # reportlab's own split opens each continuation page with an empty line.
    text = "<br/>".join(f"Ligne <b>{i}</b>" for i in range(420))
    pages = PdfReader(io.BytesIO(long_document(Paragraph, styles, text))).pages
    printed = [[int(line.split()[1]) for line in page.extract_text().splitlines()[:-3]] for page in pages[1:]]
    assert [number for page in printed for number in page] == list(range(420))
    full_page = int(FRAME_HEIGHT // styles.body.leading)
    assert [len(page) for page in printed] == [full_page] * (420 // full_page) + [420 % full_page]


def test_the_rest_of_a_long_paragraph_is_not_broken_again_at_the_frames_width(styles, monkeypatch):
    """The frame computes the page's width in another order than the layout
    (float noise in the last digit): the rest of a long paragraph measured at
    either width must not break all its lines again, page after page."""
    from reportlab.platypus import Frame
    from reportlab.platypus import paragraph as reportlab_paragraph

    from avereport.report.document import FRAME_WIDTH, MARGIN_BOTTOM, MARGIN_X

    frame_width = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0)._getAvailableWidth()
    paragraph = Paragraph("<br/>".join(f"Ligne {i}" for i in range(400)), styles.body)
    paragraph.wrap(frame_width, FRAME_HEIGHT)
    _, rest = paragraph.split(frame_width, FRAME_HEIGHT)
    breaks = []
    original = reportlab_paragraph.Paragraph.breakLines
    monkeypatch.setattr(
        reportlab_paragraph.Paragraph,
        "breakLines",
        lambda self, *args, **kwargs: breaks.append(1) or original(self, *args, **kwargs),
    )
    for width in (FRAME_WIDTH, frame_width):
        assert rest.wrap(width, FRAME_HEIGHT) == (rest.width, rest.height)
        assert len(rest.split(width, FRAME_HEIGHT)) == 2
    assert breaks == []
