"""The bundled demo document against the 2021 report it is transcribed from.

Expected values are read from the report's text layer (the seed) and its
README, so a wrong figure in resources/demo.json fails here; those tests are
marked ``seed`` (see SEED_DIR). The others check the file's own consistency.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from babel.dates import get_month_names

from avereport.demo import demo_editions
from avereport.interchange import dump_editions, load_editions
from avereport.model.codec import from_plain, to_plain
from avereport.model.dates import FuzzyDate
from avereport.model.edition import (
    Edition,
    EventKind,
    MeetingKind,
    NetworkKind,
    Qualifier,
    SectionKind,
    TrainingMode,
)
from avereport.model.regions import REGION_LABELS, REGION_SHORT_LABELS, Region

# The seed (the report's text layer and its README) lies in shared/, beside
# the repository as laid for developers and CI, but not beside a clone: the
# tests that read it are marked ``seed``, deselected by default and run as a
# CI step of their own (-m seed). The default suite checks the demo against
# the facts kept in the repository (facts_2021.txt, in test_report_pdf.py).
SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seed"


def read_seed(name: str) -> str:
    path = SEED_DIR / name
    assert path.is_file(), f"{path} is missing: the seed tests need shared/seed beside the repository"
    return path.read_text(encoding="utf-8")


@cache
def seed_text() -> str:
    return read_seed("000_cdbd47294b4e4a16.txt")


@cache
def seed_readme() -> str:
    return read_seed("README.md")


@cache
def flat() -> str:
    """The seed's text on one line, one space between words."""
    return " ".join(seed_text().split())


MONTHS = {name: number for number, name in get_month_names("wide", locale="fr").items()}

DEMO_TEXT = resources.files("avereport.resources").joinpath("demo.json").read_text(encoding="utf-8")
DOCUMENT = json.loads(DEMO_TEXT)
E2020, E2021 = (from_plain(Edition, plain) for plain in DOCUMENT["editions"])


