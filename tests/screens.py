"""Running a test again in a process of its own whose (offscreen) screen is a
laptop's: the window opens on it as it would there, maximised."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def laptop(width: int, height: int, tmp_path: Path) -> dict[str, str]:
    """The environment of a process whose only screen is ``width`` x ``height``."""
    config = tmp_path / f"ecran-{width}x{height}.json"
    screen = {"name": "portable", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}


def run_on_screen(size: tuple[int, int], tmp_path: Path, *tests: str) -> None:
    """Run ``tests`` (pytest node ids under tests/) on a ``size`` screen; their failure is this one's."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *(f"tests/{test}" for test in tests),
        ],
        cwd=HERE.parent,
        env=laptop(*size, tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
