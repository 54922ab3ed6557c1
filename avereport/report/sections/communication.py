"""External communication: the year's figures as tiles with their change,
a year-on-year table, and the figures across editions."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from avereport.model import fmt
from avereport.model.compute import CountLine, summarise_communication
from avereport.model.compute.communication import CommunicationSummary
from avereport.model.compute.lines import Number
from avereport.model.edition import Edition, Section
from avereport.model.wording import change, lower_first
from avereport.report import chart_requests, markup
from avereport.report.context import RenderContext
from avereport.report.sections.key_figures import figure_value
from avereport.report.tables import data_table
from avereport.report.tiles import Tile, TileGrid, tile_label

VISITS = "Visites du site internet"
OFFERS = "Offres d'emploi diffusées"


def lines(summary: CommunicationSummary) -> list[tuple[CountLine, str, Number]]:
    """Every figure of the year known, with its tile label and its value."""
    out = [(summary.website_visits, "visites du site internet")]
    top = summary.top_page_visits
    out.append((top, f"visites de la page la plus consultée : {lower_first(top.label)}"))
    out.append((summary.job_offers, "offres d'emploi diffusées"))
    out += [(line, f"abonnés {line.label}") for line in summary.followers]
    out += [(line, lower_first(line.label)) for line in summary.reach_tiers]
    out += [(line, line.label) for line in summary.metrics]
    return [(line, label, line.value) for line, label in out if line.value is not None]


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    summary = summarise_communication(ctx.edition, ctx.previous)
    shown = lines(summary)
    if not shown:
        return []
    before = ctx.year - 1
    handles = {f.network: f.handle for f in ctx.edition.communication.followers if f.handle.strip()}
    tiles = []
    for line, label, value in shown:
        if line.key in handles and label.startswith("abonnés"):
            label += f" ({handles[line.key]})"
        tiles.append(
            Tile(
                value=figure_value(value, line.unit, line.qualifier),
                label=tile_label(label),
                note=markup.text(change(line, before)),
            )
        )
    flowables: list[Flowable] = [TileGrid(tiles, ctx.styles, ctx.palette, columns=3)]
    compared = [
        (line, label, value, line.previous) for line, label, value in shown if line.previous is not None
    ]
    # A single comparison is already on its tile; a table starts at two.
    if len(compared) > 1:
        rows = [
            [
                markup.text(label[:1].upper() + label[1:]),
                markup.escape(fmt.quantity(value, line.unit, line.qualifier)),
                markup.escape(fmt.quantity(previous, line.unit, line.previous_qualifier)),
                markup.escape(fmt.change(line.change) or "—"),
            ]
            for line, label, value, previous in compared
        ]
        widths = [ctx.width - 8.4 * cm, 2.8 * cm, 2.8 * cm, 2.8 * cm]
        header = ["Indicateur", str(ctx.year), str(before), "Évolution"]
        flowables.append(data_table(header, rows, widths, ctx.styles, ctx.palette, numeric=(1, 2, 3)))
    chart = _history(ctx)
    if chart is not None:
        flowables.append(chart)
    return flowables


def history_series(history: list[Edition]) -> tuple:
    """Website visits, job offers and followers per network, by year."""

    def series(label, get):
        return (label, tuple((e.year, get(e)) for e in history))

    networks: list[str] = []
    for edition in history:
        networks += [f.network for f in edition.communication.followers if f.network not in networks]
    out = [
        series(VISITS, lambda e: e.communication.website_visits),
        series(OFFERS, lambda e: e.communication.job_offers),
    ]
    for network in networks:
        out.append(
            series(
                f"Abonnés {network}",
                lambda e, n=network: next(
                    (f.count for f in e.communication.followers if f.network == n), None
                ),
            )
        )
    return tuple(s for s in out if sum(value is not None for _, value in s[1]) >= 2)


def _history(ctx: RenderContext) -> Flowable | None:
    data = history_series(ctx.history)
    if not data:
        return None
    return ctx.chart(chart_requests.communication_metrics(data))
