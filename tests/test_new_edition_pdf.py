"""A 2022 report made as a user would from the command line: new-edition from
the demo, the 2022 figures entered through the JSON format, export. Every
comparison in the PDF is against the 2021 figures, computed, and nothing of
2021's staff movements or headings is printed as 2022's."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from avereport.cli import main
from avereport.demo import demo_editions
from avereport.model.edition import SectionKind

# The 2022 counts entered, by category name; the 2021 ones are the demo's.
COUNTS_2022 = {
    "PLIE": 73,
    "Maison de l'Emploi": 18,
    "PLIE et MDE": 30,
    "Collectivité sans PLIE ni MDE": 15,
    "Communes": 9,
    "EPCI": 27,
    "Conseils départementaux": 17,
    "Missions locales": 6,
    "Structures diverses": 12,
    "Collectivités et structures à jour de cotisation": 14,
}
SESSIONS_2022 = [
    {"module": "Chargé.e de mission PLIE", "date": "2022-03-10", "mode": "remote", "plie": 10, "mde": 2},
    {
        "module": "Contrôle interne FSE",
        "date": "2022-05-12",
        "mode": "on_site",
        "plie": 5,
        "collectivites": 3,
    },
]


def normalised(text: str) -> str:
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    text = re.sub(r"-\s*\n\s*", "-", text)
    return " ".join(text.split())


def _enter_2022_figures(edition: dict) -> None:
    for group in edition["membership"]["groups"]:
        for category in group["categories"]:
            category["count"] = COUNTS_2022[category["name"]]
    plie = next(c for c in edition["network"]["coverage"] if c["kind"] == "plie")
    plie["total"], plie["members"] = 150, 105
    edition["training"]["sessions"] = [
        {"plie": 0, "mde": 0, "collectivites": 0, "autres": 0, **session} for session in SESSIONS_2022
    ]


@pytest.fixture
def report_2022(demo_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AVEREPORT_DATA_DIR", str(tmp_path / "donnees"))
    assert main(["new-edition", str(demo_db)]) == 0
    exchange = tmp_path / "2022.json"
    assert main(["dump", str(demo_db), "--year", "2022", "-o", str(exchange)]) == 0
    document = json.loads(exchange.read_text(encoding="utf-8"))
    _enter_2022_figures(document["editions"][0])
    exchange.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["load", str(exchange), "--into", str(demo_db), "--replace"]) == 0
    capsys.readouterr()
    pdf = tmp_path / "rapport-2022.pdf"
    assert main(["export", str(demo_db), "--year", "2022", "-o", str(pdf)]) == 0
    streams = capsys.readouterr()
    text = normalised("\n".join(page.extract_text() for page in PdfReader(pdf).pages))
    return text, streams.err


def test_every_comparison_is_computed_against_2021(report_2022):
    text, _err = report_2022
    demo = demo_editions()[-1]
    in_total = [g for g in demo.membership.groups if g.in_total]
    before = {g.name: sum(c.count for c in g.categories) for g in in_total}
    now = {g.name: sum(COUNTS_2022[c.name] for c in g.categories) for g in in_total}
    # The 2021 total is computed from its categories (201), not its declared 204.
    assert f"{sum(now.values())} adhérents ({sum(before.values())} en 2021)" in text
    for name in now:
        assert f"{now[name]} ({before[name]} en 2021) au titre de « {name} »" in text
    plie_2021 = next(c for c in demo.network.coverage if c.kind.value == "plie")
    rate_2021 = round(100 * plie_2021.members / plie_2021.total)
    assert f"105 sont adhérents de l'association, soit 70 % ({rate_2021} % en 2021)" in text
    people_2021 = sum(s.plie + s.mde + s.collectivites + s.autres for s in demo.training.sessions)
    assert (
        f"En 2022, 20 ({people_2021} en 2021) personnes ont été formées dans le cadre de "
        f"2 ({len(demo.training.sessions)} en 2021) sessions de formation." in text
    )


def test_nothing_of_2021_is_printed_as_2022s(report_2022):
    text, _err = report_2022
    for stale in (
        "Vie des instances en 2021",
        "au 31 janvier 2021",
        "Arrivée le 13 décembre 2021",
        "Arrivée en juin 2021",
        "remplacements en 2022",
        "en remplacement de",
    ):
        assert stale not in text, stale
    assert "L'équipe compte 12 personnes en 2022." in text  # no arrival, departure nor replacement


def test_the_export_reminds_of_the_sections_to_review_and_still_succeeds(report_2022):
    _text, err = report_2022
    demo = demo_editions()[-1]
    assert re.fullmatch(
        r"Rappel : (\d+) sections à relire ou à rédiger dans l'édition 2022 \(détail : avereport check\)\.\n",
        err,
    )
    count = int(re.search(r"\d+", err).group())
    # Every section but the chapter titles ("Les adhérents de l'association"…), which carry nothing.
    assert count == sum(1 for s in demo.outline if s.body.strip() or s.kind is not SectionKind.NARRATIVE)
