"""A long session of Qt calls: PySide6 6.12 takes a reference from None for
every C++ call without a result and from True for every signal emitted
(avereport/ui/singletons.py). More calls than None and True had references
would abort the interpreter; with the app's package imported they do not."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CALLS = 300_000  # well above None's or True's reference count in a fresh interpreter


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )


SESSION = f"""
    import sys
    {{setup}}
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    class Source(QObject):
        changed = Signal(object)

    app = QApplication([])
    label, source = QLabel(), Source()
    source.changed.connect(label.setText)
    for n in range({CALLS}):
        source.changed.emit("texte")
        label.setText("texte")
    print("fin de session", sys.getrefcount(None) > 0, sys.getrefcount(True) > 0)
"""


def test_a_long_session_of_qt_calls_keeps_none_and_true_alive():
    result = run(SESSION.format(setup="import avereport.ui"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "fin de session True True"


def test_the_reserve_is_taken_once_and_only_before_python_3_12():
    result = run(
        """
        import sys
        before = sys.getrefcount(None)
        import avereport.ui
        from avereport.ui.singletons import RESERVE, keep_alive
        keep_alive()
        gained = sys.getrefcount(None) - before
        print(RESERVE <= gained < 2 * RESERVE if sys.version_info < (3, 12) else gained < RESERVE)
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"
