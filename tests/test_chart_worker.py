"""The chart worker: a second process draws the charts of a command-line
export while the export lays out the text. Its drawings give the very PDF
charts drawn in process give; whatever happens to it, the export completes
(or fails with the chart's own error)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from avereport.demo import demo_editions
from avereport.model.edition import NetworkKind, Organisation
from avereport.report import chart_requests, export_pdf
from avereport.report.chart_cache import CACHE_SUFFIX, cache_folder, forget_drawings
from avereport.report.chart_worker import ChartWorker

YEAR = 2021


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """No chart drawn yet, on disk or in memory."""
    monkeypatch.setenv("AVEREPORT_DATA_DIR", str(tmp_path / "donnees"))
    forget_drawings()
    yield
    forget_drawings()


@pytest.fixture(scope="module")
def drawn_here(tmp_path_factory):
    """The demo PDF with its charts drawn in this process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AVEREPORT_DATA_DIR", str(tmp_path_factory.mktemp("ici")))
        forget_drawings()
        path = tmp_path_factory.mktemp("pdf") / "ici.pdf"
        export_pdf(demo_editions(), YEAR, path)
        forget_drawings()
    return path.read_bytes()


def test_charts_drawn_by_the_worker_make_the_same_pdf(fresh_cache, drawn_here, tmp_path):
    out = tmp_path / "rapport.pdf"
    with ChartWorker() as worker:
        export_pdf(demo_editions(), YEAR, out, chart_worker=worker)
        assert worker.sent == 6  # every chart of the demo, each drawn over there
        assert worker.running
    assert out.read_bytes() == drawn_here
    assert len(list(cache_folder().glob(f"*{CACHE_SUFFIX}"))) == 6  # and cached for the next export


def test_the_command_line_export_draws_its_charts_in_a_worker(tmp_path, drawn_here):
    out = tmp_path / "rapport.pdf"
    data = tmp_path / "donnees"
    done = subprocess.run(
        [sys.executable, "-m", "avereport", "export", "--demo", "-o", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "AVEREPORT_DATA_DIR": str(data)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # nothing from the worker either
    assert out.read_bytes() == drawn_here
    assert len(list((data / "cache" / "graphiques").glob(f"*{CACHE_SUFFIX}"))) == 6


def test_an_export_completes_when_its_worker_dies(fresh_cache, drawn_here, tmp_path):
    out = tmp_path / "rapport.pdf"
    with ChartWorker() as worker:
        os.kill(worker.pid, signal.SIGKILL)
        export_pdf(demo_editions(), YEAR, out, chart_worker=worker)
        assert not worker.running
    assert out.read_bytes() == drawn_here


def test_a_chart_the_worker_cannot_draw_fails_here_with_its_own_error(fresh_cache):
    unknown_region = chart_requests.region_map(NetworkKind.PLIE, (("XX", 3),))
    with ChartWorker() as worker:
        pending = worker.chart(unknown_region, Organisation())
        with pytest.raises(ValueError, match="'XX' is not a valid Region"):
            pending()
        assert worker.running  # it goes on with the next charts
        drawn = worker.chart(chart_requests.region_map(NetworkKind.PLIE, (("IDF", 3),)), Organisation())()
        assert drawn.width > 0
    assert len(list(cache_folder().glob(f"*{CACHE_SUFFIX}"))) == 1
