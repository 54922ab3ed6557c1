"""Communication figures year on year, on the 2021 report's figures."""

from __future__ import annotations

import facts_2021 as facts

from avereport.model import edit, fmt
from avereport.model.compute import summarise_communication
from avereport.model.edition import Metric


def test_job_offers_change_is_the_printed_one():
    summary = summarise_communication(facts.edition_2021(), facts.edition_2020())
    offers = summary.job_offers
    assert (offers.value, offers.previous) == (facts.JOB_OFFERS, facts.JOB_OFFERS_2020)
    assert offers.change == facts.JOB_OFFERS_CHANGE
    assert offers.delta == facts.JOB_OFFERS - facts.JOB_OFFERS_2020
    assert fmt.change(offers.change) == "+22\u202f%"


def test_figures_missing_last_year_give_no_delta():
    summary = summarise_communication(facts.edition_2021(), facts.edition_2020())
    assert summary.website_visits.value == facts.WEBSITE_VISITS
    assert summary.website_visits.delta is None and summary.website_visits.change is None
    assert all(line.delta is None for line in summary.followers + summary.reach_tiers)


def test_followers_are_matched_by_network_and_approximate_counts_get_no_delta():
    edition, previous = facts.edition_2021(), facts.edition_2021()
    previous = edit.replace_at(previous, "year", 2020)
    previous = edit.replace_at(previous, "communication.followers", previous.communication.followers[::-1])
    previous = edit.replace_at(previous, "communication.followers[1].count", facts.TWITTER_FOLLOWERS - 73)
    lines = {line.key: line for line in summarise_communication(edition, previous).followers}
    assert lines["Twitter"].delta == 73
    assert lines["LinkedIn"].previous == facts.LINKEDIN_FOLLOWERS
    assert lines["LinkedIn"].delta is None  # "plus de 2 000"


def test_reach_tiers_are_matched_by_threshold():
    edition, previous = facts.edition_2021(), facts.edition_2021()
    previous = edit.replace_at(
        previous, "communication.reach_tiers[0].posts", previous.communication.reach_tiers[0].posts + 1
    )
    previous = edit.remove_item(previous, "communication.reach_tiers", 2)
    lines = summarise_communication(edition, previous).reach_tiers
    assert [line.key for line in lines] == [str(views) for views in facts.REACH]
    assert [line.delta for line in lines] == [-1, 0, None]
    assert lines[0].label == "Publications vues plus de 5\u202f000 fois"


def test_metrics_are_matched_by_key():
    edition, previous = facts.edition_2021(), facts.edition_2021()
    edition = edit.replace_at(
        edition,
        "communication.metrics",
        [
            Metric(key="travaux", label="ETP en marchés de travaux", value=55.52, unit="%"),
            Metric(key="services", label="ETP en marchés de services", value=43.58, unit="%"),
        ],
    )
    previous = edit.replace_at(
        previous,
        "communication.metrics",
        [
            Metric(key="travaux", label="Travaux", value=50.1, unit="%"),
        ],
    )
    lines = summarise_communication(edition, previous).metrics
    assert [(line.key, line.delta) for line in lines] == [("travaux", 5.42), ("services", None)]
    assert lines[0].unit == "%"


def test_top_page_keeps_its_qualifier():
    line = summarise_communication(facts.edition_2021()).top_page_visits
    assert line.label == "Page d'accueil"
    assert fmt.quantity(line.value, line.unit, line.qualifier) == "plus de 17\u202f000"
