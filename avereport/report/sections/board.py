"""The board of directors: one row per member, header repeated on each page."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from avereport.model import fmt
from avereport.model.edition import BoardMember, Section
from avereport.model.wording import plural
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tables import data_table


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    governance = ctx.edition.governance
    if not governance.board:
        return []
    intro = f"Composition du conseil d'administration : {plural(len(governance.board), 'membre')}"
    if governance.mandate_years:
        intro += f", élus pour {plural(governance.mandate_years, 'an')}"
    if governance.mandate_end:
        intro += f" ; le mandat en cours s'achève le {fmt.date(governance.mandate_end)}"
    widths = (4.5 * cm, 3.7 * cm, 2.3 * cm)
    table = data_table(
        ["Région", "Nom", "Prénom", "Fonctions"],
        [_row(member) for member in governance.board],
        [*widths, ctx.width - sum(widths)],
        ctx.styles,
        ctx.palette,
    )
    return [Paragraph(markup.text(intro + "."), ctx.styles.body), table]


def _row(member: BoardMember) -> list[str]:
    where = member.region.label if member.region else member.college
    return [
        markup.text(where or "—"),
        markup.bold(markup.escape(member.surname.upper())),
        markup.escape(member.first_name),
        "<br/>".join(markup.text(function) for function in member.functions if function.strip()),
    ]