def fold(text: str) -> str:
    """Lower case, no accents, one apostrophe, hyphens as spaces: for comparing names."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("-", " "))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def number(text: str) -> int:
    return int(re.sub(r"[\s.]", "", text))


def seed_find(pattern: str) -> re.Match[str]:
    match = re.search(pattern, flat())
    assert match, f"motif absent du rapport : {pattern}"
    return match


def french_date(day: str, month: str, year: int) -> FuzzyDate:
    return FuzzyDate(year, MONTHS[month], int(day))


def region_of(name: str) -> Region:
    """A region as the seed or its README spells it ("AURA", "L'Ile-de-France", "Nouvelle Aquitaine")."""
    names = {fold(label): region for region, label in REGION_LABELS.items()}
    names |= {fold(label): region for region, label in REGION_SHORT_LABELS.items()}
    key = fold(name)
    if key not in names:
        key = re.sub(r"^(l'|la |le |les )", "", key)
    return names[key]


def seed_bullets(after: str) -> list[str]:
    """The "- " items of the seed list that follows ``after`` (continuation lines joined)."""
    start = seed_text().index(after) + len(after)
    items: list[str] = []
    after_blank = False
    for line in seed_text()[start:].split("\n"):
        if not line.strip():
            after_blank = bool(items)
        elif line.startswith("- "):
            items.append(line[2:].strip())
            after_blank = False
        elif items and not after_blank:
            items[-1] += " " + line.strip()
        elif items:
            break
    return items


def titled_list(key: str) -> list[str]:
    return next(titled.items for titled in E2021.lists if titled.key == key)


def board_names(edition: Edition) -> set[str]:
    return {f"{m.first_name} {m.surname}" for m in edition.governance.board}


# --- the file itself ------------------------------------------------------------


def test_file_is_an_interchange_document_with_both_editions():
    assert (DOCUMENT["format"], DOCUMENT["version"]) == ("avereport", 1)
    assert [edition.year for edition in (E2020, E2021)] == [2020, 2021]
    assert DEMO_TEXT == json.dumps(DOCUMENT, ensure_ascii=False, indent=2) + "\n"


def test_every_edition_is_exactly_its_plain_form():
    assert [to_plain(E2020), to_plain(E2021)] == DOCUMENT["editions"]


def test_interchange_loader_accepts_the_file_and_dumps_it_back_identically():
    editions = load_editions(DEMO_TEXT, "demo.json")
    assert editions == [E2020, E2021]
    # The app decodes its bundled demo without the schema: what this test validates.
    assert demo_editions() == editions
    assert dump_editions(editions) == DEMO_TEXT


def test_ids_are_numbered_in_list_order_and_references_resolve():
    for edition in (E2020, E2021):
        g = edition.governance
        assert [m.id for m in g.board] == list(range(1, len(g.board) + 1))
        assert [m.id for m in g.staff] == list(range(1, len(g.staff) + 1))
        assert {role.member_id for role in g.bureau} <= {m.id for m in g.board}
        assert {m.replaces_id for m in g.staff if m.replaces_id is not None} <= {m.id for m in g.staff}


def test_logo_is_the_bundled_png():
    logo = resources.files("avereport.resources").joinpath("logo-demo.png").read_bytes()
    assert E2021.organisation.logo == logo
    assert logo.startswith(b"\x89PNG\r\n\x1a\n") and len(logo) < 30_000
    width, height = int.from_bytes(logo[16:20], "big"), int.from_bytes(logo[20:24], "big")
    assert 200 <= width == height <= 400


@pytest.mark.seed
def test_organisation_contact_details_come_from_the_report():
    org = E2021.organisation
    street = seed_find(r"(\d+, rue du \d+ septembre)").group(1)
    postcode, city = seed_find(r"(\d{5}) (PARIS)").groups()
    assert org.name == "Alliance Villes Emploi"
    assert street in org.address and f"{postcode} {city.title()}" in org.address
    assert org.phone == seed_find(r"tél\. : ((?:\d\d ){4}\d\d)").group(1)
    assert org.email in flat() and org.website in flat()
    assert re.fullmatch(r"#[0-9A-F]{6}", org.primary_colour) and re.fullmatch(
        r"#[0-9A-F]{6}", org.secondary_colour
    )


# --- membership -----------------------------------------------------------------

CATEGORY_OF_SEED_LABEL = {
    "au titre d’un PLIE": ("full", "plie"),
    "au titre d’une MDE": ("full", "mde"),
    "au titre d’un PLIE et d’une MDE": ("full", "plie_mde"),
    "au titre d’une collectivité ne portant ni PLIE ni MDE": ("full", "collectivite"),
    "communes": ("clause", "communes"),
    "EPCI": ("clause", "epci"),
    "conseils départementaux": ("clause", "departements"),
    "missions locales": ("clause", "missions_locales"),
    "structures diverses": ("clause", "structures"),
}


def seed_category_lines() -> dict[tuple[str, str], tuple[int, int]]:
    """{(group, category): (count 2021, delta)} from lines like "- 71 au titre d’un PLIE (+2)"."""
    lines = re.findall(r"^-\.? (\d+) (.+?) \(([+-]\d+|=)\)\s*$", seed_text(), re.MULTILINE)
    assert len(lines) == len(CATEGORY_OF_SEED_LABEL)
    return {
        CATEGORY_OF_SEED_LABEL[label]: (int(count), 0 if delta == "=" else int(delta))
        for count, label, delta in lines
    }


def category_counts(edition: Edition) -> dict[tuple[str, str], int | None]:
    return {(g.key, c.key): c.count for g in edition.membership.groups for c in g.categories}


@pytest.mark.seed
def test_categories_2021_and_2020_follow_the_stated_counts_and_deltas():
    seed = seed_category_lines()
    counts_2021, counts_2020 = category_counts(E2021), category_counts(E2020)
    for key, (count, delta) in seed.items():
        assert counts_2021[key] == count, key
        assert counts_2020[key] == count - delta, key


def test_both_editions_share_group_and_category_keys():
    assert category_counts(E2020).keys() == category_counts(E2021).keys()


@pytest.mark.seed
def test_declared_totals_keep_the_report_figures_including_its_slips():
    total, full, full_2020, clause, clause_2020 = map(
        int,
        seed_find(
            r"comptait (\d+) adhérents : (\d+) \((\d+) en 2020\) au titre de l’adhésion pleine et entière, "
            r"(\d+) \((\d+) en 2020\) au titre du seul centre ressource"
        ).groups(),
    )
    groups_2021 = {g.key: g for g in E2021.membership.groups}
    groups_2020 = {g.key: g for g in E2020.membership.groups}
    assert E2021.membership.declared_total == total
    assert (groups_2021["full"].declared_total, groups_2021["clause"].declared_total) == (full, clause)
    assert (groups_2020["full"].declared_total, groups_2020["clause"].declared_total) == (
        full_2020,
        clause_2020,
    )
    assert E2020.membership.declared_total == full_2020 + clause_2020
    computed = sum(c.count for g in E2021.membership.groups if g.in_total for c in g.categories)
    assert computed != total, "the report's total does not add up; the demo must keep that slip"


@pytest.mark.seed
def test_employer_association_is_counted_apart():
    members = int(seed_find(r"compte à ce titre (\d+) collectivités et structures").group(1))
    employer = next(g for g in E2021.membership.groups if g.key == "employer")
    assert not employer.in_total
    assert employer.declared_total == members == sum(c.count for c in employer.categories)


@pytest.mark.seed
def test_membership_dates_and_later_note():
    day, month, year = seed_find(r"Au (\d+) (\w+) (\d{4}), l’association comptait").groups()
    assert E2021.membership.as_of == french_date(day, month, int(year))
    assert E2020.membership.as_of == FuzzyDate(2020, 12, 31)
    day, month, year, newcomers = seed_find(r"au (\d+) (\w+) (\d{4}), (\d+) nouveaux territoires").groups()
    (note,) = E2021.membership.notes
    assert note.date == french_date(day, month, int(year))
    assert newcomers in note.text and "clause sociale" in note.text


# --- network ----------------------------------------------------------------------


def readme_region_counts(heading: str) -> tuple[int, dict[Region, int]]:
    """The stated total and per-region counts of one map, as the seed README lists them."""
    guide = " ".join(seed_readme().split())
    listing = re.search(re.escape(heading) + r" \((\d+), \w+ \d{4}\) — (.+?)[;.] ", guide)
    assert listing, heading
    pairs = re.findall(r" ?([^,]+?) (\d+)(?:,|$)", listing.group(2))
    return int(listing.group(1)), {region_of(name): int(count) for name, count in pairs}


@pytest.mark.seed
@pytest.mark.parametrize(
    ("kind", "heading"), [(NetworkKind.PLIE, "PLIE"), (NetworkKind.MDE, "Maisons de l'Emploi")]
)
def test_region_counts_are_those_of_the_maps(kind, heading):
    total, expected = readme_region_counts(heading)
    actual = {rc.region: rc.count for rc in E2021.network.region_counts if rc.kind is kind}
    assert actual == expected
    coverage = next(c for c in E2021.network.coverage if c.kind is kind)
    assert coverage.total == total == sum(expected.values())


@pytest.mark.seed
def test_coverage_totals_members_and_dates():
    coverage = {c.kind: c for c in E2021.network.coverage}
    plie_total, plie_members = map(
        int, seed_find(r"Sur les (\d+) PLIE français, (\d+) sont adhérents").groups()
    )
    mde_members, mde_total = map(int, seed_find(r"soit (\d+) sur un total de (\d+) MDE").groups())
    oi_total, grouped = map(int, seed_find(r"(\d+) OI-PLIE regroupent (\d+) PLIE").groups())
    assert (coverage[NetworkKind.PLIE].total, coverage[NetworkKind.PLIE].members) == (
        plie_total,
        plie_members,
    )
    assert (coverage[NetworkKind.MDE].total, coverage[NetworkKind.MDE].members) == (mde_total, mde_members)
    assert (coverage[NetworkKind.OI].total, coverage[NetworkKind.OI].grouped_plie) == (oi_total, grouped)
    day, month, year = seed_find(r"147 PLIE au (\d+) (\w+) (\d{4})").groups()
    assert (
        coverage[NetworkKind.PLIE].as_of
        == coverage[NetworkKind.MDE].as_of
        == french_date(day, month, int(year))
    )
    for kind, pattern in (
        (NetworkKind.PLIE, r"CARTE DES PLIE (\w+) (\d{4})"),
        (NetworkKind.MDE, r"77 Maisons de l’Emploi (\w+) (\d{4})"),
    ):
        month, year = seed_find(pattern).groups()
        assert coverage[kind].map_date == FuzzyDate(int(year), MONTHS[month.lower()])


def test_mde_members_keep_the_slip_against_the_categories():
    mde_categories = sum(
        c.count for g in E2021.membership.groups for c in g.categories if c.structure.counts_as_mde
    )
    plie_categories = sum(
        c.count for g in E2021.membership.groups for c in g.categories if c.structure.counts_as_plie
    )
    coverage = {c.kind: c for c in E2021.network.coverage}
    assert plie_categories == coverage[NetworkKind.PLIE].members
    assert mde_categories != coverage[NetworkKind.MDE].members


# --- governance -----------------------------------------------------------------


def board_table_text() -> str:
    return seed_text()[
        seed_text().index("Composition du conseil") : seed_text().index("comportent également un Bureau")
    ]


def seed_board_table() -> list[tuple[str, str]]:
    """(SURNAME, First name) of every row of the report's board table."""
    return re.findall(
        r"\b([A-Z][A-Z-]+) ([A-ZÉ][\w-]+) (?:Président|Présidente|Vice-président|Adjointe)\b",
        board_table_text(),
    )


