"""Regional bodies of the network, one row per region."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from avereport.model.edition import RegionalBody, Section
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.tables import data_table


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    bodies = ctx.edition.governance.regional_bodies
    if not bodies:
        return []
    widths = [4.5 * cm, ctx.width - 7.9 * cm, 3.4 * cm]
    return [
        data_table(
            ["Région", "Instance régionale", "Site internet"],
            [_row(b) for b in bodies],
            widths,
            ctx.styles,
            ctx.palette,
        )
    ]


def _row(body: RegionalBody) -> list[str]:
    text = markup.bold(markup.text(body.name)) if body.name.strip() else ""
    if body.description.strip():
        text += ("<br/>" if text else "") + markup.text(body.description)
    return [
        markup.text(body.region.label if body.region else "—"),
        text,
        markup.escape(body.website),
    ]
