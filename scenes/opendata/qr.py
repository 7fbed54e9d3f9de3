"""QR codes (SVG) that deep-link into an exported package.

Error correction level M (15 % of the code may be damaged or covered and it
still reads, a fair trade against size for a label behind glass); a quiet zone
of 4 modules, as the QR standard asks; dark on an opaque white square so it also
reads when printed on coloured card. The SVG scales (viewBox, no fixed size) and
carries a ``<title>`` so screen readers announce what it is.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

from scenes.errors import ExhibitionError

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
QUIET_ZONE = 4        # modules; the minimum the QR standard asks for
ERROR_CORRECTION = "m"


@lru_cache(maxsize=4096)
def _make(url: str):
    # Cached: choosing the best mask is slow in pure Python (several ms), and an
    # export makes the same code twice (the SVG file and the printed label).
    import segno  # imported here: no work at import time for callers that never make a QR

    if not url or any(c in url for c in "\r\n"):
        raise ExhibitionError(f"QR code: {url!r} is not a URL")
    # boost_error=False keeps the level we chose; micro=False because phone
    # cameras do not read Micro QR.
    return segno.make(url, error=ERROR_CORRECTION, micro=False, boost_error=False)


def qr_svg(url: str, *, title: str | None = None) -> str:
    """An SVG document with the QR code for ``url``.

    :param title: the accessible name (``<title>``); defaults to ``"QR code: <url>"``.
        Any text is escaped, so a title with markup stays text.
    """
    qr = _make(url)
    out = io.BytesIO()
    # segno escapes markup in the title; characters XML forbids (controls) are
    # dropped here, or the whole SVG would fail to load.
    title = _XML_FORBIDDEN.sub("", title) if title else title
    qr.save(out, kind="svg", scale=1, border=QUIET_ZONE, dark="#000", light="#fff",
            xmldecl=False, omitsize=True, title=title or f"QR code: {url}",
            svgclass="qr", lineclass=None, nl=False)
    svg = out.getvalue().decode("utf-8")
    # role="img" makes the title the image's accessible name when inlined in HTML.
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_png(url: str, *, scale: int = 8) -> bytes:
    """The same QR code as a PNG (for the printed gallery kit)."""
    qr = _make(url)
    out = io.BytesIO()
    qr.save(out, kind="png", scale=scale, border=QUIET_ZONE, dark="#000", light="#fff")
    return out.getvalue()
