"""Facts of the 2021 activity report (shared/seed), as editions for the tests.

The figures are the report's own; the 2020 figures are the ones its deltas in
parentheses give ("71 au titre d'un PLIE (+2)" -> 69 in 2020). The report's
arithmetic slips are kept on purpose: the tests expect the checks to find them.
Narrative text is ours.
"""

from __future__ import annotations

from avereport.model.dates import FuzzyDate
from avereport.model.edition import (
    BoardMember,
    BureauRole,
    Communication,
    Coverage,
    Edition,
    Followers,
    Governance,
    Indicator,
    KeyFigure,
    KeyFigureBlock,
    Meeting,
    MeetingKind,
    MemberCategory,
    MemberGroup,
    Membership,
    Network,
    NetworkKind,
    Qualifier,
    ReachTier,
    RegionCount,
    Section,
    SectionKind,
    StaffMember,
    Structure,
    Training,
    TrainingMode,
    TrainingModule,
    TrainingSession,
    UserClub,
    Webinar,
)
from avereport.model.regions import Region

YEAR = 2021
PREVIOUS_YEAR = 2020

# (key, name, structure, count in 2021, delta printed against 2020)
FULL_MEMBERS = [
    ("plie", "Au titre d'un PLIE", Structure.PLIE, 71, +2),
    ("mde", "Au titre d'une MDE", Structure.MDE, 19, -3),
    ("plie_mde", "Au titre d'un PLIE et d'une MDE", Structure.PLIE_MDE, 29, -4),
    ("collectivite", "Collectivité sans PLIE ni MDE", Structure.NONE, 14, -3),
]
CLAUSE_MEMBERS = [
    ("communes", "Communes", Structure.NONE, 8, -3),
    ("epci", "EPCI", Structure.NONE, 25, +2),
    ("departements", "Conseils départementaux", Structure.NONE, 17, +1),
    ("missions_locales", "Missions locales", Structure.NONE, 5, 0),
    ("divers", "Structures diverses", Structure.NONE, 13, +1),
]
# Totals as printed: "204 adhérents : 133 (141 en 2020) […], 69 (67 en 2020)".
DECLARED_TOTAL = 204
DECLARED_FULL, PRINTED_FULL_2020 = 133, 141
DECLARED_CLAUSE, PRINTED_CLAUSE_2020 = 69, 67
EMPLOYERS = 13

# "Sur les 147 PLIE français, 100 sont adhérents […], soit 69%" and
# "63% adhèrentes à l'association (soit 49 sur un total de 77 MDE)".
PLIE_TOTAL, PLIE_MEMBERS, PRINTED_PLIE_RATE = 147, 100, 69
MDE_TOTAL, MDE_MEMBERS = 77, 49
OI_TOTAL, OI_GROUPED_PLIE = 21, 71
PLIE_BY_REGION = {
    Region.ARA: 11, Region.BFC: 10, Region.BRE: 2, Region.CVL: 2, Region.GES: 5,
    Region.HDF: 29, Region.IDF: 21, Region.NOR: 7, Region.NAQ: 24, Region.OCC: 7,
    Region.PAC: 12, Region.PDL: 7, Region.GUA: 2, Region.MTQ: 3, Region.REU: 4,
    Region.GUF: 1,
}  # fmt: skip
MDE_BY_REGION = {
    Region.NOR: 2, Region.BRE: 3, Region.PDL: 2, Region.NAQ: 9, Region.OCC: 2,
    Region.PAC: 3, Region.ARA: 4, Region.BFC: 4, Region.GES: 8, Region.HDF: 22,
    Region.CVL: 5, Region.IDF: 11, Region.REU: 2,
}  # fmt: skip

# "223 personnes […] formées dans le cadre de 22 sessions […] 46% […] de PLIE,
# 29% de MDE […], 14% de collectivités locales, 11% d'autres structures".
SESSIONS, PARTICIPANTS = 22, 223
PRINTED_SHARES = {"plie": 46, "mde": 29, "collectivites": 14, "autres": 11}
# The report gives only shares; this split of the 223 people matches them.
PARTICIPANTS_BY_STRUCTURE = {"plie": 103, "mde": 65, "collectivites": 31, "autres": 24}

