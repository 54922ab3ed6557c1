"""Checks of training, assistance, clubs, communication and key figures."""

from __future__ import annotations

from collections.abc import Iterator

from avereport.model import fmt
from avereport.model.checks.findings import (
    Finding,
    duplicates,
    error,
    negative,
    outside_year,
    quote,
    warning,
)
from avereport.model.compute.training import STRUCTURE_LABELS, participants
from avereport.model.edition import Edition, SectionKind


def check_training(edition: Edition) -> Iterator[Finding]:
    section = SectionKind.TRAINING
    for i, session in enumerate(edition.training.sessions):
        path = f"training.sessions[{i}]"
        name = f"Session {quote(session.module)}" if session.module else "Session"
        what = f"{name} du {fmt.date(session.date)}" if session.date else name
        for key, label in STRUCTURE_LABELS.items():
            yield from negative(
                section, f"{path}.{key}", f"{what}, participants {label}", getattr(session, key)
            )
        if participants(session) == 0:
            yield error(
                section,
                f"{path}.plie",
                f"{what} : aucun participant saisi. Indiquez le nombre de participants.",
            )
        yield from outside_year(section, f"{path}.date", f"{name}, date", session.date, edition.year)


def check_assistance(edition: Edition) -> Iterator[Finding]:
    section = SectionKind.ASSISTANCE
    indicators = edition.training.assistance
    yield from duplicates(
        section,
        (i.key for i in indicators),
        lambda n: f"training.assistance[{n}].key",
        lambda key: f"La clé d'indicateur {quote(key)}",
    )
    for n, indicator in enumerate(indicators):
        path = f"training.assistance[{n}]"
        what = quote(indicator.label)
        yield from negative(section, f"{path}.value", what, indicator.value)
        yield from negative(
            section,
            f"{path}.compare_value",
            f"{what}, valeur de comparaison",
            indicator.compare_value,
        )
        if (indicator.compare_year is None) != (indicator.compare_value is None):
            if indicator.compare_year is None:
                field, missing = "compare_year", "l'année"
            else:
                field, missing = "compare_value", "la valeur"
            yield warning(
                section,
                f"{path}.{field}",
                f"{what} : la comparaison est incomplète, il manque {missing}. "
                "Saisissez-la, ou videz l'année et la valeur de comparaison.",
            )
        year = indicator.compare_year
        if year is not None and not edition.year - 10 <= year < edition.year:
            yield error(
                section,
                f"{path}.compare_year",
                f"{what} : comparaison avec {year}, alors qu'elle doit porter sur une année "
                f"antérieure ({edition.year - 10}-{edition.year - 1}). Corrigez l'année de comparaison.",
            )


def check_clubs(edition: Edition) -> Iterator[Finding]:
    for n, club in enumerate(edition.training.clubs):
        yield from negative(
            SectionKind.CLUBS,
            f"training.clubs[{n}].meetings",
            f"Réunions du club {quote(club.name)}",
            club.meetings,
        )


def check_communication(edition: Edition) -> Iterator[Finding]:
    section = SectionKind.COMMUNICATION
    c = edition.communication
    yield from negative(section, "communication.website_visits", "Visites du site internet", c.website_visits)
    yield from negative(
        section,
        "communication.top_page_visits",
        "Visites de la page la plus consultée",
        c.top_page_visits,
    )
    yield from negative(section, "communication.job_offers", "Offres d'emploi diffusées", c.job_offers)
    yield from duplicates(
        section,
        (f.network for f in c.followers),
        lambda n: f"communication.followers[{n}].network",
        lambda network: f"Le réseau social {quote(network)}",
    )
    for n, row in enumerate(c.followers):
        yield from negative(
            section,
            f"communication.followers[{n}].count",
            f"Abonnés {quote(row.network)}",
            row.count,
        )
    yield from duplicates(
        section,
        (t.min_views for t in c.reach_tiers),
        lambda n: f"communication.reach_tiers[{n}].min_views",
        lambda views: f"Le seuil de {fmt.number(views)} vues",
    )
    for n, tier in enumerate(c.reach_tiers):
        yield from negative(
            section, f"communication.reach_tiers[{n}].min_views", "Seuil de vues", tier.min_views
        )
        yield from negative(
            section,
            f"communication.reach_tiers[{n}].posts",
            f"Publications vues plus de {fmt.number(tier.min_views)} fois",
            tier.posts,
        )
    yield from duplicates(
        section,
        (m.key for m in c.metrics),
        lambda n: f"communication.metrics[{n}].key",
        lambda key: f"La clé d'indicateur {quote(key)}",
    )
    for n, webinar in enumerate(c.webinars):
        path = f"communication.webinars[{n}]"
        what = f"Webinaire {quote(webinar.title)}" if webinar.title else "Webinaire"
        yield from negative(
            SectionKind.WEBINARS,
            f"{path}.participants",
            f"{what}, participants",
            webinar.participants,
        )
        yield from outside_year(
            SectionKind.WEBINARS, f"{path}.date", f"{what}, date", webinar.date, edition.year
        )


def check_key_figures(edition: Edition) -> Iterator[Finding]:
    section = SectionKind.KEY_FIGURES
    yield from duplicates(
        section,
        (b.key for b in edition.key_figures),
        lambda n: f"key_figures[{n}].key",
        lambda key: f"La clé de bloc de chiffres clés {quote(key)}",
    )
    for b, block in enumerate(edition.key_figures):
        for n, item in enumerate(block.items):
            path = f"key_figures[{b}].items[{n}].value"
            what = f"{quote(block.title)}, {quote(item.label)}" if item.label else quote(block.title)
            yield from negative(section, path, what, item.value)
            if item.unit.strip() == "%" and item.value > 100:
                yield error(
                    section,
                    path,
                    f"{what} : {fmt.percent(item.value)}, "
                    f"un pourcentage ne peut dépasser {fmt.percent(100)}. Corrigez la valeur.",
                )


def check_lists(edition: Edition) -> Iterator[Finding]:
    yield from duplicates(
        SectionKind.LIST,
        (t.key for t in edition.lists),
        lambda n: f"lists[{n}].key",
        lambda key: f"La clé de liste {quote(key)}",
    )