@pytest.mark.seed
def test_board_holds_every_member_of_the_report_table():
    table = seed_board_table()
    assert len(table) == len(E2021.governance.board)
    assert {(m.surname.upper(), m.first_name) for m in E2021.governance.board} == set(table)


@pytest.mark.seed
def test_board_functions_are_the_table_lines_with_hyphenation_undone():
    table = fold(board_table_text().replace("-\n", ""))
    for member in E2021.governance.board:
        assert member.functions, member.surname
        for line in member.functions:
            assert fold(line) in table, line


@pytest.mark.seed
def test_board_regions_and_the_qualified_person():
    table = board_table_text()
    ((qualified_surname, qualified_first),) = re.findall(r"Personnalité qualifiée ([A-Z]+) (\w+)", table)
    for member in E2021.governance.board:
        if (member.surname.upper(), member.first_name) == (qualified_surname, qualified_first):
            assert member.region is None and member.college == "Personnalité qualifiée"
        else:
            assert member.region is not None
    regions = Counter(m.region for m in E2021.governance.board)
    assert regions[Region.HDF] == len(re.findall(r"^Hauts-de-France [A-Z]{3,}", table, re.MULTILINE))
    assert regions[Region.REU] == 1 and "La Réunion" in table


@pytest.mark.seed
def test_bureau_roles_from_the_report():
    bullets = seed_bullets("le Conseil d’administration :")
    members = {m.id: f"{m.first_name} {m.surname}" for m in E2021.governance.board}
    actual = [(members[role.member_id], role.role.lower()) for role in E2021.governance.bureau]
    expected = [
        (bullet.split(",")[0], bullet.split(",")[1].split("(")[0].strip().lower()) for bullet in bullets
    ]
    assert actual == expected
    day, month, year = seed_find(r"Président \(depuis le (\d+) (\w+) (\d{4})\)").groups()
    assert E2021.governance.bureau[0].since == french_date(day, month, int(year))