# "Plus de 120 questions traitées à distance […] (+50% par rapport à 2019)".
CLAUSE_QUESTIONS, QUESTIONS_CHANGE, QUESTIONS_COMPARE_YEAR = 120, 50, 2019
QUESTIONS_2019 = 80  # the count that gives +50 %

# "178 114 visites", "71 [offres d'emploi], +22% par rapport à 2020",
# "2 173 abonnés", LinkedIn "plus de 2 000 abonnés", tweets over 5 000 / 3 000
# / 1 000 views: 2, 6 and 19.
WEBSITE_VISITS = 178_114
JOB_OFFERS, JOB_OFFERS_CHANGE = 71, 22
JOB_OFFERS_2020 = 58  # the only whole count that gives +22 %
TWITTER_FOLLOWERS, LINKEDIN_FOLLOWERS = 2_173, 2_000
REACH = {5_000: 2, 3_000: 6, 1_000: 19}

BOARD = [
    ("AUGEY", "Camille", Region.ARA),
    ("CHARRET-GODARD", "Océane", Region.BFC),
    ("ABIVEN", "Bernadette", Region.BRE),
    ("AH-VON", "Lilian", Region.REU),
    ("BERTONNET", "Jean-Michel", Region.HDF),
    ("DAVID-BROCHEN", "Martin", Region.HDF),
    ("DETOURNAY", "Marc", Region.HDF),
    ("GHEERBRANT", "Nathalie", Region.HDF),
    ("JUMEAUX", "Stéphane", Region.HDF),
    ("ROJO", "Yann", Region.HDF),
    ("CORNET", "Danièle", Region.IDF),
    ("GARRIGOS", "Geneviève", Region.IDF),
    ("AMELIN", "Jean-Louis", Region.NAQ),
    ("GARRIGOU", "Bernard", Region.NAQ),
    ("NEDEL", "Patricia", Region.NAQ),
    ("PFEIFFER", "Stéphane", Region.NAQ),
    ("FERRER", "Isabelle", Region.OCC),
    ("LAUFRAY", "Christophe", Region.PAC),
    ("MASSON", "Jean-Louis", Region.PAC),
    ("RAYNAUD", "Françoise", Region.PDL),
    ("SOBCZAK", "André", Region.PDL),
    ("DAVID", "Yohan", None),
]
BUREAU = [
    ("DAVID", "Président"),
    ("CHARRET-GODARD", "Vice-présidente"),
    ("CORNET", "Trésorière"),
    ("DETOURNAY", "Secrétaire"),
    ("FERRER", "Membre du bureau"),
    ("SOBCZAK", "Membre du bureau"),
]
BOARD_MEETINGS = ["2021-01-27", "2021-05-04", "2021-06-22", "2021-09-30", "2021-12-20"]


def _categories(rows: list, year: int) -> list[MemberCategory]:
    return [
        MemberCategory(
            key=key, name=name, structure=structure, count=count if year == YEAR else count - delta
        )
        for key, name, structure, count, delta in rows
    ]


def membership(year: int) -> Membership:
    """2021 as printed (slips included); 2020 from the printed deltas."""
    current = year == YEAR
    return Membership(
        as_of=FuzzyDate(year, 12, 31),
        declared_total=DECLARED_TOTAL if current else PRINTED_FULL_2020 + PRINTED_CLAUSE_2020,
        groups=(
            MemberGroup(
                key="full",
                name="Adhésion pleine et entière",
                declared_total=DECLARED_FULL if current else PRINTED_FULL_2020,
                categories=_categories(FULL_MEMBERS, year),
            ),
            MemberGroup(
                key="clause",
                name="Centre ressource de la clause sociale",
                declared_total=DECLARED_CLAUSE if current else PRINTED_CLAUSE_2020,
                categories=_categories(CLAUSE_MEMBERS, year),
            ),
            MemberGroup(
                key="employers",
                name="Association d'employeurs",
                in_total=False,
                declared_total=EMPLOYERS if current else None,
            ),
        ),
    )


