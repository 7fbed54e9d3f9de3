"""The published collection: which catalog objects get a page, their facets
(culture, period, medium, maker) and each object's related objects.

Objects shown in halls (and virtual halls) are always published, since the halls
link to their pages. Every other catalog object is published unless withdrawn
(:mod:`assets.catalog_publication`) or, when the export names licences
(``--rights``), unless its rights are one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from assets.project import Project
from scenes.export.errors import ExportError
from scenes.opendata.licences import licence_uri
from scenes.opendata.values_en import english, period_of

FACETS = ("culture", "period", "medium", "maker")
FACET_LABELS = {"culture": {"zh": "文化", "en": "Culture"}, "period": {"zh": "时期", "en": "Period"},
                "medium": {"zh": "材质", "en": "Medium"}, "maker": {"zh": "作者", "en": "Maker"}}
RELATED = 6


def published_ids(project: Project, exhibited: Iterable[int], *, rights: Sequence[str] | None = None) -> list[int]:
    """Ids of the objects the package publishes: ``exhibited`` (those in halls) first,
    then the rest of the catalog in accession order.

    :param rights: licences or rights texts ("CC0", "CC BY 4.0"); when given, only
        objects whose rights match one of them are published besides the exhibited ones.
    :raises ExportError: a ``rights`` entry is empty.
    """
    from assets.catalog_publication import withdrawn_ids

    exhibited = list(dict.fromkeys(exhibited))
    accept = _rights_filter(rights) if rights else None
    withdrawn = withdrawn_ids(project)
    shown = set(exhibited)
    rest = [oid for oid, text in project.db.execute("SELECT id, rights FROM objects ORDER BY accession")
            if oid not in shown and oid not in withdrawn and (accept is None or accept(text))]
    return exhibited + rest


def _rights_filter(rights: Sequence[str]):
    wanted_uris, wanted_texts = set(), set()
    for entry in rights:
        if not entry.strip():
            raise ExportError("--rights: an empty licence name", hint="for example --rights CC0 --rights 'CC BY 4.0'")
        uri = licence_uri(entry)
        if uri:
            wanted_uris.add(uri)
        wanted_texts.add(" ".join(entry.split()).casefold())

    def accept(text: str) -> bool:
        if " ".join((text or "").split()).casefold() in wanted_texts:
            return True
        uri = licence_uri(text or "")
        return uri is not None and uri in wanted_uris
    return accept


@dataclass(frozen=True)
class FacetValue:
    zh: str
    en: str | None   # None: no English form (shown as Chinese)


def facets_of(obj) -> dict[str, FacetValue | None]:
    """The object's value for each facet (None where it has none)."""
    raw = {"culture": obj.culture, "period": period_of(obj.date_text, obj.culture),
           "medium": obj.medium, "maker": obj.maker}
    out: dict[str, FacetValue | None] = {}
    for name, value in raw.items():
        value = " ".join((value or "").split())
        field = "date_text" if name == "period" else name
        out[name] = FacetValue(value, english("period" if name == "period" else field, value,
                                              None if name == "period" else obj.custom)) if value else None
    return out


def related_objects(objects: Sequence, facets: Sequence[dict], *, limit: int = RELATED) -> list[list[int]]:
    """For each object (by position), up to ``limit`` positions of others that share the
    most facet values with it (ties: nearest in catalog order). Bounded work: each
    object looks only at its neighbours within each facet group, so 10,000 objects
    take milliseconds."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(facets):
        for name in FACETS:
            if f[name] is not None:
                groups.setdefault((name, f[name].zh), []).append(i)
    where: dict[tuple[str, str], dict[int, int]] = {key: {i: n for n, i in enumerate(members)}
                                                   for key, members in groups.items()}
    window = limit
    out = []
    for i, f in enumerate(facets):
        score: dict[int, int] = {}
        for name in FACETS:
            if f[name] is None:
                continue
            key = (name, f[name].zh)
            members = groups[key]
            if len(members) < 2:
                continue
            at = where[key][i]
            for step in range(1, min(window, len(members) - 1) + 1):
                j = members[(at + step) % len(members)]
                if j != i:
                    score[j] = score.get(j, 0) + 1
        # every candidate's true score: the facets it shares with i
        shared = {j: sum(1 for name in FACETS if f[name] is not None and facets[j][name] is not None
                         and facets[j][name].zh == f[name].zh) for j in score}
        out.append(sorted(shared, key=lambda j: (-shared[j], (j - i) % len(objects)))[:limit])
    return out
