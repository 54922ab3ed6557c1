"""Charts: the figures show the data in French formats, legibly, laid out
once at their printed size (the PDF's drawings of them are tested in
test_chart_drawing.py).

Data are mostly the 2021 report's figures (shared/seed/README.md and the
report text).
"""

from __future__ import annotations

import io
import itertools
import math
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from avereport.charts import (
    COLUMN_WIDTH_CM,
    CategoryBar,
    Chart,
    CoverageBar,
    Series,
    Share,
    communication_metrics,
    membership_by_category,
    membership_trend,
    network_coverage,
    palette_from_brand,
    region_map,
    training_participants,
)
from avereport.charts.palette import (
    MIN_DISTANCE,
    VISIONS,
    contrast_ratio,
    cvd_distance,
    relative_luminance,
    simulated_lab,
)
from avereport.charts.region_map import OVERSEAS_TILES, tile_box
from avereport.charts.style import MIN_FONT_PT
from avereport.model.edition import NetworkKind, Organisation
from avereport.model.regions import Region

NNBSP = "\u202f"
BRAND = Organisation()
PALETTE = palette_from_brand(BRAND.primary_colour, BRAND.secondary_colour)

# "71 au titre d'un PLIE (+2)", ... — the full membership of 2021 and its deltas.
CATEGORIES_2021 = [
    ("Au titre d'un PLIE", 71, 2),
    ("Au titre d'une MDE", 19, -3),
    ("Au titre d'un PLIE et d'une MDE", 29, -4),
    ("Collectivité ne portant ni PLIE ni MDE", 14, -3),
]
CLAUSE_2021 = [
    ("Communes", 8, -3),
    ("EPCI", 25, 2),
    ("Conseils départementaux", 17, 1),
    ("Missions locales", 5, 0),
    ("Structures diverses", 13, 1),
]
COVERAGE_2021 = [("PLIE", 100, 147), ("Maisons de l'Emploi", 49, 77)]
TRAINING_2021 = [
    ("PLIE", 103),
    ("Maisons de l'Emploi", 65),
    ("Collectivités locales", 31),
    ("Autres structures", 24),
]
PLIE_BY_REGION = {
    Region.ARA: 11, Region.BFC: 10, Region.BRE: 2, Region.CVL: 2, Region.GES: 5, Region.HDF: 29,
    Region.IDF: 21, Region.NOR: 7, Region.NAQ: 24, Region.OCC: 7, Region.PAC: 12, Region.PDL: 7,
    Region.GUA: 2, Region.MTQ: 3, Region.REU: 4, Region.GUF: 1,
}  # fmt: skip
MDE_BY_REGION = {
    Region.NOR: 2, Region.BRE: 3, Region.PDL: 2, Region.NAQ: 9, Region.OCC: 2, Region.PAC: 3,
    Region.ARA: 4, Region.BFC: 4, Region.GES: 8, Region.HDF: 22, Region.CVL: 5, Region.IDF: 11,
    Region.REU: 2,
}  # fmt: skip
# 133 full members in 2021, 141 in 2020; 69 clause-only members in 2021, 67 in 2020.
MEMBERSHIP_SERIES = [
    Series("Adhésion pleine", [(2019, None), (2020, 141), (2021, 133)]),
    Series("Clause sociale seule", [(2019, None), (2020, 67), (2021, 69)]),
]
# 178 114 website visits in 2021; 2 173 Twitter followers, "stable depuis un an".
WEBSITE_VISITS = 178114
COMMUNICATION_SERIES = [
    Series("Visites du site internet", [(2020, None), (2021, WEBSITE_VISITS)]),
    Series("Abonnés Twitter", [(2020, 2173), (2021, 2173)]),
    Series("Offres d'emploi diffusées", [(2020, None), (2021, 71)]),
]


# Harder cases for the layout: lines with nearly equal values, slivers of bars.
CLOSE_SERIES = [
    Series(
        "Adhésion pleine", list(zip(range(2012, 2022), [120, 125, None, 130, 131, 133, 140, 141, 141, 133]))
    ),
    Series("Employeurs", list(zip(range(2012, 2022), [10, 11, 12, 12, 13, 13, 13, 12, 13, 13]))),
    Series("Autres", list(zip(range(2012, 2022), [11, 12, 12, 13, 13, 14, 12, 12, 14, 13]))),
]
NARROW_COVERAGE = [
    ("PLIE", 146, 147),
    ("Maisons de l'Emploi", 3, 77),
    ("Organismes intermédiaires pivots", 1, 1),
]

