"""How much of the network is a member: rates as tiles, a sentence per kind
of structure, and the coverage chart."""

from __future__ import annotations

from reportlab.platypus import Flowable

from avereport.model import fmt
from avereport.model.compute import CoverageLine, summarise_coverage
from avereport.model.compute.lines import Number
from avereport.model.edition import NetworkKind, Section
from avereport.report import chart_requests, markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tiles import Tile, TileGrid

# Agreement of "recensé" with the kind's noun (PLIE is masculine, Maison feminine).
_COUNTED = {NetworkKind.PLIE: "recensés", NetworkKind.MDE: "recensées"}


def _figures(line: CoverageLine) -> tuple[Number, Number, int] | None:
    """Members, total and rate of a kind whose rate can be shown, else None."""
    members, total = line.members.value, line.total.value
    if members is None or total is None or line.rate is None or not (0 <= members <= total and total > 0):
        return None
    return members, total, line.rate


def sentence(line: CoverageLine, previous_year: int) -> str:
    """The kind's figures in a sentence; "" when they are not known."""
    if line.kind is NetworkKind.OI:
        if line.total.value is None:
            return ""
        text = f"{fmt.number(line.total.value)} {line.label.lower()}"
        if line.grouped_plie.value is not None:
            text += f" regroupent {fmt.number(line.grouped_plie.value)} PLIE"
        return text + "."
    figures = _figures(line)
    if figures is None:
        return ""
    members, total, rate = figures
    text = f"Sur les {fmt.number(total)} {line.label} {_COUNTED[line.kind]}"
    text += f", {fmt.number(members)} sont adhérents de l'association, soit {fmt.percent(rate)}"
    if line.previous_rate is not None:
        text += f" ({fmt.percent(line.previous_rate)} en {previous_year})"
    return text + "."


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    lines = summarise_coverage(ctx.edition, ctx.previous)
    rated = [
        (line, figures)
        for line in lines
        if line.kind is not NetworkKind.OI and (figures := _figures(line)) is not None
    ]
    pivots = [
        (line, total)
        for line in lines
        if line.kind is NetworkKind.OI and (total := line.total.value) is not None
    ]
    if not rated and not pivots:
        return []
    tiles = [
        Tile(
            value=markup.escape(fmt.percent(rate)),
            label=markup.text(
                f"des {line.label} sont adhérents ({fmt.number(members)} sur {fmt.number(total)})"
            ),
            fraction=rate / 100,
        )
        for line, (members, total, rate) in rated
    ]
    tiles += [
        Tile(
            value=markup.escape(fmt.number(total)),
            label=markup.text(
                line.label.lower()
                + (
                    f", qui regroupent {fmt.number(line.grouped_plie.value)} PLIE"
                    if line.grouped_plie.value is not None
                    else ""
                )
            ),
        )
        for line, total in pivots
    ]
    flowables: list[Flowable] = [TileGrid(tiles, ctx.styles, ctx.palette, columns=3)]
    flowables += [
        Paragraph(markup.text(sentence(line, ctx.year - 1)), ctx.styles.body)
        for line in [line for line, _ in rated] + [line for line, _ in pivots]
    ]
    if rated:
        bars = tuple((line.label, members, total) for line, (members, total, _rate) in rated)
        flowables.append(ctx.chart(chart_requests.network_coverage(bars)))
    return flowables
