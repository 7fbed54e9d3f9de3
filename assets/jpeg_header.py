"""Reading a JPEG's header without decoding it: its size, colour components and XMP.

Only the marker segments before the first scan are read, so a file claiming
50000×25000 pixels, or a 20000-pixel-wide panorama, is measured in microseconds and
without Pillow's decompression-bomb limit getting in the way.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import BinaryIO

_XMP_MAIN = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_EXTENDED = b"http://ns.adobe.com/xmp/extension/\x00"
# Start-of-frame markers: baseline, extended, progressive, lossless, arithmetic...
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn carry no length


class NotJpeg(ValueError):
    """The bytes do not start like a JPEG file."""


class DamagedHeader(ValueError):
    """The bytes start like a JPEG but its header is malformed or cut short."""


@dataclass(frozen=True)
class JpegHeader:
    width: int
    height: int
    components: int  # 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK
    progressive: bool
    precision: int = 8  # bits per sample
    xmp: list[bytes] = field(default_factory=list)  # main packet first, then extended chunks

    @property
    def xmp_text(self) -> str:
        return b"".join(self.xmp).decode("utf-8", "replace")


def read_jpeg_header(f: BinaryIO) -> JpegHeader:
    """Parse the marker segments of the JPEG open in ``f`` up to its first scan.

    :raises NotJpeg: the file does not start with a JPEG start-of-image marker.
    :raises DamagedHeader: a segment is malformed or the file ends inside the header.
    """
    if f.read(2) != b"\xff\xd8":
        raise NotJpeg("not a JPEG")
    size: tuple[int, int, int, bool, int] | None = None
    xmp_main: list[bytes] = []
    xmp_extended: list[tuple[int, bytes]] = []
    while True:
        marker = _next_marker(f)
        if marker in _STANDALONE:
            continue
        if marker == 0xD9:
            raise DamagedHeader("the file ends before any image data")
        length_bytes = f.read(2)
        if len(length_bytes) < 2:
            raise DamagedHeader("the header is cut short")
        (length,) = struct.unpack(">H", length_bytes)
        if length < 2:
            raise DamagedHeader(f"a segment has an impossible length ({length})")
        if marker == 0xDA:  # start of scan: the header is over
            if size is None:
                raise DamagedHeader("no frame header before the image data")
            width, height, components, progressive, precision = size
            xmp = xmp_main + [chunk for _, chunk in sorted(xmp_extended)]
            return JpegHeader(width, height, components, progressive, precision, xmp)
        body = f.read(length - 2)
        if len(body) < length - 2:
            raise DamagedHeader("the header is cut short")
        if marker in _SOF:
            if len(body) < 6:
                raise DamagedHeader("the frame header is cut short")
            precision, height, width, components = struct.unpack(">BHHB", body[:6])
            if width == 0 or height == 0:
                raise DamagedHeader(f"the frame header gives a size of {width}×{height}")
            size = (width, height, components, marker in (0xC2, 0xC6, 0xCA, 0xCE), precision)
        elif marker == 0xE1 and body.startswith(_XMP_MAIN):
            xmp_main.append(body[len(_XMP_MAIN):])
        elif marker == 0xE1 and body.startswith(_XMP_EXTENDED):
            # GUID (32) + full length (4) + offset (4), then the chunk
            rest = body[len(_XMP_EXTENDED):]
            if len(rest) >= 40:
                (offset,) = struct.unpack(">I", rest[36:40])
                xmp_extended.append((offset, rest[40:]))


def _next_marker(f: BinaryIO) -> int:
    byte = f.read(1)
    if byte != b"\xff":
        raise DamagedHeader("the header is cut short" if not byte else "a segment does not start with a marker")
    while byte == b"\xff":  # fill bytes may pad markers
        byte = f.read(1)
    if not byte:
        raise DamagedHeader("the header is cut short")
    return byte[0]