CHARTS: dict[str, Callable[[], Chart]] = {
    "trend": lambda: membership_trend(MEMBERSHIP_SERIES, PALETTE),
    "categories": lambda: membership_by_category([CategoryBar(*c) for c in CATEGORIES_2021], PALETTE),
    "clause": lambda: membership_by_category([CategoryBar(*c) for c in CLAUSE_2021], PALETTE),
    "coverage": lambda: network_coverage([CoverageBar(*c) for c in COVERAGE_2021], PALETTE),
    "training": lambda: training_participants([Share(*s) for s in TRAINING_2021], PALETTE),
    "communication": lambda: communication_metrics(COMMUNICATION_SERIES, PALETTE),
    "plie_map": lambda: region_map(NetworkKind.PLIE, PLIE_BY_REGION, PALETTE),
    "mde_map": lambda: region_map(NetworkKind.MDE, MDE_BY_REGION, PALETTE),
    "close_trend": lambda: membership_trend(CLOSE_SERIES, PALETTE),
    "narrow_coverage": lambda: network_coverage([CoverageBar(*c) for c in NARROW_COVERAGE], PALETTE),
}


def rendered(figure: Figure):
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def drawn_texts(figure: Figure) -> list[Text]:
    """The non-empty texts a reader sees: no hidden panel, no tick outside its axis."""
    hidden = set()
    for axes in figure.axes:
        if not axes.get_visible():
            hidden.update(id(t) for t in axes.findobj(Text))
            continue
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden.update((id(tick.label1), id(tick.label2)))
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text() and id(t) not in hidden]


def strings(figure: Figure) -> list[str]:
    return [t.get_text() for t in drawn_texts(figure)]


def whole_percent(part: int, total: int) -> str:
    return f"{round(100 * part / total)}{NNBSP}%"


def signed_delta(delta: int) -> str:
    return "(=)" if delta == 0 else f"({delta:+d})"


# --- layout and legibility --------------------------------------------------


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_text_is_legible_inside_the_figure_and_overlaps_no_other(name):
    figure = CHARTS[name]().figure
    renderer = rendered(figure)
    frame = figure.bbox
    boxes = []
    for text in drawn_texts(figure):
        assert text.get_fontsize() >= MIN_FONT_PT, text.get_text()
        box = text.get_window_extent(renderer)
        assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5, text.get_text()
        assert frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5, text.get_text()
        boxes.append((text.get_text(), box.shrunk(0.98, 0.9)))
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), (a, b)


def test_charts_fit_an_a4_column():
    for build in CHARTS.values():
        width_cm = build().figure.get_figwidth() * 2.54
        assert width_cm <= COLUMN_WIDTH_CM + 1e-9


def test_charts_ignore_the_applications_matplotlib_settings():
    before = dict(matplotlib.rcParams)
    with matplotlib.rc_context({"font.size": 30, "font.family": "serif", "xtick.labelsize": 30}):
        figure = membership_trend(MEMBERSHIP_SERIES, PALETTE).figure
        rendered(figure)
    assert dict(matplotlib.rcParams) == before
    ticks = figure.axes[0].get_xticklabels()
    assert ticks and all(t.get_fontsize() < 30 for t in ticks)
    assert all(t.get_fontname() == "DejaVu Sans" for t in drawn_texts(figure))


# --- membership -------------------------------------------------------------


def test_membership_trend_leaves_missing_years_as_gaps_not_zeros():
    figure = membership_trend(MEMBERSHIP_SERIES, PALETTE).figure
    lines = figure.axes[0].get_lines()
    assert [line.get_label() for line in lines] == [s.label for s in MEMBERSHIP_SERIES]
    for line, series in zip(lines, MEMBERSHIP_SERIES):
        for year, y, (_, value) in zip(line.get_xdata(), line.get_ydata(), series.points):
            assert math.isnan(y) if value is None else y == value, year
    # Years are written as years, without a thousands separator.
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["2019", "2020", "2021"]
    shown = strings(figure)
    for series in MEMBERSHIP_SERIES:
        for _, value in series.known:
            assert str(value) in shown


