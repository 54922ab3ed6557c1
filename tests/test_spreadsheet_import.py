"""Importing users' spreadsheets as they are: workbooks written by openpyxl
and odfpy, CSV files as Excel writes them in France, through the CLI."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from avereport.cli import main
from avereport.demo import write_demo
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Region, TrainingMode
from avereport.spreadsheets.importing import MAX_REMEMBERED, ImportRefused, data_rows, import_sheet
from avereport.spreadsheets.matching import propose_matching
from avereport.spreadsheets.reading import Sheet, open_spreadsheet
from avereport.spreadsheets.tables import find_table
from avereport.store import open_document


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "rapport.db"
    write_demo(path)
    return path


def edition_of(path, year=2021):
    with open_document(path, read_only=True) as document:
        return document.read_edition(year)


def file_bytes(path):
    return path.read_bytes()


def sessions_workbook(path):
    """A registration sheet as users keep it: a title row, a merged
    "Participants" header over two rows, columns in their own order, French
    number texts, a real date, a date string, empty rows and a Total row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Inscriptions"
    sheet["A1"] = "Formations 2021 — suivi des inscriptions"
    sheet.append([])
    sheet.append(["Date de la session", "Intitulé", "Participants", None, None, None, "Mode"])
    sheet.append([None, None, "PLIE", "MDE", "Collectivités", "Autres", None])
    sheet.merge_cells("C3:F3")
    sheet.append([dt.datetime(2021, 3, 15), "Clauses sociales", 12, "3", "1 234", "0", "Sur site"])
    sheet.append([])
    sheet.append(["déc. 2021", "Le PLIE\net ses partenaires", "12,0", None, 2, 1, "distanciel"])
    sheet.append(["Total", None, 24, 3, 1236, 1, None])
    book.save(path)


def test_a_workbook_replaces_the_sessions_and_says_what_changed(demo, tmp_path, capsys):
    source = tmp_path / "inscriptions.xlsx"
    sessions_workbook(source)
    assert main(["import", str(demo), str(source), "--table", "formations"]) == 0
    out = capsys.readouterr().out
    assert "Feuille « Inscriptions », en-têtes ligne 4" in out
    assert "A « Date de la session » → Date" in out
    assert "C « Participants PLIE » → PLIE" in out and "G « Mode » → Modalité" in out
    assert "2 lignes importées dans « Sessions de formation » (édition 2021)" in out
    assert "suppressions" in out
    sessions = edition_of(demo).training.sessions
    assert [(s.module, s.date, s.plie, s.mde, s.collectivites, s.autres, s.mode) for s in sessions] == [
        ("Clauses sociales", FuzzyDate(2021, 3, 15), 12, 3, 1234, 0, TrainingMode.ON_SITE),
        ("Le PLIE\net ses partenaires", FuzzyDate(2021, 12), 12, 0, 2, 1, TrainingMode.REMOTE),
    ]
    with sqlite3.connect(demo) as conn:
        origins = {row[0] for row in conn.execute("SELECT origin FROM history")}
    assert "import de tableur" in origins


def test_append_adds_after_the_rows_of_the_table(demo, tmp_path, capsys):
    before = len(edition_of(demo).training.sessions)
    source = tmp_path / "inscriptions.xlsx"
    sessions_workbook(source)
    assert main(["import", str(demo), str(source), "--table", "formations", "--append"]) == 0
    assert "2 lignes ajoutées à" in capsys.readouterr().out
    assert len(edition_of(demo).training.sessions) == before + 2


def test_board_with_synonyms_line_breaks_and_region_names(demo, tmp_path, capsys):
    source = tmp_path / "conseil.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "CA"
    sheet.append(["Prénom", "NOM DE FAMILLE", "région", "Fonctions"])
    sheet.append(
        ["Camille", "Augey", "Auvergne-Rhône-Alpes", "Adjointe au Maire\nVice-présidente de la métropole"]
    )
    sheet.append(["Jean", "Nouveau", "IDF", None])
    book.save(source)
    before = edition_of(demo)
    assert main(["import", str(demo), str(source), "--table", "conseil"]) == 0
    board = edition_of(demo).governance.board
    assert [(b.first_name, b.surname, b.region, b.functions) for b in board] == [
        ("Camille", "Augey", Region.ARA, ("Adjointe au Maire", "Vice-présidente de la métropole")),
        ("Jean", "Nouveau", Region.IDF, ()),
    ]
    # The member kept keeps her id, and with it her bureau roles; the others' went with them.
    assert board[0].id == before.governance.board[0].id
    assert {role.member_id for role in edition_of(demo).governance.bureau} <= {b.id for b in board}


