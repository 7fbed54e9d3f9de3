"""Generated hostile media: every Pillow mode an archive produces, non-regular files,
and containers that only start right."""

from __future__ import annotations

import io
import os
import struct
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from assets.errors import MediaError
from assets.media_import import import_media
from assets.media_store import MediaStore
from assets.project import Project

W, H = 48, 16


def _gradient(mode: str, lo: float, hi: float, holes: bool) -> Image.Image:
    """A left-to-right ramp from ``lo`` to ``hi`` in ``mode`` (dark left, bright right)."""
    ramp = np.tile(np.linspace(lo, hi, W), (H, 1))
    if mode == "F":
        a = ramp.astype(np.float32)
        if holes:  # a few NaN and infinite pixels, as float scans from some software have
            a[0, 0], a[1, 1], a[2, W - 1] = np.nan, -np.inf, np.inf
        return Image.fromarray(a)
    if mode == "I;16":
        return Image.fromarray(ramp.astype(np.uint16))
    if mode == "I":
        return Image.fromarray(ramp.astype(np.int32))
    if mode == "1":
        return Image.fromarray(ramp > (lo + hi) / 2)
    grey = Image.fromarray(np.clip(ramp, 0, 255).astype(np.uint8))
    if mode in ("L", "P", "LA", "RGBA", "CMYK"):
        return grey.convert(mode)
    return grey.convert("RGB").convert(mode)  # YCbCr, LAB


RANGES = {"1": (0, 255), "L": (0, 255), "P": (0, 255), "LA": (0, 255), "RGBA": (0, 255), "CMYK": (0, 255),
          "YCbCr": (0, 255), "LAB": (0, 255), "I;16": (0, 65535), "I": (-2**31, 2**31 - 1), "F": (-1e30, 1e30)}
FORMATS = {"1": ["TIFF", "PNG"], "L": ["TIFF", "PNG"], "P": ["TIFF", "PNG"], "LA": ["TIFF", "PNG"],
           "RGBA": ["TIFF", "PNG"], "CMYK": ["TIFF", "JPEG"], "YCbCr": ["JPEG", "TIFF"], "LAB": ["TIFF"],
           "I;16": ["TIFF", "PNG"], "I": ["TIFF"], "F": ["TIFF"]}