def test_a_year_one_series_lacks_is_a_gap_too():
    full = Series("Adhésion pleine", [(2019, 130), (2021, 133)])
    chart = membership_trend([full, Series("Clause", [(2019, 52), (2020, 67)])], PALETTE)
    full, clause = chart.figure.axes[0].get_lines()
    assert list(full.get_xdata()) == [2019, 2020, 2021] and math.isnan(full.get_ydata()[1])
    assert list(clause.get_xdata()) == [2019, 2020, 2021] and math.isnan(clause.get_ydata()[2])
    assert "Adhésion pleine : de 130 en 2019 à 133 en 2021, sans donnée en 2020" in chart.alt_text
    assert "Clause : de 52 en 2019 à 67 en 2020, sans donnée en 2021" in chart.alt_text


def test_membership_trend_alt_text_states_the_figures():
    full = Series("Adhésion pleine", [(2017, 120), (2018, None), (2020, 141), (2021, 133)])
    alt = membership_trend([full], PALETTE).alt_text
    assert alt.startswith("Évolution des adhérents de 2017 à 2021")
    assert "de 120 en 2017 à 133 en 2021" in alt
    assert "maximum de 141 en 2020" in alt
    assert "sans donnée en 2018" in alt
    assert alt.endswith(".") and alt.count(".") == 1


def test_category_bars_show_each_count_with_its_delta():
    bars = [CategoryBar(*c) for c in CATEGORIES_2021 + CLAUSE_2021]
    chart = membership_by_category(bars, PALETTE)
    axes = chart.figure.axes[0]
    assert [p.get_width() for p in axes.patches] == [value for _, value, _ in CATEGORIES_2021 + CLAUSE_2021]
    shown = strings(chart.figure)
    for _, value, delta in CATEGORIES_2021 + CLAUSE_2021:
        assert f"{value} {signed_delta(delta)}" in shown
    assert "5 (=)" in shown  # "5 missions locales (=)"
    assert "19 (-3)" in shown


def test_category_alt_text_computes_the_total_and_its_change():
    alt = membership_by_category([CategoryBar(*c) for c in CATEGORIES_2021], PALETTE).alt_text
    total = sum(value for _, value, _ in CATEGORIES_2021)
    change = sum(delta for _, _, delta in CATEGORIES_2021)
    assert total == 133  # the report's own figure for full members
    assert f"{total} au total ({change:+d})" in alt
    for label, value, delta in CATEGORIES_2021:
        assert f"{label} : {value} {signed_delta(delta)}" in alt
    # The report states 69 clause-only members but its categories add up to 68.
    clause = membership_by_category([CategoryBar(*c) for c in CLAUSE_2021], PALETTE).alt_text
    assert f"{sum(value for _, value, _ in CLAUSE_2021)} au total" in clause


def test_unknown_category_count_draws_no_bar_and_says_so():
    chart = membership_by_category([CategoryBar("EPCI", 25, 2), CategoryBar("Communes", None)], PALETTE)
    assert [p.get_width() for p in chart.figure.axes[0].patches] == [25, 0]
    assert "n.d." in strings(chart.figure)
    assert "Communes : non disponible" in chart.alt_text
    assert "au total" not in chart.alt_text


def test_dollar_signs_in_labels_print_as_typed():
    """Labels are the users' words: a pair of "$" is not TeX (nor an error)."""
    labels = ["Budget 5 $ et 6 $", "Ligne $_$ vide"]
    chart = membership_by_category([CategoryBar(label, 3, 1) for label in labels], PALETTE)
    rendered(chart.figure)
    shown = [t for t in drawn_texts(chart.figure) if t.get_text() in labels]
    assert len(shown) == 2 and all(not t.get_parse_math() for t in shown)


# --- coverage and training --------------------------------------------------


def test_coverage_computes_the_share_of_members():
    chart = network_coverage([CoverageBar(*c) for c in COVERAGE_2021], PALETTE)
    shown = strings(chart.figure)
    members = chart.figure.axes[0].patches[: len(COVERAGE_2021)]
    for bar, (label, count, total) in zip(members, COVERAGE_2021):
        assert bar.get_width() == pytest.approx(count / total)
        assert whole_percent(count, total) in shown
        assert f"{count} adhérents" in shown and f"{total - count} non adhérents" in shown
        assert (
            f"{label} : {count} adhérents sur {total}, soit {whole_percent(count, total)}" in chart.alt_text
        )
    # 100 of 147 PLIE is 68 %, not the 69 % the report printed.
    assert whole_percent(100, 147) == f"68{NNBSP}%"
    assert f"100{NNBSP}%" in shown  # the axis is in percent, French style


def test_incoherent_coverage_is_refused():
    with pytest.raises(ValueError, match="incohérente"):
        CoverageBar("PLIE", 150, 147)


