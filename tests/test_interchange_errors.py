"""A file that is not a valid interchange file gets one French message naming it and every problem."""

from __future__ import annotations

import json

import pytest

from avereport.interchange import FORMAT_VERSION, InterchangeError, dump_editions, load_editions, load_file
from avereport.interchange.errors import MAX_SHOWN
from avereport.model.dates import FuzzyDate
from avereport.model.edition import (
    BoardMember,
    BureauRole,
    Edition,
    Governance,
    Meeting,
    MeetingKind,
    MemberCategory,
    MemberGroup,
    Membership,
    StaffMember,
)

SOURCE = "rapport-2021.json"
CATEGORIES = "editions[0].membership.groups[0].categories"


def _document() -> dict:
    """A valid file built from facts of the 2021 report."""
    edition = Edition(
        year=2021,
        membership=Membership(
            as_of=FuzzyDate(2021, 12, 31),
            groups=(
                MemberGroup(
                    key="offre_complete",
                    name="Adhésion pleine et entière",
                    categories=(
                        MemberCategory(key="plie", name="Au titre d'un PLIE", count=71),
                        MemberCategory(key="mde", name="Au titre d'une MDE", count=19),
                        MemberCategory(key="plie_mde", name="Au titre d'un PLIE et d'une MDE", count=29),
                    ),
                ),
            ),
        ),
        governance=Governance(
            board=(BoardMember(id=1, surname="DAVID", first_name="Yohan"),),
            bureau=(BureauRole(member_id=1, role="Président", since=FuzzyDate(2021, 9)),),
            meetings=(Meeting(kind=MeetingKind.GENERAL_ASSEMBLY, date=FuzzyDate(2021, 6)),),
            staff=(
                StaffMember(id=1, name="Bruno Adam", end=FuzzyDate(2021, 10, 6)),
                StaffMember(id=2, name="David Miriot", start=FuzzyDate(2021, 12, 13), replaces_id=1),
            ),
        ),
    )
    return json.loads(dump_editions([edition]))


def _problems(document: object) -> InterchangeError:
    text = json.dumps(document, ensure_ascii=False) if not isinstance(document, str) else document
    with pytest.raises(InterchangeError) as caught:
        load_editions(text, SOURCE)
    error = caught.value
    assert f"« {SOURCE} »" in str(error)
    for line in error.errors[:MAX_SHOWN]:
        assert line in str(error)
    return error


def _only_problem(document: object) -> str:
    error = _problems(document)
    assert len(error.errors) == 1, error.errors
    return error.errors[0]


def test_the_reference_document_is_valid():
    (edition,) = load_editions(json.dumps(_document()), SOURCE)
    assert edition.membership.groups[0].categories[0].count == 71


def test_a_number_given_as_text():
    document = _document()
    document["editions"][0]["membership"]["groups"][0]["categories"][2]["count"] = "29"
    assert _only_problem(document).startswith(f"{CATEGORIES}[2].count : doit être un entier")
    assert _only_problem(document).endswith('(reçu « "29" »)')


def test_a_year_with_a_decimal_point_is_not_an_integer():
    document = _document()
    document["editions"][0]["year"] = 2021.0
    assert _only_problem(document) == "editions[0].year : doit être un entier (reçu « 2021.0 »)"


def test_a_negative_count():
    document = _document()
    document["editions"][0]["membership"]["groups"][0]["categories"][1]["count"] = -3
    assert _only_problem(document) == f"{CATEGORIES}[1].count : ne peut pas être négatif (reçu -3)"


def test_a_year_out_of_range():
    document = _document()
    document["editions"][0]["year"] = 1850
    assert _only_problem(document) == "editions[0].year : doit valoir au moins 1900 (reçu 1850)"


def test_a_missing_field():
    document = _document()
    del document["editions"][0]["year"]
    assert _only_problem(document) == "editions[0] : champ obligatoire manquant « year »"


def test_an_unknown_field():
    document = _document()
    document["editions"][0]["membership"]["foo"] = 1
    assert _only_problem(document) == "editions[0].membership : champ inconnu « foo »"


def test_an_unknown_enum_value_lists_the_accepted_ones():
    document = _document()
    document["editions"][0]["governance"]["meetings"][0]["kind"] = "xyz"
    accepted = ", ".join(kind.value for kind in MeetingKind)
    assert _only_problem(document) == (
        f"editions[0].governance.meetings[0].kind : valeur non reconnue « xyz » (attendu : {accepted})"
    )


def test_a_date_that_does_not_exist():
    document = _document()
    document["editions"][0]["membership"]["as_of"] = "2021-02-30"
    problem = _only_problem(document)
    assert problem.startswith("editions[0].membership.as_of : date impossible « 2021-02-30 »")


def test_a_date_in_another_notation():
    document = _document()
    document["editions"][0]["governance"]["meetings"][0]["date"] = "30/06/2021"
    problem = _only_problem(document)
    assert problem.startswith("editions[0].governance.meetings[0].date : date illisible « 30/06/2021 »")
    assert "AAAA-MM-JJ" in problem


def test_a_date_of_the_wrong_type():
    document = _document()
    document["editions"][0]["membership"]["as_of"] = 2021
    assert _only_problem(document).startswith(
        "editions[0].membership.as_of : doit être un texte (reçu « 2021 »)"
    )


