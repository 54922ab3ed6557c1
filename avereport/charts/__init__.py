"""Report charts: pure functions from plain figures to a matplotlib ``Figure``
and its French alternative text. Never imports ``matplotlib.pyplot``."""

from avereport.charts.communication import communication_metrics
from avereport.charts.coverage import network_coverage
from avereport.charts.data import CategoryBar, Chart, CoverageBar, Series, Share
from avereport.charts.membership import membership_by_category, membership_trend
from avereport.charts.palette import Palette, palette_from_brand
from avereport.charts.region_map import region_map
from avereport.charts.style import COLUMN_WIDTH_CM
from avereport.charts.training import training_participants

__all__ = [
    "COLUMN_WIDTH_CM",
    "CategoryBar",
    "Chart",
    "CoverageBar",
    "Palette",
    "Series",
    "Share",
    "communication_metrics",
    "membership_by_category",
    "membership_trend",
    "network_coverage",
    "palette_from_brand",
    "region_map",
    "training_participants",
]
