"""Head-office staff, with the year's arrivals, departures and replacements.

A person replacing someone is listed right under them."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from avereport.model.edition import Section, StaffMember
from avereport.model.wording import capitalised, enumeration, of, on, plural
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tables import data_table


def ordered(staff: Sequence[StaffMember]) -> list[tuple[StaffMember, bool]]:
    """Staff in the user's order, each replacement moved under the person it
    replaces; the flag tells a replacement."""
    ids = {member.id for member in staff if member.id is not None}
    replacements: dict[int, list[StaffMember]] = {}
    for member in staff:
        if member.replaces_id is not None and member.replaces_id in ids and member.replaces_id != member.id:
            replacements.setdefault(member.replaces_id, []).append(member)
    placed = {id(m) for group in replacements.values() for m in group}
    out: list[tuple[StaffMember, bool]] = []

    def add(member: StaffMember, depth: int) -> None:
        out.append((member, depth > 0))
        if depth < 3:  # a replacement chain longer than that is an input slip
            for replacement in replacements.get(member.id, []) if member.id is not None else []:
                add(replacement, depth + 1)

    for member in staff:
        if id(member) not in placed:
            add(member, 0)
    return out


def movements(member: StaffMember, staff: Sequence[StaffMember]) -> str:
    names = {m.id: m.name for m in staff if m.id is not None}
    parts = []
    if member.start:
        parts.append(f"arrivée {on(member.start)}")
    if member.end:
        parts.append(f"départ {on(member.end)}")
    if member.replaces_id is not None and member.replaces_id in names:
        reason = f" ({member.reason.strip()})" if member.reason.strip() else ""
        parts.append(f"en remplacement {of(names[member.replaces_id])}{reason}")
    successors = [
        m.name for m in staff if m.replaces_id == member.id and member.id is not None and m is not member
    ]
    if successors:
        parts.append(f"remplacement par {enumeration(successors).replace(' et ', ' puis ')}")
    return capitalised(" ; ".join(parts))


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    staff = ctx.edition.governance.staff
    if not staff:
        return []
    year = ctx.year
    arrivals = sum(1 for m in staff if m.start and m.start.year == year)
    departures = sum(1 for m in staff if m.end and m.end.year == year)
    replacements = sum(1 for m in staff if m.replaces_id is not None)
    counts = [(arrivals, "arrivée"), (departures, "départ"), (replacements, "remplacement")]
    summary = f"L'équipe compte {plural(len(staff), 'personne')} en {year}"
    moves = [plural(count, noun) for count, noun in counts if count]
    summary += f" : {enumeration(moves)}." if moves else "."
    rows = []
    for member, replacing in ordered(staff):
        name = markup.bold(markup.escape(member.name))
        rows.append(
            [
                ("↳ " if replacing else "") + name,
                markup.text(member.role),
                markup.text(movements(member, staff)),
            ]
        )
    widths = [4.4 * cm, ctx.width - 9.6 * cm, 5.2 * cm]
    return [
        Paragraph(markup.text(summary), ctx.styles.body),
        data_table(
            ["Nom", "Fonction", "Arrivées, départs et remplacements"], rows, widths, ctx.styles, ctx.palette
        ),
    ]
