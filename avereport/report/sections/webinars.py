"""Webinars of the year: date, title and partner, attendance."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from avereport.model import fmt
from avereport.model.edition import Qualifier, Section, Webinar
from avereport.model.wording import chronological, date_label, plural
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tables import data_table


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    webinars = chronological(ctx.edition.communication.webinars, lambda w: w.date)
    if not webinars:
        return []
    intro = f"{plural(len(webinars), 'webinaire')} en {ctx.year}"
    counts = [w.participants for w in webinars if w.participants is not None]
    if len(counts) == len(webinars):
        total = sum(counts)
        intro += f", {_prefix(webinars)}{plural(total, 'participant')} au total"
    rows = [[markup.bold(markup.text(date_label(w.date))), _title(w), _participants(w)] for w in webinars]
    widths = [3.6 * cm, ctx.width - 7.0 * cm, 3.4 * cm]
    return [
        Paragraph(markup.text(intro + "."), ctx.styles.body),
        data_table(
            ["Date", "Webinaire", "Participants"], rows, widths, ctx.styles, ctx.palette, numeric=(2,)
        ),
    ]


def _prefix(webinars: Sequence[Webinar]) -> str:
    """How exact a sum of stated attendances is: "plus de" only if every
    inexact one was "plus de", else "environ"."""
    inexact = {w.qualifier for w in webinars if w.qualifier is not Qualifier.EXACT}
    if not inexact:
        return ""
    return Qualifier.OVER.prefix if inexact == {Qualifier.OVER} else Qualifier.ABOUT.prefix


def _title(webinar: Webinar) -> str:
    text = markup.text(webinar.title)
    if webinar.partner.strip():
        text += "<br/>" + markup.text(f"Partenaire : {webinar.partner.strip()}")
    return text


def _participants(webinar: Webinar) -> str:
    if webinar.participants is None:
        return "—"
    return markup.escape(fmt.quantity(webinar.participants, qualifier=webinar.qualifier))