@pytest.mark.seed
def test_mandate():
    assert "pour une durée de deux ans" in flat() and E2021.governance.mandate_years == 2
    year = int(seed_find(r"court jusqu’à la fin de l’année (\d{4})").group(1))
    assert E2021.governance.mandate_end == FuzzyDate(year, 12, 31)


@pytest.mark.seed
def test_governance_events_of_2021():
    events = E2021.governance.events
    by_kind = {kind: [e for e in events if e.kind is kind] for kind in EventKind}
    president, month, year = seed_find(
        r"(\w+ \w+), présidente de l’association depuis fin 2017 a souhaité "
        r"quitté ses fonctions en sep- ?(\w+) (\d{4})"
    ).groups()
    (departure,) = by_kind[EventKind.DEPARTURE]
    assert departure.person == president and departure.date == FuzzyDate(int(year), MONTHS["sep" + month])
    assert [e.person for e in by_kind[EventKind.HONORARY]] == [president]
    (election,) = by_kind[EventKind.ELECTION]
    assert election.person == "Yohan David" and election.date == E2021.governance.bureau[0].since
    assert "délégué" in election.description
    (resignation,) = by_kind[EventKind.RESIGNATION]
    assert resignation.person == seed_find(r"Il est également à noter que (\w+ \w+), membre du CA").group(1)
    assert "Blanc-Mesnil" in resignation.description
    arrivals = re.findall(
        r"([A-ZÉ]\w+ [A-ZÉ][\w-]+) \((\w+)\)", seed_find(r"rejoint nos instances : (.+?)\.").group(1)
    )
    assert len(arrivals) == 3
    assert [e.person for e in by_kind[EventKind.ARRIVAL]] == [name for name, _ in arrivals]
    assert all(
        city in e.description for e, (_, city) in zip(by_kind[EventKind.ARRIVAL], arrivals, strict=True)
    )
    assert {name for name, _ in arrivals} <= board_names(E2021)


