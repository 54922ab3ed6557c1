"""The organisation's logo: a PNG or JPEG picture, checked by decoding it.

A logo comes from a file the user picked, from an interchange file or from a
document someone sent; any of them may be damaged or built to harm (an image
whose few kilobytes decode to gigabytes of pixels). It is used only after
Pillow decoded it completely within the limits below.

The same logo is checked at every opening of its document and at every
write, so a logo is decoded once per computer: the SHA-256 of each logo
decoded successfully is kept in the user's cache folder, and bytes with a
known digest are not decoded again, by this process or a later one. Opening
a document then loads none of Pillow's decoders (some 20 ms of each start).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
from pathlib import Path

from avereport import paths
from avereport.errors import UserError

LOGO_MAX_BYTES = 2 * 1024 * 1024
# Per side; the cover prints the logo a few centimetres wide.
LOGO_MAX_SIDE = 4000
_SIGNATURES = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}
_decoded_here: set[str] = set()


class LogoError(UserError):
    """A logo that cannot be used. ``reason`` is a French phrase without the
    name of the file, for the caller to say where the logo comes from."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Logo refusé : {reason}.")
        self.reason = reason


def validate_logo(data: bytes) -> bytes:
    """``data`` if it is a sound PNG or JPEG image of at most
    ``LOGO_MAX_BYTES`` and ``LOGO_MAX_SIDE`` pixels a side; ``LogoError``
    otherwise."""
    if len(data) > LOGO_MAX_BYTES:
        # Rounded up: "2 Mo" would not read as too heavy.
        megabytes = _number(math.ceil(len(data) / 2**20 * 10) / 10)
        raise LogoError(f"il pèse {megabytes} Mo, un logo doit peser {LOGO_MAX_BYTES // 2**20} Mo au plus")
    image_format = next((name for name, signature in _SIGNATURES.items() if data.startswith(signature)), None)
    if image_format is None:
        raise LogoError("ce n'est pas une image PNG ou JPEG")
    digest = _digest(data)
    if not _decoded_before(digest):
        _decode(data, image_format)
        _remember_decoded(digest)
    return data


def _digest(data: bytes) -> str:
    """Names the check as well as the bytes: a stricter limit or another
    Pillow decodes every logo again."""
    from PIL import __version__ as pillow_version

    return hashlib.sha256(f"{LOGO_MAX_SIDE} {pillow_version}\n".encode() + data).hexdigest()


def _decoded_before(digest: str) -> bool:
    if digest in _decoded_here:
        return True
    try:
        known = _decoded_list().read_text(encoding="ascii").split()
    except (OSError, ValueError):
        return False
    return digest in known


def _remember_decoded(digest: str) -> None:
    _decoded_here.add(digest)
    # Only a speed-up: a folder where it cannot be written is no failure.
    with contextlib.suppress(OSError), _decoded_list().open("a", encoding="ascii") as stream:
        stream.write(digest + "\n")


def _decoded_list() -> Path:
    folder = paths.data_dir() / "cache"
    folder.mkdir(exist_ok=True)
    return folder / "logos-verifies.txt"


def _decode(data: bytes, image_format: str) -> None:
    from PIL import Image

    try:
        # The header alone gives the size: refused before any pixel is decoded.
        with Image.open(io.BytesIO(data), formats=[image_format]) as image:
            width, height = image.size
            if width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE:
                raise LogoError(
                    f"l'image mesure {_number(width)} × {_number(height)} pixels,"
                    f" {_number(LOGO_MAX_SIDE)} au plus de chaque côté"
                )
            # Chunk checksums and structure, then every pixel.
            image.verify()
        with Image.open(io.BytesIO(data), formats=[image_format]) as image:
            image.load()
    except LogoError:
        raise
    except Image.DecompressionBombError:
        raise LogoError("l'image annonce bien plus de pixels qu'un logo n'en a") from None
    # Decoders of untrusted bytes fail in many ways (OSError, SyntaxError,
    # ValueError, struct.error…): all mean the same to the user.
    except Exception:  # noqa: BLE001
        raise LogoError(f"l'image {image_format} est illisible ou abîmée") from None


def _number(value: float) -> str:
    from avereport.model import fmt

    return fmt.number(value)
