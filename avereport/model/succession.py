"""Starting next year's edition from this year's.

What describes the organisation rather than the year is carried over *à
relire* (to review): every section's text, as a draft to rework, and the
lists and tables of the organisation (lists of institutions and partners,
membership categories, board, bureau, staff in post, regional bodies, user
clubs, training modules). Figures and the year's events (dated events,
meetings, webinars, sessions, staff arrivals, departures and replacements)
start empty, so that nothing of last year is printed as this year's by
mistake; so do declared totals, which only editions imported from a printed
report have. Headings, titles and sources that name the year are rolled to
the new one (see ``years``). What is carried unchanged is shared with the
source (editions are immutable); ``summary`` says, in French, what was carried and what starts empty.
"""

from __future__ import annotations

import dataclasses

from avereport.model.compute.sections import has_subsections
from avereport.model.edition import (
    Communication,
    Coverage,
    Edition,
    Followers,
    Governance,
    Indicator,
    KeyFigureBlock,
    MemberCategory,
    MemberGroup,
    Membership,
    Metric,
    Network,
    ReviewState,
    Section,
    SectionKind,
    StaffMember,
    TitledList,
    Training,
    TrainingModule,
    UserClub,
)
from avereport.model.years import roll_years


def start_next_edition(edition: Edition, year: int | None = None) -> Edition:
    """Edition ``year`` (by default ``edition.year + 1``) prepared from ``edition``."""
    year = edition.year + 1 if year is None else year
    if year <= edition.year:
        raise ValueError(f"edition {year} cannot follow edition {edition.year}")
    successor = Edition(
        year=year,
        organisation=edition.organisation,
        membership=_membership(edition.membership),
        network=_network(edition.network),
        governance=_governance(edition.governance, year),
        training=_training(edition.training),
        communication=_communication(edition.communication),
        key_figures=tuple(
            KeyFigureBlock(
                key=block.key,
                title=roll_years(block.title, edition.year, year),
                source=roll_years(block.source, edition.year, year),
            )
            for block in edition.key_figures
        ),
        lists=tuple(
            TitledList(key=t.key, title=roll_years(t.title, edition.year, year), items=t.items)
            for t in edition.lists
        ),
    )
    return dataclasses.replace(
        successor,
        outline=tuple(_carried_section(edition, successor, index) for index in range(len(edition.outline))),
    )


def _carried_section(source: Edition, successor: Edition, index: int) -> Section:
    """The section at ``index`` with its text and rolled heading, put up for review."""
    section = source.outline[index]
    carried = Section(
        key=section.key,
        kind=section.kind,
        heading=roll_years(section.heading, source.year, successor.year),
        level=section.level,
        body=section.body,
        ref=section.ref,
    )
    if section.body.strip() or carried.heading != section.heading or carries_data(successor, carried):
        review = ReviewState.TO_REVIEW
    elif section.kind is SectionKind.NARRATIVE and has_subsections(source.outline, index):
        review = ReviewState.REVIEWED  # a chapter title, with nothing of its own
    else:
        review = ReviewState.TO_WRITE
    return dataclasses.replace(carried, review=review)


def carries_data(edition: Edition, section: Section) -> bool:
    """Whether a new edition carries data of the organisation that ``section``
    shows (a list, the board…), which is then to review with its text."""
    g, t = edition.governance, edition.training
    carried = {
        SectionKind.MEMBERSHIP: bool(edition.membership.groups),
        SectionKind.BOARD: bool(g.board),
        SectionKind.BUREAU: bool(g.bureau),
        SectionKind.REGIONAL_BODIES: bool(g.regional_bodies),
        SectionKind.STAFF: bool(g.staff),
        SectionKind.TRAINING: bool(t.modules),
        SectionKind.CLUBS: bool(t.clubs),
        SectionKind.LIST: any(x.items for x in edition.lists if x.key == section.ref),
    }
    return carried.get(section.kind, False)


def _membership(membership: Membership) -> Membership:
    """Groups and categories without counts; retired ones are dropped."""
    return Membership(
        groups=tuple(
            MemberGroup(
                key=group.key,
                name=group.name,
                in_total=group.in_total,
                categories=tuple(
                    MemberCategory(key=c.key, name=c.name, structure=c.structure)
                    for c in group.categories
                    if not c.retired
                ),
            )
            for group in membership.groups
            if not group.retired
        )
    )


def _network(network: Network) -> Network:
    # The kinds are kept, empty, so that the form offers the same rows and the
    # checks point at each figure still to enter. Region counts have no empty
    # state (a count is required), so the new map starts with none.
    return Network(coverage=tuple(Coverage(kind=c.kind) for c in network.coverage))


def _governance(governance: Governance, year: int) -> Governance:
    staff = tuple(_staff_in_post(s, year) for s in governance.staff if _in_post(s, year))
    return Governance(
        mandate_years=governance.mandate_years,
        mandate_end=governance.mandate_end,
        board=governance.board,
        bureau=governance.bureau,
        regional_bodies=governance.regional_bodies,
        staff=staff,
    )


def _in_post(member: StaffMember, year: int) -> bool:
    """Still in post on 1 January of ``year``: an end known only as "2021"
    means gone by the end of 2021."""
    return member.end is None or member.end.year >= year


def _staff_in_post(member: StaffMember, year: int) -> StaffMember:
    """A member without last year's movements: an arrival of an earlier year
    and a replacement (undated, so the old year's, with its reason) are not
    events of the new year. A planned departure stays."""
    start = member.start if member.start is not None and member.start.year >= year else None
    return dataclasses.replace(member, start=start, replaces_id=None, reason="")