@st.composite
def images(draw):
    mode = draw(st.sampled_from(sorted(RANGES)))
    full_lo, full_hi = RANGES[mode]
    if mode == "F":
        scale = draw(st.sampled_from([1.0, 255.0, 65535.0, 1e6, 1e30]))
        lo = draw(st.floats(-scale, 0, allow_nan=False))
        hi = lo + scale * draw(st.floats(0.5, 1.0))
    else:
        span = full_hi - full_lo
        lo = draw(st.integers(full_lo, full_lo + span // 4))
        hi = draw(st.integers(lo + span // 2, full_hi))
    fmt = draw(st.sampled_from(FORMATS[mode]))
    return mode, fmt, lo, hi, draw(st.booleans())


def _digest(project: Project) -> tuple:
    db = project.db
    return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("media", "sqlar", "object_media"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(images())
def test_every_mode_is_stored_with_a_faithful_display_copy_or_refused_in_one_line(case):
    mode, fmt, lo, hi, holes = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"scan.{fmt.lower().replace('jpeg', 'jpg').replace('tiff', 'tif')}"
        try:
            _gradient(mode, lo, hi, holes).save(path, fmt)
        except (OSError, ValueError, KeyError):
            return  # Pillow cannot write this mode in this format: nothing to import
        project = Project.create(Path(folder) / "p.yunzhan")
        try:
            before = _digest(project)
            try:
                result = import_media(project, [path])
            except MediaError as e:
                assert "\n" not in e.user_text() and e.user_text().startswith(str(path))
                assert _digest(project) == before
                return
            sha = result.stored[0][1]
            store = MediaStore(project)
            info = store.info(sha)
            assert (info.width, info.height) == (W, H)
            with Image.open(io.BytesIO(store.get_derived(sha, "display.jpg"))) as display:
                grey = np.asarray(display.convert("L"), dtype=float)
            left, right = grey[:, : W // 4].mean(), grey[:, -W // 4:].mean()
            # the ramp survives: not a plain white (16-bit) or black (float) picture
            assert right - left > 40, (mode, fmt, lo, hi, left, right)
        finally:
            project.close()


def test_a_16_bit_archival_scan_is_not_white_and_a_float_tiff_not_black(project, tmp_path):
    scan = tmp_path / "scan16.tif"
    _gradient("I;16", 0, 65535, False).save(scan)
    floats = tmp_path / "float.tif"
    _gradient("F", 0.0, 1.0, False).save(floats)
    result = import_media(project, [scan, floats])
    store = MediaStore(project)
    for _, sha in result.stored:
        with Image.open(io.BytesIO(store.get_derived(sha, "thumb.jpg"))) as thumb:
            lo, hi = thumb.convert("L").getextrema()
        assert lo < 20 and hi > 235


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", ["photo.jpg", "objects.csv", "sound.wav"])
def test_a_named_pipe_is_refused_at_once_never_waited_on(project, tmp_path, name):
    from assets.catalog_import import import_table
    from assets.errors import InputError

    fifo = tmp_path / name
    os.mkfifo(fifo)
    done = threading.Event()
    outcome = {}

    def attempt():
        try:
            if name.endswith(".csv"):
                import_table(project, fifo)
            else:
                import_media(project, [fifo])
        except InputError as e:
            outcome["message"] = str(e)
        done.set()

    threading.Thread(target=attempt, daemon=True).start()
    assert done.wait(10), "blocked on a named pipe"
    assert outcome["message"] == f"{fifo}: is a named pipe, not a " + (
        "table of records" if name.endswith(".csv") else "media file")


def test_a_panorama_from_a_named_pipe_is_refused(project, tmp_path):
    from assets.panorama import ingest_panorama

    fifo = tmp_path / "hall.jpg"
    os.mkfifo(fifo)
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, fifo)
    assert str(e.value) == f"{fifo}: is a named pipe, not a photo"


def _glb(json_chunk: bytes, *, version=2, length_delta=0, bin_chunk: bytes | None = None) -> bytes:
    json_chunk += b" " * (-len(json_chunk) % 4)
    body = struct.pack("<II", len(json_chunk), 0x4E4F534A) + json_chunk
    if bin_chunk is not None:
        body += struct.pack("<II", len(bin_chunk), 0x004E4942) + bin_chunk
    return b"glTF" + struct.pack("<II", version, 12 + len(body) + length_delta) + body


GOOD_JSON = b'{"asset":{"version":"2.0"}}'


@pytest.mark.parametrize("data,reason", [
    (b"glTF" + b"\x00" * 20, "glTF binary version 0; only glTF 2.0 is supported"),
    (b"glTF", "not a glTF binary model (no 'glTF' header)"),
    (_glb(GOOD_JSON, length_delta=100), "damaged glTF binary (its header says"),
    (_glb(GOOD_JSON)[:-8] + b"\x00" * 0, "damaged glTF binary (its header says"),
    (_glb(b'{"asset":{"version":"2.0"}', ), "damaged glTF binary (its JSON chunk is not valid JSON)"),
    (_glb(b'{"meshes":[]}'), "not a glTF model (no 'asset' section)"),
    (_glb(GOOD_JSON, version=1), "glTF binary version 1; only glTF 2.0 is supported"),
])
def test_a_glb_must_be_a_whole_gltf_container(project, tmp_path, data, reason):
    path = tmp_path / "model.glb"
    path.write_bytes(data)
    with pytest.raises(MediaError) as e:
        import_media(project, [path])
    assert str(e.value).startswith(f"{path}: {reason}")
    assert project.db.execute("SELECT count(*) FROM media").fetchone()[0] == 0


def _wav(*, fmt=True, data=True, channels=1, rate=8000) -> bytes:
    chunks = b""
    if fmt:
        chunks += b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * 2, 2, 16)
    if data:
        chunks += b"data" + struct.pack("<I", 4) + b"\x00\x00\x01\x00"
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


@pytest.mark.parametrize("data,reason", [
    (b"RIFF", "not a WAV file (no RIFF/WAVE header)"),
    (b"RIFF\x10\x00\x00\x00AVI LIST", "not a WAV file (no RIFF/WAVE header)"),
    (_wav(fmt=False), "damaged WAV file (sound data before its format chunk)"),
    (_wav(data=False), "damaged WAV file (no sound data chunk)"),
    (_wav(channels=0), "damaged WAV file (0 channels at 8000 Hz, 16 bits)"),
])
def test_a_wav_must_be_a_whole_riff_wave_file(project, tmp_path, data, reason):
    path = tmp_path / "voice.wav"
    path.write_bytes(data)
    with pytest.raises(MediaError) as e:
        import_media(project, [path])
    assert str(e.value) == f"{path}: {reason}"


def test_a_whole_wav_and_glb_are_accepted(project, tmp_path):
    wav = tmp_path / "voice.wav"
    wav.write_bytes(_wav())
    import_media(project, [wav])
    assert project.db.execute("SELECT kind FROM media").fetchall() == [("audio",)]
