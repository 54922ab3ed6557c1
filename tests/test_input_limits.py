"""Numbers beyond any report, Markdown nested hundreds deep, JSON nested a
hundred thousand deep and half characters: each is refused where it enters
(interchange file, document, edit) with one French line naming the place,
and nothing is written."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import types
import typing
from pathlib import Path

import pytest

from avereport.cli import main
from avereport.interchange import schema
from avereport.model import edit, limits
from avereport.model import edition as model
from avereport.model.nesting import nesting_bound, nesting_depth

# 200 emphases, one in the other, in 1.2 kB, as in the issue.
DEEP_TEXT = "*a " * 200 + "x" + " a*" * 200


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(tmp_path) -> Path:
    path = tmp_path / "rapport.db"
    assert main(["demo", str(path)]) == 0
    return path


@pytest.fixture
def demo_json(demo_db, tmp_path) -> dict:
    dumped = tmp_path / "source.json"
    assert main(["dump", str(demo_db), "-o", str(dumped)]) == 0
    return json.loads(dumped.read_text(encoding="utf-8"))


def _load(tmp_path: Path, text: str, capsys) -> str:
    """Load ``text`` into a new document; the French error it must raise."""
    source = tmp_path / "mauvais.json"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "cible.db"
    capsys.readouterr()
    assert main(["load", str(source), "--into", str(target)]) == 2
    err = capsys.readouterr().err
    assert not target.exists()
    assert "Erreur inattendue" not in err and err.startswith("Impossible de lire « mauvais.json » : ")
    return err


def _narrative(edition: dict) -> int:
    return next(i for i, s in enumerate(edition["outline"]) if s["kind"] == "narrative")


# --- interchange files ----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda e: e["key_figures"][0]["items"][0].update(value=1.7e308),
            "editions[0].key_figures[0].items[0].value : doit valoir au plus 999\u202f999\u202f999",
        ),
        (
            lambda e: e["membership"]["groups"][0]["categories"][0].update(count=2**62),
            "editions[0].membership.groups[0].categories[0].count : doit valoir au plus 9\u202f999\u202f999",
        ),
        (
            lambda e: e["communication"].update(website_visits=10**7),
            "editions[0].communication.website_visits : doit valoir au plus 9\u202f999\u202f999",
        ),
    ],
    ids=["chiffre-cle", "effectif", "visites"],
)
def test_load_refuses_a_number_beyond_its_maximum(demo_json, tmp_path, capsys, change, expected):
    change(demo_json["editions"][0])
    err = _load(tmp_path, json.dumps(demo_json), capsys)
    assert expected in err


def test_load_refuses_a_narrative_nested_too_deep(demo_json, tmp_path, capsys):
    edition = demo_json["editions"][0]
    index = _narrative(edition)
    edition["outline"][index]["body"] = DEEP_TEXT
    err = _load(tmp_path, json.dumps(demo_json), capsys)
    assert f"editions[0].outline[{index}].body : texte trop imbriqué (201 niveaux" in err
    assert f"{limits.MAX_TEXT_NESTING} au plus" in err


def test_load_refuses_json_nested_a_hundred_thousand_deep(tmp_path, capsys):
    err = _load(tmp_path, '{"format": "avereport", "editions": ' + "[" * 100_000, capsys)
    column = len('{"format": "avereport", "editions": ') + limits.MAX_JSON_NESTING
    assert f"fichier trop imbriqué (ligne 1, colonne {column} : plus de 32 listes" in err


def test_brackets_inside_texts_are_no_nesting(demo_json, tmp_path, capsys):
    demo_json["editions"][0]["organisation"]["name"] = "[" * 1000 + "{" * 1000
    source = tmp_path / "crochets.json"
    source.write_text(json.dumps(demo_json), encoding="utf-8")
    assert main(["load", str(source), "--into", str(tmp_path / "cible.db")]) == 0


def test_load_refuses_a_lone_surrogate_naming_its_text(demo_json, tmp_path, capsys):
    demo_json["editions"][0]["organisation"]["name"] = "MARQUE"
    text = json.dumps(demo_json).replace('"MARQUE"', '"Alliance \\ud800"')
    err = _load(tmp_path, text, capsys)
    assert "editions[0].organisation.name : texte invalide (« \\ud800 » seul" in err


# --- documents --------------------------------------------------------------------


def _tamper(path: Path, sql: str, *parameters: object) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(sql, parameters)
    conn.close()


@pytest.mark.parametrize(
    ("sql", "value", "column"),
    [
        ("UPDATE key_figure SET value = ?", 1.7e308, "« value » de la table « key_figure »"),
        ("UPDATE member_category SET count = ?", 2**62, "« count » de la table « member_category »"),
        (
            "UPDATE section SET body = ? WHERE kind = 'narrative'",
            DEEP_TEXT,
            "« body » de la table « section »",
        ),
    ],
    ids=["chiffre-cle", "effectif", "texte-imbrique"],
)
@pytest.mark.parametrize("command", ["check", "export", "dump"])
def test_a_document_beyond_the_limits_is_refused_in_french(
    demo_db, tmp_path, capsys, sql, value, column, command
):
    _tamper(demo_db, sql, value)
    before = sha256(demo_db)
    capsys.readouterr()
    args = [command, str(demo_db)] + (["-o", str(tmp_path / "sortie.pdf")] if command == "export" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Erreur inattendue" not in err and column in err and "rapport.db" in err
    assert sha256(demo_db) == before and not (tmp_path / "sortie.pdf").exists()


# --- edits --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("membership.declared_total", "10 000 000", "au plus 9\u202f999\u202f999"),
        ("membership.groups[0].categories[0].count", 2**62, "au plus 9\u202f999\u202f999"),
        ("key_figures[0].items[0].value", "1,7e308", "au plus 999\u202f999\u202f999"),
        ("training.assistance[0].compare_year", "1800", "au moins 1900"),
        ("outline[0].body", DEEP_TEXT, "texte trop imbriqué"),
    ],
)
def test_an_edit_beyond_the_limits_is_refused_in_french(path, value, expected):
    from avereport.demo import demo_editions

    edition = demo_editions()[-1]
    with pytest.raises(edit.EditError, match=expected):
        edit.with_value(edition, path, value)


def test_edits_at_the_limits_are_accepted():
    from avereport.demo import demo_editions

    edition = demo_editions()[-1]
    changed = edit.with_value(edition, "membership.declared_total", "9 999 999")
    assert changed.membership.declared_total == 9_999_999
    nested = "- " * 10 + "**[*lien*](https://exemple.fr)**"
    assert edit.with_value(edition, "outline[0].body", nested).outline[0].body == nested


# --- one definition ---------------------------------------------------------------


def _bare(kind):
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        (kind,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    return kind


def test_the_schema_states_the_model_limits():
    definitions = schema()["$defs"]
    checked = 0
    for name, definition in definitions.items():
        cls = getattr(model, name, None)
        if cls is None or "properties" not in definition:
            continue
        hints = typing.get_type_hints(cls)
        for field, prop in definition["properties"].items():
            bounds = limits.bounds_of(cls, field, _bare(hints[field]))
            if bounds is not None:
                assert (prop["minimum"], prop["maximum"]) == (bounds.low, bounds.high), f"{name}.{field}"
                checked += 1
            assert (prop.get("format") == "avereport-markdown") == ((cls, field) in limits.MARKDOWN_FIELDS)
    assert checked >= 30


@pytest.mark.parametrize(
    "text",
    ["", "texte", "> - 1. *a **b***", "\t- [x](y)\n\n  > _z_", "*" * 50, "[" * 500, "> " * 30 + "a"],
)
def test_the_cheap_bound_is_never_below_the_depth(text):
    assert nesting_bound(text) >= nesting_depth(text)


# --- the app's editors ----------------------------------------------------------------


@pytest.fixture
def membership_editor(session, qtbot):
    from avereport.ui.editors.membership import MembershipEditor

    key = next(s.key for s in session.edition.outline if s.kind is model.SectionKind.MEMBERSHIP)
    editor = MembershipEditor(session, key)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_the_form_shows_the_maximum_and_refuses_beyond_it_in_french(membership_editor, session, qtbot):
    from PySide6.QtCore import Qt
    from session_helpers import digest

    line = membership_editor.form.fields["membership.declared_total"][1]
    assert line.placeholderText() == "nombre entier de 0 à 9\u202f999\u202f999, vide si inconnu"
    before = digest(session)
    line.selectAll()
    qtbot.keyClicks(line, "170000000000000000000000000000")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    message = membership_editor.form.message.text()
    assert "au plus 9\u202f999\u202f999" in message and "Rien n'a été enregistré" in message
    assert digest(session) == before


def test_a_table_cell_shows_the_maximum_and_refuses_beyond_it_in_french(membership_editor, session, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit
    from session_helpers import digest

    model, view = membership_editor.categories_model, membership_editor.categories.view
    count = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Nombre"
    )
    before = digest(session)
    view.setCurrentIndex(model.index(0, count))
    view.edit(model.index(0, count))
    line = view.findChild(QLineEdit)
    assert line.placeholderText() == "nombre entier de 0 à 9\u202f999\u202f999, vide si inconnu"
    line.selectAll()
    qtbot.keyClicks(line, str(2**62))
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert "au plus 9\u202f999\u202f999" in membership_editor.categories.message.text()
    assert digest(session) == before


def test_the_text_editor_refuses_a_text_nested_too_deep_in_french(session, qtbot):
    from session_helpers import digest

    from avereport.ui.editors.base import SectionEditor

    key = next(s.key for s in session.edition.outline if s.kind is model.SectionKind.NARRATIVE)
    editor = SectionEditor(session, key)
    qtbot.addWidget(editor)
    before = digest(session)
    with qtbot.waitSignal(session.write_failed) as refused:
        editor.body.markdown_changed.emit(DEEP_TEXT)
    assert refused.args[0].startswith("Texte refusé : texte trop imbriqué (201 niveaux")
    assert digest(session) == before


def test_new_edition_beyond_the_last_year_is_refused_and_the_document_unchanged(demo_db, capsys):
    """What reading refuses is never written: an edition of 2201 would make
    the whole document read as damaged."""
    before = demo_db.read_bytes()
    assert main(["new-edition", str(demo_db), "--year", "2201"]) == 2
    assert "doit valoir au plus 2200" in capsys.readouterr().err
    assert demo_db.read_bytes() == before
    assert main(["check", str(demo_db)]) == 1  # still readable, with the demo's own findings


def test_the_store_refuses_to_write_a_count_beyond_its_maximum(tmp_path):
    import dataclasses

    from avereport.demo import demo_editions
    from avereport.store import open_document
    from avereport.store.errors import DocumentError

    edition = demo_editions()[-1]
    club = dataclasses.replace(edition.training.clubs[0], meetings=10**8)
    training = dataclasses.replace(edition.training, clubs=(club, *edition.training.clubs[1:]))
    with open_document(tmp_path / "r.db", create=True) as document:
        with pytest.raises(
            DocumentError, match=r"training\.clubs\[0\]\.meetings : le nombre doit valoir au plus"
        ):
            document.write_edition(dataclasses.replace(edition, training=training))
        assert document.years() == []
