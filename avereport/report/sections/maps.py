"""Maps of the network by region, each beside its table of counts."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Table

from avereport.model import fmt
from avereport.model.edition import NetworkKind, Section
from avereport.model.labels import NETWORK_KIND_LABELS
from avereport.model.regions import Region
from avereport.report import chart_requests, markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tables import data_table, table_style
from avereport.report.together import Together

TABLE_WIDTH = 5.4 * cm
COUNT_WIDTH = 1.9 * cm
GAP = 0.4 * cm


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    network = ctx.edition.network
    dates = {c.kind: c.map_date for c in network.coverage}
    flowables: list[Flowable] = []
    for kind in NetworkKind:
        rows = [r for r in network.region_counts if r.kind is kind]
        if not rows:
            continue
        counts: dict[Region, int] = {}
        for row in rows:
            counts[row.region] = counts.get(row.region, 0) + row.count
        flowables.append(_map(kind, counts, dates.get(kind), ctx))
    return flowables


def _map(kind: NetworkKind, counts: dict[Region, int], date, ctx: RenderContext) -> Flowable:
    title = f"{NETWORK_KIND_LABELS[kind]} par région"
    data = tuple(
        (region.value, count)
        for region, count in sorted(counts.items(), key=lambda item: list(Region).index(item[0]))
    )

    chart = ctx.chart(chart_requests.region_map(kind, data), max_width=ctx.width - TABLE_WIDTH - GAP)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].label))
    rows = [
        [markup.text(region.short_label), markup.escape(fmt.number(count))]
        for region, count in ordered
        if count
    ]
    rows.append([markup.bold("Total"), markup.bold(markup.escape(fmt.number(sum(counts.values()))))])
    table = data_table(
        ["Région", "Nombre"],
        rows,
        [TABLE_WIDTH - COUNT_WIDTH, COUNT_WIDTH],
        ctx.styles,
        ctx.palette,
        numeric=(1,),
        in_cell=True,
    )
    layout = Table(
        [[chart, table]], colWidths=[ctx.width - TABLE_WIDTH - GAP, TABLE_WIDTH + GAP], hAlign="LEFT"
    )
    layout.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), GAP),
            ]
        )
    )
    caption = f"{title}, adhérents ou non"
    if date:
        caption += (
            f" — situation en {fmt.date(date)}"
            if date.precision != "day"
            else f" — situation au {fmt.date(date)}"
        )
    return Together([layout, Paragraph(markup.text(caption + "."), ctx.styles.caption)])
