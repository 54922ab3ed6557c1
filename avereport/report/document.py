"""The A4 page set-up: cover, running header and footer, headings that feed
the table of contents and the PDF outline, and the one-pass build.

The table of contents needs the pages its headings land on, and the footer
"page N sur M" needs the page count, neither known while the pages are laid
out. Both are PDF forms, drawn where they belong and filled in once the last
page is done, so the document is laid out only once. (The contents are made
with their final entries, so they take their final room from the start.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Table
from reportlab.platypus.flowables import Flowable

from avereport.report.fonts import BOLD, REGULAR
from avereport.report.paragraph import Paragraph
from avereport.report.styles import MUTED, RULE, Palette, Styles
from avereport.report.tables import table_style
from avereport.report.tail_fit import fit_tail

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 2.25 * cm
MARGIN_TOP = 2.6 * cm
MARGIN_BOTTOM = 2.3 * cm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
HEADER_BASELINE = PAGE_HEIGHT - MARGIN_TOP + 0.75 * cm
FOOTER_BASELINE = MARGIN_BOTTOM - 1.0 * cm

COVER = "cover"
BODY = "body"


@dataclass(frozen=True)
class Entry:
    """One heading: ``key`` names its PDF destination, ``level`` is its depth in
    the outline (0 for top-level sections), ``number`` the "01" of a top-level one."""

    key: str
    level: int
    title: str
    markup: str
    number: str = ""


class _Destination:
    """Mixin for flowables that are headings: bookmark their top when drawn."""

    entry: Entry
    # Set by the Flowable it is mixed into: the canvas it is drawn on, its height.
    canv: Any
    height: float

    def _mark(self) -> None:
        self.canv.bookmarkHorizontal(self.entry.key, 0, self.height)


class Heading(_Destination, Paragraph):
    """A level-2 or deeper heading; it never splits (it moves to the next page)."""

    def __init__(self, entry: Entry, style) -> None:
        Paragraph.__init__(self, entry.markup, style)
        self.entry = entry

    def split(self, availWidth, availHeight):
        return []

    def draw(self) -> None:
        Paragraph.draw(self)
        self._mark()


class SectionBanner(_Destination, Flowable):
    """The opening of a top-level section: a brand-coloured band with the
    section number and its title in white."""

    PADDING = 16

    def __init__(self, entry: Entry, styles: Styles, palette: Palette) -> None:
        Flowable.__init__(self)
        self.entry = entry
        self.palette = palette
        self._number = Paragraph(entry.number, styles.h1_number)
        self._title = Paragraph(entry.markup, styles.h1)
        self.spaceAfter = 18

    def wrap(self, availWidth, availHeight):
        inner = availWidth - 2 * self.PADDING
        _, number_height = self._number.wrap(inner, availHeight)
        _, title_height = self._title.wrap(inner, availHeight)
        self.width = availWidth
        self.height = max(3.2 * cm, number_height + title_height + 6 + 2 * self.PADDING)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.palette.primary)
        canvas.roundRect(0, 0, self.width, self.height, 6, stroke=0, fill=1)
        canvas.setFillColor(self.palette.secondary)
        canvas.rect(0, 0, 6, self.height, stroke=0, fill=1)
        canvas.restoreState()
        title_height = self._title.height
        self._title.drawOn(canvas, self.PADDING, self.PADDING)
        self._number.drawOn(canvas, self.PADDING, self.PADDING + title_height + 6)
        self._mark()


class PageNumber(Flowable):
    """The page a heading lands on, as its contents entry prints it (right-
    aligned, linked to the heading): a form, filled in by ``fill`` once the
    page is known, drawn exactly where a paragraph of the number would be."""

    def __init__(self, key: str, style) -> None:
        super().__init__()
        self.key = key
        self.style = style

    @property
    def form(self) -> str:
        return f"page-of-{self.key}"

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        _, self.height = Paragraph("0", self.style).wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        self.canv.doForm(self.form)
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)

    def fill(self, canvas: Canvas, page: int) -> None:
        canvas.beginForm(self.form)
        number = Paragraph(str(page), self.style)
        number.wrapOn(canvas, self.width, self.height)
        number.drawOn(canvas, 0, 0)
        canvas.endForm()


class Contents(Flowable):
    """Table of contents: top-level entries in bold with their number, the
    others indented below; page numbers right-aligned and linked."""

    def __init__(self, entries: list[Entry], styles: Styles, empty_note: str) -> None:
        super().__init__()
        self.styles = styles
        self.empty_note = empty_note
        self._entries = entries
        self._numbers = [
            PageNumber(
                entry.key, (styles.toc_page_1, styles.toc_page_2, styles.toc_page_3)[min(entry.level, 2)]
            )
            for entry in entries
        ]
        self._pages: dict[str, int] = {}
        self._table: Flowable | None = None
        self._table_width: float | None = None

    def notify(self, entry: Entry, page: int) -> None:
        """A heading has landed on ``page``."""
        self._pages[entry.key] = page

    def pages(self) -> dict[str, int]:
        """Page of each entry key, as printed in the contents."""
        return dict(self._pages)

    def fill(self, canvas: Canvas) -> None:
        """Print the page numbers, once every heading is placed."""
        for number in self._numbers:
            number.fill(canvas, self._pages[number.key])

    def _build_table(self, width: float) -> Flowable:
        s = self.styles
        if not self._entries:
            return Paragraph(self.empty_note, s.body)
        rows: list[list[Flowable]] = []
        commands: list[tuple] = [  # reportlab's table style commands, of varying lengths
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        for index, (entry, number) in enumerate(zip(self._entries, self._numbers, strict=True)):
            level = min(entry.level, 2)
            text_style = (s.toc_1, s.toc_2, s.toc_3)[level]
            link = f'<a href="#{entry.key}">{entry.markup}</a>'
            rows.append([Paragraph(entry.number, text_style), Paragraph(link, text_style), number])
            if level:
                commands.append(("LEFTPADDING", (1, index), (1, index), 14 * (level - 1)))
            else:
                commands.append(("TOPPADDING", (0, index), (-1, index), 9 if index else 0))
                commands.append(("BOTTOMPADDING", (0, index), (-1, index), 3))
                commands.append(("LINEBELOW", (0, index), (-1, index), 0.5, RULE))
        return Table(rows, colWidths=(1.1 * cm, width - 2.6 * cm, 1.5 * cm), style=table_style(commands))

    def _table_at(self, width: float) -> Flowable:
        """The table for ``width`` (a split right after a wrap reuses it)."""
        if self._table_width != width:
            self._table = self._build_table(width)
            self._table_width = width
        return self._table

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self._table_at(availWidth).wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return self._table_at(availWidth).splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)


@dataclass(frozen=True)
class RunningText:
    """What the header and footer of every body page say."""

    organisation: str
    title: str


class ReportDocument(BaseDocTemplate):
    """Cover page template, then body pages with header and footer."""

    def __init__(
        self,
        out: str | BinaryIO,
        *,
        palette: Palette,
        running: RunningText,
        draw_cover: Callable,
        metadata: dict[str, str | list[str]],
        changed: dt.datetime | None = None,
    ) -> None:
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            invariant=1,
            initialFontName=REGULAR,
            lang="fr-FR",
            displayDocTitle=1,
            **metadata,
        )
        self.palette = palette
        self.running = running
        self.changed = changed
        self.section_title = ""
        self._contents: Contents | None = None
        self._footers: list[int] = []  # pages whose footer awaits the page count
        self._fitted_page = 0  # the last page whose section end was looked for
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0, id="main")
        cover_frame = Frame(0, 0, PAGE_WIDTH, PAGE_HEIGHT, 0, 0, 0, 0, id="cover")
        self.addPageTemplates(
            [
                PageTemplate(id=COVER, frames=[cover_frame], onPage=draw_cover),
                PageTemplate(id=BODY, frames=[frame], onPageEnd=self._decorate),
            ]
        )

    def build_report(self, story: list[Flowable], contents: Contents) -> int:
        """Lay out the story, fill in the page numbers, write the file;
        return the page count."""
        self._contents = contents
        self._footers = []
        self._fitted_page = 0
        self._doSave = 0  # reportlab's switch: the forms are filled in before saving
        self.build(story)
        pages = self.page
        contents.fill(self.canv)
        for page in self._footers:
            self._fill_footer(page, pages)
        self.canv.save()
        return pages

    def beforeDocument(self) -> None:
        self.section_title = ""
        self.canv.showOutline()  # readers open the PDF with its bookmarks shown
        # reportlab dates a reproducible PDF 1 January 2000: this one is dated
        # by the document's last change instead, or not at all when unknown.
        # (Its document information is replaced: reportlab has no setting for it.)
        self.canv._doc.info = DatedInfo.of(self.canv._doc.info, self.changed)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        # The first block of a body page: a short end of section left for the
        # next page is pulled back onto this one if tightening it makes room.
        if self._fitted_page != self.page and self.pageTemplate.id == BODY:
            self._fitted_page = self.page
            fit_tail(flowables, self.canv, FRAME_WIDTH, FRAME_HEIGHT)
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "entry", None)
        if not isinstance(entry, Entry):
            return
        if entry.level == 0:
            self.section_title = entry.title
        if self._contents is not None:  # set by build_report
            self._contents.notify(entry, self.page)
        self.canv.addOutlineEntry(entry.title, entry.key, entry.level, closed=False)

    def _decorate(self, canvas, doc) -> None:
        """Running header (organisation, section) and footer (title, page N sur M)."""
        canvas.saveState()
        top, bottom = HEADER_BASELINE, FOOTER_BASELINE
        right = PAGE_WIDTH - MARGIN_X
        canvas.setStrokeColor(self.palette.primary)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, top - 5, right, top - 5)
        canvas.setFont(BOLD, 7.5)
        canvas.setFillColor(self.palette.primary)
        canvas.drawString(
            MARGIN_X, top, _fit(self.running.organisation.upper(), BOLD, 7.5, FRAME_WIDTH / 2 - 10)
        )
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, top, _fit(self.section_title, REGULAR, 7.5, FRAME_WIDTH / 2 - 10))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, bottom + 11, right, bottom + 11)
        footer = " · ".join(part for part in (self.running.organisation, self.running.title) if part)
        canvas.drawString(MARGIN_X, bottom, _fit(footer, REGULAR, 7.5, FRAME_WIDTH - 90))
        canvas.doForm(_footer_form(doc.page))
        self._footers.append(doc.page)
        canvas.restoreState()

    def _fill_footer(self, page: int, pages: int) -> None:
        canvas = self.canv
        canvas.beginForm(_footer_form(page))
        canvas.setFont(BOLD, 7.5)
        canvas.setFillColor(self.palette.primary)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, FOOTER_BASELINE, f"page {page} sur {pages}")
        canvas.endForm()


class DatedInfo(PDFInfo):
    """The PDF's document information, with ``changed`` as its creation and
    modification dates, or without dates when ``changed`` is None."""

    changed: dt.datetime | None = None

    @classmethod
    def of(cls, info: PDFInfo, changed: dt.datetime | None) -> DatedInfo:
        dated = cls()
        dated.__dict__.update(info.__dict__)
        dated.changed = changed
        return dated

    def format(self, document) -> bytes:
        entries = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "Trapped": PDFName(self.trapped),
        }
        if self.changed is not None:
            entries["CreationDate"] = entries["ModDate"] = PDFString(pdf_date(self.changed))
        return PDFDictionary(entries).format(document)


def pdf_date(moment: dt.datetime) -> str:
    """``moment`` as a PDF date, in UTC (a naive one is taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _footer_form(page: int) -> str:
    return f"page-{page}-of-all"


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
