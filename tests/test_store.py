"""Documents: round trips, years, replace, delete, next edition, atomic writes."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
import types
import typing
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avereport.model import edit, limits
from avereport.model.dates import FuzzyDate
from avereport.model.diff import diff_editions
from avereport.model.edition import (
    BoardMember,
    BureauRole,
    Communication,
    Coverage,
    DatedNote,
    Edition,
    EventKind,
    Followers,
    Governance,
    GovernanceEvent,
    Indicator,
    KeyFigure,
    KeyFigureBlock,
    Meeting,
    MeetingKind,
    MemberCategory,
    MemberGroup,
    Membership,
    Metric,
    Network,
    NetworkKind,
    Organisation,
    Qualifier,
    ReachTier,
    RegionalBody,
    RegionCount,
    ReviewState,
    Section,
    SectionKind,
    StaffMember,
    Structure,
    TitledList,
    Training,
    TrainingMode,
    TrainingModule,
    TrainingSession,
    UserClub,
    Webinar,
)
from avereport.model.regions import Region
from avereport.model.succession import start_next_edition
from avereport.store import DocumentError, EditionExistsError, open_document
from avereport.store.layout import EDITION, TABLES
from avereport.store.opening import TEXT_MAX_BYTES

HOSTILE = ("R&D <Nord>", "'; DROP TABLE edition; --", "Café 🎉 « guillemets »", "a\x00b", "ligne 1\nligne 2")
# Logos are decoded before use: a real PNG (2 × 1 pixels).
LOGO = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00\x00{@\xe8\xdd"
    b"\x00\x00\x00\x0fIDATx\x9cc\x94\xf7\xabd``\x00\x00\x042\x00\xe8I!\x1d\x0f\x00\x00\x00\x00IEND\xaeB`\x82"
)


def full_edition(year: int = 2021) -> Edition:
    """An edition in which every field differs from its default."""
    h0, h1, h2, h3, h4 = HOSTILE
    return Edition(
        year=year,
        organisation=Organisation(
            name="Alliance Villes Emploi",
            address=h0,
            phone="01 02 03 04 05",
            email="contact@example.org",
            website="https://example.org",
            logo=LOGO,
            primary_colour="#102030",
            secondary_colour="#302010",
        ),
        membership=Membership(
            as_of=FuzzyDate(year, 12, 31),
            declared_total=208,
            groups=(
                MemberGroup(
                    key="collectivites",
                    name=h1,
                    declared_total=120,
                    in_total=False,
                    retired=True,
                    categories=(
                        MemberCategory(
                            key="plie", name="PLIE", count=71, structure=Structure.PLIE, retired=True
                        ),
                        MemberCategory(key="both", name=h2, count=17, structure=Structure.PLIE_MDE),
                    ),
                ),
                MemberGroup(key="autres", name="Autres", categories=()),
            ),
            notes=(DatedNote(date=FuzzyDate(year, 6), text=h3),),
        ),
        network=Network(
            coverage=(
                Coverage(
                    kind=NetworkKind.OI,
                    total=12,
                    members=9,
                    grouped_plie=40,
                    as_of=FuzzyDate(year, 5),
                    map_date=FuzzyDate(year + 1, 4),
                ),
            ),
            region_counts=(RegionCount(kind=NetworkKind.PLIE, region=Region.HDF, count=29),),
        ),
        governance=Governance(
            mandate_years=2,
            mandate_end=FuzzyDate(year + 1),
            board=(
                BoardMember(
                    id=41,
                    surname="DAVID",
                    first_name="Yohan",
                    region=Region.IDF,
                    college="Personnalité qualifiée",
                    functions=("Président", h4),
                ),
                BoardMember(id=7, surname="CORNET", first_name="Danièle", functions=()),
            ),
            bureau=(
                BureauRole(member_id=41, role="Président", since=FuzzyDate(year, 9, 30)),
                BureauRole(member_id=7, role="Trésorière"),
            ),
            events=(
                GovernanceEvent(
                    date=FuzzyDate(year, 9),
                    kind=EventKind.ELECTION,
                    person="Yohan David",
                    role="président",
                    description=h2,
                ),
            ),
            meetings=(
                Meeting(kind=MeetingKind.SEMINAR, date=FuzzyDate(year, 9, 17), place="Sénat", label=h0),
            ),
            regional_bodies=(
                RegionalBody(
                    region=Region.HDF, name="AREFIE", description=h1, website="https://arefie.example"
                ),
            ),
            staff=(
                # Replaces someone listed after them: a forward reference.
                StaffMember(
                    id=3,
                    name="David Miriot",
                    role="RAF",
                    start=FuzzyDate(year, 12, 13),
                    end=FuzzyDate(year + 3),
                    replaces_id=9,
                    reason=h3,
                ),
                StaffMember(id=9, name="Bruno Adam", role="RAF", end=FuzzyDate(year, 10, 6)),
            ),
        ),
        training=Training(
            note=h4,
            sessions=(
                TrainingSession(
                    module="RGPD",
                    date=FuzzyDate(year, 3, 2),
                    mode=TrainingMode.ON_SITE,
                    plie=5,
                    mde=3,
                    collectivites=2,
                    autres=1,
                ),
            ),
            modules=(TrainingModule(name="RGPD", new=True),),
            assistance=(
                Indicator(
                    key="questions",
                    label="questions",
                    value=120,
                    unit="questions",
                    qualifier=Qualifier.OVER,
                    compare_year=year - 1,
                    compare_value=100,
                ),
            ),
            clubs=(UserClub(name="Club", software="ABC", audience=h0, meetings=4),),
        ),
        communication=Communication(
            website_visits=50000,
            top_page=h1,
            top_page_visits=5000,
            top_page_qualifier=Qualifier.NEARLY,
            job_offers=300,
            followers=(Followers(network="LinkedIn", handle="@ave", count=3000, qualifier=Qualifier.ABOUT),),
            reach_tiers=(ReachTier(min_views=5000, posts=2),),
            webinars=(
                Webinar(
                    date=FuzzyDate(year, 2),
                    title=h2,
                    partner="Plateforme de l'inclusion",
                    participants=150,
                    qualifier=Qualifier.OVER,
                ),
            ),
            metrics=(Metric(key="open_rate", label="Taux d'ouverture", value=37.5, unit="%"),),
        ),
        key_figures=(
            KeyFigureBlock(
                key="sorties",
                title=h3,
                source="Enquête",
                items=(KeyFigure(value=17.5, unit="%", label=h1, qualifier=Qualifier.ABOUT),),
            ),
        ),
        lists=(TitledList(key="instances", title=h0, items=HOSTILE),),
        outline=(
            Section(
                key="liste",
                kind=SectionKind.LIST,
                heading=h2,
                level=2,
                body=h4,
                ref="instances",
                review=ReviewState.TO_REVIEW,
                reviewed_by=h3,
                reviewed_at="2022-03-14T10:05",
            ),
        ),
    )


def _filled_fields(obj: object, where: str, seen: dict[str, bool]) -> None:
    """Record for each field path of a dataclass tree whether some instance
    holds a value other than the field's default."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        path = f"{where}.{f.name}"
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = dataclasses.MISSING
        seen[path] = seen.get(path, False) or value != default
        for item in value if isinstance(value, tuple) else [value]:
            if dataclasses.is_dataclass(item) and not isinstance(item, FuzzyDate):
                _filled_fields(item, path, seen)


