"""How much of the network is a member: rates as tiles, a sentence per kind
of structure, and the coverage chart."""

from __future__ import annotations

from reportlab.platypus import Flowable

from avereport.model import fmt
from avereport.model.compute import CoverageLine, summarise_coverage
from avereport.model.edition import NetworkKind, Section
from avereport.report import chart_requests, markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tiles import Tile, TileGrid

# Agreement of "recensé" with the kind's noun (PLIE is masculine, Maison feminine).
_COUNTED = {NetworkKind.PLIE: "recensés", NetworkKind.MDE: "recensées"}


def _usable(line: CoverageLine) -> bool:
    members, total = line.members.value, line.total.value
    return members is not None and total is not None and 0 <= members <= total and total > 0


def sentence(line: CoverageLine, previous_year: int) -> str:
    if line.kind is NetworkKind.OI:
        text = f"{fmt.number(line.total.value)} {line.label.lower()}"
        if line.grouped_plie.value is not None:
            text += f" regroupent {fmt.number(line.grouped_plie.value)} PLIE"
        return text + "."
    text = f"Sur les {fmt.number(line.total.value)} {line.label} {_COUNTED[line.kind]}"
    text += (
        f", {fmt.number(line.members.value)} sont adhérents de l'association, soit {fmt.percent(line.rate)}"
    )
    if line.previous_rate is not None:
        text += f" ({fmt.percent(line.previous_rate)} en {previous_year})"
    return text + "."


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    lines = summarise_coverage(ctx.edition, ctx.previous)
    rated = [line for line in lines if line.kind is not NetworkKind.OI and _usable(line)]
    pivots = [line for line in lines if line.kind is NetworkKind.OI and line.total.value is not None]
    if not rated and not pivots:
        return []
    tiles = [
        Tile(
            value=markup.escape(fmt.percent(line.rate)),
            label=markup.text(
                f"des {line.label} sont adhérents ({fmt.number(line.members.value)} sur {fmt.number(line.total.value)})"
            ),
            fraction=line.rate / 100,
        )
        for line in rated
    ]
    tiles += [
        Tile(
            value=markup.escape(fmt.number(line.total.value)),
            label=markup.text(
                line.label.lower()
                + (
                    f", qui regroupent {fmt.number(line.grouped_plie.value)} PLIE"
                    if line.grouped_plie.value is not None
                    else ""
                )
            ),
        )
        for line in pivots
    ]
    flowables: list[Flowable] = [TileGrid(tiles, ctx.styles, ctx.palette, columns=3)]
    flowables += [
        Paragraph(markup.text(sentence(line, ctx.year - 1)), ctx.styles.body) for line in rated + pivots
    ]
    if rated:
        bars = tuple((line.label, line.members.value, line.total.value) for line in rated)
        flowables.append(ctx.chart(chart_requests.network_coverage(bars)))
    return flowables
