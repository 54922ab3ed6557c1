"""Training: totals beside last year's, sessions by mode, participants by
type of structure (with the chart), modules (new ones marked) and a note."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from avereport.model import fmt
from avereport.model.compute import TrainingSummary, participants, summarise_training
from avereport.model.edition import Section, TrainingMode, TrainingSession
from avereport.model.wording import change, enumeration, with_previous
from avereport.report import chart_requests, markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tables import data_table
from avereport.report.tiles import Tile, TileGrid

MODE_WORDS = {
    TrainingMode.ON_SITE: ("session en présentiel", "sessions en présentiel"),
    TrainingMode.REMOTE: ("session à distance", "sessions à distance"),
}


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    training = ctx.edition.training
    if not training.sessions:
        return []
    summary = summarise_training(ctx.edition, ctx.previous)
    before = ctx.year - 1
    people, sessions = summary.participants, summary.sessions
    lead = (
        f"En {ctx.year}, {with_previous(people, before)} personnes ont été formées "
        f"dans le cadre de {with_previous(sessions, before)} sessions de formation."
    )
    flowables: list[Flowable] = [Paragraph(markup.text(lead), ctx.styles.body), _tiles(summary, ctx)]
    shares = [(line, trained) for line in summary.by_structure if (trained := line.value)]
    if shares:
        split = enumeration(
            [f"{line.label} : {fmt.percent(line.share)}" for line, _ in shares if line.share is not None]
        )
        flowables.append(
            Paragraph(
                markup.text(f"Répartition des personnes formées par type de structure — {split}."),
                ctx.styles.body,
            )
        )
        data = tuple((line.label, trained) for line, trained in shares)
        flowables.append(ctx.chart(chart_requests.training_participants(data)))
    flowables += _modules(ctx)
    if training.note.strip():
        flowables.append(Paragraph(markup.text(training.note), ctx.styles.caption))
    return flowables


def _tiles(summary: TrainingSummary, ctx: RenderContext) -> TileGrid:
    before = ctx.year - 1
    # Both totals are known: the section is only rendered with sessions entered.
    tiles = [
        Tile(
            value=markup.escape(fmt.number(line.value)),
            label=label,
            note=markup.text(change(line, before)),
        )
        for line, label in (
            (summary.sessions, "sessions de formation"),
            (summary.participants, "personnes formées"),
        )
        if line.value is not None
    ]
    for line in summary.by_mode:
        if line.value:
            singular, plural_form = MODE_WORDS[TrainingMode(line.key)]
            tiles.append(
                Tile(
                    value=markup.escape(fmt.number(line.value)),
                    label=singular if line.value == 1 else plural_form,
                )
            )
    return TileGrid(tiles, ctx.styles, ctx.palette, columns=min(4, len(tiles)))


def _modules(ctx: RenderContext) -> list[Flowable]:
    """Sessions and people per module, new modules marked."""
    training = ctx.edition.training
    by_module: dict[str, list[TrainingSession]] = {}
    for session in training.sessions:
        by_module.setdefault(session.module.strip(), []).append(session)
    new = {module.name.strip() for module in training.modules if module.new}
    names = [m.name.strip() for m in training.modules if m.name.strip()]
    names += [name for name in by_module if name not in names]
    secondary = "#" + ctx.palette.secondary.hexval()[2:]
    rows = []
    for name in names:
        label = markup.text(name or "Module non précisé")
        if name in new:
            label += f' <font color="{secondary}"><b>nouveau en {ctx.year}</b></font>'
        held = by_module.get(name, [])
        rows.append(
            [
                label,
                markup.escape(fmt.number(len(held))),
                markup.escape(fmt.number(sum(participants(s) for s in held))),
            ]
        )
    flowables: list[Flowable] = []
    if new:
        listed = enumeration(sorted(new))
        flowables.append(
            Paragraph(
                markup.text(
                    f"{'Nouveau module' if len(new) == 1 else 'Nouveaux modules'} en {ctx.year} : {listed}."
                ),
                ctx.styles.body,
            )
        )
    widths = [ctx.width - 6.4 * cm, 2.8 * cm, 3.6 * cm]
    flowables.append(
        data_table(
            ["Module", "Sessions", "Personnes formées"], rows, widths, ctx.styles, ctx.palette, numeric=(1, 2)
        )
    )
    return flowables