def test_an_ods_file_is_read(demo, tmp_path):
    document = OpenDocumentSpreadsheet()
    table = Table(name="Webinaires")
    for values in (["Titre", "Date", "Participants"], ["La clause sociale", "1er décembre 2021", "45"]):
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    source = tmp_path / "webinaires.ods"
    document.save(str(source))
    assert main(["import", str(demo), str(source), "--table", "webinaires"]) == 0
    webinars = edition_of(demo).communication.webinars
    assert [(w.title, w.date, w.participants) for w in webinars] == [
        ("La clause sociale", FuzzyDate(2021, 12, 1), 45)
    ]


@pytest.mark.parametrize(("encoding", "separator"), [("cp1252", ";"), ("utf-8-sig", ","), ("utf-8", ";")])
def test_csv_as_excel_writes_it_in_france(demo, tmp_path, encoding, separator):
    lines = [
        separator.join(["Nom", "Fonction", "Arrivée", "Départ", "Remplace", "Motif"]),
        separator.join(["Lucie Becdelièvre", "Déléguée générale", "", "", "", ""]),
        separator.join(
            ["Hélène Lefèvre", '"Chargée de mission\r\nclauses sociales"', "01/09/2021", "", "", ""]
        ),
        separator.join(["Zoé Martin", "Assistante", "sept. 2021", "", "Hélène Lefèvre", "congé parental"]),
    ]
    source = tmp_path / "equipe.csv"
    source.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    assert main(["import", str(demo), str(source), "--table", "equipe"]) == 0
    staff = edition_of(demo).governance.staff
    assert [(s.name, s.role, s.start) for s in staff] == [
        ("Lucie Becdelièvre", "Déléguée générale", None),
        ("Hélène Lefèvre", "Chargée de mission\nclauses sociales", FuzzyDate(2021, 9, 1)),
        ("Zoé Martin", "Assistante", FuzzyDate(2021, 9)),
    ]
    assert staff[2].replaces_id == staff[1].id and staff[2].reason == "congé parental"


def test_a_refused_value_names_sheet_row_and_column_and_changes_nothing(demo, tmp_path, capsys):
    source = tmp_path / "inscriptions.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sessions"
    sheet.append(["Module", "Date", "PLIE"])
    sheet.append(["Clauses", "01/03/2021", 4])
    sheet.append(["Clauses", "32/13/2021", "quatre"])
    book.save(source)
    before = file_bytes(demo)
    assert main(["import", str(demo), str(source), "--table", "formations"]) == 2
    err = capsys.readouterr().err
    assert "Feuille « Sessions », ligne 3, colonne B (Date) : " in err
    assert "Feuille « Sessions », ligne 3, colonne C (PLIE) : « quatre » n'est pas un nombre" in err
    assert "Rien n'a été importé." in err
    assert file_bytes(demo) == before


def test_a_sheet_without_a_matching_header_is_refused(demo, tmp_path, capsys):
    source = tmp_path / "autre.csv"
    source.write_text("Produit;Prix\nPommes;3\n", encoding="utf-8")
    before = file_bytes(demo)
    assert main(["import", str(demo), str(source), "--table", "conseil"]) == 2
    err = capsys.readouterr().err
    assert "Aucune feuille de « autre.csv » n'a de ligne d'en-tête correspondant au tableau" in err
    assert "Nom, Prénom" in err
    assert file_bytes(demo) == before


def test_an_unknown_table_lists_the_tables_of_the_edition(demo, tmp_path, capsys):
    source = tmp_path / "x.csv"
    source.write_text("Nom\nA\n", encoding="utf-8")
    assert main(["import", str(demo), str(source), "--table", "inconnu"]) == 2
    err = capsys.readouterr().err
    assert "Tableau inconnu : « inconnu »" in err and "liste-rencontres" in err and "chiffres-plie" in err