def _training(training: Training) -> Training:
    return Training(
        modules=tuple(TrainingModule(name=m.name) for m in training.modules),
        assistance=tuple(Indicator(key=i.key, label=i.label, unit=i.unit) for i in training.assistance),
        clubs=tuple(UserClub(name=c.name, software=c.software, audience=c.audience) for c in training.clubs),
    )


def _communication(communication: Communication) -> Communication:
    # Reach tiers are left out: a tier without its number of posts cannot exist.
    return Communication(
        followers=tuple(Followers(network=f.network, handle=f.handle) for f in communication.followers),
        metrics=tuple(Metric(key=m.key, label=m.label, unit=m.unit) for m in communication.metrics),
    )


# --- what the new edition carries, in French ----------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class SuccessionSummary:
    """What a new edition carries *à relire* and what starts empty, one
    French line each: the « Nouvelle édition » dialog and ``new-edition``
    print the same lines."""

    carried: list[str]
    empty: list[str]

    def lines(self) -> list[str]:
        """Both lists under their French titles, items indented."""
        out = ["Repris, à relire :", *(f"  - {line}" for line in self.carried)]
        if self.empty:
            out += ["Vide au départ, à saisir :", *(f"  - {line}" for line in self.empty)]
        return out


def summary(source: Edition, successor: Edition) -> SuccessionSummary:
    """What ``successor`` (made by ``start_next_edition`` from ``source``,
    board changes included) took from ``source`` and what it leaves to enter."""
    old, new = source.year, successor.year
    carried: list[str] = []
    texts = sum(1 for s in successor.outline if s.body.strip())
    if texts:
        carried.append(f"{_count(texts, 'texte')} de {old}, comme brouillons à retravailler")
    titles = [t.title for t in successor.lists if t.items]
    if titles:
        carried.append(f"{_count(len(titles), 'liste')} : " + ", ".join(f"« {t} »" for t in titles))
    g, t = successor.governance, successor.training
    categories = sum(len(group.categories) for group in successor.membership.groups)
    organisation = [
        (categories, "catégorie d'adhérents", "catégories d'adhérents"),
        (
            len(g.board),
            "administrateur au conseil d'administration",
            "administrateurs au conseil d'administration",
        ),
        (len(g.bureau), "fonction au bureau", "fonctions au bureau"),
        (len(g.staff), "personne de l'équipe en poste", "personnes de l'équipe en poste"),
        (len(g.regional_bodies), "instance régionale", "instances régionales"),
        (len(t.clubs), "club utilisateurs", "clubs utilisateurs"),
        (len(t.modules), "module de formation", "modules de formation"),
    ]
    carried += [f"{n} {one if n == 1 else many}" for n, one, many in organisation if n]
    rolled = sum(
        1
        for before, after in [
            *((a.heading, b.heading) for a, b in zip(source.outline, successor.outline, strict=False)),
            *((a.title, b.title) for a, b in zip(source.key_figures, successor.key_figures, strict=False)),
            *((a.source, b.source) for a, b in zip(source.key_figures, successor.key_figures, strict=False)),
            *((a.title, b.title) for a, b in zip(source.lists, successor.lists, strict=False)),
        ]
        if before != after
    )
    if rolled:
        carried.append(
            f"{_count(rolled, 'titre ou source', 'titres ou sources')} mis à jour de {old} à {new}"
        )
    return SuccessionSummary(carried=carried, empty=_empty_lines(source, successor))


def _empty_lines(source: Edition, successor: Edition) -> list[str]:
    old = source.year
    g, t, c = source.governance, source.training, source.communication
    empty = [
        "Chiffres de l'année : adhérents, couverture et cartes du réseau, chiffres clés, "
        "assistance technique, clubs, communication"
    ]
    year_events = [
        (len(g.events), "événement de la vie des instances", "événements de la vie des instances"),
        (len(g.meetings), "réunion", "réunions"),
        (len(t.sessions), "session de formation", "sessions de formation"),
        (len(c.webinars), "webinaire", "webinaires"),
        (len(source.membership.notes), "note datée sur les adhérents", "notes datées sur les adhérents"),
    ]
    empty += [f"{n} {one if n == 1 else many} de {old}" for n, one, many in year_events if n]
    in_post = {id(s) for s in g.staff if _in_post(s, successor.year)}
    left = sum(1 for s in g.staff if id(s) not in in_post)
    arrivals = sum(1 for s in g.staff if id(s) in in_post and s.start is not None and s.start.year <= old)
    replacements = sum(1 for s in g.staff if id(s) in in_post and s.replaces_id is not None)
    moves = [
        (arrivals, "arrivée", "arrivées"),
        (left, "départ", "départs"),
        (replacements, "remplacement", "remplacements"),
    ]
    staff = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in moves if n)
    if staff:
        empty.append(f"Équipe : {staff} de {old}")
    leaving = len(g.board) - len(successor.governance.board)
    if leaving:
        empty.append(
            f"Conseil d'administration : {_count(leaving, 'administrateur')} ne "
            f"{'siège' if leaving == 1 else 'siègent'} plus (noté{'s' if leaving > 1 else ''} comme départ)"
        )
    if t.note.strip():
        empty.append(f"Note sur les formations de {old}")
    declared = source.membership.declared_total is not None or any(
        group.declared_total is not None for group in source.membership.groups
    )
    if declared:
        empty.append("Totaux déclarés des adhérents : les totaux sont calculés")
    return empty


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
