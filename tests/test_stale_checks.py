"""Warnings for content left over from last year in a new edition."""

from __future__ import annotations

import dataclasses
import datetime as dt

from avereport.demo import demo_editions
from avereport.model import edit
from avereport.model.checks import Finding, check_edition
from avereport.model.dates import FuzzyDate
from avereport.model.edition import GovernanceEvent, Section, SectionKind, StaffMember
from avereport.model.review import mark_reviewed
from avereport.model.succession import start_next_edition
from avereport.model.years import as_current

WHEN = dt.datetime(2022, 3, 14, 10, 5)
DEMO_2021 = demo_editions()[-1]


def _stale(edition, previous) -> dict[str, Finding]:
    return {f.field: f for f in check_edition(edition, previous) if f.code.startswith("stale.")}


def test_every_list_reprinted_from_last_year_is_reported_until_confirmed():
    edition = start_next_edition(DEMO_2021)
    stale = _stale(edition, DEMO_2021)
    lists = [field for field, f in stale.items() if f.code == "stale.list"]
    assert lists == [f"lists[{n}].items" for n in range(6)]
    assert stale["lists[4].items"].message == (
        "La liste «\u00a0Réseaux partenaires\u00a0» est identique à celle de 2021 et n'a pas été "
        "confirmée : marquez sa section comme relue si elle vaut pour 2022."
    )
    edition = mark_reviewed(edition, "reseaux", "Zoé", WHEN)
    assert "lists[4].items" not in _stale(edition, DEMO_2021)
    edition = edit.replace_at(edition, "lists[0].items", (*edition.lists[0].items, "Une rencontre de 2022"))
    assert "lists[0].items" not in _stale(edition, DEMO_2021)


def test_dated_items_outside_the_year():
    edition = start_next_edition(DEMO_2021)
    edition = edit.replace_at(
        edition,
        "governance.events",
        (*edition.governance.events, GovernanceEvent(date=FuzzyDate(2021, 9, 30), person="Yohan David")),
    )
    edition = edit.replace_at(
        edition,
        "governance.events",
        (*edition.governance.events, GovernanceEvent(date=FuzzyDate(2022, 6), person="Nouvelle élue")),
    )
    edition = edit.replace_at(
        edition,
        "governance.staff",
        (
            *edition.governance.staff,
            StaffMember(
                id=99, name="David Miriot bis", start=FuzzyDate(2021, 12, 13), end=FuzzyDate(2022, 4)
            ),
        ),
    )
    stale = _stale(edition, DEMO_2021)
    assert stale["governance.events[0].date"].message == (
        "Vie des instances, événement «\u00a0Yohan David\u00a0» : 30 septembre 2021, "
        "en dehors de l'année 2022 du rapport."
    )
    assert "governance.events[1].date" not in stale
    staff = len(edition.governance.staff) - 1
    assert "l'imprimerait comme un mouvement de 2022" in stale[f"governance.staff[{staff}].start"].message
    assert f"governance.staff[{staff}].end" not in stale


def test_a_staff_remark_of_a_previous_year_and_a_replacement_copied_unconfirmed():
    edition = start_next_edition(DEMO_2021)
    staff = edition.governance.staff
    riguet = next(i for i, s in enumerate(staff) if s.name == "Justine Riguet")
    gassama = next(s.id for s in staff if s.name == "Mariama Gassama")
    replacing = dataclasses.replace(staff[riguet], replaces_id=gassama, reason="congé parental depuis 2021")
    edition = edit.replace_at(edition, f"governance.staff[{riguet}]", replacing)
    stale = _stale(edition, DEMO_2021)
    assert stale[f"governance.staff[{riguet}].reason"].message == (
        "«\u00a0Justine Riguet\u00a0» : le motif «\u00a0congé parental depuis 2021\u00a0» date de 2021."
    )
    assert "remplaçait déjà «\u00a0Mariama Gassama\u00a0» en 2021" in (
        stale[f"governance.staff[{riguet}].replaces_id"].message
    )
    confirmed = mark_reviewed(edition, "equipe", "Zoé", WHEN)
    assert f"governance.staff[{riguet}].replaces_id" not in _stale(confirmed, DEMO_2021)


def test_texts_that_still_speak_of_last_year_as_the_current_one():
    edition = start_next_edition(DEMO_2021)
    stale = _stale(edition, DEMO_2021)
    assert stale["outline[1].body"].message == (
        "Le texte de la section «\u00a0Objet et missions\u00a0» parle encore de 2021 comme de l'année "
        "en cours : «\u00a0En 2021 encore, la crise sanitaire a pesé sur l'activité.\u00a0»."
    )  # quoted as read: the text's « **crise sanitaire** » is bold, its marks are not words
    # A sentence naming 2021 kept word for word in a section still to review.
    assert "Les deux tweets les plus vus" in stale["outline[37].body"].message
    # No heading, key-figure source or list title names 2021 as current: they were rolled.
    assert not [field for field in stale if field.endswith((".heading", ".title", ".source"))]
    edition = edit.replace_at(edition, "outline[8].heading", "Vie des instances en 2021")
    edition = edit.replace_at(edition, "key_figures[1].source", DEMO_2021.key_figures[1].source)
    stale = _stale(edition, DEMO_2021)
    assert "«\u00a0Vie des instances en 2021\u00a0»" in stale["outline[8].heading"].message
    assert stale["key_figures[1].source"].section is SectionKind.KEY_FIGURES
    # A list item with a link is quoted as its words.
    body = "Le réseau s'est réuni.\n\n- En 2021, voir [le compte rendu](https://example.org) *en ligne*."
    edition = edit.replace_at(edition, "outline[1].body", body)
    assert (
        stale_quote(_stale(edition, DEMO_2021)["outline[1].body"])
        == "En 2021, voir le compte rendu en ligne."
    )


def stale_quote(finding: Finding) -> str:
    return finding.message.split("«\u00a0")[-1].removesuffix("\u00a0».")


def test_a_comparison_with_last_year_is_not_stale():
    assert as_current("Comme en 2021, les échanges ont eu lieu à distance.", 2021) is None
    assert as_current("Le réseau compte 204 adhérents (210 en 2021).", 2021) is None
    assert as_current("Plus qu'en 2021, les clubs se sont réunis.", 2021) is None
    assert as_current("Programme 2021-2027 du FSE+.", 2021) is None
    assert as_current("Vie des instances en 2021", 2021) == "Vie des instances en 2021"
    assert as_current("Le texte. Au cours de l'année 2021, tout a changé.", 2021, anywhere=False) == (
        "Au cours de l'année 2021, tout a changé."
    )


def test_a_new_text_mentioning_last_year_inside_a_sentence_is_not_reported():
    edition = start_next_edition(DEMO_2021)
    edition = edit.replace_at(
        edition,
        "outline",
        (
            *edition.outline,
            Section(
                key="bilan",
                kind=SectionKind.NARRATIVE,
                heading="Bilan",
                body="Les clubs, réunis en 2021 à distance, se sont retrouvés.",
            ),
        ),
    )
    assert f"outline[{len(edition.outline) - 1}].body" not in _stale(edition, DEMO_2021)
