"""Checking a model file offered for import, and gathering the files it uses.

A model can be one file (GLB, PLY, STL, a glTF with embedded data) or a main file
with companions beside it (a glTF's .bin and textures, an OBJ's .mtl and
textures). Everything is checked before anything is stored: a broken GLB chunk
header, a URI that points to the web or outside the model's folder, a missing
companion, OBJ face indices out of range, a file with no faces, a file too large
to hold. Each problem is one :class:`~assets.errors.MediaError` line naming the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from assets.containers import read_glb_json
from assets.errors import MediaError

FORMATS = {".glb": "glb", ".gltf": "gltf", ".obj": "obj", ".ply": "ply", ".stl": "stl"}
MIME = {"glb": "model/gltf-binary", "gltf": "model/gltf+json", "obj": "model/obj", "ply": "model/ply",
        "stl": "model/stl"}
# Larger scans are decimated elsewhere first; this keeps an import from filling memory.
MAX_MODEL_BYTES = 1024 * 1024 * 1024
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True)
class ModelSource:
    """A checked model: its main file, its format and every file it uses (main first)."""

    path: Path
    format: str
    files: tuple[Path, ...]

    @property
    def folder(self) -> Path:
        return self.path.parent


def model_format(path: Path) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


def inspect_source(path: Path, *, max_bytes: int = MAX_MODEL_BYTES) -> ModelSource:
    """Check the model at ``path`` and list the files it uses.

    :raises MediaError: the file is missing, too large, malformed or unsafe.
    """
    path = Path(path)
    fmt = model_format(path)
    if fmt is None:
        raise MediaError(f"{path}: not a 3D model format Yunzhan reads (glTF, GLB, OBJ, PLY, STL)")
    try:
        size = path.stat().st_size
    except OSError as e:
        raise MediaError(f"{path}: cannot read ({e.strerror})") from None
    if size > max_bytes:
        raise MediaError(f"{path}: {size / 2**30:.1f} GB is more than the {max_bytes / 2**30:.1f} GB a model may be",
                         hint="decimate the scan in its scanning software first")
    if size == 0:
        raise MediaError(f"{path}: empty file")
    companions: list[Path] = []
    if fmt == "glb":
        companions = _gltf_companions(path, _glb_json(path))
    elif fmt == "gltf":
        companions = _gltf_companions(path, _gltf_json(path))
    elif fmt == "obj":
        companions = _obj_companions(path)
    return ModelSource(path, fmt, (path, *dict.fromkeys(companions)))


# -- glTF -------------------------------------------------------------------------
def _glb_json(path: Path) -> dict:
    return read_glb_json(path)


def _gltf_json(path: Path) -> dict:
    return _parse_gltf_json(path, path.read_bytes())


def _parse_gltf_json(path: Path, raw: bytes) -> dict:
    try:
        doc = json.loads(raw.decode("utf-8").rstrip(" \x00"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MediaError(f"{path}: not a glTF model (its JSON is invalid)") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("asset"), dict):
        raise MediaError(f"{path}: not a glTF model (no 'asset' section)")
    if not str(doc["asset"].get("version", "")).startswith("2."):
        raise MediaError(f"{path}: glTF version {doc['asset'].get('version')!r} (only 2.x is read)")
    return doc


def _gltf_companions(path: Path, doc: dict) -> list[Path]:
    found = []
    for section in ("buffers", "images"):
        for i, item in enumerate(doc.get(section) or []):
            uri = item.get("uri") if isinstance(item, dict) else None
            if uri and not uri.startswith("data:"):
                found.append(_companion(path, unquote(uri), f"{section}[{i}]"))
    return found


def _companion(path: Path, name: str, what: str) -> Path:
    """The file ``name`` refers to, beside ``path``; refused if it is on the web, outside
    the model's folder, or missing."""
    if _SCHEME.match(name) or name.startswith("//"):
        raise MediaError(f"{path}: {what} points to the web ({name}); a model may only use files beside it")
    folder = path.parent.resolve()
    target = (folder / name).resolve()
    if Path(name).is_absolute() or not target.is_relative_to(folder):
        raise MediaError(f"{path}: {what} points outside the model's folder ({name})")
    if not target.is_file():
        raise MediaError(f"{path}: {what} '{name}' not found beside the model")
    return target


# -- OBJ --------------------------------------------------------------------------
_MAP = re.compile(r"^(map_\w+|bump|disp|decal|norm)\s+(.+)$", re.IGNORECASE)


def _obj_companions(path: Path) -> list[Path]:
    counts = {"v": 0, "vt": 0, "vn": 0}
    faces = 0
    libraries = []
    with path.open("r", encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            head, _, rest = line.strip().partition(" ")
            if head in counts:
                counts[head] += 1
            elif head == "f":
                faces += 1
                _check_face(path, number, rest.split(), counts)
            elif head == "mtllib":
                libraries.append(rest.strip())
    if faces == 0:
        raise MediaError(f"{path}: no faces (a point cloud or empty mesh cannot be shown as a model)")
    found = []
    for name in libraries:
        library = _companion(path, name, "mtllib")
        found.append(library)
        found.extend(_mtl_textures(path, library))
    return found


def _check_face(path: Path, number: int, corners: list[str], counts: dict[str, int]) -> None:
    if len(corners) < 3:
        raise MediaError(f"{path}: line {number}: a face needs at least 3 corners")
    for corner in corners:
        for kind, text in zip(("v", "vt", "vn"), corner.split("/")):
            if not text:
                continue
            try:
                index = int(text)
            except ValueError:
                raise MediaError(f"{path}: line {number}: face index '{text}' is not a number") from None
            # OBJ indices count from 1; negative ones count back from the latest element.
            if index == 0 or index > counts[kind] or -index > counts[kind]:
                raise MediaError(f"{path}: line {number}: face refers to {kind} {index}, "
                                 f"but only {counts[kind]} are defined before it")


def _mtl_textures(obj: Path, library: Path) -> list[Path]:
    found = []
    for number, line in enumerate(library.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        match = _MAP.match(line.strip())
        if match:
            # Options (-s 1 1 1, -bm 0.5...) come first; the file name is last.
            name = match.group(2).split()[-1]
            found.append(_companion(library, name, f"line {number} texture"))
    return found


def without_companions(paths: list[Path]) -> list[Path]:
    """``paths`` less the files a model among them uses (an OBJ's .mtl and textures, a
    glTF's .bin and images): they are stored inside the model, not as media of their own.

    A model that cannot be read keeps its neighbours (its import reports the problem)."""
    used: set[Path] = set()
    for path in paths:
        if model_format(Path(path)) is None:
            continue
        try:
            used.update(f.resolve() for f in inspect_source(Path(path)).files[1:])
        except (MediaError, OSError):
            continue
    return [p for p in paths if Path(p).resolve() not in used]
