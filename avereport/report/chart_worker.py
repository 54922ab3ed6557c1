"""A second process that draws the report's charts while this one lays out
the text.

A chart drawn in a new process first costs the import of matplotlib, about
as long as everything else in an export, then a few tens of milliseconds.
The command-line export starts the worker before anything else, so that
this import and the drawing run on a second core while the export imports
reportlab, reads the document, parses its fonts and lays out the pages. The
app does without: matplotlib is loaded there already, for the preview.

Whatever goes wrong on the worker's side (it could not start, it died, it
stopped answering, a chart raised) falls back to drawing in this process,
which gives the same drawing, or raises the same error where it belongs.

This module imports little, so that the worker starts at once; the worker
itself imports only what drawing needs (no platypus).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from avereport.model.edition import Organisation
    from avereport.report.chart_cache import DrawnChart
    from avereport.report.chart_requests import ChartRequest

# Longest wait for one chart, first import of matplotlib included (slow on a
# workstation whose antivirus scans every file), before drawing it here.
ANSWER_TIMEOUT_S = 60.0


class ChartWorker:
    """Use as a context manager; ``chart`` hands out charts to draw."""

    def __init__(self) -> None:
        self._waiting: set[str] = set()  # keys sent, drawing not received yet
        self.sent = 0
        context = multiprocessing.get_context("spawn")  # the one start method on every system
        self._connection: Connection | None
        self._connection, worker_end = context.Pipe()
        self._process = context.Process(target=serve, args=(worker_end,), name="avereport-graphiques", daemon=True)
        try:
            self._process.start()
        except OSError:
            self._stop()
        worker_end.close()

    def __enter__(self) -> ChartWorker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def running(self) -> bool:
        return self._connection is not None

    def chart(self, request: ChartRequest, organisation: Organisation) -> DrawnChart | Callable[[], DrawnChart]:
        """The chart if already drawn; otherwise what returns it, drawn by the
        worker in the meantime (or here, if the worker fails)."""
        from avereport.report.chart_cache import cache_key, cached, colours_of

        key = cache_key(request, organisation)
        drawn = cached(key)
        if drawn is not None:
            return drawn
        if key not in self._waiting and self._connection is not None:
            try:
                self._connection.send((key, request, colours_of(organisation)))
                self._waiting.add(key)
                self.sent += 1
            except (OSError, ValueError):
                self._stop()
        return lambda: self._resolve(key, request, organisation)

    def close(self) -> None:
        """Let the worker end; one that is still busy ends with this process."""
        if self._connection is None:
            return
        if not self.sent:
            self._process.terminate()  # still importing matplotlib, for nothing
        else:
            try:
                self._connection.send(None)
            except (OSError, ValueError):
                pass  # it has ended already
        self._stop()

    def _resolve(self, key: str, request: ChartRequest, organisation: Organisation) -> DrawnChart:
        from avereport.report.chart_cache import cached, colours_of, draw_new, remember

        self._wait_for(key)
        drawn = cached(key)
        if drawn is None:
            drawn = draw_new(request, colours_of(organisation), key)
            remember(key, drawn)
        return drawn

    def _wait_for(self, key: str) -> None:
        """Receive drawings, in the order asked for, until ``key``'s."""
        from avereport.report.chart_cache import remember

        while key in self._waiting and self._connection is not None:
            try:
                if not self._connection.poll(ANSWER_TIMEOUT_S):
                    raise TimeoutError
                done, drawn = self._connection.recv()
            except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
                # It has ended, or sent what is no answer.
                self._process.terminate()
                self._stop()
                return
            self._waiting.discard(done)
            if drawn is not None:
                remember(done, drawn)

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._waiting.clear()


def serve(connection: Connection) -> None:
    """The worker's loop: draw each chart received and send back its drawing,
    or ``None`` when drawing failed (the export then draws it itself)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the export's to handle
    try:
        from avereport import charts  # noqa: F401 - matplotlib, before the first request arrives
        from avereport.report.chart_cache import draw_new

        while (message := connection.recv()) is not None:
            key, request, colours = message
            try:
                drawn = draw_new(request, colours, key)
            except Exception:  # noqa: BLE001 - the export draws it again, and reports the error
                drawn = None
            connection.send((key, drawn))
    except (EOFError, OSError):
        pass  # the export has ended
    except Exception:  # noqa: BLE001 - could not even start drawing: the export draws every chart itself
        pass
    finally:
        connection.close()


def worth_starting() -> bool:
    """A worker only helps with a second core to run on."""
    return (os.cpu_count() or 1) > 1
