"""Outputs never destroy or redirect (avereport/outputs.py): the PDF, the
JSON, copies and new documents refuse the document they come from by any
spelling, its lock, its backups, links, pipes and devices; they are written
in a private folder and renamed into place, so a link planted at a temporary
name is never followed; a failure names the file asked for."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from avereport.cli import main
from avereport.demo import demo_editions, write_demo
from avereport.errors import UserError
from avereport.outputs import STAGING_LEFTOVER_SECONDS, OutputRefused, check_output, write_file
from avereport.report import export_pdf
from avereport.report.chart_cache import forget_drawings
from avereport.store import DocumentError, open_document
from avereport.store.backups import list_backups
from avereport.store.copies import safe_copy
from avereport.store.lock import lock_path

REPO = Path(__file__).resolve().parents[1]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "donnees-utilisateur")


@pytest.fixture
def demo_db(tmp_path) -> Path:
    path = tmp_path / "rapport.db"
    write_demo(path)
    return path


def spellings(document: Path) -> list[Path]:
    """The document itself, named in every way a user (or a hostile folder) can."""
    folder = document.parent
    (folder / "sous-dossier").mkdir(exist_ok=True)
    link = folder / "lien.db"
    link.symlink_to(document.name)
    hard = folder / "autre nom.db"
    os.link(document, hard)
    return [
        document,
        folder / "." / document.name,
        folder / "sous-dossier" / ".." / document.name,
        Path(os.path.relpath(document)),
        link,
        hard,
    ]


@pytest.mark.parametrize("command", ["export", "dump"])
def test_an_output_that_is_the_source_document_is_refused(command, demo_db, capsys, monkeypatch):
    # A relative spelling from beside the test's folder: on Windows the
    # checkout and the temporary folder can be on different drives.
    monkeypatch.chdir(demo_db.parent.parent)
    before = sha256(demo_db)
    for target in spellings(demo_db):
        assert main([command, str(demo_db), "-o", str(target)]) == 2, target
        error = capsys.readouterr().err
        assert "lui-même" in error and "« rapport.db »" in error, error
        assert sha256(demo_db) == before
    assert (demo_db.parent / "lien.db").is_symlink()
    assert os.stat(demo_db).st_nlink == 2


def test_the_document_is_refused_even_through_the_api(demo_db):
    (demo_db.parent / "autre").mkdir()
    with pytest.raises(OutputRefused, match="lui-même"):
        export_pdf(demo_editions(), 2021, demo_db.parent / "autre" / ".." / demo_db.name, protected=[demo_db])


def test_a_pdf_or_json_never_replaces_a_database(demo_db, tmp_path, capsys):
    other = tmp_path / "autre document.db"
    write_demo(other)
    before = sha256(other)
    assert main(["export", "--demo", "-o", str(other)]) == 2
    assert main(["dump", str(demo_db), "-o", str(other)]) == 2
    assert capsys.readouterr().err.count("est une base de données") == 2
    assert sha256(other) == before


def test_the_lock_and_sqlite_side_files_are_refused(demo_db, capsys):
    lock = lock_path(demo_db)
    journal = demo_db.with_name(demo_db.name + "-journal")
    for target in (lock, journal):
        assert main(["dump", str(demo_db), "-o", str(target)]) == 2
        assert not os.path.lexists(target)
    error = capsys.readouterr().err
    assert "fichier de verrou" in error and "fichier de travail de SQLite" in error


def test_backups_are_refused(demo_db, capsys):
    with open_document(demo_db):
        pass  # opening for writing takes a backup
    (saved,) = list_backups(demo_db)
    before = sha256(saved.path)
    for target in (saved.path, saved.path.with_suffix(".json"), saved.path.parent / "nouveau.pdf"):
        assert main(["export", str(demo_db), "-o", str(target)]) == 2
    assert capsys.readouterr().err.count("dossier des sauvegardes") == 3
    assert sha256(saved.path) == before
    assert not (saved.path.parent / "nouveau.pdf").exists()


def test_a_link_as_output_is_refused_and_its_target_kept(demo_db, tmp_path, capsys):
    victim = tmp_path / "notes personnelles.txt"
    victim.write_text("à garder", encoding="utf-8")
    link = tmp_path / "rapport.json"
    link.symlink_to(victim)
    assert main(["dump", str(demo_db), "-o", str(link)]) == 2
    assert "lien symbolique" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "à garder"
    assert link.is_symlink()


@pytest.mark.posix
def test_a_pipe_or_a_device_is_refused(demo_db, tmp_path, capsys):
    fifo = tmp_path / "tube.pdf"
    os.mkfifo(fifo)
    assert main(["export", str(demo_db), "-o", str(fifo)]) == 2
    assert main(["dump", str(demo_db), "-o", "/dev/null"]) == 2
    assert capsys.readouterr().err.count("n'est pas un fichier ordinaire") == 2
    assert fifo.is_fifo()
    folder = tmp_path / "dossier.pdf"
    folder.mkdir()
    with pytest.raises(OutputRefused, match="est un dossier"):
        check_output(folder)


def test_a_link_planted_at_a_temporary_name_is_never_followed(tmp_path):
    # Before, the PDF went to ".NAME.PID.tmp" first, through any link there.
    victim = tmp_path / "victime.txt"
    victim.write_text("à garder", encoding="utf-8")
    target = tmp_path / "rapport.pdf"
    for name in (f".{target.name}.{os.getpid()}.tmp", f".{target.name}.tmp", f".{target.name}.{os.getpid()}"):
        (tmp_path / name).symlink_to(victim)
    export_pdf(demo_editions(), 2021, target)
    assert victim.read_text(encoding="utf-8") == "à garder"
    assert target.read_bytes().startswith(b"%PDF")
    assert not target.is_symlink()


def test_success_and_failure_leave_nothing_but_the_output(demo_db, tmp_path):
    target = tmp_path / "sortie.json"
    write_file(target, "{}\n")
    write_file(target, '{"a": 1}\n')
    assert json.loads(target.read_text(encoding="utf-8")) == {"a": 1}
    assert listing(tmp_path) == ["rapport.db", "sortie.json"]
    with pytest.raises(OSError) as caught:
        write_file(tmp_path / "absent" / "sortie.json", "{}")
    assert Path(caught.value.filename).name == "sortie.json"
    assert listing(tmp_path) == ["rapport.db", "sortie.json"]


def test_a_write_removes_what_a_stopped_write_of_the_same_file_left(tmp_path):
    """A process killed while writing leaves its private folder beside the
    target; the next write of that target removes it once a day old, and
    leaves alone a younger one (a write in progress), other files' folders,
    and a link (whose target is kept)."""
    target = tmp_path / "rapport.json"
    day_ago = time.time() - STAGING_LEFTOVER_SECONDS - 60
    old = tmp_path / ".rapport.json.k1ll3d.tmp"
    young = tmp_path / ".rapport.json.wr1t1ng.tmp"
    other = tmp_path / ".autre.json.k1ll3d.tmp"
    kept = tmp_path / "dossier"
    link = tmp_path / ".rapport.json.l1nk.tmp"
    for folder in (old, young, other, kept):
        folder.mkdir()
        (folder / "rapport.json").write_text("{", encoding="utf-8")
    link.symlink_to(kept, target_is_directory=True)
    for item in (old, other, link):
        os.utime(item, (day_ago, day_ago), follow_symlinks=False)
    write_file(target, "{}\n")
    assert not old.exists()
    assert young.is_dir() and other.is_dir() and link.is_symlink()
    assert (kept / "rapport.json").read_text(encoding="utf-8") == "{"


@pytest.mark.posix
def test_a_written_file_gets_the_users_usual_permissions(tmp_path):
    # A report on a shared folder stays readable by colleagues (not 0600).
    target = tmp_path / "rapport.json"
    umask = os.umask(0o022)
    try:
        write_file(target, "{}")
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


def in_full_folder(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run avereport with a 64 KB file system mounted at ``tmp_path / "plein"``,
    in a private mount namespace (nothing is mounted for anyone else)."""
    script = 'mount -t tmpfs -o size=64k tmpfs "$1" && shift && exec "$@"'
    full = tmp_path / "plein"
    full.mkdir()
    command = [sys.executable, "-m", "avereport", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", str(full), *command],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.linux
@pytest.mark.parametrize("command", ["export", "dump"])
def test_a_full_disk_names_the_file_asked_for(command, demo_db, tmp_path):
    target = tmp_path / "plein" / f"sortie.{'pdf' if command == 'export' else 'json'}"
    result = in_full_folder(tmp_path, command, str(demo_db), "-o", str(target))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"Impossible d'accéder à « {target.name} » : plus de place sur le disque."
    # The tmpfs is gone with the namespace: the folder underneath is untouched.
    assert listing(tmp_path / "plein") == []


def test_a_refused_load_into_a_new_file_leaves_nothing(demo_db, tmp_path, capsys):
    dumped = tmp_path / "echange.json"
    assert main(["dump", str(demo_db), "--all", "-o", str(dumped)]) == 0
    data = json.loads(dumped.read_text(encoding="utf-8"))
    data["editions"][-1]["organisation"]["logo"] = "iVBORw0KGgpnYXJiYWdl"  # PNG signature, then garbage
    dumped.write_text(json.dumps(data), encoding="utf-8")
    before = listing(tmp_path)
    assert main(["load", str(dumped), "--into", str(tmp_path / "nouveau.db")]) == 2
    assert "logo" in capsys.readouterr().err
    assert listing(tmp_path) == before


def test_a_new_document_never_replaces_a_file_or_a_link(demo_db, tmp_path, capsys):
    dumped = tmp_path / "echange.json"
    assert main(["dump", str(demo_db), "--all", "-o", str(dumped)]) == 0
    dangling = tmp_path / "nouveau.db"
    dangling.symlink_to(tmp_path / "ailleurs.db")
    assert main(["load", str(dumped), "--into", str(dangling)]) == 2
    assert "nouveau.db" in capsys.readouterr().err
    assert dangling.is_symlink() and not (tmp_path / "ailleurs.db").exists()
    created = tmp_path / "créé.db"
    assert main(["load", str(dumped), "--into", str(created)]) == 0
    with open_document(created, read_only=True) as document:
        assert document.years() == [2020, 2021]
    assert not [name for name in listing(tmp_path) if name.startswith(".")]


def test_export_works_without_a_user_data_folder(tmp_path, monkeypatch, capsys):
    # The chart cache is only a speed-up: a data folder that cannot be made
    # (here, a file stands where it should be) costs time, not the export.
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("AVEREPORT_DATA_DIR", str(blocker / "donnees"))
    forget_drawings()  # drawings an earlier test left in memory would hide the folder
    target = tmp_path / "rapport.pdf"
    assert main(["export", "--demo", "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "Rapport 2021 écrit" in out
    assert target.read_bytes().startswith(b"%PDF")


def test_a_copy_refuses_its_own_lock_and_links(demo_db, tmp_path):
    victim = tmp_path / "victime.db"
    write_demo(victim)
    before = sha256(victim)
    link = tmp_path / "copie.db"
    link.symlink_to(victim)
    with open_document(demo_db) as document:
        for target in (lock_path(demo_db), link):
            with pytest.raises(DocumentError, match="n'a pas été écrite"):
                safe_copy(document, target)
    assert sha256(victim) == before
    assert not lock_path(demo_db).exists()


@pytest.mark.posix
def test_the_app_refuses_to_export_over_its_open_document(qtbot, demo_db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from avereport.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(demo_db)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a, **k: shown.append(text))
    hard = tmp_path / "rapport 2021.pdf"
    os.link(demo_db, hard)
    fifo = tmp_path / "tube.pdf"
    os.mkfifo(fifo)
    before = sha256(demo_db)
    editions = window.session.editions()
    for target in (demo_db, hard, lock_path(demo_db), fifo):
        assert not window.exporter.start(editions, 2021, target)
    assert not window.exporter.running
    assert ["lui-même" in text for text in shown] == [True, True, False, False]
    assert all(text.startswith("Le rapport PDF n'a pas été enregistré.") for text in shown)
    window.close_document()
    assert sha256(demo_db) == before


def test_a_new_document_from_the_app_never_replaces_a_link(tmp_path):
    from avereport.ui.files import create_document

    dangling = tmp_path / "nouveau.db"
    dangling.symlink_to(tmp_path / "ailleurs.db")
    with pytest.raises(UserError, match="existe déjà"):
        create_document(dangling, 2024)
    assert dangling.is_symlink() and not (tmp_path / "ailleurs.db").exists()
    created = tmp_path / "vrai.db"
    create_document(created, 2024)
    with open_document(created, read_only=True) as document:
        assert document.years() == [2024]
