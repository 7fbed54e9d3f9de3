"""Generated GPano headers and fields of view: a panorama is stored with coverage that
makes sense, or refused in one line naming the photo; never an overflow."""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path

import numpy as np
import pytest
import simplejpeg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.errors import MediaError
from assets.panorama import RATIO_TOLERANCE, ingest_panorama, panorama_facts
from assets.project import Project

PHOTO_W, PHOTO_H = 1024, 256
_PIXELS = simplejpeg.encode_jpeg(np.full((PHOTO_H, PHOTO_W, 3), 90, np.uint8), quality=60)

NAMES = ("FullPanoWidthPixels", "FullPanoHeightPixels", "CroppedAreaLeftPixels", "CroppedAreaTopPixels",
         "CroppedAreaImageWidthPixels", "CroppedAreaImageHeightPixels")
ODD_VALUES = st.sampled_from(["inf", "-inf", "NaN", "1e30", "1e-320", "-5", "", "abc", "0", "4096.5", " 4096 ",
                              "99999999999999999999", "0x10", "١٠٢٤"])
VALUES = st.one_of(st.integers(-10, 5000).map(str), st.floats(allow_nan=True).map(repr), ODD_VALUES)


def _jpeg_with_xmp(tags: dict[str, str]) -> bytes:
    attrs = " ".join(f'GPano:{k}="{v}"' for k, v in tags.items())
    xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           f'<rdf:Description xmlns:GPano="http://ns.google.com/photos/1.0/panorama/" '
           f'GPano:ProjectionType="equirectangular" {attrs}/></rdf:RDF></x:xmpmeta>').encode()
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    return _PIXELS[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + _PIXELS[2:]


def _check_outcome(project: Project, path: Path, **kw) -> None:
    try:
        sha = ingest_panorama(project, path, **kw)
    except MediaError as e:
        assert "\n" not in e.user_text() and e.user_text().startswith(f"{path}: ")
        assert project.db.execute("SELECT count(*) FROM panoramas").fetchone()[0] == 0
        return
    f = panorama_facts(project, sha)
    assert 0 <= f.crop_left and 0 <= f.crop_top and 0 < f.crop_width and 0 < f.crop_height
    assert f.crop_left + f.crop_width <= f.full_width and f.crop_top + f.crop_height <= f.full_height
    assert abs(f.full_width / f.full_height - 2) <= RATIO_TOLERANCE * 2 + 1e-9
    assert 0 < f.hfov_deg <= 360 and 0 < f.vfov_deg <= 180


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(NAMES), VALUES, min_size=1))
def test_any_gpano_values_give_sensible_coverage_or_one_line(tags):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hall.jpg"
        path.write_bytes(_jpeg_with_xmp(tags))
        with Project.create(Path(folder) / "p.yunzhan") as project:
            _check_outcome(project, path)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e-320, 5e-324, 360.0, 0.0])))
def test_any_field_of_view_gives_sensible_coverage_or_one_line(fov):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hall.jpg"
        path.write_bytes(_PIXELS)
        with Project.create(Path(folder) / "p.yunzhan") as project:
            _check_outcome(project, path, fov_deg=fov)


@pytest.mark.parametrize("tags,message", [
    ({"FullPanoWidthPixels": "inf", "CroppedAreaImageWidthPixels": "1024", "CroppedAreaImageHeightPixels": "256",
      "CroppedAreaLeftPixels": "0", "CroppedAreaTopPixels": "0"},
     "GPano:FullPanoWidthPixels 'inf' is not a number of pixels from 0 to 1000000"),
    ({"FullPanoWidthPixels": "4096", "CroppedAreaImageWidthPixels": "1024"},
     "incomplete GPano tags (GPano:CroppedAreaImageHeightPixels is missing)"),
])
def test_gpano_examples_from_the_issue(project, tmp_path, tags, message):
    path = tmp_path / "hall.jpg"
    path.write_bytes(_jpeg_with_xmp(tags))
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path)
    assert str(e.value) == f"{path}: {message}"


def test_a_field_of_view_of_1e_320_is_refused(project, tmp_path):
    path = tmp_path / "hall.jpg"
    path.write_bytes(_PIXELS)
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path, fov_deg=1e-320)
    assert str(e.value) == (f"{path}: a field of view of 1e-320° is too narrow for a panorama "
                            "(at least 0.37° for a photo 1024 pixels wide)")
