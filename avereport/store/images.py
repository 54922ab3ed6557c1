"""The organisation's logo: a PNG or JPEG picture, checked by decoding it.

A logo comes from a file the user picked, from an interchange file or from a
document someone sent; any of them may be damaged or built to harm (an image
whose few kilobytes decode to gigabytes of pixels). It is used only after
Pillow decoded it completely within the limits below.
"""

from __future__ import annotations

import functools
import io
import math

from avereport.errors import UserError

LOGO_MAX_BYTES = 2 * 1024 * 1024
# Per side; the cover prints the logo a few centimetres wide.
LOGO_MAX_SIDE = 4000
_SIGNATURES = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}


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
        raise LogoError(
            f"il pèse {megabytes} Mo, un logo doit peser {LOGO_MAX_BYTES // 2**20} Mo au plus"
        )
    image_format = next(
        (name for name, signature in _SIGNATURES.items() if data.startswith(signature)), None
    )
    if image_format is None:
        raise LogoError("ce n'est pas une image PNG ou JPEG")
    _decode(data, image_format)
    return data


# Documents are written whole at every edit: the same logo is checked again
# and again. Only successes are kept (an exception is never cached).
@functools.lru_cache(maxsize=4)
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
    except Exception:
        raise LogoError(f"l'image {image_format} est illisible ou abîmée") from None


def _number(value: float) -> str:
    from avereport.model import fmt

    return fmt.number(value)
