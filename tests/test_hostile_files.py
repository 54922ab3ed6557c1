"""Hand-made hostile files, built from the demo document: each is refused
with one French sentence naming it, quickly, and stays byte for byte as it
was with nothing created beside it. Also the logo check itself, and the
write side refusing what the read side would refuse."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
import zlib
from importlib import resources
from pathlib import Path

import pytest
from PIL import Image

from avereport.demo import write_demo
from avereport.model import edit, fmt
from avereport.model.checks import check_edition
from avereport.store import DocumentError, open_document, opening
from avereport.store.images import LOGO_MAX_BYTES, LOGO_MAX_SIDE, LogoError, validate_logo
from avereport.store.opening import MAX_VALUE_BYTES, SCHEMA_DIGESTS, TEXT_MAX_BYTES, schema_digest

NAME = "rapport.db"
# The bound: no file may keep the program busy longer than this.
HANG = 5.0
DEMO_LOGO = resources.files("avereport.resources").joinpath("logo-demo.png").read_bytes()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AVEREPORT_DATA_DIR", str(folder / "donnees"))
        write_demo(folder / NAME)
    return folder / NAME


@pytest.fixture
def path(demo, tmp_path) -> Path:
    """A fresh copy of the demo document, alone in its folder."""
    folder = tmp_path / "document"
    folder.mkdir()
    return Path(shutil.copyfile(demo, folder / NAME))


def tamper(path: Path, sql: str, *parameters: object) -> None:
    """Run ``sql`` on ``path`` as another program would, schema editing
    allowed."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(sql, parameters)
    conn.close()


def add_to_schema(path: Path, kind: str, name: str, table: str, sql: str) -> None:
    """An entry SQLite itself would refuse to create."""
    tamper(path, "INSERT INTO sqlite_master VALUES (?, ?, ?, 0, ?)", kind, name, table, sql)


def rewrite_table(path: Path, table: str, old: str, new: str) -> None:
    conn = sqlite3.connect(path)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    assert old in sql
    tamper(path, "UPDATE sqlite_master SET sql = ? WHERE name = ?", sql.replace(old, new, 1), table)


def set_first(path: Path, table: str, column: str, value: object) -> None:
    """Set ``column`` of the first row of ``table``."""
    tamper(path, f"UPDATE {table} SET {column} = ? WHERE id = (SELECT min(id) FROM {table})", value)


def set_logo(path: Path, value: object, year: int = 2021) -> None:
    where = f"edition_id = (SELECT id FROM edition WHERE year = {year})"
    tamper(path, f"UPDATE organisation SET logo = ? WHERE {where}", value)


