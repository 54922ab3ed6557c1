"""Software user clubs: software, audience and meetings held."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from avereport.model.compute import club_lines
from avereport.model.edition import Section
from avereport.model.wording import delta, value
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.tables import data_table


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    clubs = ctx.edition.training.clubs
    if not clubs:
        return []
    lines = club_lines(ctx.edition, ctx.previous)
    rows = []
    for club, line in zip(clubs, lines, strict=True):
        meetings = "—" if line.value is None else f"{value(line)} {delta(line)}".strip()
        rows.append(
            [
                markup.bold(markup.text(club.name)),
                markup.text(club.software),
                markup.text(club.audience),
                markup.escape(meetings),
            ]
        )
    widths = [4.0 * cm, 3.2 * cm, ctx.width - 10.2 * cm, 3.0 * cm]
    header = ["Club", "Logiciel", "Public", f"Réunions en {ctx.year}"]
    return [data_table(header, rows, widths, ctx.styles, ctx.palette, numeric=(3,))]