def test_training_shows_counts_and_computed_shares():
    chart = training_participants([Share(*s) for s in TRAINING_2021], PALETTE)
    total = sum(count for _, count in TRAINING_2021)
    assert total == 223  # "223 personnes ... formées"
    shown = strings(chart.figure)
    for label, count in TRAINING_2021:
        assert f"{count} ({whole_percent(count, total)})" in shown
        assert f"{label} {count} ({whole_percent(count, total)})" in chart.alt_text
    assert f"Total : {total} personnes" in shown
    assert f"{total} personnes au total" in chart.alt_text


# --- communication ----------------------------------------------------------


def test_communication_draws_one_panel_per_metric_in_french_numbers():
    chart = communication_metrics(COMMUNICATION_SERIES, PALETTE)
    panels = [axes for axes in chart.figure.axes if axes.get_visible()]
    assert [axes.get_title(loc="left") for axes in panels] == [s.label for s in COMMUNICATION_SERIES]
    visits = panels[0]
    assert [p.get_x() + p.get_width() / 2 for p in visits.patches] == [2021]
    assert [p.get_height() for p in visits.patches] == [WEBSITE_VISITS]
    panel_texts = [t.get_text() for t in visits.texts]
    assert f"178{NNBSP}114" in panel_texts
    assert "n.d." in panel_texts
    assert f"2{NNBSP}173" in chart.alt_text
    assert "sans donnée en 2020" in chart.alt_text


# --- map --------------------------------------------------------------------


def tiles(figure: Figure) -> dict[str, object]:
    found = [p for p in figure.axes[0].patches if (p.get_gid() or "").startswith("tile-")]
    by_gid = {p.get_gid(): p for p in found}
    assert len(by_gid) == len(found), "a region drawn twice"
    return by_gid


def test_map_places_every_region_once_without_overlap():
    figure = region_map(NetworkKind.PLIE, PLIE_BY_REGION, PALETTE).figure
    assert set(tiles(figure)) == {f"tile-{r.value}" for r in Region}
    boxes = {region: tile_box(region) for region in Region}
    for (a, (ax, ay, aw, ah)), (b, (bx, by, bw, bh)) in itertools.combinations(boxes.items(), 2):
        assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, (a, b)
    metropolitan_bottom = min(y for r, (_, y, _, _) in boxes.items() if not r.overseas)
    assert set(OVERSEAS_TILES) == {r for r in Region if r.overseas}
    overseas_rows = {y for r, (_, y, _, _) in boxes.items() if r.overseas}
    assert len(overseas_rows) == 1 and overseas_rows.pop() < metropolitan_bottom


def _within(inner, outer) -> bool:
    return outer.contains(*inner.min) and outer.contains(*inner.max)


def test_map_writes_each_regions_name_and_count_inside_its_tile():
    figure = region_map(NetworkKind.MDE, MDE_BY_REGION, PALETTE).figure
    renderer = rendered(figure)
    patches = tiles(figure)
    texts = drawn_texts(figure)
    for region in Region:
        tile = patches[f"tile-{region.value}"].get_window_extent(renderer)
        inside = [t.get_text() for t in texts if _within(t.get_window_extent(renderer), tile)]
        assert str(MDE_BY_REGION.get(region, 0)) in inside, region
        # Labels may wrap, at a space or after a hyphen.
        assert region.short_label in [" ".join(s.split("\n")).replace("- ", "-") for s in inside], region


def test_map_shades_tiles_by_count_with_readable_ink():
    figure = region_map(NetworkKind.PLIE, PLIE_BY_REGION, PALETTE).figure
    patches = tiles(figure)
    counts = sorted(Region, key=lambda r: PLIE_BY_REGION.get(r, 0))
    luminance = [
        relative_luminance(matplotlib.colors.to_hex(patches[f"tile-{r.value}"].get_facecolor()))
        for r in counts
    ]
    assert luminance == sorted(luminance, reverse=True)  # more structures, darker tile
    assert matplotlib.colors.to_hex(patches["tile-HDF"].get_facecolor()).upper() == PALETTE.primary
    for region in Region:
        fill = matplotlib.colors.to_hex(patches[f"tile-{region.value}"].get_facecolor())
        ink = next(
            t for t in figure.axes[0].texts if t.get_text() == str(PLIE_BY_REGION.get(region, 0))
        ).get_color()
        assert contrast_ratio(fill, ink) >= 4.5