def _defaults_left(edition: Edition) -> list[str]:
    seen: dict[str, bool] = {}
    _filled_fields(edition, "", seen)
    return [path for path, filled in seen.items() if not filled]


def renumbered(edition: Edition) -> Edition:
    """``edition`` with board and staff ids replaced by their list position,
    references following: equal for two editions that differ only in ids."""
    governance = edition.governance
    board = {m.id: n for n, m in enumerate(governance.board)}
    staff = {s.id: n for n, s in enumerate(governance.staff)}
    return dataclasses.replace(
        edition,
        governance=dataclasses.replace(
            governance,
            board=tuple(dataclasses.replace(m, id=n) for n, m in enumerate(governance.board)),
            bureau=tuple(dataclasses.replace(r, member_id=board[r.member_id]) for r in governance.bureau),
            staff=tuple(
                dataclasses.replace(
                    p, id=n, replaces_id=None if p.replaces_id is None else staff[p.replaces_id]
                )
                for n, p in enumerate(governance.staff)
            ),
        ),
    )


def table_rows(path: Path) -> dict[str, int]:
    """Rows per table of the file: what a write left behind."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


@pytest.fixture
def doc_path(tmp_path: Path) -> Path:
    return tmp_path / "rapport.db"


def test_full_edition_fills_every_field():
    assert _defaults_left(full_edition()) == []


def test_round_trip_keeps_every_field(doc_path):
    written = full_edition()
    with open_document(doc_path, create=True) as document:
        document.write_edition(written)
    with open_document(doc_path, read_only=True) as document:
        read = document.read_edition(2021)
    assert renumbered(read) == renumbered(written)
    assert read.organisation.logo == LOGO
    assert read.lists[0].items == HOSTILE


def test_read_ids_are_consistent_references(doc_path):
    with open_document(doc_path, create=True) as document:
        document.write_edition(full_edition())
        read = document.read_edition(2021)
    board = {m.id: m.surname for m in read.governance.board}
    assert [board[r.member_id] for r in read.governance.bureau] == ["DAVID", "CORNET"]
    staff = {s.id: s.name for s in read.governance.staff}
    assert [staff.get(s.replaces_id) for s in read.governance.staff] == ["Bruno Adam", None]
    # Reading again gives the same ids: they are the rows' keys.
    with open_document(doc_path) as document:
        assert document.read_edition(2021) == read


def test_new_document_is_empty_and_years_ascend(doc_path):
    with open_document(doc_path, create=True) as document:
        assert document.years() == []
        for year in (2021, 2019, 2020):
            document.write_edition(Edition(year=year))
        assert document.years() == [2019, 2020, 2021]
    with open_document(doc_path) as document:
        assert document.years() == [2019, 2020, 2021]
        assert document.read_edition(2020) == Edition(year=2020)


def test_any_file_name_works(tmp_path):
    path = tmp_path / "Rapport d'activité #1 ?100% ok.db"
    with open_document(path, create=True) as document:
        document.write_edition(Edition(year=2021))
    with open_document(path, read_only=True) as document:
        assert document.years() == [2021]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == [path.name]


def test_missing_year_is_a_french_error(doc_path):
    with open_document(doc_path, create=True) as document:
        with pytest.raises(DocumentError) as caught:
            document.read_edition(2030)
        with pytest.raises(DocumentError):
            document.delete_edition(2030)
    assert str(caught.value) == "Le fichier « rapport.db » ne contient pas d'édition 2030."


def test_missing_file_without_create(doc_path):
    with pytest.raises(DocumentError, match=r"« rapport\.db » est introuvable"):
        open_document(doc_path)
    assert not doc_path.exists()


def test_existing_year_is_refused_unless_replace(doc_path):
    first = full_edition()
    second = Edition(year=2021, organisation=Organisation(name="Autre"))
    with open_document(doc_path, create=True) as document:
        document.write_edition(first)
        with pytest.raises(EditionExistsError) as caught:
            document.write_edition(second)
        assert "« rapport.db » contient déjà l'édition 2021" in str(caught.value)
        assert renumbered(document.read_edition(2021)) == renumbered(first)

        document.write_edition(second, replace=True)
        assert document.years() == [2021]
        assert document.read_edition(2021) == second
    # The replaced edition's rows are gone, not orphaned.
    empty_path = doc_path.with_name("vide.db")
    with open_document(empty_path, create=True) as document:
        document.write_edition(second)
    assert table_rows(doc_path) == table_rows(empty_path)


def test_delete_removes_every_row_of_the_edition(doc_path):
    with open_document(doc_path, create=True) as document:
        document.write_edition(Edition(year=2020))
    before = table_rows(doc_path)
    with open_document(doc_path) as document:
        document.write_edition(full_edition(2021))
        assert table_rows(doc_path) != before
        document.delete_edition(2021)
        assert document.years() == [2020]
    assert table_rows(doc_path) == before


def test_write_editions_is_all_or_nothing(doc_path):
    with open_document(doc_path, create=True) as document:
        document.write_edition(Edition(year=2021))
        with pytest.raises(EditionExistsError):
            document.write_editions([Edition(year=2019), Edition(year=2021)])
        assert document.years() == [2021]
        document.write_editions([Edition(year=2019), full_edition(2020)])
        assert document.years() == [2019, 2020, 2021]


def test_failure_midway_leaves_nothing_written(doc_path):
    good = full_edition()
    bad = full_edition()
    # Only the training sessions, written after most other tables, hold a
    # text longer than the store takes: refused once the tables before are in.
    bad = edit.replace_at(bad, "training.sessions[0].module", "x" * (TEXT_MAX_BYTES + 1))
    with open_document(doc_path, create=True) as document:
        document.write_edition(good)
        rows = table_rows(doc_path)
        with pytest.raises(DocumentError) as caught:
            document.write_edition(bad, replace=True)
        assert "L'édition 2021 n'a pas été enregistrée" in str(caught.value)
        assert "« rapport.db »" in str(caught.value)
        with pytest.raises(DocumentError):
            document.write_editions([Edition(year=2022), dataclasses.replace(bad, year=2023)])
        assert document.years() == [2021]
        assert renumbered(document.read_edition(2021)) == renumbered(good)
    assert table_rows(doc_path) == rows


def row_keys(path: Path) -> dict[str, list[int]]:
    """The primary keys of the rows of the edition table and every list table."""
    names = [EDITION, *(spec.name for spec in TABLES if not spec.single)]
    conn = sqlite3.connect(path)
    try:
        return {
            name: [key for (key,) in conn.execute(f'SELECT id FROM "{name}" ORDER BY id')] for name in names
        }
    finally:
        conn.close()


def test_changed_records_are_updated_in_place(doc_path):
    with open_document(doc_path, create=True) as document:
        # Written first: were it written again, its rows would get new keys.
        document.write_edition(full_edition(2021))
        document.write_edition(full_edition(2020))
        stored, other = document.read_edition(2021), document.read_edition(2020)
        keys = row_keys(doc_path)
        changed = edit.with_value(stored, "membership.groups[0].categories[1].count", 4321)
        changed = edit.with_value(changed, "governance.board[0].functions[0]", "Trésorière")
        changed = edit.with_value(changed, "governance.bureau[0].member_id", stored.governance.board[1].id)
        changed = edit.with_value(changed, "organisation.name", "AVE")
        changed = edit.with_value(changed, "lists[0].items[2]", "Nouveau « texte »")
        document.change_edition(stored, changed, changes=diff_editions(stored, changed))
        assert row_keys(doc_path) == keys
        assert document.read_edition(2021) == changed
        assert document.read_edition(2020) == other
        assert len(document.history()) == 5


def test_added_removed_or_moved_records_rewrite_the_edition(doc_path):
    with open_document(doc_path, create=True) as document:
        document.write_edition(full_edition())
        stored = document.read_edition(2021)
        moved = edit.move_item(stored, "governance.board", 0, 1)
        document.change_edition(stored, moved, changes=diff_editions(stored, moved))
        assert renumbered(document.read_edition(2021)) == renumbered(moved)
        removed = edit.remove_item(moved, "membership.groups[0].categories", 0)
        document.change_edition(moved, removed, changes=diff_editions(moved, removed))
        assert renumbered(document.read_edition(2021)) == renumbered(removed)


def test_after_someone_else_wrote_the_whole_edition_is_written(doc_path):
    """Someone who took the document over changed it: an edit made from
    what this connection read replaces the edition, never mixes with theirs."""
    with open_document(doc_path, create=True) as document:
        document.write_edition(full_edition())
        stored = document.read_edition(2021)
        with open_document(doc_path) as other:
            theirs = other.read_edition(2021)
            other.change_edition(
                theirs, edit.with_value(theirs, "organisation.phone", "09 99 99 99 99"), changes=[]
            )
        assert document.written_elsewhere()
        mine = edit.with_value(stored, "organisation.name", "AVE")
        document.change_edition(stored, mine, changes=diff_editions(stored, mine))
        assert renumbered(document.read_edition(2021)) == renumbered(mine)


def test_records_changed_in_place_are_checked_like_a_full_write(doc_path):
    with open_document(doc_path, create=True) as document:
        document.write_edition(full_edition())
        stored = document.read_edition(2021)
        rows = table_rows(doc_path)
        dangling = edit.with_value(stored, "governance.bureau[0].member_id", 999)
        with pytest.raises(
            DocumentError, match="l'identifiant 999 ne correspond à aucun des membres du conseil"
        ):
            document.change_edition(stored, dangling, changes=diff_editions(stored, dangling))
        too_long = edit.with_value(stored, "outline[0].body", "é" * TEXT_MAX_BYTES)
        with pytest.raises(DocumentError, match="un texte dépasse 1 Mo"):
            document.change_edition(stored, too_long, changes=[])
        assert document.read_edition(2021) == stored
        assert document.history() == []
    assert table_rows(doc_path) == rows


def test_references_must_resolve_within_the_edition(doc_path):
    unknown = full_edition()
    unknown = edit.replace_at(unknown, "governance.bureau[0].member_id", 999)
    twice = full_edition()
    twice = edit.replace_at(twice, "governance.staff[1].id", twice.governance.staff[0].id)
    with open_document(doc_path, create=True) as document:
        with pytest.raises(DocumentError) as caught:
            document.write_edition(unknown)
        assert "l'identifiant 999 ne correspond à aucun des membres du conseil" in str(caught.value)
        with pytest.raises(DocumentError) as caught:
            document.write_edition(twice)
        assert "figure deux fois parmi les membres de l'équipe" in str(caught.value)
        assert document.years() == []


def test_ids_from_another_document_are_remapped(doc_path):
    """Ids only need to be consistent within an edition: the same edition
    written twice (two years) gets distinct rows with the same structure."""
    with open_document(doc_path, create=True) as document:
        document.write_edition(full_edition(2020))
        document.write_edition(full_edition(2021))
        a, b = document.read_edition(2020), document.read_edition(2021)
    assert {m.id for m in a.governance.board}.isdisjoint(m.id for m in b.governance.board)
    assert renumbered(b) == renumbered(full_edition(2021))


def test_read_only_document_refuses_changes(doc_path):
    with open_document(doc_path, create=True) as document:
        document.write_edition(Edition(year=2021))
    with open_document(doc_path, read_only=True) as document:
        assert document.read_only
        with pytest.raises(DocumentError, match="est ouvert en lecture seule"):
            document.write_edition(Edition(year=2022))
        with pytest.raises(DocumentError, match="lecture seule"):
            document.delete_edition(2021)
        assert document.years() == [2021]


def test_create_next_edition_stores_the_model_successor(doc_path):
    source = full_edition(2021)
    with open_document(doc_path, create=True) as document:
        document.write_edition(source)
        created = document.create_next_edition(2021)
        assert document.years() == [2021, 2022]
        assert created == document.read_edition(2022)
        stored_source = document.read_edition(2021)
        with pytest.raises(EditionExistsError):
            document.create_next_edition(2021)
        with pytest.raises(DocumentError, match="ne contient pas d'édition 2018"):
            document.create_next_edition(2018)
    assert created.year == 2022
    assert renumbered(created) == renumbered(start_next_edition(stored_source))
    # The copied board and bureau are new rows that refer to each other.
    board = {m.id for m in created.governance.board}
    assert board.isdisjoint(m.id for m in stored_source.governance.board)
    assert {r.member_id for r in created.governance.bureau} <= board
    assert renumbered(stored_source) == renumbered(source)


def test_connection_settings(doc_path):
    with open_document(doc_path, create=True) as document:
        document.write_edition(Edition(year=2021))
        conn = document._conn
        settings_ = {
            name: conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "trusted_schema",
                "cell_size_check",
                "mmap_size",
            )
        }
    assert settings_ == {
        "journal_mode": "delete",
        "synchronous": 2,
        "foreign_keys": 1,
        "trusted_schema": 0,
        "cell_size_check": 1,
        "mmap_size": 0,
    }
    header = doc_path.read_bytes()[:100]
    # File format write/read versions 1: rollback journal (2 would be WAL).
    assert header[18:20] == b"\x01\x01"
    assert not doc_path.with_name("rapport.db-journal").exists()


def test_reading_and_writing_do_not_import_sqlite_utils(doc_path):
    # sqlite-utils pulls in numpy: only an upgrade needs it.
    with open_document(doc_path, create=True) as document:
        document.write_edition(full_edition())
    script = (
        "import sys\n"
        "from avereport.store import open_document\n"
        f"for read_only in (True, False):\n"
        f"    with open_document({str(doc_path)!r}, read_only=read_only) as d:\n"
        "        edition = d.read_edition(d.years()[-1])\n"
        "        if not read_only:\n"
        "            d.write_edition(edition, replace=True)\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_newest_editions_of_a_large_document_read_back_whole(doc_path):
    # Its reading speed is measured by benchmarks/bench_document.py.
    with open_document(doc_path, create=True) as document:
        editions = []
        for year in range(2000, 2025):
            edition = Edition(year=year)
            edition = edit.replace_at(
                edition,
                "governance.board",
                [BoardMember(id=n, surname=f"NOM {n}", functions=("Président", "Maire")) for n in range(40)],
            )
            edition = edit.replace_at(
                edition,
                "training.sessions",
                [
                    TrainingSession(module=f"Module {n % 20}", date=FuzzyDate(year, n % 12 + 1), plie=n)
                    for n in range(300)
                ],
            )
            editions.append(edition)
        document.write_editions(editions)
    with open_document(doc_path, read_only=True) as document:
        newest, previous = document.years()[-1], document.years()[-2]
        pair = document.read_edition(newest), document.read_edition(previous)
    assert (newest, previous) == (2024, 2023)
    for read, written in zip(pair, (editions[-1], editions[-2]), strict=True):
        assert [(m.surname, m.functions) for m in read.governance.board] == [
            (m.surname, m.functions) for m in written.governance.board
        ]
        assert [(s.module, s.date, s.plie) for s in read.training.sessions] == [
            (s.module, s.date, s.plie) for s in written.training.sessions
        ]


# --- property: any edition survives a round trip ----------------------------

_INT64 = st.integers(-(2**63), 2**63 - 1)
_DATES = (
    st.dates().map(FuzzyDate.of)
    | st.builds(FuzzyDate, st.integers(1, 9999), st.integers(1, 12))
    | st.integers(1, 9999).map(FuzzyDate)
)


def _field_strategy(cls: type, name: str, tp: object) -> st.SearchStrategy:
    """Numbers anywhere within the model's limits, which the store checks on reading."""
    optional = typing.get_origin(tp) in (typing.Union, types.UnionType)
    bare = next(a for a in typing.get_args(tp) if a is not type(None)) if optional else tp
    bounds = limits.bounds_of(cls, name, bare)
    if bounds is None:
        return _strategy(tp)
    numbers = st.integers(bounds.low, bounds.high) if bare is int else st.floats(bounds.low, bounds.high)
    return st.none() | numbers if optional else numbers