def test_a_colour_that_is_not_rgb():
    document = _document()
    document["editions"][0]["organisation"]["primary_colour"] = "bleu"
    problem = _only_problem(document)
    assert problem.startswith("editions[0].organisation.primary_colour : couleur illisible « bleu »")


@pytest.mark.parametrize(("field", "value"), [("primary_colour", "#1F4E79\n"), ("logo", "AAAA\n")])
def test_a_pattern_covers_the_whole_text_even_a_final_newline(field, value):
    document = _document()
    document["editions"][0]["organisation"][field] = value
    assert _only_problem(document).startswith(f"editions[0].organisation.{field} : ")


def test_a_logo_that_is_not_base64():
    document = _document()
    document["editions"][0]["organisation"]["logo"] = "pas une image!"
    assert _only_problem(document).startswith("editions[0].organisation.logo : image mal encodée")


def test_a_bureau_role_of_no_board_member():
    document = _document()
    document["editions"][0]["governance"]["bureau"][0]["member_id"] = 99
    assert _only_problem(document) == (
        "editions[0].governance.bureau[0].member_id : aucun membre du conseil d'administration n'a l'identifiant 99"
    )


def test_a_replacement_of_no_staff_member():
    document = _document()
    document["editions"][0]["governance"]["staff"][1]["replaces_id"] = 7
    assert _only_problem(document) == (
        "editions[0].governance.staff[1].replaces_id : aucun membre de l'équipe n'a l'identifiant 7"
    )


def test_a_duplicate_id():
    document = _document()
    staff = document["editions"][0]["governance"]["staff"]
    staff[1]["id"] = staff[0]["id"]
    staff[1]["replaces_id"] = None
    assert _only_problem(document) == (
        f"editions[0].governance.staff[1].id : identifiant {staff[0]['id']} déjà utilisé par staff[0]"
    )


def test_a_duplicate_year():
    document = _document()
    document["editions"].append(document["editions"][0])
    assert _only_problem(document) == "editions[1].year : l'édition 2021 figure déjà en editions[0]"


def test_text_that_is_not_json_names_line_and_column():
    lines = json.dumps(_document(), indent=2).splitlines()
    broken_line = next(i for i, line in enumerate(lines) if line.strip().startswith('"year"'))
    lines[broken_line] = lines[broken_line].rstrip(",")
    problem = _only_problem("\n".join(lines))
    assert problem.startswith(f"ce n'est pas du JSON valide (ligne {broken_line + 2}, colonne ")
    assert "virgule" in problem


@pytest.mark.parametrize("text", ["", " \n"])
def test_an_empty_file(text):
    assert _only_problem(text) == "le fichier est vide"


def test_a_key_given_twice():
    text = '{"format": "avereport", "version": 1, "version": 1, "editions": []}'
    assert "« version » apparaît deux fois" in _only_problem(text)


def test_a_number_too_long_to_read():
    text = '{"format": "avereport", "version": 1, "editions": [{"year": %s}]}' % ("9" * 5000)
    assert _only_problem(text) == "un nombre du fichier a trop de chiffres pour être lu"


def test_nan_is_not_json():
    text = '{"format": "avereport", "version": NaN, "editions": []}'
    assert "« NaN » n'est pas un nombre JSON" in _only_problem(text)


@pytest.mark.parametrize(
    "document", [[], {"editions": []}, {"format": "autre", "version": 1, "editions": []}]
)
def test_json_that_is_not_our_envelope(document):
    assert _only_problem(document).startswith("ce n'est pas un fichier d'échange avereport")


def test_a_newer_version():
    document = _document()
    document["version"] = FORMAT_VERSION + 1
    problem = _only_problem(document)
    assert f"version {FORMAT_VERSION + 1}" in problem and "plus récent" in problem


def test_a_version_that_is_not_a_number():
    document = _document()
    document["version"] = str(FORMAT_VERSION)
    assert _only_problem(document) == f'version : doit valoir {FORMAT_VERSION} (reçu « "{FORMAT_VERSION}" »)'


def test_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "export-latin1.json"
    text = json.dumps(_document(), ensure_ascii=False, indent=2)
    path.write_bytes(text.encode("latin-1"))
    first_accent_line = next(i for i, line in enumerate(text.splitlines(), start=1) if not line.isascii())
    with pytest.raises(InterchangeError) as caught:
        load_file(path)
    assert str(caught.value) == (
        f"Impossible de lire « {path.name} » : le fichier n'est pas un texte UTF-8 "
        f"(octet invalide ligne {first_accent_line})."
    )


def test_problems_come_in_file_order_and_only_the_first_ones_are_shown():
    document = _document()
    categories = document["editions"][0]["membership"]["groups"][0]["categories"]
    categories *= 2 * MAX_SHOWN
    for category in categories:
        category["count"] = -1
    document["editions"][0]["membership"]["foo"] = True
    error = _problems(document)
    assert len(error.errors) == len(categories) + 1
    assert error.errors[0] == "editions[0].membership : champ inconnu « foo »"
    assert error.errors[1:] == [
        f"{CATEGORIES}[{i}].count : ne peut pas être négatif (reçu -1)" for i in range(len(categories))
    ]
    message = str(error).splitlines()
    assert message[0] == f"Impossible de lire « {SOURCE} » : {len(error.errors)} problèmes."
    assert message[1 : MAX_SHOWN + 1] == [f"  - {line}" for line in error.errors[:MAX_SHOWN]]
    assert message[-1] == f"  … et {len(error.errors) - MAX_SHOWN} autres."