def test_map_alt_text_lists_every_count_and_the_total():
    chart = region_map(NetworkKind.PLIE, PLIE_BY_REGION, PALETTE)
    total = sum(PLIE_BY_REGION.values())
    assert total == 147  # "PLIE (147, May 2021)"
    assert chart.alt_text.startswith(f"PLIE par région, {total} au total")
    for region, count in PLIE_BY_REGION.items():
        assert f"{region.label} {count}" in chart.alt_text
    assert "Corse et Mayotte : 0" in chart.alt_text
    assert chart.alt_text.index("Hauts-de-France 29") < chart.alt_text.index("Guyane 1")
    assert str(total) in strings(chart.figure)


# --- layout -----------------------------------------------------------------


def positions_pt(figure: Figure) -> list[tuple[float, ...]]:
    width, height = figure.get_size_inches() * 72
    return [
        (box.x0 * width, box.y0 * height, box.x1 * width, box.y1 * height)
        for box in (axes.get_position() for axes in figure.axes)
    ]


@pytest.mark.parametrize("name", list(CHARTS))
def test_charts_come_laid_out_as_printed(name):
    """The PDF draws a chart as laid out when it was built: that layout is
    the one matplotlib's own PDF backend makes again, to a tenth of a point
    (the trend's point labels, written after it, leave it unchanged)."""
    figure = CHARTS[name]().figure
    built = positions_pt(figure)
    figure.savefig(io.BytesIO(), format="pdf")
    for mine, printed in zip(built, positions_pt(figure), strict=True):
        assert mine == pytest.approx(printed, abs=0.1)


def test_charts_never_import_pyplot(tmp_path: Path):
    script = tmp_path / "use_charts.py"
    script.write_text(
        """
import sys
from avereport.charts import *
from avereport.model.edition import NetworkKind
from avereport.report.chart_drawing import figure_drawing
from avereport.model.regions import Region
palette = palette_from_brand("#1F4E79", "#E3872D")
charts = [
    membership_trend([Series("A", [(2020, 1), (2021, None)])], palette),
    membership_by_category([CategoryBar("A", 1, 0)], palette),
    network_coverage([CoverageBar("PLIE", 1, 2)], palette),
    training_participants([Share("PLIE", 1)], palette),
    communication_metrics([Series("A", [(2021, 1)])], palette),
    region_map(NetworkKind.PLIE, {Region.IDF: 1}, palette),
]
for chart in charts:
    figure_drawing(chart.figure)
print("matplotlib.pyplot" in sys.modules)
""",
        encoding="utf-8",
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "False"


# --- palette ----------------------------------------------------------------


@pytest.mark.parametrize(
    "primary, secondary",
    [
        (BRAND.primary_colour, BRAND.secondary_colour),
        ("#D62728", "#2CA02C"),  # red and green: confused by deuteranopes
        ("#FFE600", "#FFFFFF"),  # too light to read on white paper
        ("#000000", "#0A0A0A"),
    ],
)
def test_palette_colours_stay_apart_for_colour_blind_readers(primary, secondary):
    palette = palette_from_brand(primary, secondary)
    assert len(palette.series) >= 4
    for a, b in itertools.combinations(palette.series, 2):
        assert cvd_distance(a, b) >= MIN_DISTANCE, (a, b)
    assert contrast_ratio(palette.primary, "#FFFFFF") >= 3
    assert cvd_distance(palette.primary, palette.neutral) >= MIN_DISTANCE


def test_palette_keeps_the_brand_unless_colour_blind_readers_would_confuse_it():
    brand = palette_from_brand(BRAND.primary_colour, BRAND.secondary_colour)
    assert brand.series[:2] == (BRAND.primary_colour.upper(), BRAND.secondary_colour.upper())
    red, green = "#D62728", "#2CA02C"
    # The simulation is what drops the green: plainly distinct, alike for a deuteranope.
    normal = math.dist(simulated_lab(red, "normal"), simulated_lab(green, "normal"))
    deutan = math.dist(simulated_lab(red, "deuteranopia"), simulated_lab(green, "deuteranopia"))
    assert normal > 4 * MIN_DISTANCE and deutan < MIN_DISTANCE
    assert green.upper() not in palette_from_brand(red, green).series
    assert set(VISIONS) == {"normal", "protanopia", "deuteranopia", "tritanopia"}


def test_palette_ramp_darkens_steadily_toward_the_primary():
    levels = [PALETTE.ramp(i / 10) for i in range(11)]
    luminance = [relative_luminance(c) for c in levels]
    assert all(a > b for a, b in itertools.pairwise(luminance))
    assert levels[-1] == PALETTE.primary
    assert all(contrast_ratio(PALETTE.text_on(c), c) >= 4.5 for c in levels)


def test_crowded_trend_points_keep_the_labels_that_fit():
    figure = membership_trend(CLOSE_SERIES, PALETTE).figure
    labels = [t.get_text() for t in figure.axes[0].texts]
    known = {str(value) for s in CLOSE_SERIES for _, value in s.known}
    assert set(labels) <= known
    # The separated top line keeps every label; the two tangled ones share one per year.
    top = [str(value) for _, value in CLOSE_SERIES[0].known]
    assert all(labels.count(v) >= top.count(v) for v in top)
    assert len(labels) == len(CLOSE_SERIES[0].known) + len(CLOSE_SERIES[1].known)


# --- many editions ----------------------------------------------------------

# 25 editions, as in benchmarks/large_document.py: a label for every year, or
# a value over every point, would run into its neighbours.
MANY_YEARS = range(1997, 2022)
MANY_EDITIONS: dict[str, Callable[[], Chart]] = {
    "trend": lambda: membership_trend(
        [
            Series("Adhésion pleine", [(year, 133 + 4 * i) for i, year in enumerate(MANY_YEARS)]),
            Series("Clause sociale seule", [(year, 68 + 5 * i) for i, year in enumerate(MANY_YEARS)]),
        ],
        PALETTE,
    ),
    "communication": lambda: communication_metrics(
        [
            Series(
                "Visites du site internet", [(year, WEBSITE_VISITS + i) for i, year in enumerate(MANY_YEARS)]
            ),
            Series("Offres d'emploi diffusées", [(year, 71) for year in MANY_YEARS]),
            Series("Abonnés Twitter", [(year, None if year % 4 == 0 else 2173) for year in MANY_YEARS]),
        ],
        PALETTE,
    ),
}


def assert_legible(figure: Figure) -> None:
    """Every text drawn is inside the figure, overlapping no other."""
    renderer = rendered(figure)
    frame = figure.bbox
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in drawn_texts(figure)]
    for text, box in boxes:
        assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5, text
        assert frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5, text
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.shrunk(0.98, 0.9).overlaps(box_b.shrunk(0.98, 0.9)), (a, b)