@pytest.mark.seed
def test_meetings_of_2021():
    days = seed_find(r"s’est réuni à (\d+) reprises en 2021 \(([^)]+)\)")
    board = [
        FuzzyDate(2021, MONTHS[month], int(day)) for day, month in re.findall(r"(\d+) (\w+)", days.group(2))
    ]
    assert len(board) == int(days.group(1))
    meetings = E2021.governance.meetings
    assert [m.date for m in meetings if m.kind is MeetingKind.BOARD] == board
    day, month = seed_find(r"L’assemblée générale s’est tenue le (\d+) (\w+)").groups()
    assert [m.date for m in meetings if m.kind is MeetingKind.GENERAL_ASSEMBLY] == [
        french_date(day, month, 2021)
    ]
    place, day, month = seed_find(r"rassemblé les élus au (\w+) le (\d+) (\w+)").groups()
    (seminar,) = [m for m in meetings if m.kind is MeetingKind.SEMINAR]
    assert seminar.date == french_date(day, month, 2021) and seminar.place == place
    assert [m.date for m in meetings] == sorted(m.date for m in meetings)


@pytest.mark.seed
def test_regional_bodies():
    bullets = seed_bullets("Il s’agit notamment de :")
    expected = {}
    for bullet in bullets:
        name, detail = bullet.rstrip().removesuffix(")").split(" (", 1)
        expected[region_of(name)] = detail
    bodies = {body.region: body for body in E2021.governance.regional_bodies}
    assert bodies.keys() == expected.keys()
    for region, detail in expected.items():
        body = bodies[region]
        assert fold(body.name) in fold(detail)
        assert (body.website or None) == next(iter(re.findall(r"www\.[\w.]+\w", detail)), None)
        assert ("en cours de constitution" in detail) == (
            "en cours de constitution" in body.description.lower()
        )


def seed_staff() -> dict[str, tuple[str | None, str]]:
    """{name: (whom they replace or None, reason)} from the seed's team list."""
    staff: dict[str, tuple[str | None, str]] = {}
    for item in seed_bullets("orientations définies par l’Assemblée générale de l’association :"):
        item = " ".join(item.split())
        holder = item.split(",")[0]
        staff[holder] = (None, "")
        replaced = re.search(
            r"remplacée? (?:pendant son (congé \w+) )?par (.+?)(?:,| pendant son (congé \w+)\)|\)|$)", item
        )
        if replaced:
            reason = replaced.group(1) or replaced.group(3) or "départ"
            for name in replaced.group(2).split(" puis "):
                staff[name] = (holder, reason)
    return staff


@pytest.mark.seed
def test_staff_and_replacements():
    expected = seed_staff()
    names = {m.id: m.name for m in E2021.governance.staff}
    actual = {m.name: (names.get(m.replaces_id), m.reason) for m in E2021.governance.staff}
    assert actual == expected
    staff = {m.name: m for m in E2021.governance.staff}
    day, month, year = seed_find(r"financier \(jusqu’au (\d+) (\w+) (\d{4})\)").groups()
    assert staff["Bruno Adam"].end == french_date(day, month, int(year))
    day, month, year = seed_find(r"financier \(à partir du (\d+) (\w+) (\d{4})\)").groups()
    assert staff["David Miriot"].start == french_date(day, month, int(year))
    month, year = seed_find(r"territoires \(à compter de (\w+) (\d{4})\)").groups()
    assert staff["Romane Pappalardo"].start == FuzzyDate(int(year), MONTHS[month])


def test_2020_governance_holds_only_what_the_2021_text_implies():
    g = E2020.governance
    members = {m.id: f"{m.first_name} {m.surname}" for m in g.board}
    roles = {members[role.member_id]: role.role for role in g.bureau}
    assert roles["Nathalie Delattre"] == "Présidente" and roles["Yohan David"] == "Président délégué"
    assert "Bénédicte Lefèvre" in roles and "Bénédicte Lefèvre" not in board_names(E2021)
    assert len(g.board) == 3 and not g.meetings and not g.staff and not g.events


# --- training -------------------------------------------------------------------


