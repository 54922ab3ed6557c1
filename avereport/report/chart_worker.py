"""A second process that draws the report's charts while this one lays out
the text.

A chart drawn in a new process first costs the import of matplotlib, about
as long as everything else in an export, then a few tens of milliseconds.
The command-line export starts the worker before anything else, so that
this import and the drawing run on a second core while the export imports
reportlab, reads the document, parses its fonts and lays out the pages.
Only while no chart is drawn on this machine yet (``worth_starting``): later
exports find their drawings in the chart cache. The app does without:
matplotlib is loaded there already, for the preview.

The worker is this program started again (``python -m`` this module, or the
bundle's executable with ``WORKER_ARGUMENT``); requests go to its standard
input and drawings come back on its standard output, pickled. Whatever goes
wrong on its side (it could not start, it died, it stopped answering, a
chart raised) falls back to drawing in this process, which gives the same
drawing, or raises the same error where it belongs.

The worker lives no longer than the export: ``close`` (the end of the
``with`` block) ends it and waits for it, so that no process of the export
is left behind once ``avereport export`` returns. ``AVEREPORT_NO_CHART_WORKER=1``
turns it off (``avereport.tuning``): the export then draws its charts itself.

This module imports little, so that the worker starts at once; the worker
itself imports only what drawing needs (no platypus).
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from avereport.model.edition import Organisation
    from avereport.report.chart_cache import DrawnChart
    from avereport.report.chart_requests import ChartRequest

# How the bundle's executable knows it is started as the chart worker.
WORKER_ARGUMENT = "--dessiner-les-graphiques"
# Longest wait for one chart, first import of matplotlib included (slow on a
# workstation whose antivirus scans every file), before drawing it here.
ANSWER_TIMEOUT_S = 60.0
# Longest wait, when the export ends with charts still being drawn (it
# failed, or was interrupted), for the one at hand to be written to the
# cache before the worker is killed.
FINISH_TIMEOUT_S = 2.0


def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_ARGUMENT]
    return [sys.executable, "-m", __name__]


class ChartWorker:
    """Use as a context manager; ``chart`` hands out charts to draw."""

    def __init__(self) -> None:
        self._waiting: set[str] = set()  # keys sent, drawing not received yet
        self._received: dict[str, DrawnChart | None] = {}  # None: it could not draw it
        self._answers: queue.Queue = queue.Queue()
        self.sent = 0
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                worker_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # the export reports what fails, in French
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError:
            self._process = None
            return
        reader = threading.Thread(
            target=self._read, args=(self._process.stdout,), name="graphiques", daemon=True
        )
        reader.start()

    def __enter__(self) -> ChartWorker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def running(self) -> bool:
        return self._process is not None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def chart(
        self, request: ChartRequest, organisation: Organisation
    ) -> DrawnChart | Callable[[], DrawnChart]:
        """The chart if already drawn; otherwise what returns it, drawn by the
        worker in the meantime (or here, if the worker fails)."""
        from avereport.report.chart_cache import cache_key, cached, colours_of

        key = cache_key(request, organisation)
        drawn = cached(key)
        if drawn is not None:
            return drawn
        # Its stdin is a pipe (never None): it was started with stdin=PIPE.
        requests = self._process.stdin if self._process is not None else None
        if key not in self._waiting and requests is not None:
            try:
                pickle.dump((key, request, colours_of(organisation)), requests, pickle.HIGHEST_PROTOCOL)
                requests.flush()
                self._waiting.add(key)
                self.sent += 1
            except (OSError, ValueError):  # it has ended
                self.close()
        return lambda: self._resolve(key, request, organisation)

    def no_more_requests(self) -> None:
        """Every chart is asked for: a worker given none (they were all drawn
        before) ends now, not to slow this process down on a shared core."""
        if not self.sent:
            self.close()

    def close(self) -> None:
        """End the worker and wait for it: at once when it has nothing left to
        draw (every drawing received, or none asked for: it is still importing
        matplotlib, for nothing); otherwise it first finishes the chart at
        hand, for at most ``FINISH_TIMEOUT_S``."""
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:  # a pipe, as started
                process.stdin.close()  # the worker's end of requests: it returns
        except OSError:
            pass  # it has ended already
        if self._waiting:
            try:
                process.wait(timeout=FINISH_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                pass  # the chart in progress is not worth more: killed below
        process.kill()  # nothing it could still do is needed
        process.wait()  # its standard output is closed by the reader thread, at its end
        self._waiting.clear()

    def _resolve(self, key: str, request: ChartRequest, organisation: Organisation) -> DrawnChart:
        from avereport.report.chart_cache import cached, colours_of, draw_new, realised, remember

        self._wait_for(key)
        drawn = self._received.pop(key, None) or cached(key)
        if drawn is None:
            drawn = draw_new(request, colours_of(organisation), key)
        else:
            drawn = realised(drawn)
        remember(key, drawn)
        return drawn

    def _wait_for(self, key: str) -> None:
        """Take the drawings received, in the order asked for, until ``key``'s."""
        while key in self._waiting and self._process is not None:
            try:
                answer = self._answers.get(timeout=ANSWER_TIMEOUT_S)
            except queue.Empty:
                answer = None
            if answer is None:  # it has ended, or stopped answering
                self.close()
                return
            done, drawn = answer
            self._waiting.discard(done)
            self._received[done] = drawn

    def _read(self, answers: IO[bytes]) -> None:
        """The reader thread: every answer, then ``None`` once there are no more."""
        try:
            while True:
                self._answers.put(pickle.load(answers))
        except Exception:  # noqa: BLE001 - ended, or unreadable: charts are drawn here from now on
            self._answers.put(None)
        finally:
            answers.close()


def worth_starting() -> bool:
    """A worker only helps with a second core to run on, when not turned off,
    and while no chart is drawn yet on this machine (its first export): later
    exports find their drawings on disk, and a worker started for nothing
    takes, until it is killed, the core the export needs (0.6 x as fast on
    a busy two-core machine, see docs/architecture.md)."""
    from avereport import tuning

    return (os.cpu_count() or 1) > 1 and tuning.enabled(tuning.CHART_WORKER) and not _drawings_on_disk()


def _drawings_on_disk() -> bool:
    """Whether ``chart_cache`` holds drawings on disk, looked for without
    importing it (it loads the model, a tenth of a second before the worker
    could start): its folder and suffix, which a test keeps in step."""
    from avereport import tuning
    from avereport.paths import data_dir

    if not tuning.enabled(tuning.CHART_CACHE):
        return False
    try:
        folder = data_dir() / "cache" / "graphiques"
        return any(folder.glob("*.dessin"))
    except OSError:
        return False


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """Draw each chart received and send back its drawing, or ``None`` when
    drawing it failed (the export then draws it itself), until the export
    closes ``requests``."""
    try:
        from avereport import charts  # noqa: F401 - matplotlib, before the first request arrives
        from avereport.report.chart_cache import sketch_new

        while True:
            try:
                key, request, colours = pickle.load(requests)
            except EOFError:
                return
            try:
                drawn = sketch_new(request, colours, key)
            except Exception:  # noqa: BLE001 - the export draws it again, and reports the error
                drawn = None
            pickle.dump((key, drawn), answers, pickle.HIGHEST_PROTOCOL)
            answers.flush()
    except Exception:  # noqa: BLE001 - cannot go on: the export draws the remaining charts itself
        return


def main() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the export's to handle
    answers = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed may get mixed with the answers
    serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    main()
