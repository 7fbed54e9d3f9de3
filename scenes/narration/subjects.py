"""What can be narrated (objects, halls, tour stops) and the script composed for each
from the catalog when the curator has written none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assets.catalog import Catalog, CatalogObject
from assets.project import Project

LANGS = ("zh", "en")
_HAN = re.compile(r"[\u3400-\u9fff]")
OBJECT, HALL, STOP = "object", "hall", "stop"


@dataclass(frozen=True)
class Subject:
    kind: str         # OBJECT, HALL or STOP
    ref_id: int       # objects.id, halls.id or tour_stops.id
    position: int     # a stop's position in its tour (for its name only); 0 otherwise
    name: str         # how messages and the CLI name it: "object 1977.12", "hall lobby", "tour main stop 2"
    scripts: tuple[str, str]  # the default script in zh and en

    def script(self, lang: str) -> str:
        return self.scripts[LANGS.index(lang)]

    @property
    def key(self) -> tuple[str, int, int]:
        """The subject's key in ``narrations`` (subject, ref_id, position): a stop is
        keyed by its id, so its narration follows it when the tour is reordered."""
        return self.kind, self.ref_id, 0


def _sentence(text: str, end: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？.!?" else text + end


def object_script(obj: CatalogObject, lang: str) -> str:
    """A guide's words for an object from its catalog record."""
    if lang == "zh":
        parts = [_sentence(obj.title_zh or obj.title_en or obj.accession, "。")]
        made = "，".join(p for p in (obj.date_text, obj.culture, (obj.maker + "作") if obj.maker else "") if p)
        parts += [_sentence(made, "。"), _sentence(obj.medium, "。"), _sentence(obj.description_zh, "。")]
        return "".join(p for p in parts if p)
    # Fields written in Chinese only are left out of the English script.
    latin = {f: v if not _HAN.search(v) else "" for f, v in (("maker", obj.maker), ("culture", obj.culture),
                                                             ("date", obj.date_text), ("medium", obj.medium))}
    parts = [_sentence(obj.title_en or obj.accession, ".")]
    made = ", ".join(p for p in (("Made by " + latin["maker"]) if latin["maker"] else "", latin["culture"],
                                 latin["date"]) if p)
    parts += [_sentence(made, "."), _sentence(latin["medium"], "."), _sentence(obj.description_en, ".")]
    return " ".join(p for p in parts if p)


def _hall_script(title_zh: str, title_en: str, desc_zh: str, desc_en: str, lang: str, prefix: str = "") -> str:
    if lang == "zh":
        return prefix + _sentence(title_zh or title_en, "。") + _sentence(desc_zh, "。")
    return " ".join(p for p in (prefix + _sentence(title_en or title_zh, "."), _sentence(desc_en, ".")) if p)


def list_subjects(project: Project, *, objects: list[str] | None = None,
                  with_objects: bool = True) -> list[Subject]:
    """Every narratable subject (objects in accession order, then halls, then tour stops);
    with ``objects``, only those objects (by accession number); ``with_objects=False``:
    only halls and stops (a large catalog is not read)."""
    catalog = Catalog(project)
    out: list[Subject] = []
    if objects is not None:
        rows = [catalog.get(a) for a in objects]
    elif with_objects:
        rows = list(catalog.iter_all())
    else:
        rows = []
    for obj in rows:
        out.append(Subject(OBJECT, obj.id, 0, f"object {obj.accession}",
                           (object_script(obj, "zh"), object_script(obj, "en"))))
    if objects is not None:
        return out
    db = project.db
    halls = {}
    for hid, slug, tz, te, dz, de in db.execute(
            "SELECT id, slug, title_zh, title_en, description_zh, description_en FROM halls ORDER BY position, id"):
        halls[hid] = (slug, tz, te, dz, de)
        out.append(Subject(HALL, hid, 0, f"hall {slug}",
                           (_hall_script(tz, te, dz, de, "zh"), _hall_script(tz, te, dz, de, "en"))))
    stop_objects = {}
    for stop_id, tour_slug, position, hall_id, object_id in db.execute(
            "SELECT s.id, t.slug, s.position, s.hall_id, s.object_id "
            "FROM tour_stops s JOIN tours t ON t.id = s.tour_id "
            "ORDER BY t.position, t.id, s.position"):
        slug, tz, te, dz, de = halls[hall_id]
        n = position + 1
        if object_id is not None:
            # a stop about one object: the hall's name, then the object's own script
            obj = stop_objects.get(object_id) or catalog.get(object_id)
            stop_objects[object_id] = obj
            scripts = (f"第{n}站。" + _sentence(tz or te, "。") + object_script(obj, "zh"),
                       f"Stop {n}. " + _sentence(te or tz, ".") + " " + object_script(obj, "en"))
        else:
            scripts = (_hall_script(tz, te, dz, de, "zh", f"第{n}站。"),
                       _hall_script(tz, te, dz, de, "en", f"Stop {n}. "))
        out.append(Subject(STOP, stop_id, position, f"tour {tour_slug} stop {n}", scripts))
    return out


def find_subject(project: Project, name: str) -> Subject:
    """A subject by an object's accession number, ``hall:SLUG`` or ``TOUR:N`` (stop N)."""
    from scenes.narration.store import NarrationError

    if name.startswith("hall:"):
        matches = [s for s in list_subjects(project, with_objects=False)
                   if s.kind == HALL and s.name == f"hall {name[5:]}"]
    elif ":" in name and name.rsplit(":", 1)[1].isdigit():
        tour, n = name.rsplit(":", 1)
        matches = [s for s in list_subjects(project, with_objects=False)
                   if s.kind == STOP and s.name == f"tour {tour} stop {n}"]
    else:
        accessions = Catalog(project).accessions()
        if name not in accessions:
            raise NarrationError(f"{project.path}: no object, hall or tour stop {name!r}",
                                 hint="name an accession number, hall:SLUG or TOUR:STOP-NUMBER")
        return list_subjects(project, objects=[name])[0]
    if not matches:
        raise NarrationError(f"{project.path}: no object, hall or tour stop {name!r}",
                             hint="name an accession number, hall:SLUG or TOUR:STOP-NUMBER")
    return matches[0]
