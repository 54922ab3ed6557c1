"""What the command line prints: a document's text never drives the terminal,
a name never splits a message, and argparse speaks clean French once."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from avereport.cli import main
from avereport.store.lock import lock_path

# Clears the screen, moves the cursor up, overwrites the line, and reverses
# what follows; then a line break and a line that would pass for a finding.
HOSTILE = "Paris\x1b[2J\x1b[1A\r\x9b2K\u202eNIMDA\u2066\x7f\nERREUR · tout va bien"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "avereport", *args], capture_output=True, text=True, timeout=120
    )


def assert_harmless(text: str) -> None:
    """No character a terminal acts on, and no line the document made up."""
    for char in "\x1b\r\x9b\u202e\u2066\x7f":
        assert char not in text
    assert not any(line.startswith("ERREUR · tout va bien") for line in text.splitlines())
    assert "\\u001b[2J" in text and "\\nERREUR · tout va bien" in text


@pytest.fixture
def demo_db(tmp_path) -> Path:
    path = tmp_path / "rapport.db"
    assert main(["demo", str(path)]) == 0
    return path


def _forge_lock(document: Path, display_name: str) -> None:
    buffer = io.StringIO()
    row = [display_name, "mdupont", "PC-COMPTA", "2026-11-28T10:42:00+01:00", 4242]
    csv.writer(buffer, lineterminator="\n").writerow(row)
    lock_path(document).write_text(buffer.getvalue(), encoding="utf-8")


def test_check_escapes_a_hostile_group_name(demo_db, tmp_path, capsys):
    source = tmp_path / "source.json"
    assert main(["dump", str(demo_db), "-o", str(source)]) == 0
    document = json.loads(source.read_text(encoding="utf-8"))
    for group in document["editions"][0]["membership"]["groups"]:
        group["name"] = HOSTILE
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["load", str(source), "--into", str(demo_db), "--replace"]) == 0
    capsys.readouterr()

    assert main(["check", str(demo_db)]) == 1
    out = capsys.readouterr().out
    assert_harmless(out)
    findings = [line for line in out.splitlines() if line.startswith("  AVERTISSEMENT")]
    assert len(findings) == 3


def test_info_escapes_the_lock_holder(demo_db, capsys):
    _forge_lock(demo_db, HOSTILE)
    capsys.readouterr()
    assert main(["info", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert_harmless(out)
    (lock_line,) = [line for line in out.splitlines() if line.startswith("Verrou : ")]
    assert "PC-COMPTA" in lock_line
    assert len(out.splitlines()) == 7


def test_load_into_a_locked_document_escapes_the_holder(demo_db, tmp_path):
    dumped = tmp_path / "2021.json"
    assert main(["dump", str(demo_db), "-o", str(dumped)]) == 0
    _forge_lock(demo_db, HOSTILE)
    result = run("load", str(dumped), "--into", str(demo_db), "--replace")
    assert result.returncode == 2
    assert_harmless(result.stderr)
    assert len(result.stderr.splitlines()) == 1 and "est ouvert par" in result.stderr


def test_load_escapes_names_from_the_file_and_keeps_one_line_a_problem(tmp_path, capsys):
    bad = tmp_path / "mauvais.json"
    bad.write_text(
        json.dumps({"format": "avereport", "version": 1, "editions": [{HOSTILE: 1, "year": 1800}]}),
        encoding="utf-8",
    )
    assert main(["load", str(bad), "--into", str(tmp_path / "cible.db")]) == 2
    err = capsys.readouterr().err
    assert_harmless(err)
    lines = err.splitlines()
    assert lines[0] == "Impossible de lire « mauvais.json » : 3 problèmes."
    assert all(line.startswith("  - editions[0]") for line in lines[1:]) and len(lines) == 4


def test_dump_on_standard_output_stays_equivalent_json(demo_db, tmp_path, capsys):
    source = tmp_path / "source.json"
    assert main(["dump", str(demo_db), "-o", str(source)]) == 0
    document = json.loads(source.read_text(encoding="utf-8"))
    document["editions"][0]["organisation"]["name"] = HOSTILE
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["load", str(source), "--into", str(demo_db), "--replace"]) == 0
    capsys.readouterr()

    assert main(["dump", str(demo_db)]) == 0
    out = capsys.readouterr().out
    for char in "\x1b\r\x9b\u202e\u2066\x7f":
        assert char not in out
    assert json.loads(out)["editions"][0]["organisation"]["name"] == HOSTILE


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check"], "avereport check : erreur : arguments obligatoires manquants : FICHIER.db"),
        (["check", "x.db", "--bogus"], "avereport : erreur : arguments non reconnus : --bogus"),
        (
            ["check", "x.db", "--year", "deux"],
            "avereport check : erreur : --year : nombre entier attendu, reçu « deux »",
        ),
        (["export"], "avereport export : erreur : un de ces arguments est obligatoire : FICHIER.db --demo"),
        (["export", "x.db", "--demo"], "avereport export : erreur : --demo : incompatible avec FICHIER.db"),
    ],
)
def test_usage_errors_print_clean_french_once(args, expected):
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("utilisation : avereport ") and "[-h]" in lines[0]
    assert lines[-1] == expected
    assert result.stderr.count("utilisation") == 1


def test_help_has_one_usage_prefix():
    result = run("check", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("utilisation : avereport check [-h]")
    assert result.stdout.count("utilisation") == 1


def test_a_reader_that_stops_early_gets_no_error(demo_db):
    """``avereport check r.db | head``: a closed pipe ends the command
    quietly, with no message about a file named « ? »."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "avereport", "check", str(demo_db)], stdout=write_end, stderr=subprocess.PIPE
    )
    os.close(write_end)
    os.close(read_end)  # the reader is gone before the first line is printed
    _, error = process.communicate(timeout=120)
    assert process.returncode == 1
    assert error == b""


def test_an_os_error_without_a_file_name_names_no_file():
    from avereport.errors import describe_os_error

    message = describe_os_error(OSError(28, "No space left on device"))
    assert message == "Opération impossible : plus de place sur le disque."
