"""Checking the container of audio and glTF binary files, not just their first bytes.

A ``.glb`` that merely starts with ``glTF`` or a ``.wav`` that merely starts with
``RIFF`` is not a model or a sound: the chunk structure is walked (sizes that fit the
file, the chunks a player needs) so a truncated or foreign file is refused at import
with a message saying what is wrong.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

from assets.errors import MediaError

_GLB_JSON, _GLB_BIN = 0x4E4F534A, 0x004E4942
_MAX_GLB_JSON = 64 << 20


def read_glb_json(path: Path) -> dict:
    """The JSON document of a glTF 2.0 binary, after walking its chunks (read as a
    stream: a 2 GB scan is not loaded to be checked).

    :raises MediaError: not a GLB, another version, a length or chunk header that does
        not fit the file, a first chunk that is not valid glTF JSON, a second that is not BIN.
    """
    data_size = path.stat().st_size
    doc = None
    with path.open("rb") as f:
        header = f.read(12)
        if len(header) < 12 or header[:4] != b"glTF":
            raise MediaError(f"{path}: not a glTF binary model (no 'glTF' header)")
        version, length = struct.unpack("<II", header[4:12])
        if version != 2:
            raise MediaError(f"{path}: glTF binary version {version}; only glTF 2.0 is supported")
        if length != data_size:
            raise MediaError(f"{path}: damaged glTF binary (its header says {length} bytes, the file has "
                             f"{data_size}; truncated?)")
        offset, index = 12, 0
        while offset < length:
            chunk = f.read(8)
            if len(chunk) < 8:
                raise MediaError(f"{path}: bad GLB chunk header at byte {offset} (cut short)")
            size, kind = struct.unpack("<II", chunk)
            if size % 4 or offset + 8 + size > length:
                raise MediaError(f"{path}: bad GLB chunk header at byte {offset} (length {size} does not fit)")
            if index == 0:
                if kind != _GLB_JSON:
                    raise MediaError(f"{path}: bad GLB chunk header (the first chunk is not JSON)")
                if size > _MAX_GLB_JSON:
                    raise MediaError(f"{path}: glTF binary with a {size >> 20} MB JSON chunk; not a model")
                doc = _gltf_json_chunk(path, f.read(size))
            else:
                if index == 1 and kind != _GLB_BIN:
                    raise MediaError(f"{path}: bad GLB chunk header (the second chunk is not BIN)")
                f.seek(size, 1)
            offset += 8 + size
            index += 1
    if doc is None:
        raise MediaError(f"{path}: bad GLB chunk header (the first chunk is not JSON)")
    return doc


def _gltf_json_chunk(path: Path, raw: bytes) -> dict:
    try:
        doc = json.loads(raw.decode("utf-8").rstrip(" \x00"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise MediaError(f"{path}: damaged glTF binary (its JSON chunk is not valid JSON)") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("asset"), dict):
        raise MediaError(f"{path}: not a glTF model (no 'asset' section)")
    if not str(doc["asset"].get("version", "")).startswith("2."):
        raise MediaError(f"{path}: glTF version {doc['asset'].get('version')!r} (only 2.x is read)")
    return doc


def check_wav(path: Path) -> None:
    """A RIFF/WAVE file with a ``fmt`` chunk (channels, rate) and a ``data`` chunk."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            raise MediaError(f"{path}: not a WAV file (no RIFF/WAVE header)")
        fmt_ok = data_ok = False
        offset = 12
        while offset + 8 <= size and not (fmt_ok and data_ok):
            f.seek(offset)
            chunk_id, chunk_size = struct.unpack("<4sI", f.read(8))
            if chunk_id == b"fmt ":
                body = f.read(min(chunk_size, 40))
                if len(body) < 16:
                    raise MediaError(f"{path}: damaged WAV file (its format chunk is cut short)")
                _, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
                if not channels or not rate or not bits:
                    raise MediaError(f"{path}: damaged WAV file ({channels} channels at {rate} Hz, {bits} bits)")
                fmt_ok = True
            elif chunk_id == b"data":
                if not fmt_ok:
                    raise MediaError(f"{path}: damaged WAV file (sound data before its format chunk)")
                if offset + 8 + min(chunk_size, 1) > size:
                    raise MediaError(f"{path}: damaged WAV file (no sound data)")
                data_ok = True
            offset += 8 + chunk_size + (chunk_size & 1)
        if not fmt_ok:
            raise MediaError(f"{path}: damaged WAV file (no format chunk)")
        if not data_ok:
            raise MediaError(f"{path}: damaged WAV file (no sound data chunk)")


def check_audio_magic(path: Path, suffix: str) -> None:
    """The container each audio extension promises (WAV walked in full, see :func:`check_wav`)."""
    if suffix == ".wav":
        check_wav(path)
        return
    with path.open("rb") as f:
        head = f.read(12)
    ok = {
        ".mp3": head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0),
        ".m4a": head[4:8] == b"ftyp",
        ".ogg": head.startswith(b"OggS"),
        ".opus": head.startswith(b"OggS"),
        ".flac": head.startswith(b"fLaC"),
    }.get(suffix, False)
    if not ok:
        names = {".mp3": "an MP3", ".m4a": "an M4A (MP4 audio)", ".ogg": "an Ogg", ".opus": "an Opus (Ogg)",
                 ".flac": "a FLAC"}
        raise MediaError(f"{path}: not {names.get(suffix, 'an audio')} file (its content does not match "
                         f"its {suffix} extension)")
