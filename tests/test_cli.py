"""The ``avereport`` command as a user runs it: exit codes, French messages,
files left untouched on bad input."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from avereport.cli import main


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, as a user's shell would start it."""
    return subprocess.run(
        [sys.executable, "-m", "avereport", *args], capture_output=True, text=True, timeout=120
    )


def test_demo_then_check_reports_the_2021_slips(tmp_path, capsys):
    demo_db = tmp_path / "rapport.db"
    assert main(["demo", str(demo_db)]) == 0
    capsys.readouterr()
    assert main(["check", str(demo_db)]) == 1
    out = capsys.readouterr().out
    assert "édition 2021" in out
    assert "204" in out and "202" in out
    assert "69" in out and "68" in out
    assert "49" in out and "48" in out
    assert "ERREUR" not in out


def test_demo_refuses_to_overwrite(demo_db, capsys):
    before = sha256(demo_db)
    assert main(["demo", str(demo_db)]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert sha256(demo_db) == before


def test_check_of_a_missing_year_is_a_french_error(demo_db, capsys):
    assert main(["check", str(demo_db), "--year", "2019"]) == 2
    err = capsys.readouterr().err
    assert "2019" in err and "2020, 2021" in err


def test_dump_load_dump_is_byte_identical(demo_db, tmp_path, capsys):
    first = tmp_path / "premier.json"
    second = tmp_path / "second.json"
    copy = tmp_path / "copie.db"
    assert main(["dump", str(demo_db), "--all", "-o", str(first)]) == 0
    assert main(["load", str(first), "--into", str(copy)]) == 0
    assert main(["dump", str(copy), "--all", "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    years = [edition["year"] for edition in json.loads(first.read_text(encoding="utf-8"))["editions"]]
    assert years == [2020, 2021]


def test_dump_defaults_to_the_newest_edition_on_stdout(demo_db, capsys):
    capsys.readouterr()
    assert main(["dump", str(demo_db)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [edition["year"] for edition in document["editions"]] == [2021]


def test_load_refuses_an_existing_edition_without_replace(demo_db, tmp_path, capsys):
    dumped = tmp_path / "2021.json"
    assert main(["dump", str(demo_db), "--year", "2021", "-o", str(dumped)]) == 0
    before = sha256(demo_db)
    assert main(["load", str(dumped), "--into", str(demo_db)]) == 2
    assert "2021" in capsys.readouterr().err
    assert sha256(demo_db) == before
    assert main(["load", str(dumped), "--into", str(demo_db), "--replace"]) == 0


def _edited_demo_json(demo_db: Path, tmp_path: Path, edit) -> Path:
    dumped = tmp_path / "source.json"
    assert main(["dump", str(demo_db), "-o", str(dumped)]) == 0
    document = json.loads(dumped.read_text(encoding="utf-8"))
    edit(document["editions"][0])
    bad = tmp_path / "mauvais.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return bad


def _set_first_count(value):
    def edit(edition):
        edition["membership"]["groups"][0]["categories"][0]["count"] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set_first_count("71"), "entier"),
        (_set_first_count(-3), "négati"),
        (lambda edition: edition.pop("year"), "year"),
    ],
    ids=["nombre-en-texte", "effectif-negatif", "annee-manquante"],
)
def test_load_of_bad_json_changes_nothing(demo_db, tmp_path, capsys, edit, expected):
    bad = _edited_demo_json(demo_db, tmp_path, edit)
    before = sha256(demo_db)
    capsys.readouterr()
    assert main(["load", str(bad), "--into", str(demo_db), "--replace"]) == 2
    err = capsys.readouterr().err
    assert "mauvais.json" in err and expected in err
    assert sha256(demo_db) == before


def test_load_of_bad_json_creates_no_file(tmp_path, capsys):
    bad = tmp_path / "pas-du-json.json"
    bad.write_text("{ pas du JSON", encoding="utf-8")
    target = tmp_path / "nouveau.db"
    assert main(["load", str(bad), "--into", str(target)]) == 2
    assert not target.exists()


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"Ceci est un texte, pas une base SQLite.\n" * 50)


def _truncated(path: Path, demo: Path) -> None:
    path.write_bytes(demo.read_bytes()[:3000])


def _other_application(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, nom TEXT)")
        connection.execute("INSERT INTO clients (nom) VALUES ('Dupont')")
    connection.close()


def _newer_version(path: Path, demo: Path) -> None:
    path.write_bytes(demo.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 999")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("kind", ["not_sqlite", "truncated", "other_application", "newer_version", "empty"])
@pytest.mark.parametrize("command", ["check", "dump"])
def test_bad_documents_get_one_french_line_and_stay_untouched(demo_db, tmp_path, kind, command):
    bad = tmp_path / f"{kind}.db"
    if kind == "not_sqlite":
        _not_sqlite(bad)
    elif kind == "truncated":
        _truncated(bad, demo_db)
    elif kind == "other_application":
        _other_application(bad)
    elif kind == "newer_version":
        _newer_version(bad, demo_db)
    else:
        bad.write_bytes(b"")
    before = sha256(bad)
    result = run(command, str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert bad.name in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sha256(bad) == before


def test_load_into_a_foreign_database_leaves_it_untouched(demo_db, tmp_path):
    dumped = tmp_path / "demo.json"
    assert main(["dump", str(demo_db), "--all", "-o", str(dumped)]) == 0
    foreign = tmp_path / "autre.db"
    _other_application(foreign)
    before = sha256(foreign)
    result = run("load", str(dumped), "--into", str(foreign))
    assert result.returncode == 2 and "autre.db" in result.stderr and "Traceback" not in result.stderr
    assert sha256(foreign) == before


def test_missing_file_is_a_french_error(tmp_path):
    result = run("check", str(tmp_path / "absent.db"))
    assert result.returncode == 2
    assert "absent.db" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors_are_in_french():
    result = run("check")
    assert result.returncode == 2
    assert "utilisation" in result.stderr and "arguments obligatoires manquants" in result.stderr
    result = run("check", "x.db", "--year", "deux-mille")
    assert result.returncode == 2 and "nombre entier attendu" in result.stderr


def test_help_is_in_french():
    result = run("check", "--help")
    assert result.returncode == 0
    assert "afficher cette aide" in result.stdout and "édition à contrôler" in result.stdout


def test_export_writes_the_report_beside_the_document(demo_db):
    from pypdf import PdfReader

    result = run("export", str(demo_db))
    assert result.returncode == 0, result.stderr
    target = demo_db.parent / "Rapport d'activité 2021.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Rapport d'activité" in text and "2021" in text


def test_export_of_the_demo_to_a_chosen_file(tmp_path):
    target = tmp_path / "démo.pdf"
    assert main(["export", "--demo", "-o", str(target), "--year", "2021"]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_export_of_a_missing_year_is_a_french_error(demo_db, capsys):
    assert main(["export", str(demo_db), "--year", "1999"]) == 2
    assert "1999" in capsys.readouterr().err