@pytest.mark.seed
def test_training_totals_and_split_match_the_report():
    people, sessions = map(
        int,
        seed_find(
            r"ce sont (\d+) personnes qui ont été formées dans le cadre de "
            r"(\d+) sessions"
        ).groups(),
    )
    shares = [
        int(p)
        for p in seed_find(
            r"(\d+)% d’entre elles sont des salarié.e.s de PLIE, (\d+)% de MDE "
            r"\(y compris MDE portant un PLIE\), (\d+)% de collec- ?tivités locales, "
            r"(\d+)% d’autres structures"
        ).groups()
    ]
    t = E2021.training
    columns = [
        sum(getattr(s, name) for s in t.sessions) for name in ("plie", "mde", "collectivites", "autres")
    ]
    assert len(t.sessions) == sessions and sum(columns) == people
    assert [round(100 * column / people) for column in columns] == shares


def test_sessions_are_plausible_and_declared_illustrative():
    t = E2021.training
    modules = {m.name for m in t.modules}
    for session in t.sessions:
        assert session.plie + session.mde + session.collectivites + session.autres > 0
        assert min(session.plie, session.mde, session.collectivites, session.autres) >= 0
        assert session.date.year == 2021 and session.module in modules
    assert 1 <= sum(s.mode is TrainingMode.ON_SITE for s in t.sessions) <= 2
    assert {s.module for s in t.sessions} == modules
    assert "illustration" in t.note and "223" in t.note and "22 sessions" in t.note


@pytest.mark.seed
def test_training_modules_and_the_new_one():
    named = seed_find(r"collectivi- ?tés locales : (.+?)… Chaque année").group(1).split(", ")
    modules = {fold(m.name): m for m in E2021.training.modules}
    for name in named:
        assert any(key.startswith(fold(name)) for key in modules), name
    assert [m.name for m in E2021.training.modules if m.new] == [
        m.name for m in E2021.training.modules if "RGPD" in m.name
    ]
    assert "(RGPD)" in flat()


@pytest.mark.seed
def test_assistance_indicators():
    lines = seed_bullets("En 2021, cela a représenté :")
    indicators = E2021.training.assistance
    assert len(indicators) == len(lines)
    for line, indicator in zip(lines, indicators, strict=True):
        over, value = re.match(r"(Plus de )?(\d+) ", line).groups()
        assert indicator.value == int(value)
        assert indicator.qualifier is (Qualifier.OVER if over else Qualifier.EXACT)
        assert fold(indicator.unit) in fold(line)
    rise, year = map(int, re.search(r"\(\+(\d+)% par rapport à (\d{4})\)", lines[-1]).groups())
    assert indicators[-1].compare_year == year
    assert indicators[-1].value == indicators[-1].compare_value * (100 + rise) // 100


@pytest.mark.seed
def test_user_clubs():
    first, first_users, second, second_users = seed_find(
        r"logiciels (\w+) \(utilisé par les (\w+)\) et (\w+) \(utilisé par les (\w+)\)"
    ).groups()
    clubs = {club.software: club for club in E2021.training.clubs}
    assert clubs.keys() == {first, second}
    for software, users in ((first, first_users), (second, second_users)):
        assert fold(users) in fold(clubs[software].audience)
    assert "une réunion dans l’année pour chacun des deux clubs" in flat()
    assert all(club.meetings == 1 for club in clubs.values())


# --- communication --------------------------------------------------------------


@pytest.mark.seed
def test_communication_figures():
    c = E2021.communication
    assert c.website_visits == number(seed_find(r"a reçu ([\d ]+) visites").group(1))
    assert c.top_page_visits == number(seed_find(r"un peu plus de ([\d ]+) visites").group(1))
    assert c.top_page_qualifier is Qualifier.OVER
    offers, rise = map(
        int, seed_find(r"\((\d+) ont été diffusées en 2021, \+(\d+)% par rapport à 2020\)").groups()
    )
    assert c.job_offers == offers
    assert round(100 * (offers / E2020.communication.job_offers - 1)) == rise
    followers = {f.network: f for f in c.followers}
    assert followers["Twitter"].count == number(
        seed_find(r"Le compte Twitter compte lui ([\d ]+) abonnés").group(1)
    )
    assert followers["Twitter"].handle == seed_find(r"compte Twitter (@\w+)").group(1)
    linkedin = number(seed_find(r"Il compte aujourd’hui plus de ([\d ]+) abonnés").group(1))
    assert (followers["LinkedIn"].count, followers["LinkedIn"].qualifier) == (linkedin, Qualifier.OVER)