@pytest.mark.parametrize("name", list(MANY_EDITIONS))
def test_many_editions_label_every_few_years_side_by_side(name):
    figure = MANY_EDITIONS[name]().figure
    renderer = rendered(figure)
    for axes in (axes for axes in figure.axes if axes.get_visible()):
        labels = [label for label in axes.get_xticklabels() if label.get_text()]
        years = [label.get_text() for label in labels]
        assert set(years) <= {str(year) for year in MANY_YEARS}
        assert years[-1] == "2021" and len(years) >= 4  # the report's year, and a scale to read
        boxes = [label.get_window_extent(renderer) for label in labels]
        assert all(left.x1 < right.x0 for left, right in itertools.pairwise(boxes)), years


@pytest.mark.parametrize("name", list(MANY_EDITIONS))
def test_many_editions_write_values_without_overlap_and_lay_out_as_printed(name):
    figure = MANY_EDITIONS[name]().figure
    built = positions_pt(figure)
    figure.savefig(io.BytesIO(), format="pdf")
    for mine, printed in zip(built, positions_pt(figure), strict=True):
        assert mine == pytest.approx(printed, abs=0.1)
    assert_legible(figure)
    # The report year's values are always written.
    latest = {"229", "188"} if name == "trend" else {f"178{NNBSP}138", "71", f"2{NNBSP}173"}
    assert latest <= {text.get_text() for axes in figure.axes for text in axes.texts}


def test_years_are_all_labelled_while_they_fit():
    trend = membership_trend(CLOSE_SERIES, PALETTE).figure
    assert [t.get_text() for t in trend.axes[0].get_xticklabels()] == [str(y) for y in range(2012, 2022)]
    communication = communication_metrics(COMMUNICATION_SERIES, PALETTE).figure
    assert all(
        [t.get_text() for t in axes.get_xticklabels()] == ["2020", "2021"] for axes in communication.axes[:3]
    )


def test_long_coverage_labels_wrap_inside_the_figure():
    long_label = "Structures d'insertion par l'activité économique et associations intermédiaires"
    bars = [CoverageBar(long_label, 3, 20), CoverageBar("PLIE", 100, 147)]
    assert_legible(network_coverage(bars, PALETTE).figure)
