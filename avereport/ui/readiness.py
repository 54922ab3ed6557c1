"""For the start-up benchmark: quit as soon as the window is ready.

With ``AVEREPORT_QUIT_WHEN_READY=1`` in the environment, the app prints
``READY <monotonic seconds> <resident kB>`` on standard output the first time
its event loop is idle with the window shown, then quits. The monotonic clock
is shared by all processes, so the benchmark subtracts its own start time.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication
from PySide6.QtWidgets import QWidget

VARIABLE = "AVEREPORT_QUIT_WHEN_READY"
MARKER = "READY"


def resident_kib() -> int:
    """The process's resident memory (VmRSS), in KiB; 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def quit_when_ready(window: QWidget) -> None:
    """Does nothing unless the environment variable is set."""
    if os.environ.get(VARIABLE) != "1":
        return
    dispatcher = QAbstractEventDispatcher.instance()

    def idle() -> None:
        handle = window.windowHandle()
        if window.isVisible() and handle is not None and handle.isExposed():
            dispatcher.aboutToBlock.disconnect(idle)
            print(f"{MARKER} {time.monotonic():.6f} {resident_kib()}", flush=True)
            QCoreApplication.quit()

    dispatcher.aboutToBlock.connect(idle)