@pytest.mark.seed
def test_reach_tiers():
    words = {"Deux": 2}
    top, top_views, second, second_views, third, third_views = seed_find(
        r"(\w+) tweets ont dépas- ?sé les ([\d ]+) vues .+?, (\d+) ont été vus par plus de ([\d ]+) personnes "
        r"et (\d+) autres par plus de ([\d ]+)\."
    ).groups()
    expected = [
        (number(top_views), words[top]),
        (number(second_views), int(second)),
        (number(third_views), int(third)),
    ]
    assert [(tier.min_views, tier.posts) for tier in E2021.communication.reach_tiers] == expected


@pytest.mark.seed
def test_webinars():
    webinars = E2021.communication.webinars
    people, month, year = seed_find(r"a réuni plus de (\d+) personnes en (\w+) (\d{4})").groups()
    first = next(w for w in webinars if "inclusion" in w.partner.lower())
    assert (first.participants, first.qualifier, first.date) == (
        int(people),
        Qualifier.OVER,
        FuzzyDate(int(year), MONTHS[month]),
    )
    month, year = seed_find(r"mettre à disposi- ?tion du personnel \((\w+) (\d{4})\)").groups()
    assert any(w.partner == "Mobiliwork" and w.date == FuzzyDate(int(year), MONTHS[month]) for w in webinars)
    day, month, year = seed_find(r"celui du (\d+) (\w+) (\d{4}) a permis aux PLIE").groups()
    assert any("protocoles" in w.title and w.date == french_date(day, month, int(year)) for w in webinars)
    day, month, year = seed_find(r"« pratiques inspirantes ».+?le (\d+) (\w+) (\d{4})").groups()
    assert any("inspirantes" in w.title and w.date == french_date(day, month, int(year)) for w in webinars)
    assert len(webinars) == 4


# --- key figures ----------------------------------------------------------------


def key_figure_pages() -> str:
    return flat()[
        flat().index("Les chiffres clés du réseauChiffres clés des PLIE") : flat().index(
            "Favoriser l’échange"
        )
    ]


@pytest.mark.seed
def test_every_percentage_of_the_key_figure_pages_is_in_a_block():
    stated = Counter(float(p.replace(",", ".")) for p in re.findall(r"(\d+(?:,\d+)?) ?%", key_figure_pages()))
    held = Counter(
        float(item.value) for block in E2021.key_figures for item in block.items if item.unit == "%"
    )
    assert held == stated


@pytest.mark.seed
def test_every_count_of_the_key_figure_pages_is_in_a_block():
    pages = key_figure_pages()
    counts = [
        number(re.search(r"([\d ]+) personnes ont bénéficié", pages).group(1)),
        number(re.search(r"([\d ]+) sont entrées en parcours", pages).group(1)),
        number(re.search(r"([\d ]+) parcours \(soit", pages).group(1)),
        int(re.search(r"(\d+) PLIE au 31 janvier 2021", pages).group(1)),
        int(re.search(r"(\d+) MDE au 31 janvier 2021", pages).group(1)),
        *map(
            int,
            re.search(
                r"(\d+) structures porteuses de la clause sociale et (\d+) facilitateurs", pages
            ).groups(),
        ),
    ]
    facilitator = re.search(
        r"travaillant avec (\d+) donneurs d’ordre, sur (\d+) marchés, susciter près de ([\d.]+) "
        r"heures d’insertion \((\d+) ETP annuels\) qui ont engendré pour (\d+) participants près "
        r"de (\d+) contrats de travail au sein de (\d+) entreprises",
        pages,
    )
    counts += [number(value) for value in facilitator.groups()]
    held = {
        float(item.value): item for block in E2021.key_figures for item in block.items if item.unit != "%"
    }
    assert sorted(held) == sorted(counts)
    for nearly in (facilitator.group(3), facilitator.group(6)):
        assert held[number(nearly)].qualifier is Qualifier.NEARLY


def test_key_figure_blocks_name_their_source():
    assert [block.key for block in E2021.key_figures] == ["plie", "mde", "clause"]
    for block in E2021.key_figures:
        assert block.source.startswith("Source : ") and block.title and block.items
        assert all(item.label for item in block.items)


# --- lists ----------------------------------------------------------------------


def significant_words(text: str) -> set[str]:
    """Names and acronyms of a seed bullet, else its longer words."""
    words = re.findall(r"[A-ZÀ-Ý][\wÀ-ÿ-]{3,}", text) or re.findall(r"\w{5,}", text)
    return {fold(word) for word in words}


