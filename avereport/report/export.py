"""``export_pdf``: one edition of a document as the designed annual report.

Pure reportlab (no Qt), so the command line, the app and the tests share it.
The output is reproducible: the same editions give a byte-identical PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from avereport.errors import UserError
from avereport.model.edition import Edition, Section
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.outputs import check_output, write_file
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.cover import Cover
from avereport.report.document import (
    BODY,
    FRAME_WIDTH,
    Contents,
    Entry,
    Heading,
    ReportDocument,
    RunningText,
    SectionBanner,
)
from avereport.report.paragraph import Paragraph
from avereport.report.sections import section_content
from avereport.report.styles import Palette, Styles, styles_of
from avereport.report.typography import french

if TYPE_CHECKING:
    from avereport.report.chart_worker import ChartWorker

# A heading must fit a page; no real one comes near this.
MAX_HEADING_CHARS = 240
EMPTY_CONTENTS = "Aucune section de cette édition ne contient encore de texte ni de données."


@dataclass(frozen=True)
class ExportResult:
    page_count: int
    omitted: tuple[Section, ...]  # sections left out because they had nothing to show
    pages: dict[str, int]  # first page of each section shown, by section key


@dataclass(frozen=True)
class _Planned:
    section: Section
    entry: Entry
    content: list[Flowable]


def export_pdf(
    editions: list[Edition],
    year: int,
    out: Path | BinaryIO,
    *,
    chart_worker: ChartWorker | None = None,
    protected: Iterable[Path] = (),
    changed: dt.datetime | None = None,
) -> ExportResult:
    """Write the report of edition ``year``; the other editions give the
    previous year's figures and the charts across years. ``changed``, when
    the editions last changed (the caller knows it from the document's
    history), dates the PDF; without it the PDF carries no date. Charts not drawn
    yet are drawn by ``chart_worker`` if given, otherwise here. A path
    ``out`` is refused before any work if it is one of the ``protected``
    documents (the one the editions come from) or otherwise unsafe (see
    ``avereport.outputs``)."""
    protected = list(protected)
    if isinstance(out, (str, os.PathLike)):
        check_output(Path(out), protected=protected)
    ctx = render_context(editions, year, chart_worker=chart_worker)
    edition, styles, palette = ctx.edition, ctx.styles, ctx.palette
    planned, omitted = _plan(edition, ctx)
    if chart_worker is not None:
        chart_worker.no_more_requests()
    contents = Contents([p.entry for p in planned], styles, markup.text(EMPTY_CONTENTS))
    organisation = edition.organisation.name.strip()
    title = edition.title
    buffer = io.BytesIO()
    document = ReportDocument(
        buffer,
        palette=palette,
        running=RunningText(organisation=organisation, title=title),
        draw_cover=Cover(edition.organisation, edition.year, palette).draw,
        metadata={
            "title": title,
            "author": organisation,
            "subject": _subject(edition.year, organisation),
            "creator": "avereport",
            "keywords": [part for part in (organisation, title) if part],
        },
        changed=changed,
    )
    pages = document.build_report(_story(planned, contents, styles, palette), contents)
    if isinstance(out, (str, os.PathLike)):
        write_file(Path(out), buffer.getvalue(), protected=protected)
    else:
        out.write(buffer.getvalue())
    toc_pages = contents.pages()
    return ExportResult(
        page_count=pages,
        omitted=tuple(omitted),
        pages={p.section.key: toc_pages[p.entry.key] for p in planned if p.entry.key in toc_pages},
    )


def _subject(year: int, organisation: str) -> str:
    subject = f"L'activité de l'année {year}"
    return f"{subject} — {organisation}" if organisation else subject


def render_context(
    editions: list[Edition],
    year: int,
    kind: type[RenderContext] = RenderContext,
    chart_worker: ChartWorker | None = None,
) -> RenderContext:
    """What the sections of edition ``year`` are rendered with; the other
    editions give the previous year's figures and the charts across years."""
    edition = next((e for e in editions if e.year == year), None)
    if edition is None:
        raise UserError(f"Le document ne contient pas d'édition {year}.")
    history = sorted((e for e in editions if e.year <= year), key=lambda e: e.year)
    previous = next((e for e in history if e.year == year - 1), None)
    palette = Palette.of(edition.organisation)
    return kind(edition, previous, history, styles_of(palette), palette, FRAME_WIDTH, chart_worker)


def _plan(edition: Edition, ctx: RenderContext) -> tuple[list[_Planned], list[Section]]:
    """Render every section; keep those with content or with kept subsections,
    and give each kept one its depth in the PDF outline."""
    outline = edition.outline
    contents = [section_content(section, ctx) for section in outline]
    kept = [False] * len(outline)
    for index in reversed(range(len(outline))):
        if contents[index]:
            kept[index] = True
        end = index + 1
        while end < len(outline) and outline[end].level > outline[index].level:
            kept[index] = kept[index] or kept[end]
            end += 1
    planned: list[_Planned] = []
    omitted: list[Section] = []
    open_levels: list[int] = []  # the levels of the sections still open above this one
    number = 0
    for index, section in enumerate(outline):
        if not kept[index]:
            omitted.append(section)
            continue
        while open_levels and open_levels[-1] >= section.level:
            open_levels.pop()
        depth = len(open_levels)
        open_levels.append(section.level)
        heading = markup.shortened(section.heading, MAX_HEADING_CHARS) or SECTION_KIND_LABELS[section.kind]
        if depth == 0:
            number += 1
        entry = Entry(
            key=f"section-{index}",
            level=depth,
            title=french(heading),
            markup=markup.text(heading),
            number=f"{number:02d}" if depth == 0 else "",
        )
        planned.append(_Planned(section, entry, contents[index]))
    return planned, omitted


def _story(planned: list[_Planned], contents: Contents, styles: Styles, palette: Palette) -> list[Flowable]:
    story: list[Flowable] = [NextPageTemplate(BODY), Spacer(1, 1), PageBreak()]
    story += [Paragraph("Sommaire", styles.toc_title), contents, PageBreak()]
    for position, item in enumerate(planned):
        entry = item.entry
        if entry.level == 0:
            if position:
                story.append(PageBreak())
            story.append(SectionBanner(entry, styles, palette))
        else:
            # A heading needs room for itself and a few lines below it.
            story.append(CondPageBreak(4 * cm if entry.level == 1 else 3 * cm))
            story.append(Heading(entry, styles.h2 if entry.level == 1 else styles.h3))
        story += item.content
    return story