def network() -> Network:
    return Network(
        coverage=(
            Coverage(
                kind=NetworkKind.PLIE,
                total=PLIE_TOTAL,
                members=PLIE_MEMBERS,
                as_of=FuzzyDate(2021, 1, 31),
                map_date=FuzzyDate(2021, 5),
            ),
            Coverage(
                kind=NetworkKind.MDE,
                total=MDE_TOTAL,
                members=MDE_MEMBERS,
                as_of=FuzzyDate(2021, 1, 31),
                map_date=FuzzyDate(2022, 4),
            ),
            Coverage(kind=NetworkKind.OI, total=OI_TOTAL, grouped_plie=OI_GROUPED_PLIE),
        ),
        region_counts=[
            RegionCount(kind=NetworkKind.PLIE, region=region, count=count)
            for region, count in PLIE_BY_REGION.items()
        ]
        + [
            RegionCount(kind=NetworkKind.MDE, region=region, count=count)
            for region, count in MDE_BY_REGION.items()
        ],
    )


def governance() -> Governance:
    board = [
        BoardMember(id=n, surname=surname, first_name=first, region=region)
        for n, (surname, first, region) in enumerate(BOARD, start=1)
    ]
    ids = {member.surname: member.id for member in board}
    return Governance(
        mandate_years=2,
        mandate_end=FuzzyDate(2022),
        board=board,
        bureau=tuple(
            BureauRole(
                member_id=ids[surname],
                role=role,
                since=FuzzyDate(2021, 9, 30) if role == "Président" else None,
            )
            for surname, role in BUREAU
        ),
        meetings=[Meeting(kind=MeetingKind.BOARD, date=FuzzyDate.parse(day)) for day in BOARD_MEETINGS]
        + [
            Meeting(kind=MeetingKind.GENERAL_ASSEMBLY, date=FuzzyDate(2021, 6, 22)),
            Meeting(kind=MeetingKind.SEMINAR, date=FuzzyDate(2021, 9, 17), place="Sénat"),
        ],
        staff=(
            StaffMember(id=1, name="Lucie Becdelièvre", role="Déléguée générale"),
            StaffMember(
                id=2,
                name="Bruno Adam",
                role="Responsable administratif et financier",
                end=FuzzyDate(2021, 10, 6),
            ),
            StaffMember(
                id=3,
                name="David Miriot",
                role="Responsable administratif et financier",
                start=FuzzyDate(2021, 12, 13),
                replaces_id=2,
                reason="départ",
            ),
            StaffMember(id=4, name="Mariama Gassama", role="Assistante de direction"),
            StaffMember(
                id=5,
                name="Justine Riguet",
                role="Assistante de direction",
                end=FuzzyDate(2021),
                replaces_id=4,
                reason="congé parental",
            ),
            StaffMember(
                id=6,
                name="Romane Pappalardo",
                role="Chargée de mission développement responsable des territoires",
                start=FuzzyDate(2021, 6),
            ),
        ),
    )


def _split(total: int, parts: int) -> list[int]:
    """``total`` spread as evenly as possible over ``parts`` sessions."""
    share, extra = divmod(total, parts)
    return [share + (1 if n < extra else 0) for n in range(parts)]


def training() -> Training:
    modules = ["Chargé.e de mission PLIE", "Facilitateur de la clause sociale", "RGPD"]
    spread = {key: _split(count, SESSIONS) for key, count in PARTICIPANTS_BY_STRUCTURE.items()}
    sessions = [
        TrainingSession(
            module=modules[n % len(modules)],
            date=FuzzyDate(YEAR, 1 + n % 12),
            mode=TrainingMode.ON_SITE if n == SESSIONS - 1 else TrainingMode.REMOTE,
            **{key: counts[n] for key, counts in spread.items()},
        )
        for n in range(SESSIONS)
    ]
    return Training(
        sessions=sessions,
        modules=tuple(TrainingModule(name=name, new=name == "RGPD") for name in modules),
        assistance=(
            Indicator(key="fse_days", label="Jours d'assistance technique FSE", value=30, unit="jours"),
            Indicator(key="fse_answers", label="Réponses aux questions FSE", value=44),
            Indicator(
                key="clause_questions",
                label="Questions sur la clause sociale traitées à distance",
                value=CLAUSE_QUESTIONS,
                qualifier=Qualifier.OVER,
                compare_year=QUESTIONS_COMPARE_YEAR,
                compare_value=QUESTIONS_2019,
            ),
        ),
        clubs=(
            UserClub(name="Club Clause", software="Clause", audience="Facilitateurs", meetings=1),
            UserClub(name="Club Viesion", software="Viesion", audience="PLIE", meetings=1),
        ),
    )


