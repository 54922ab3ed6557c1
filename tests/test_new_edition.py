"""Next year's edition from this year's: from the model, the command line and
the app's session (one undoable step each)."""

from __future__ import annotations

import datetime as dt
import re

from avereport.cli import main
from avereport.demo import demo_editions
from avereport.model.board_renewal import keep_board_members
from avereport.model.edition import ReviewState
from avereport.model.review import mark_reviewed, previous_text, take_previous_text
from avereport.model.succession import start_next_edition, summary
from avereport.store import open_document

DEMO_2021 = demo_editions()[-1]
WHEN = dt.datetime(2022, 3, 14, 10, 5)


def test_every_2021_text_is_carried_to_review():
    new = start_next_edition(DEMO_2021)
    texts = [s for s in DEMO_2021.outline if s.body.strip()]
    assert len(texts) == 28
    carried = {s.key: s for s in new.outline}
    for section in texts:
        assert carried[section.key].body == section.body
        assert carried[section.key].review is ReviewState.TO_REVIEW


def test_no_heading_source_or_title_of_2022_names_2021_as_current():
    new = start_next_edition(DEMO_2021)
    headings = {s.key: s.heading for s in new.outline}
    assert headings["vie_instances"] == "Vie des instances en 2022"
    sources = {b.key: b.source for b in new.key_figures}
    assert sources["mde"] == "Source : recensement Alliance Villes Emploi au 31 janvier 2022"
    # The consolidation of last year's figures is rolled too: 2020's for 2021, 2021's for 2022.
    assert sources["plie"] == "Source : rapport de consolidation des PLIE 2021"
    short_texts = [*headings.values(), *(b.title for b in new.key_figures), *(t.title for t in new.lists)]
    assert not [text for text in short_texts if re.search(r"\b(en|au \d+ \w+) 2021\b", text)]
    assert new.membership.notes == () and new.training.note == ""


def test_no_staff_event_or_declared_total_of_2021_is_carried():
    new = start_next_edition(DEMO_2021)
    assert [s.name for s in new.governance.staff] == [
        s.name for s in DEMO_2021.governance.staff if s.end is None or s.end.year > 2021
    ]
    assert all(s.start is None and s.replaces_id is None and s.reason == "" for s in new.governance.staff)
    assert new.membership.declared_total is None
    assert all(g.declared_total is None for g in new.membership.groups)
    assert new.governance.events == () and new.governance.meetings == ()
    assert new.communication.webinars == () and new.training.sessions == ()


def test_the_summary_says_what_is_carried_and_what_starts_empty():
    new = keep_board_members(start_next_edition(DEMO_2021), {m.id for m in DEMO_2021.governance.board[1:]})
    lines = summary(DEMO_2021, new)
    assert lines.carried[0] == "28 textes de 2021, comme brouillons à retravailler"
    assert "21 administrateurs au conseil d'administration" in lines.carried
    assert "4 titres ou sources mis à jour de 2021 à 2022" in lines.carried
    assert "7 événements de la vie des instances de 2021" in lines.empty
    assert "Équipe : 2 arrivées, 1 départ, 4 remplacements de 2021" in lines.empty
    assert "Conseil d'administration : 1 administrateur ne siège plus (noté comme départ)" in lines.empty
    printed = lines.lines()
    assert printed[0] == "Repris, à relire :" and "Vide au départ, à saisir :" in printed


def test_new_edition_on_the_command_line(demo_db, capsys):
    assert main(["new-edition", str(demo_db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Édition 2022 créée dans « rapport.db » à partir de l'édition 2021."
    assert out[1] == "Repris, à relire :"
    assert "  - 28 textes de 2021, comme brouillons à retravailler" in out
    assert "Vide au départ, à saisir :" in out
    with open_document(demo_db, read_only=True) as document:
        assert document.years() == [2020, 2021, 2022]
        stored = document.read_edition(2022)
        # Everyone stays on the board from the command line.
        assert len(stored.governance.board) == len(DEMO_2021.governance.board)
        (entry,) = document.history(year=2022)
        assert (entry.origin, entry.new) == ("nouvelle édition", 2022)


def test_new_edition_from_a_chosen_year_to_a_chosen_year(demo_db, capsys):
    assert main(["new-edition", str(demo_db), "--from", "2021", "--year", "2023"]) == 0
    with open_document(demo_db, read_only=True) as document:
        headings = [s.heading for s in document.read_edition(2023).outline]
    assert "Vie des instances en 2023" in headings
    assert capsys.readouterr().out.startswith("Édition 2023 créée")


def test_new_edition_refuses_a_year_that_exists_in_french(demo_db, capsys):
    before = demo_db.read_bytes()
    assert main(["new-edition", str(demo_db), "--from", "2020"]) == 2
    assert capsys.readouterr().err == "Le document « rapport.db » contient déjà l'édition 2021.\n"
    assert main(["new-edition", str(demo_db), "--from", "2021", "--year", "2019"]) == 2
    assert "ne peut pas suivre l'édition 2021" in capsys.readouterr().err
    assert main(["new-edition", str(demo_db), "--from", "2018"]) == 2
    assert "n'a pas d'édition 2018" in capsys.readouterr().err
    with open_document(demo_db, read_only=True) as document:
        assert document.years() == [2020, 2021]
    assert demo_db.read_bytes() == before


def test_every_step_can_be_undone_in_the_app(session):
    source = session.edition
    assert source.year == 2021
    assert session.add_edition("Créer l'édition 2022", start_next_edition(source))
    assert session.year == 2022
    carried = session.edition
    assert session.apply("Marquer comme relu", mark_reviewed(carried, "reseau", "Zoé", WHEN))
    assert session.edition.outline[0].review is ReviewState.REVIEWED
    session.set_value("outline[1].body", "Un texte de 2022.", "Modifier le texte")
    retaken = take_previous_text(session.edition, session.previous(), "objet_missions")
    assert session.apply("Reprendre le texte de 2021", retaken)
    assert session.edition.outline[1].body == previous_text(source, "objet_missions")

    session.undo_stack.undo()  # take back last year's text
    assert session.edition.outline[1].body == "Un texte de 2022."
    session.undo_stack.undo()  # the edit
    session.undo_stack.undo()  # mark relu
    assert session.edition.outline[0].review is ReviewState.TO_REVIEW
    assert session.document.read_edition(2022).outline[0].review is ReviewState.TO_REVIEW
    session.undo_stack.undo()  # new edition
    assert session.years() == [2020, 2021]
    session.undo_stack.redo()
    assert session.years() == [2020, 2021, 2022]
    assert session.document.read_edition(2022).outline == carried.outline
