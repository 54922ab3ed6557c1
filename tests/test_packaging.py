"""The wheel must carry every package and the data files the program reads."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "avereport").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found | {"avereport.resources"} == listed


def test_demo_and_schema_are_reachable_as_package_data():
    assert resources.files("avereport.resources").joinpath("demo.json").is_file()
    assert resources.files("avereport.interchange").joinpath("schema.json").is_file()


def test_the_bundle_ships_the_sources_the_chart_cache_key_hashes():
    """The bundle keeps modules as bytecode; the cache key of chart drawings
    reads the source of the chart code, which must therefore ship too."""
    from avereport.report.chart_cache import DRAWING_CODE

    spec = (ROOT / "packaging" / "avereport.spec").read_text(encoding="utf-8")
    for module in ["avereport.charts", *(f"avereport.report.{name}" for name in DRAWING_CODE)]:
        assert f'"{module}": "pyz+py"' in spec, module