def png(width: int, height: int) -> bytes:
    """A blank 1-bit greyscale PNG written by hand: Pillow would refuse to
    make a bomb. Rows of zeros compress about a thousand to one."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    rows = bytes(((width + 7) // 8 + 1) * height)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


BOMB = png(20_000, 20_000)
DEEP_PARENTHESES = "(" * 5000 + "1" + ")" * 5000
LONG_SUM = "+".join(["1"] * 5000)
MEGABYTES = TEXT_MAX_BYTES // 2**20


# --- the hostile files, and what the message says -----------------------------


def side_effect_trigger(path):
    tamper(path, "CREATE TRIGGER purge AFTER INSERT ON edition BEGIN DELETE FROM board_member; END")


def view(path):
    tamper(path, "CREATE VIEW resume AS SELECT year FROM edition")


def virtual_table(path):
    tamper(path, "CREATE VIRTUAL TABLE recherche USING fts5(texte)")


def extra_table(path):
    tamper(path, "CREATE TABLE notes (texte TEXT)")


def index_on_expression(path):
    tamper(path, "CREATE INDEX idx_corps ON section (lower(body))")


def column_type_changed(path):
    rewrite_table(path, "board_member", '"surname" TEXT', '"surname" INTEGER')


def older_version_claimed(path):
    tamper(path, "PRAGMA user_version = 1")


def previous_version_claimed(path):
    tamper(path, f"PRAGMA user_version = {opening.SCHEMA_VERSION - 1}")


def deep_view(path):
    sql = f"CREATE VIEW profonde AS SELECT {DEEP_PARENTHESES}"
    add_to_schema(path, "view", "profonde", "profonde", sql)


def long_sum_in_trigger(path):
    sql = f"CREATE TRIGGER somme AFTER INSERT ON edition BEGIN SELECT {LONG_SUM}; END"
    add_to_schema(path, "trigger", "somme", "edition", sql)


def deep_check_constraint(path):
    old = '"position" INTEGER NOT NULL'
    rewrite_table(path, "section", old, f"{old} CHECK {DEEP_PARENTHESES}")


def deep_default(path):
    old = "\"body\" TEXT NOT NULL DEFAULT ''"
    rewrite_table(path, "section", old, f'"body" TEXT NOT NULL DEFAULT ({LONG_SUM})')


def huge_blob_in_a_text_column(path):
    set_first(path, "section", "body", bytes(50 * 2**20))


def text_over_the_limit(path):
    set_first(path, "section", "body", "é" * TEXT_MAX_BYTES)


def logo_over_the_limit(path):
    set_logo(path, DEMO_LOGO + bytes(LOGO_MAX_BYTES))


def decompression_bomb_logo(path):
    set_logo(path, BOMB)


def logo_that_is_not_an_image(path):
    set_logo(path, b"GIF89a" + bytes(100))


def truncated_logo(path):
    set_logo(path, DEMO_LOGO[: len(DEMO_LOGO) // 2])


def logo_stored_as_text(path):
    set_logo(path, "logo.png")


def other_application_id(path):
    tamper(path, "PRAGMA application_id = 1234")


def converted_to_wal(path):
    tamper(path, "PRAGMA journal_mode = WAL")


def blob_where_a_name_belongs(path):
    set_first(path, "board_member", "surname", b"\x00\xff")


def unknown_choice(path):
    set_first(path, "section", "kind", "piège")


def impossible_date(path):
    set_first(path, "meeting", "date", "2021-02-30")


def year_as_text(path):
    tamper(path, "UPDATE edition SET year = 'deux mille vingt' WHERE year = 2020")


MODIFIED = "n'est pas un document avereport valide : ses tables ont été modifiées par un autre programme"
OVERSIZED = "la colonne « {} » de la table « {} » contient une valeur de plus de {} Mo"
INVALID = (
    "est endommagé ou a été modifié par un autre programme :"
    " la colonne « {} » de la table « {} » contient une valeur invalide"
)
LOGO_REFUSED = "le logo de l'édition 2021 est refusé ({}"

CASES = {
    side_effect_trigger: f"{MODIFIED}, qui y a ajouté un déclencheur « purge »",
    view: f"{MODIFIED}, qui y a ajouté une vue « resume »",
    virtual_table: f"{MODIFIED}, qui y a ajouté une table virtuelle « recherche »",
    extra_table: MODIFIED,
    index_on_expression: MODIFIED,
    column_type_changed: MODIFIED,
    older_version_claimed: MODIFIED,
    previous_version_claimed: MODIFIED,
    deep_view: "est endommagé",
    long_sum_in_trigger: "est endommagé",
    deep_check_constraint: "est endommagé",
    deep_default: "est endommagé",
    huge_blob_in_a_text_column: OVERSIZED.format("body", "section", MEGABYTES),
    text_over_the_limit: OVERSIZED.format("body", "section", MEGABYTES),
    logo_over_the_limit: OVERSIZED.format("logo", "organisation", LOGO_MAX_BYTES // 2**20),
    decompression_bomb_logo: LOGO_REFUSED.format("l'image annonce bien plus de pixels"),
    logo_that_is_not_an_image: LOGO_REFUSED.format("ce n'est pas une image PNG ou JPEG"),
    truncated_logo: LOGO_REFUSED.format("l'image PNG est illisible ou abîmée"),
    logo_stored_as_text: LOGO_REFUSED.format("ce n'est pas une image PNG ou JPEG"),
    other_application_id: "n'est pas un document avereport (base SQLite d'une autre application)",
    converted_to_wal: "un autre programme l'a converti au journal WAL",
    blob_where_a_name_belongs: INVALID.format("surname", "board_member"),
    unknown_choice: INVALID.format("kind", "section"),
    impossible_date: INVALID.format("date", "meeting"),
    year_as_text: "est endommagé (une année d'édition n'est pas un nombre)",
}


def use(path: Path, read_only: bool) -> None:
    """What the app does with a file: open it, read every edition, check it."""
    with open_document(path, read_only=read_only) as document:
        editions = {year: document.read_edition(year) for year in document.years()}
    for year, edition in editions.items():
        check_edition(edition, editions.get(year - 1))


def snapshot(path: Path) -> tuple[str, list[str]]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())


@pytest.mark.parametrize("read_only", [True, False], ids=["lecture", "ecriture"])
@pytest.mark.parametrize("build", list(CASES), ids=lambda f: f.__name__)
def test_hostile_file_is_refused_quickly_and_left_unchanged(path, build, read_only):
    build(path)
    before = snapshot(path)

    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        use(path, read_only)
    elapsed = time.monotonic() - started

    message = str(caught.value)
    assert f"« {NAME} »" in message
    assert CASES[build] in message
    assert message.endswith(".") and "\n" not in message
    assert caught.value.path == path
    assert elapsed < HANG
    assert snapshot(path) == before


def test_the_demo_itself_is_accepted(path):
    before = snapshot(path)
    for read_only in (True, False):
        use(path, read_only)
    assert snapshot(path) == before


def test_a_file_whose_schema_takes_long_to_parse_is_interrupted(path, monkeypatch):
    # Thousands of triggers on one table: SQLite's parsing of them grows
    # faster than their number, and calls no progress handler.
    triggers = [
        (f"t{n}", f"CREATE TRIGGER t{n} AFTER INSERT ON edition BEGIN SELECT 1; END") for n in range(40_000)
    ]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.executemany("INSERT INTO sqlite_master VALUES ('trigger', ?, 'edition', 0, ?)", triggers)
    conn.commit()
    conn.close()
    before = snapshot(path)
    monkeypatch.setattr(opening, "QUERY_TIME_LIMIT", 0.5)

    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        use(path, read_only=True)

    assert time.monotonic() - started < HANG
    assert str(caught.value).startswith(
        f"Une opération sur le fichier « {NAME} » a été interrompue au bout de 0,5 secondes"
    )
    assert snapshot(path) == before


def test_a_statement_running_too_long_is_aborted(path, monkeypatch):
    monkeypatch.setattr(opening, "QUERY_TIME_LIMIT", 0.3)
    conn = opening.connect(path, "ro")
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(DocumentError) as caught:
        conn.execute(endless).fetchone()
    # The endless statement ended, at the limit set (no wall-clock bound: a
    # loaded machine is slow, not wrong).
    assert str(caught.value).startswith(
        f"Une opération sur le fichier « {NAME} » a été interrompue au bout de 0,3 secondes"
    )
    # The connection stays usable, each statement with its own time.
    assert conn.execute("SELECT 1").fetchone() == (1,)
    conn.close()


def test_values_over_the_hard_limit_are_never_loaded(path):
    set_first(path, "section", "body", bytes(MAX_VALUE_BYTES + 1))
    conn = opening.connect(path, "ro")
    with pytest.raises(sqlite3.DataError, match="too big"):
        conn.execute("SELECT body FROM section").fetchall()
    conn.close()


def test_every_version_has_the_digest_of_a_new_document_of_that_version():
    from avereport.store.migrations import upgrade

    for version in range(1, opening.SCHEMA_VERSION + 1):
        conn = sqlite3.connect(":memory:", isolation_level=None)
        upgrade(conn, target=version)
        digest = schema_digest(conn)
        conn.close()
        assert SCHEMA_DIGESTS.get(version) == digest, f"SCHEMA_DIGESTS[{version}] = {digest!r}"


def test_the_old_format_fixture_passes_the_schema_check():
    fixture = Path(__file__).parent / "fixtures" / "store_v1.db"
    conn = sqlite3.connect(f"file:{fixture}?mode=ro", uri=True)
    assert schema_digest(conn) == SCHEMA_DIGESTS[1]
    conn.close()


# --- the logo check -----------------------------------------------------------


def encoded(image: Image.Image, kind: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_sound_logos_of_the_largest_size_are_accepted(kind):
    data = encoded(Image.new("RGB", (LOGO_MAX_SIDE, 10), "navy"), kind)
    assert validate_logo(data) is data


def test_the_demo_logo_is_accepted():
    assert validate_logo(DEMO_LOGO) == DEMO_LOGO


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BOMB, "l'image annonce bien plus de pixels qu'un logo n'en a"),
        (
            encoded(Image.new("1", (LOGO_MAX_SIDE + 1, 1)), "PNG"),
            f"l'image mesure {fmt.number(LOGO_MAX_SIDE + 1)} × 1 pixels,"
            f" {fmt.number(LOGO_MAX_SIDE)} au plus de chaque côté",
        ),
        (encoded(Image.new("RGB", (8, 8)), "GIF"), "ce n'est pas une image PNG ou JPEG"),
        (b"", "ce n'est pas une image PNG ou JPEG"),
        (DEMO_LOGO[:-20], "l'image PNG est illisible ou abîmée"),
        (b"\xff\xd8\xff" + bytes(64), "l'image JPEG est illisible ou abîmée"),
        (
            DEMO_LOGO[:16] + bytes(3 * 2**20 - 16),
            f"il pèse 3 Mo, un logo doit peser {LOGO_MAX_BYTES // 2**20} Mo au plus",
        ),
    ],
    ids=["bombe", "trop-large", "gif", "vide", "tronque", "faux-jpeg", "trop-lourd"],
)
def test_bad_logos_are_refused_in_french(data, reason):
    started = time.monotonic()
    with pytest.raises(LogoError) as caught:
        validate_logo(data)
    assert time.monotonic() - started < HANG
    assert caught.value.reason == reason
    assert str(caught.value) == f"Logo refusé : {reason}."


def test_a_flipped_byte_inside_the_image_data_is_found():
    data = bytearray(DEMO_LOGO)
    start = DEMO_LOGO.index(b"IDAT") + 8
    data[start + 10] ^= 0x01
    with pytest.raises(LogoError, match="illisible ou abîmée"):
        validate_logo(bytes(data))


def test_a_logo_is_decoded_once_per_computer(path):
    """The next opening, even in another process, knows the logo is sound
    without loading Pillow's decoders; a refused logo is checked again."""
    script = (
        "import sys; from avereport.store import open_document;"
        " open_document(sys.argv[1], read_only=True).close(); print('PIL.Image' in sys.modules)"
    )
    loaded = [
        subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert loaded == [["True"], ["False"]]
    for _ in range(2):
        with pytest.raises(LogoError, match="illisible ou abîmée"):
            validate_logo(DEMO_LOGO[:-20])


def test_the_bomb_is_small_and_would_be_huge():
    assert len(BOMB) < 100_000
    assert 20_000 * 20_000 > 2 * Image.MAX_IMAGE_PIXELS


# --- the write side ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("logo", "reason"),
    [
        (BOMB, "l'image annonce bien plus de pixels"),
        (b"pas une image", "ce n'est pas une image PNG ou JPEG"),
    ],
    ids=["bombe", "pas-une-image"],
)
def test_writing_an_edition_with_a_bad_logo_is_refused(path, logo, reason):
    with open_document(path) as document:
        before = document.read_edition(2021)
        edition = document.read_edition(2021)
        edition = edit.replace_at(edition, "organisation.logo", logo)
        with pytest.raises(DocumentError) as caught:
            document.write_edition(edition, replace=True)
        assert str(caught.value).startswith(
            f"L'édition 2021 n'a pas été enregistrée dans « {NAME} » : le logo est refusé ({reason}"
        )
        assert document.read_edition(2021) == before


