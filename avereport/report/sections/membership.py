"""Members in figures: the total, each group with its categories and their
change on the previous year, dated notes and the trend across editions."""

from __future__ import annotations

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, Table

from avereport.model import fmt
from avereport.model.compute import GroupSummary, group_total, summarise_membership
from avereport.model.compute.membership import active_groups
from avereport.model.edition import Edition, Section
from avereport.model.wording import date_label, delta, value, with_previous
from avereport.report import chart_requests, markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.styles import RULE
from avereport.report.tables import table_style

GAP = 10


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    edition = ctx.edition
    summary = summarise_membership(edition, ctx.previous)
    groups = [
        group
        for group in summary.groups
        if group.total.value is not None or any(line.value is not None for line in group.categories)
    ]
    if not groups:
        return []
    flowables: list[Flowable] = []
    if summary.total.value is not None:
        when = f"Au {fmt.date(edition.membership.as_of)}" if edition.membership.as_of else f"En {ctx.year}"
        total = markup.bold(markup.escape(f"{value(summary.total)} adhérents"))
        if summary.total.previous is not None:
            total += markup.escape(f" ({fmt.number(summary.total.previous)} en {ctx.year - 1})")
        counted = [g for g in groups if g.in_total]
        parts = [
            f"{markup.escape(with_previous(g.total, ctx.year - 1))} au titre de « {markup.text(g.name)} »"
            for g in counted
        ]
        text = f"{markup.text(when)}, l'association comptait {total}"
        text += ("\u202f: " + "\u202f; ".join(parts) if len(parts) > 1 else "") + "."
        flowables.append(Paragraph(text, ctx.styles.body))
    flowables.append(_cards(groups, ctx))
    for note in edition.membership.notes:
        if note.text.strip():
            date = markup.bold(markup.text(date_label(note.date))) + " — " if note.date else ""
            flowables.append(Paragraph(date + markup.text(note.text), ctx.styles.note))
    chart = _trend(ctx)
    if chart is not None:
        flowables.append(chart)
    return flowables


def _cards(groups: list[GroupSummary], ctx: RenderContext) -> Table:
    """One card per group, two per row."""
    width = (ctx.width - GAP) / 2
    cards = [_card(group, width, ctx) for group in groups]
    rows = [cards[i : i + 2] + [""] * (2 - len(cards[i : i + 2])) for i in range(0, len(cards), 2)]
    grid = Table(rows, colWidths=[width + GAP / 2, width + GAP / 2], hAlign="LEFT")
    grid.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), GAP / 2),
                ("LEFTPADDING", (1, 0), (1, -1), GAP / 2),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), GAP),
            ]
        )
    )
    grid.spaceAfter = 6
    return grid


def _card(group: GroupSummary, width: float, ctx: RenderContext) -> Table:
    s, p = ctx.styles, ctx.palette
    name = markup.text(group.name) + ("" if group.in_total else " <i>(hors total)</i>")
    total = group.total
    figure = f'<font size="17" color="#FFFFFF">{markup.escape(value(total))}</font>'
    if total.previous is not None:
        figure += f"  {markup.escape(f'({fmt.number(total.previous)} en {ctx.year - 1})')}"
    secondary = "#" + p.secondary.hexval()[2:]
    rows = [[[Paragraph(name, s.cell_head), Paragraph(figure, s.card_total)], ""]]
    for line in group.categories:
        change = delta(line)
        figure = markup.escape(value(line)) + (
            f' <font color="{secondary}">{markup.escape(change)}</font>' if change else ""
        )
        rows.append([Paragraph(markup.text(line.label), s.cell), Paragraph(figure, s.cell_right)])
    card = Table(rows, colWidths=[width * 0.66, width * 0.34])
    card.setStyle(
        table_style(
            [
                ("SPAN", (0, 0), (1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), p.primary),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, p.tint]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 7),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, p.primary),
            ]
        )
    )
    return card


def trend_series(history: list[Edition], edition: Edition) -> tuple:
    """``((label, ((year, count), …)), …)``: each group counted in the total,
    over the editions up to ``edition`` (the total itself is in the text)."""
    series = []
    for group in active_groups(edition.membership):
        if not group.in_total:
            continue
        points = []
        for earlier in history:
            match = next((g for g in earlier.membership.groups if g.key == group.key), None)
            points.append((earlier.year, group_total(match) if match else None))
        series.append((group.name, tuple(points)))
    return tuple(series)


def _trend(ctx: RenderContext) -> Flowable | None:
    series = trend_series(ctx.history, ctx.edition)
    years_with_data = {year for _, points in series for year, count in points if count is not None}
    if len(years_with_data) < 2:
        return None
    return ctx.chart(chart_requests.membership_trend(series))