def test_help_lists_the_table_names(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    for name in (
        "formations",
        "modules",
        "conseil",
        "bureau",
        "equipe",
        "adherents",
        "regions",
        "webinaires",
    ):
        assert name in out
    assert "evenements" in out and "liste-CLÉ" in out


def test_a_list_and_member_categories_are_imported(demo, tmp_path):
    edition = edition_of(demo)
    source = tmp_path / "adherents.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Groupe", "Catégorie", "Nombre d'adhérents", "Structure"])
    sheet.append(["Adhésion pleine et entière", "PLIE", 101, "PLIE"])
    sheet.append(["Adhésion pleine et entière", "Collectivités", "12", "aucune"])
    sheet.append(["Nouveaux membres", "Associations", 3, None])
    book.save(source)
    result = import_sheet(
        edition,
        find_table(edition, "adherents"),
        (s := open_spreadsheet(source).sheet()),
        propose_matching(find_table(edition, "adherents"), s),
    )
    groups = result.edition.membership.groups
    assert [(g.name, [(c.name, c.count) for c in g.categories]) for g in groups] == [
        ("Adhésion pleine et entière", [("PLIE", 101), ("Collectivités", 12)]),
        ("Nouveaux membres", [("Associations", 3)]),
    ]
    kept = edition.membership.groups[0]
    assert groups[0].key == kept.key and groups[0].categories[0].key == kept.categories[0].key
    assert groups[1].key and groups[1].categories[0].key


def test_the_matching_can_be_changed_before_importing(demo, tmp_path):
    edition = edition_of(demo)
    table = find_table(edition, "webinaires")
    source = tmp_path / "w.csv"
    source.write_text("Titre;Animateur;Participants\nA;Pôle emploi;10\n", encoding="utf-8")
    sheet = open_spreadsheet(source).sheet()
    matching = propose_matching(table, sheet)
    assert matching.field_of(1) is None
    changed = matching.with_field(1, "partner")
    result = import_sheet(edition, table, sheet, changed)
    assert [(w.title, w.partner, w.participants) for w in result.edition.communication.webinars] == [
        ("A", "Pôle emploi", 10)
    ]
    with pytest.raises(ImportRefused):
        import_sheet(edition, table, sheet, changed.with_field(2, "date"))


def test_repeated_cells_read_alike_on_every_row_and_are_refused_on_every_row(demo):
    # Cells are read once per distinct value (a sheet repeats its modules,
    # dates and counts): each row still gets its value, each refusal its place.
    edition = edition_of(demo)
    table = find_table(edition, "formations")
    rows = [["Module", "Date", "PLIE", "Modalité"]]
    rows += [["Clauses", dt.date(2021, 3, n % 2 + 1), 4.0 if n % 2 else 4, "Sur site"] for n in range(6)]
    sheet = Sheet("Sessions", rows)
    result = import_sheet(edition, table, sheet, propose_matching(table, sheet))
    sessions = result.edition.training.sessions
    assert [(s.module, s.date, s.plie, s.mode) for s in sessions] == [
        ("Clauses", FuzzyDate(2021, 3, n % 2 + 1), 4, TrainingMode.ON_SITE) for n in range(6)
    ]
    refused = Sheet("Sessions", [*rows, *[["Clauses", "01/03/2021", "quatre", "Sur site"]] * 7])
    with pytest.raises(ImportRefused) as caught:
        import_sheet(edition, table, refused, propose_matching(table, refused))
    message = str(caught.value)
    for line in range(8, 13):
        assert f"ligne {line}, colonne C (PLIE) : « quatre » n'est pas un nombre" in message
    assert "et 2 autres cases refusées" in message


def test_a_figure_keeps_the_sign_of_a_negative_zero_beside_zeros(demo):
    edition = edition_of(demo)
    table = find_table(edition, "chiffres-plie")
    sheet = Sheet("Chiffres", [["Libellé", "Valeur"], ["a", 0.0], ["b", -0.0], ["c", 0.0]])
    result = import_sheet(edition, table, sheet, propose_matching(table, sheet))
    values = [figure.value for figure in result.edition.key_figures[0].items]
    assert [math.copysign(1, value) for value in values] == [1, -1, 1]


def test_a_column_of_more_distinct_cells_than_are_kept_is_read_whole(demo):
    edition = edition_of(demo)
    table = find_table(edition, "formations")
    count = MAX_REMEMBERED + 5
    sheet = Sheet("Sessions", [["Module", "PLIE"], *[[f"Module {n}", float(n % 3)] for n in range(count)]])
    rows = [row for _, row in data_rows(table, sheet, propose_matching(table, sheet))]
    assert rows[-5:] == [{"module": f"Module {n}", "plie": n % 3} for n in range(count - 5, count)]
    assert len({row["module"] for row in rows}) == count
