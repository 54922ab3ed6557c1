"""None, True and False kept alive under PySide6 6.12 on Python 3.11.

PySide6 6.12's bindings return None from every C++ call without a result
(``setText``, an event filter's ``False``, ``QVariant`` nulls…) and True from
``Signal.emit`` without taking a reference: they count on those objects being
immortal, as they are from Python 3.12. On 3.11 each such call takes one
reference away from None or True; after some minutes of editing one of them
reaches zero and the interpreter aborts ("deallocating None"). Giving them a
reference count no session can use up makes them as good as immortal, as
3.12 does. tests/test_singletons.py shows the loss and that the app survives it.
"""

from __future__ import annotations

import ctypes
import sys

#: References added to each: 2**40 calls is centuries of use.
RESERVE = 1 << 40


def keep_alive() -> None:
    """Make None, True and False as good as immortal (only needed before 3.12)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # A CPython object starts with its reference count (a Py_ssize_t).
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < RESERVE:
            count.value += RESERVE