@pytest.mark.seed
@pytest.mark.parametrize(
    ("key", "seed_heading"),
    [
        ("rencontres", "interlocuteurs de premier plan :"),
        ("instances", "Cela a notamment concerné :"),
        ("institutions", "actives dans notre champ d’intervention :"),
        ("reseaux", "auprès des pouvoirs publics :"),
        ("contributions", "travaux académiques, notamment :"),
    ],
)
def test_titled_lists_follow_the_report_item_by_item(key, seed_heading):
    bullets = seed_bullets(seed_heading)
    items = titled_list(key)
    assert len(items) == len(bullets)
    for bullet, item in zip(bullets, items, strict=True):
        assert significant_words(bullet) & {fold(word) for word in re.findall(r"[\wÀ-ÿ-]+", item)}, (
            bullet,
            item,
        )


@pytest.mark.seed
def test_conventions_signed():
    first, second = seed_find(r"aux réflexions communes : l’(\w+) et l’(\w+)\.").groups()
    third = seed_find(r"signature d’une convention avec le (\w+)").group(1)
    items = titled_list("conventions")
    assert [item.split()[0] for item in items] == [first, second, third]


# --- outline --------------------------------------------------------------------


def test_outline_structure():
    for edition in (E2020, E2021):
        keys = [section.key for section in edition.outline]
        assert len(keys) == len(set(keys)) and all(re.fullmatch(r"[a-z_]+", key) for key in keys)
        assert edition.outline[0].level == 1
        assert {section.level for section in edition.outline} == {1, 2}
    assert {section.key for section in E2020.outline} <= {section.key for section in E2021.outline}
    assert all(not section.body for section in E2020.outline)


def test_every_structured_part_of_2021_has_its_section():
    outline = E2021.outline
    assert {section.kind for section in outline} == set(SectionKind)
    refs = {(section.kind, section.ref) for section in outline if section.ref}
    assert refs == {(SectionKind.KEY_FIGURES, block.key) for block in E2021.key_figures} | {
        (SectionKind.LIST, titled.key) for titled in E2021.lists
    }


def narrative_texts() -> list[str]:
    texts = [section.body for section in E2021.outline] + [E2021.training.note]
    texts += [note.text for note in E2021.membership.notes]
    return texts + [event.description for event in E2021.governance.events]


@pytest.mark.seed
def test_narrative_is_paraphrase_not_copy():
    """Names of bodies and programmes are shared facts; ten words in a row shared means a copied clause."""
    run = 10

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", fold(text))

    seed_words = words(seed_text().replace("-\n", ""))
    seed_runs = {tuple(seed_words[i : i + run]) for i in range(len(seed_words) - run + 1)}
    copied = [
        " ".join(own[i : i + run])
        for own in map(words, narrative_texts())
        for i in range(len(own) - run + 1)
        if tuple(own[i : i + run]) in seed_runs
    ]
    assert not copied


@pytest.mark.seed
def test_narrative_carries_the_facts_not_held_elsewhere():
    text = fold(" ".join(section.body for section in E2021.outline))
    countries = seed_find(r"de (\d+) pays \(([^)]+)\)")
    universities = seed_find(r"universités \(([^)]+)\)").group(1)
    themes = seed_find(r"trois thèmes sont proposés aux facilitateurs : (.+?) \((\w+)\)")
    facts = [
        *countries.group(2).split(", "),
        f"{countries.group(1)} pays",
        *universities.split(", "),
        *re.split(r", | et ", themes.group(1)),
        themes.group(2),
        seed_find(r"projet européen, (\w+),").group(1),
        seed_find(r"continuité du projet (\w+),").group(1),
        *seed_find(
            r"les projets (\w+) \(support du dialogue prospectif.+?, et (\w+) \(Bâtis ton projet"
        ).groups(),
        seed_find(r"rejoints en 2022 par la (Banque des Territoires)").group(1),
        seed_find(r"environ (\d+ participants)").group(1),
        seed_find(r"(\d+) d’entre elles ont eu lieu en 2021").group(1) + " en 2021",
        seed_find(r"subvention de la (\w+)").group(1),
        seed_find(r"en lien avec (Up Cityzen)").group(1),
        "Trophées de la Commande publique responsable",
        "Salon des Maires",
        "Arles Crau Camargue Montagnette",
        "Tour de France de la clause sociale",
        "tous les deux mois",
        "avril 2022",
        "mi-2020",
        "une dizaine d'intervenants",
        "53 %",
        "12 territoires",
    ]
    missing = [fact for fact in facts if fold(fact) not in text]
    assert not missing
