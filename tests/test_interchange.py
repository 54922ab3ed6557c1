"""The interchange format round-trips editions: dump -> load -> dump is byte-identical."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import subprocess
import sys
import types
import typing
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avereport.errors import UserError
from avereport.interchange import (
    FORMAT_NAME,
    FORMAT_VERSION,
    InterchangeError,
    dump_editions,
    load_editions,
    load_file,
    schema,
)
from avereport.model import limits
from avereport.model.codec import to_plain
from avereport.model.dates import FuzzyDate
from avereport.model.edition import (
    BoardMember,
    BureauRole,
    Edition,
    Governance,
    MemberCategory,
    MemberGroup,
    Membership,
    Organisation,
    StaffMember,
    Structure,
)
from avereport.model.regions import Region

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo.json"
FORMAT_DOC = ROOT / "docs" / "format.md"

# --- a strategy for any valid edition -----------------------------------------

_TEXT = st.one_of(
    st.just("R&D <Nord>"),
    st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=12),
)
_DATES = st.builds(
    lambda day, precision: FuzzyDate(day.year, *[day.month, day.day][:precision]),
    st.dates(),
    st.integers(0, 2),
)
_YEARS = st.integers(1900, 2200)
_COLOURS = st.builds(lambda rgb: f"#{rgb:06X}", st.integers(0, 0xFFFFFF))
_SCALARS = {
    str: _TEXT,
    int: st.integers(min_value=0),
    float: st.floats(allow_nan=False, allow_infinity=False),
    bool: st.booleans(),
    bytes: st.binary(max_size=48),
    FuzzyDate: _DATES,
}
# Fields whose valid values are narrower than their Python type.
_NARROWER = {
    ("Edition", "year"): _YEARS,
    ("Indicator", "compare_year"): st.none() | _YEARS,
    ("Section", "level"): st.integers(1, 6),
    ("Organisation", "primary_colour"): _COLOURS,
    ("Organisation", "secondary_colour"): _COLOURS,
    ("Section", "reviewed_at"): st.just("")
    | st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 12, 31)).map(
        lambda t: t.isoformat(timespec="minutes")
    ),
}


def _field_strategy(cls: type, name: str, tp: typing.Any) -> st.SearchStrategy:
    """A number within the model's limits for its field; the type's values otherwise."""
    optional = typing.get_origin(tp) in (typing.Union, types.UnionType)
    bare = next(arg for arg in typing.get_args(tp) if arg is not type(None)) if optional else tp
    bounds = limits.bounds_of(cls, name, bare)
    if bounds is None:
        return _strategy(tp)
    numbers = st.integers(bounds.low, bounds.high) if bare is int else st.floats(bounds.low, bounds.high)
    return st.none() | numbers if optional else numbers


def _strategy(tp: typing.Any) -> st.SearchStrategy:
    if tp in _SCALARS:
        return _SCALARS[tp]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return st.none() | _strategy(inner)
    if typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp)
        return st.lists(_strategy(item), max_size=2)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {
            f.name: _NARROWER[(tp.__name__, f.name)]
            if (tp.__name__, f.name) in _NARROWER
            else _field_strategy(tp, f.name, hints[f.name])
            for f in dataclasses.fields(tp)
        }
        return st.builds(tp, **fields)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(tp)
    raise TypeError(f"no strategy for {tp!r}")


@st.composite
def _ids(draw, count: int) -> list[int | None]:
    """Distinct ids as a database would hand them out, some not yet assigned."""
    ids = draw(st.lists(st.integers(1, 10**6), min_size=count, max_size=count, unique=True))
    return [draw(st.none() | st.just(ident)) for ident in ids]


@st.composite
def editions(draw) -> Edition:
    edition = draw(_strategy(Edition))
    governance = edition.governance
    for member, ident in zip(governance.board, draw(_ids(len(governance.board)))):
        member.id = ident
    board_ids = [m.id for m in governance.board if m.id is not None]
    for role in governance.bureau:
        role.member_id = draw(st.sampled_from(board_ids)) if board_ids else None
    governance.bureau = [role for role in governance.bureau if role.member_id is not None]
    for person, ident in zip(governance.staff, draw(_ids(len(governance.staff)))):
        person.id = ident
    staff_ids = [p.id for p in governance.staff if p.id is not None]
    for person in governance.staff:
        person.replaces_id = draw(st.none() | st.sampled_from(staff_ids)) if staff_ids else None
    return edition


def _by_position(edition: Edition) -> Edition:
    """The edition with ids replaced by list positions: what a renumbering must keep."""
    edition = copy.deepcopy(edition)
    governance = edition.governance
    board = {m.id: i for i, m in enumerate(governance.board) if m.id is not None}
    staff = {p.id: i for i, p in enumerate(governance.staff) if p.id is not None}
    for role in governance.bureau:
        role.member_id = board[role.member_id]
    for person in governance.staff:
        person.replaces_id = None if person.replaces_id is None else staff[person.replaces_id]
    for item in [*governance.board, *governance.staff]:
        item.id = None
    return edition


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.lists(editions(), max_size=2, unique_by=lambda edition: edition.year))
def test_dump_load_dump_is_byte_identical(generated):
    text = dump_editions(generated)
    loaded = load_editions(text, "essai.json")
    assert dump_editions(loaded) == text
    ordered = sorted(generated, key=lambda edition: edition.year)
    assert [_by_position(e) for e in loaded] == [_by_position(e) for e in ordered]


# --- the canonical text ---------------------------------------------------------


def _seed_edition(year: int) -> Edition:
    """Facts from the 2021 report: members, part of the board and bureau, one staff change."""
    return Edition(
        year=year,
        organisation=Organisation(name="Alliance Villes Emploi", address="Paris"),
        membership=Membership(
            as_of=FuzzyDate(2021, 12, 31),
            declared_total=204,
            groups=[
                MemberGroup(
                    key="offre_complete",
                    name="Adhésion pleine et entière",
                    declared_total=133,
                    categories=[
                        MemberCategory(
                            key="plie", name="Au titre d'un PLIE", count=71, structure=Structure.PLIE
                        ),
                        MemberCategory(
                            key="mde", name="Au titre d'une MDE", count=19, structure=Structure.MDE
                        ),
                        MemberCategory(
                            key="plie_mde",
                            name="Au titre d'un PLIE et d'une MDE",
                            count=29,
                            structure=Structure.PLIE_MDE,
                        ),
                    ],
                )
            ],
        ),
        governance=Governance(
            board=[
                BoardMember(id=17, surname="ABIVEN", first_name="Bernadette", region=Region.BRE),
                BoardMember(id=4, surname="DAVID", first_name="Yohan", college="Personnalité qualifiée"),
            ],
            bureau=[BureauRole(member_id=4, role="Président", since=FuzzyDate(2021, 9))],
            staff=[
                StaffMember(
                    id=30,
                    name="Bruno Adam",
                    role="Responsable administratif et financier",
                    end=FuzzyDate(2021, 10, 6),
                ),
                StaffMember(
                    id=12,
                    name="David Miriot",
                    role="Responsable administratif et financier",
                    start=FuzzyDate(2021, 12, 13),
                    replaces_id=30,
                ),
            ],
        ),
    )


def test_dump_writes_the_envelope_and_each_edition_as_its_plain_form():
    edition = _seed_edition(2021)
    document = json.loads(dump_editions([edition]))
    assert list(document) == ["format", "version", "editions"]
    assert (document["format"], document["version"]) == (FORMAT_NAME, FORMAT_VERSION)
    (plain,) = document["editions"]
    expected = to_plain(edition)
    for key in ("board", "bureau", "staff"):
        del plain["governance"][key], expected["governance"][key]
    assert plain == expected
    assert list(plain) == [f.name for f in dataclasses.fields(Edition)]


def test_dump_renumbers_ids_in_list_order_and_repoints_references():
    edition = _seed_edition(2021)
    governance = json.loads(dump_editions([edition]))["editions"][0]["governance"]
    assert [m["id"] for m in governance["board"]] == [1, 2]
    president = next(i for i, m in enumerate(edition.governance.board) if m.surname == "DAVID")
    assert governance["bureau"][0]["member_id"] == president + 1
    assert [p["id"] for p in governance["staff"]] == [1, 2]
    assert governance["staff"][1]["replaces_id"] == 1
    assert governance["staff"][0]["replaces_id"] is None


def test_dump_does_not_depend_on_database_ids():
    edition = _seed_edition(2021)
    other = copy.deepcopy(edition)
    for member in other.governance.board:
        member.id += 1000
    other.governance.bureau[0].member_id += 1000
    assert dump_editions([edition]) == dump_editions([other])


def test_dump_sorts_by_year_keeps_accents_and_ends_with_a_newline():
    text = dump_editions([_seed_edition(2021), _seed_edition(2020)])
    assert [e["year"] for e in json.loads(text)["editions"]] == [2020, 2021]
    assert "Adhésion pleine et entière" in text and "\\u00e9" not in text
    assert text.endswith("}\n")


def test_dump_refuses_two_editions_of_the_same_year():
    with pytest.raises(ValueError):
        dump_editions([_seed_edition(2021), _seed_edition(2021)])


def test_loaded_editions_keep_the_file_ids_and_are_sorted_by_year():
    text = dump_editions([_seed_edition(2021), _seed_edition(2020)])
    loaded = load_editions(text, "essai.json")
    assert [e.year for e in loaded] == [2020, 2021]
    governance = loaded[1].governance
    assert [m.id for m in governance.board] == [1, 2]
    assert governance.bureau[0].member_id == 2
    assert loaded[1].membership.as_of == FuzzyDate(2021, 12, 31)


def test_an_empty_file_holds_no_edition():
    assert load_editions(dump_editions([]), "vide.json") == []


def test_load_file_reads_utf8_with_or_without_bom(tmp_path):
    text = dump_editions([_seed_edition(2021)])
    plain, with_bom = tmp_path / "plain.json", tmp_path / "bom.json"
    plain.write_bytes(text.encode("utf-8"))
    with_bom.write_bytes(text.encode("utf-8-sig"))
    assert load_file(plain) == load_file(with_bom) == load_editions(text, "x.json")


def test_interchange_error_is_a_user_error():
    assert issubclass(InterchangeError, UserError)


def test_schema_is_loaded_once_and_shared():
    assert schema() is schema()


def test_importing_the_package_does_not_load_the_schema_library():
    code = "import sys, avereport.interchange; print('jsonschema' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_shipped_demo_is_valid_and_in_canonical_form():
    text = DEMO.read_text(encoding="utf-8")
    editions = load_file(DEMO)
    assert editions
    assert dump_editions(editions) == text
    assert dump_editions(load_editions(dump_editions(editions), DEMO.name)) == text


def test_the_example_in_the_format_documentation_is_a_valid_file():
    blocks = FORMAT_DOC.read_text(encoding="utf-8").split("```json\n")[1:]
    example = blocks[-1].split("```")[0]
    (edition,) = load_editions(example, FORMAT_DOC.name)
    assert edition.governance.staff[1].replaces_id == edition.governance.staff[0].id