def communication(year: int) -> Communication:
    if year == PREVIOUS_YEAR:
        return Communication(job_offers=JOB_OFFERS_2020)
    return Communication(
        website_visits=WEBSITE_VISITS,
        top_page="Page d'accueil",
        top_page_visits=17_000,
        top_page_qualifier=Qualifier.OVER,
        job_offers=JOB_OFFERS,
        followers=(
            Followers(network="Twitter", handle="@Avemploi", count=TWITTER_FOLLOWERS),
            Followers(network="LinkedIn", count=LINKEDIN_FOLLOWERS, qualifier=Qualifier.OVER),
        ),
        reach_tiers=tuple(ReachTier(min_views=views, posts=posts) for views, posts in REACH.items()),
        webinars=(
            Webinar(
                date=FuzzyDate(2021, 2),
                partner="Plateforme de l'inclusion",
                participants=220,
                qualifier=Qualifier.OVER,
            ),
            Webinar(date=FuzzyDate(2021, 11, 10), title="Renouvellement des protocoles PLIE"),
        ),
    )


def key_figures() -> list[KeyFigureBlock]:
    return [
        KeyFigureBlock(
            key="plie",
            title="Chiffres clés des PLIE",
            source="Rapport de consolidation des PLIE 2020",
            items=(
                KeyFigure(value=46, unit="%", label="sont bénéficiaires du RSA"),
                KeyFigure(value=53, unit="%", label="sont des femmes"),
                KeyFigure(value=125_000, label="personnes ont bénéficié d'un parcours PLIE"),
            ),
        ),
        KeyFigureBlock(
            key="clause",
            title="La clause sociale",
            items=(KeyFigure(value=55.52, unit="%", label="des ETP en marchés de travaux"),),
        ),
    ]


def outline(year: int) -> list[Section]:
    body = "" if year == PREVIOUS_YEAR else f"Une année {year} encore marquée par la crise."
    return [
        Section(key="reseau", heading="Le réseau", body=body),
        Section(key="adherents", kind=SectionKind.MEMBERSHIP, heading="Les adhérents", level=2),
        Section(key="couverture", kind=SectionKind.COVERAGE, heading="Couverture", level=2),
        Section(key="cartes", kind=SectionKind.MAPS, heading="Cartes", level=2),
        Section(key="instances", heading="Les instances", body=f"Le conseil en {year}."),
        Section(key="ca", kind=SectionKind.BOARD, heading="Le conseil", level=2),
        Section(key="bureau", kind=SectionKind.BUREAU, heading="Le bureau", level=2),
        Section(key="reunions", kind=SectionKind.MEETINGS, heading="Réunions", level=2),
        Section(key="equipe", kind=SectionKind.STAFF, heading="L'équipe", level=2),
        Section(key="chiffres", heading="Chiffres clés"),
        Section(
            key="chiffres_plie",
            kind=SectionKind.KEY_FIGURES,
            heading="Les PLIE",
            level=2,
            ref="plie",
        ),
        Section(key="formations", kind=SectionKind.TRAINING, heading="Formations"),
        Section(key="assistance", kind=SectionKind.ASSISTANCE, heading="Assistance", level=2),
        Section(key="clubs", kind=SectionKind.CLUBS, heading="Clubs", level=2),
        Section(key="webinaires", kind=SectionKind.WEBINARS, heading="Webinaires"),
        Section(key="communication", kind=SectionKind.COMMUNICATION, heading="Communication"),
    ]


def edition_2021() -> Edition:
    return Edition(
        year=YEAR,
        membership=membership(YEAR),
        network=network(),
        governance=governance(),
        training=training(),
        communication=communication(YEAR),
        key_figures=key_figures(),
        outline=outline(YEAR),
    )


def edition_2020() -> Edition:
    """What the 2021 report tells of 2020: membership and job offers."""
    return Edition(
        year=PREVIOUS_YEAR,
        membership=membership(PREVIOUS_YEAR),
        communication=communication(PREVIOUS_YEAR),
        outline=(Section(key="adherents", kind=SectionKind.MEMBERSHIP, heading="Les adhérents"),),
    )
