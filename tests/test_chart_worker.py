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

from avereport import tuning
from avereport.cli import main
from avereport.demo import demo_editions
from avereport.model.edition import NetworkKind, Organisation
from avereport.report import chart_requests, export_pdf
from avereport.report.chart_cache import CACHE_SUFFIX, cache_folder, forget_drawings
from avereport.report.chart_worker import ChartWorker, worth_starting

YEAR = 2021
# TerminateProcess on Windows, which has no SIGKILL.
KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


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


@pytest.fixture(scope="module")
def exported_here(tmp_path_factory):
    """The demo PDF of ``avereport export --demo``, its charts drawn in its own process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AVEREPORT_DATA_DIR", str(tmp_path_factory.mktemp("ici-commande")))
        patch.setenv(tuning.variable(tuning.CHART_WORKER), "1")
        forget_drawings()
        path = tmp_path_factory.mktemp("pdf") / "ici-commande.pdf"
        assert main(["export", "--demo", "-o", str(path)]) == 0
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


def test_the_command_line_export_draws_its_charts_in_a_worker(tmp_path, exported_here):
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
    assert out.read_bytes() == exported_here
    assert len(list((data / "cache" / "graphiques").glob(f"*{CACHE_SUFFIX}"))) == 6


def test_an_export_completes_when_its_worker_dies(fresh_cache, drawn_here, tmp_path):
    out = tmp_path / "rapport.pdf"
    with ChartWorker() as worker:
        os.kill(worker.pid, KILL)
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


@pytest.fixture
def started_processes(monkeypatch):
    """Every process started through ``subprocess.Popen`` from now on."""
    started: list[subprocess.Popen] = []

    class Recorded(subprocess.Popen):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(subprocess, "Popen", Recorded)
    return started


def test_the_worker_has_ended_when_the_export_command_returns(fresh_cache, started_processes, tmp_path):
    """The worker is waited for before ``avereport export`` returns: no
    process of it is left behind."""
    out = tmp_path / "rapport.pdf"
    assert main(["export", "--demo", "-o", str(out)]) == 0
    (worker,) = started_processes
    assert worker.returncode is not None  # the export itself waited for its end
    assert out.stat().st_size > 0


def test_the_worker_serves_only_while_no_chart_is_drawn_on_this_machine(
    fresh_cache, started_processes, tmp_path, exported_here
):
    """Its drawings found on disk, the next export starts no worker: it would
    only take the core the export needs."""
    assert worth_starting()
    assert main(["export", "--demo", "-o", str(tmp_path / "premier.pdf")]) == 0
    assert len(started_processes) == 1
    assert not worth_starting()
    forget_drawings()  # a new process finds them on disk only
    out = tmp_path / "second.pdf"
    assert main(["export", "--demo", "-o", str(out)]) == 0
    assert len(started_processes) == 1
    assert out.read_bytes() == exported_here


def test_an_export_that_fails_midway_ends_its_worker(fresh_cache, started_processes, tmp_path):
    """Charts asked for and never waited for (the layout failed): the worker
    still ends with the export."""
    with ChartWorker() as worker:
        worker.chart(chart_requests.region_map(NetworkKind.PLIE, (("IDF", 3),)), Organisation())
    (process,) = started_processes
    assert process.returncode is not None
    assert not worker.running


def test_the_worker_can_be_turned_off(fresh_cache, started_processes, tmp_path, monkeypatch, exported_here):
    assert worth_starting()
    monkeypatch.setenv(tuning.variable(tuning.CHART_WORKER), "1")
    out = tmp_path / "rapport.pdf"
    assert not worth_starting()
    assert main(["export", "--demo", "-o", str(out)]) == 0
    assert started_processes == []
    assert out.read_bytes() == exported_here


def test_with_the_chart_cache_off_every_export_draws_every_chart(
    fresh_cache, monkeypatch, tmp_path, drawn_here
):
    """What a comparison without the cache measures: nothing kept in memory or
    on disk, the worker's drawings still used, the same PDF."""
    monkeypatch.setenv(tuning.variable(tuning.CHART_CACHE), "1")
    for attempt in ("premier", "second"):
        out = tmp_path / f"{attempt}.pdf"
        with ChartWorker() as worker:
            export_pdf(demo_editions(), YEAR, out, chart_worker=worker)
            assert worker.sent == 6
        assert out.read_bytes() == drawn_here
    assert not cache_folder().exists() or not list(cache_folder().glob(f"*{CACHE_SUFFIX}"))
