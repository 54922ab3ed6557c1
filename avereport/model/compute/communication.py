"""Communication figures of an edition beside the previous edition's.

Followers are matched by network name, reach tiers by view threshold and
metrics by key.
"""

from __future__ import annotations

from dataclasses import dataclass

from avereport.model import fmt
from avereport.model.compute.lines import CountLine, index_by
from avereport.model.edition import Communication, Edition, Qualifier


@dataclass(frozen=True, slots=True)
class CommunicationSummary:
    website_visits: CountLine
    top_page_visits: CountLine
    job_offers: CountLine
    followers: tuple[CountLine, ...]
    reach_tiers: tuple[CountLine, ...]
    metrics: tuple[CountLine, ...]


def reach_label(min_views: int) -> str:
    return f"Publications vues plus de {fmt.number(min_views)} fois"


def summarise_communication(edition: Edition, previous: Edition | None = None) -> CommunicationSummary:
    now = edition.communication
    before = previous.communication if previous else Communication()
    followers = index_by(before.followers, lambda f: f.network)
    tiers = index_by(before.reach_tiers, lambda t: t.min_views)
    metrics = index_by(before.metrics, lambda m: m.key)
    return CommunicationSummary(
        website_visits=CountLine(
            key="website_visits",
            label="Visites du site internet",
            value=now.website_visits,
            previous=before.website_visits,
        ),
        top_page_visits=CountLine(
            key="top_page_visits",
            label=now.top_page or "Page la plus consultée",
            value=now.top_page_visits,
            previous=before.top_page_visits,
            qualifier=now.top_page_qualifier,
            previous_qualifier=before.top_page_qualifier,
        ),
        job_offers=CountLine(
            key="job_offers",
            label="Offres d'emploi diffusées",
            value=now.job_offers,
            previous=before.job_offers,
        ),
        followers=tuple(
            CountLine(
                key=row.network,
                label=row.network,
                value=row.count,
                previous=followers[row.network].count if row.network in followers else None,
                qualifier=row.qualifier,
                previous_qualifier=(
                    followers[row.network].qualifier if row.network in followers else Qualifier.EXACT
                ),
            )
            for row in now.followers
        ),
        reach_tiers=tuple(
            CountLine(
                key=str(tier.min_views),
                label=reach_label(tier.min_views),
                value=tier.posts,
                previous=tiers[tier.min_views].posts if tier.min_views in tiers else None,
            )
            for tier in now.reach_tiers
        ),
        metrics=tuple(
            CountLine(
                key=metric.key,
                label=metric.label,
                value=metric.value,
                previous=metrics[metric.key].value if metric.key in metrics else None,
                unit=metric.unit,
            )
            for metric in now.metrics
        ),
    )
