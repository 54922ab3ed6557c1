"""The review state of a section: stored, exchanged, marked relu, undone,
named by check, shown beside last year's text."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from avereport.cli import main
from avereport.demo import demo_editions
from avereport.interchange import dump_editions, load_editions
from avereport.model import edit
from avereport.model.checks import check_edition
from avereport.model.diff import diff_editions
from avereport.model.edition import ReviewState
from avereport.model.review import (
    ReviewError,
    TextPiece,
    mark_reviewed,
    mark_to_review,
    pending_sections,
    previous_text,
    take_previous_text,
    text_changes,
)
from avereport.model.succession import start_next_edition
from avereport.store import open_document
from avereport.store.migrations import upgrade
from avereport.store.opening import configure, connect

WHEN = dt.datetime(2022, 3, 14, 10, 5, 42)
DEMO_2021 = demo_editions()[-1]


def _new() -> tuple:
    return DEMO_2021, start_next_edition(DEMO_2021)


def _review_findings(edition, previous) -> dict[str, str]:
    return {f.field: f.message for f in check_edition(edition, previous) if f.code.startswith("review.")}


def test_marking_relu_records_who_and_when_and_leaves_the_edition_given_untouched():
    _previous, edition = _new()
    marked = mark_reviewed(edition, "reseau", "  Zoé Martin ", WHEN)
    section = marked.outline[0]
    assert (section.review, section.reviewed_by, section.reviewed_at) == (
        ReviewState.REVIEWED,
        "Zoé Martin",
        "2022-03-14T10:05",
    )
    assert edition.outline[0].review is ReviewState.TO_REVIEW
    back = mark_to_review(marked, "reseau")
    assert (back.outline[0].review, back.outline[0].reviewed_by, back.outline[0].reviewed_at) == (
        ReviewState.TO_REVIEW,
        "",
        "",
    )
    with pytest.raises(ReviewError, match="n'a pas de section « absente »"):
        mark_reviewed(edition, "absente", "Zoé", WHEN)


def test_check_names_every_section_to_review_and_marking_relu_clears_it():
    previous, edition = _new()
    findings = _review_findings(edition, previous)
    pending = [f"outline[{i}].review" for i, _ in pending_sections(edition)]
    assert list(findings) == pending
    assert len(pending) == sum(1 for s in edition.outline if s.review is not ReviewState.REVIEWED)
    assert findings["outline[0].review"] == (
        "La section «\u00a0Le réseau Alliance Villes Emploi\u00a0» est à relire : "
        "son texte est celui de 2021, repris tel quel."
    )
    assert "est à rédiger" in findings["outline[11].review"]  # Réunions des instances
    for _, section in pending_sections(edition):
        edition = mark_reviewed(edition, section.key, "Zoé", WHEN)
    assert _review_findings(edition, previous) == {}
    # Confirmed, a text kept word for word is the reviewer's: no warning for it.
    assert not [f for f in check_edition(edition, previous) if f.field == "outline[0].body"]


def test_editing_a_carried_text_does_not_mark_it_relu():
    previous, edition = _new()
    edition = edit.replace_at(edition, "outline[0].body", edition.outline[0].body + "\n\nUne phrase de 2022.")
    assert edition.outline[0].review is ReviewState.TO_REVIEW
    assert _review_findings(edition, previous)["outline[0].review"].endswith(
        "n'est pas encore marquée comme relue."
    )


def test_last_years_text_can_be_seen_and_taken_back():
    previous, edition = _new()
    assert previous_text(previous, "objet_missions") == previous.outline[1].body
    assert previous_text(previous, "adherents") is None  # a chapter title, no text
    assert previous_text(None, "objet_missions") is None
    edition = edit.replace_at(edition, "outline[1].body", "Nouveau texte.")
    edition = mark_reviewed(edition, "objet_missions", "Zoé", WHEN)
    taken = take_previous_text(edition, previous, "objet_missions")
    assert taken.outline[1].body == previous.outline[1].body
    # Taking last year's text back is not confirming it for this year.
    assert taken.outline[1].review is ReviewState.TO_REVIEW and taken.outline[1].reviewed_by == ""
    assert edition.outline[1].body == "Nouveau texte."
    with pytest.raises(ReviewError):
        take_previous_text(edition, previous, "adherents")


def test_the_difference_with_last_years_text_is_word_by_word():
    pieces = text_changes("En 2021, le réseau a grandi.", "En 2022, le réseau a encore grandi.")
    assert pieces == [
        TextPiece("equal", "En "),
        TextPiece("delete", "2021,"),
        TextPiece("insert", "2022,"),
        TextPiece("equal", " le réseau a "),
        TextPiece("insert", "encore "),
        TextPiece("equal", "grandi."),
    ]
    assert "".join(p.text for p in pieces if p.operation != "delete") == "En 2022, le réseau a encore grandi."


def test_the_history_says_marked_relu_by_whom(tmp_path):
    previous, edition = _new()
    path = tmp_path / "rapport.db"
    with open_document(path, create=True) as document:
        document.write_editions([previous, edition])
        stored = document.read_edition(2022)
        marked = mark_reviewed(stored, "reseau", "Zoé", WHEN)
        document.change_edition(stored, marked, changes=diff_editions(stored, marked), author="Zoé")
        lines = {(e.field_label, e.new) for e in document.history(year=2022)}
        assert ("Relecture", "Marquée comme relue") in lines
        assert ("Relue par", "Zoé") in lines
        again = document.read_edition(2022)
        assert again.outline[0].reviewed_at == "2022-03-14T10:05"
        # Undo: the snapshot before is written back, and the state with it.
        document.change_edition(again, stored, changes=diff_editions(again, stored), author="Zoé")
        assert document.read_edition(2022).outline[0].review is ReviewState.TO_REVIEW


def test_the_json_format_keeps_the_review_and_does_without_it():
    _previous, edition = _new()
    marked = mark_reviewed(edition, "reseau", "Zoé", WHEN)
    (loaded,) = load_editions(dump_editions([marked]), "essai.json")
    assert loaded.outline[0] == marked.outline[0]
    assert loaded.outline[1].review is ReviewState.TO_REVIEW
    plain = json.loads(dump_editions([marked]))
    for section in plain["editions"][0]["outline"]:
        del section["review"], section["reviewed_by"], section["reviewed_at"]
    (older,) = load_editions(json.dumps(plain), "ancien.json")
    assert {s.review for s in older.outline} == {ReviewState.REVIEWED}
    plain["editions"][0]["outline"][0]["reviewed_at"] = "mardi"
    with pytest.raises(Exception, match="reviewed_at"):
        load_editions(json.dumps(plain), "faux.json")


def test_an_older_document_upgrades_with_every_section_reviewed(tmp_path, monkeypatch):
    monkeypatch.setenv("AVEREPORT_DATA_DIR", str(tmp_path / "donnees"))
    path = tmp_path / "ancien.db"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "store_v1.db", path)
    conn = connect(path, "rw")
    configure(conn)
    upgrade(conn, target=3)
    (edition_id,) = conn.execute("SELECT id FROM edition WHERE year = 2021").fetchone()
    conn.execute(
        "INSERT INTO section (edition_id, position, key, kind, heading, level, body, ref)"
        " VALUES (?, 0, 'reseau', 'narrative', 'Le réseau', 1, 'Texte de 2021.', '')",
        (edition_id,),
    )
    conn.close()
    with open_document(path) as document:
        (section,) = document.read_edition(2021).outline
        assert (section.heading, section.body) == ("Le réseau", "Texte de 2021.")
        assert (section.review, section.reviewed_by, section.reviewed_at) == (ReviewState.REVIEWED, "", "")


def test_check_on_the_command_line_names_the_sections_to_review(demo_db, capsys):
    assert main(["new-edition", str(demo_db)]) == 0
    capsys.readouterr()
    assert main(["check", str(demo_db), "--year", "2022"]) == 1
    out = capsys.readouterr().out
    assert "«\u00a0Le réseau Alliance Villes Emploi\u00a0» est à relire" in out
    assert "«\u00a0Réunions des instances\u00a0» est à rédiger" in out