def test_writing_a_text_over_the_limit_is_refused(path):
    with open_document(path) as document:
        before = document.read_edition(2021)
        edition = document.read_edition(2021)
        edition = edit.replace_at(edition, "outline[0].body", "é" * (TEXT_MAX_BYTES // 2 + 1))
        with pytest.raises(DocumentError, match=f"un texte dépasse {TEXT_MAX_BYTES // 2**20} Mo"):
            document.write_edition(edition, replace=True)
        assert document.read_edition(2021) == before
        # Just under the limit is written, and the file opens again.
        edition = edit.replace_at(edition, "outline[0].body", "é" * (TEXT_MAX_BYTES // 2))
        document.write_edition(edition, replace=True)
    use(path, read_only=True)


def test_a_hostile_file_with_a_hot_journal_is_refused_without_playing_it_back(path):
    side_effect_trigger(path)
    # A save interrupted midway: changed pages in the file, the originals
    # in a "hot" journal beside it, which SQLite must play back.
    scratch = path.with_name("en-cours.db")
    shutil.copyfile(path, scratch)
    conn = sqlite3.connect(scratch, isolation_level=None)
    conn.execute("PRAGMA cache_size = 1")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM board_member")
    shutil.copyfile(scratch, path)
    shutil.copyfile(scratch.with_name("en-cours.db-journal"), path.with_name(NAME + "-journal"))
    conn.execute("ROLLBACK")
    conn.close()
    scratch.unlink()
    journal = path.with_name(NAME + "-journal")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, journal)}

    for read_only in (True, False):
        with pytest.raises(DocumentError, match="qui y a ajouté un déclencheur « purge »"):
            use(path, read_only)
        after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in path.parent.iterdir()}
        assert after == before


def test_every_connection_of_the_store_has_the_safety_settings_and_limits(path):
    checked, _version = opening.inspect(path, read_only=True)
    memory = opening.in_memory(checked)
    writer = opening.connect(path, "rw")
    for conn in (checked, memory, writer):
        assert conn.execute("PRAGMA trusted_schema").fetchone() == (0,)
        assert conn.execute("PRAGMA cell_size_check").fetchone() == (1,)
        assert conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) == MAX_VALUE_BYTES
    # Memory-mapped I/O only exists for files.
    for conn in (checked, writer):
        assert conn.execute("PRAGMA mmap_size").fetchone() == (0,)
    for conn in (checked, memory, writer):
        conn.close()