def _strategy(tp: object) -> st.SearchStrategy:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        (inner,) = (a for a in typing.get_args(tp) if a is not type(None))
        return st.none() | _strategy(inner)
    if typing.get_origin(tp) is tuple:
        return st.lists(_strategy(typing.get_args(tp)[0]), max_size=3)
    if tp is FuzzyDate:
        return _DATES
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: _field_strategy(tp, f.name, hints[f.name]) for f in dataclasses.fields(tp)}
        return st.builds(tp, **fields)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    return {
        str: st.text(max_size=20),
        int: _INT64,
        bool: st.booleans(),
        float: st.floats(allow_nan=False, allow_infinity=False),
        bytes: st.just(LOGO),
    }[tp]


def _consistent(edition: Edition) -> Edition:
    """Make the generated references point at members of the edition."""
    governance = edition.governance
    board, staff = len(governance.board), len(governance.staff)
    return dataclasses.replace(
        edition,
        governance=dataclasses.replace(
            governance,
            board=tuple(dataclasses.replace(m, id=n + 1) for n, m in enumerate(governance.board)),
            bureau=tuple(
                dataclasses.replace(r, member_id=r.member_id % board + 1) for r in governance.bureau if board
            ),
            staff=tuple(
                dataclasses.replace(
                    p, id=n + 1, replaces_id=None if p.replaces_id is None else p.replaces_id % staff + 1
                )
                for n, p in enumerate(governance.staff)
            ),
        ),
    )


_EDITIONS = _strategy(Edition).map(_consistent)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edition=_EDITIONS)
def test_any_edition_round_trips(tmp_path, edition):
    path = tmp_path / "propriete.db"
    with open_document(path, create=True) as document:
        document.write_edition(edition, replace=True)
        assert renumbered(document.read_edition(edition.year)) == renumbered(edition)
