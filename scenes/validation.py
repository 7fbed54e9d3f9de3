"""What ``yunzhan check`` says about the exhibition: broken links, halls no visitor
can reach, object cards with nothing to show, images without alt text.

:func:`check_exhibition` reads the tables directly rather than through
:func:`scenes.model.load_exhibition`, so rows that other tools left dangling (a
file edited with foreign keys off, an older schema) are reported, not skipped.
"""

from __future__ import annotations

from collections import deque

from assets.findings import ERROR, WARNING, Finding
from assets.project import Project

_SHORT = 12


NO_HALLS = Finding(WARNING, "exhibition", "has no halls (add one with 'yunzhan hall add')")


def check_exhibition(project: Project) -> list[Finding]:
    """Every problem of the exhibition, errors (the package would be broken) first."""
    db = project.db
    findings: list[Finding] = []
    halls = {row[0]: row for row in db.execute(
        "SELECT id, slug, title_zh, title_en, panorama_sha, view_yaw, view_pitch, "
        "panorama_sha IN (SELECT sha256 FROM media) FROM halls ORDER BY position, id")}
    slugs = {hall_id: row[1] for hall_id, row in halls.items()}
    title = db.execute("SELECT title_zh, title_en FROM exhibition").fetchone()
    if not halls:
        # A catalog-only project is sound; the exporter refuses it (see NO_HALLS).
        findings.append(NO_HALLS)
    if title and not (title[0] or title[1]):
        findings.append(Finding(WARNING, "exhibition", "has no title (set one with 'yunzhan exhibition set')"))

    for hall_id, slug, title_zh, title_en, sha, yaw, pitch, stored in halls.values():
        where = f"hall {slug}"
        if not stored:
            findings.append(Finding(ERROR, where, f"panorama {sha[:_SHORT]}… is missing from the project"))
        if not (title_zh or title_en):
            findings.append(Finding(WARNING, where, "has no title"))
        findings += _angles(where, "initial view", yaw, pitch)

    findings += _hotspots(db, slugs)
    findings += _tours_and_plan(db, slugs)
    findings += _unreachable(db, slugs)
    findings += _objects(db)
    findings.sort(key=lambda f: f.severity != ERROR)  # stable: errors first, order kept otherwise
    return findings


def _hotspots(db, slugs: dict[int, str]) -> list[Finding]:
    found = []
    for (spot_id, hall_id, yaw, pitch, kind, target, arrive_yaw, arrive_pitch, object_id,
         object_known) in db.execute(
            "SELECT h.id, h.hall_id, h.yaw, h.pitch, h.kind, h.target_hall_id, h.arrive_yaw, h.arrive_pitch, "
            "h.object_id, o.id IS NOT NULL FROM hotspots h LEFT JOIN objects o ON o.id = h.object_id "
            "ORDER BY h.hall_id, h.id"):
        if hall_id not in slugs:
            found.append(Finding(ERROR, f"hotspot {spot_id}", f"belongs to hall #{hall_id}, which does not exist"))
            continue
        where = f"hotspot {spot_id} in hall {slugs[hall_id]}"
        found += _angles(where, "position", yaw, pitch)
        if kind == "hall":
            if target not in slugs:
                found.append(Finding(ERROR, where, f"links to hall #{target}, which does not exist"))
            if arrive_yaw is not None or arrive_pitch is not None:
                found += _angles(where, "arrival view", arrive_yaw or 0.0, arrive_pitch or 0.0)
        elif kind == "object" and not object_known:
            found.append(Finding(ERROR, where, f"opens catalog object #{object_id}, which does not exist"))
    return found


def _tours_and_plan(db, slugs: dict[int, str]) -> list[Finding]:
    found = []
    for tour_id, slug, stops in db.execute(
            "SELECT t.id, t.slug, (SELECT count(*) FROM tour_stops s WHERE s.tour_id = t.id) FROM tours t "
            "ORDER BY t.position, t.id"):
        if not stops:
            found.append(Finding(WARNING, f"tour {slug}", "has no stops"))
        for position, hall_id, narration, narration_known in db.execute(
                "SELECT position, hall_id, narration_sha, narration_sha IN (SELECT sha256 FROM media) "
                "FROM tour_stops WHERE tour_id = ? ORDER BY position", (tour_id,)):
            where = f"tour {slug} stop {position + 1}"
            if hall_id not in slugs:
                found.append(Finding(ERROR, where, f"visits hall #{hall_id}, which does not exist"))
            if narration is not None and not narration_known:
                found.append(Finding(ERROR, where, f"narration {narration[:_SHORT]}… is missing from the project"))
    plan = db.execute("SELECT floor_plan_sha, alt_zh, alt_en, sha256 IS NOT NULL FROM exhibition "
                      "LEFT JOIN media ON sha256 = floor_plan_sha").fetchone()
    if plan and plan[0]:
        if not plan[3]:
            found.append(Finding(ERROR, "floor plan", f"image {plan[0][:_SHORT]}… is missing from the project"))
        else:
            found += _alt("floor plan", plan[0], plan[1], plan[2])
    for (hall_id,) in db.execute("SELECT hall_id FROM floor_plan_pins ORDER BY hall_id"):
        if hall_id not in slugs:
            found.append(Finding(ERROR, "floor plan", f"pins hall #{hall_id}, which does not exist"))
    return found


def _unreachable(db, slugs: dict[int, str]) -> list[Finding]:
    """Halls that no walk from the start hall reaches. A visitor moves by hall hotspots,
    along the default tour, and by the floor plan's pins."""
    if not slugs:
        return []
    edges: dict[int, set[int]] = {hall_id: set() for hall_id in slugs}
    for source, target in db.execute("SELECT hall_id, target_hall_id FROM hotspots WHERE kind = 'hall'"):
        if source in edges and target in slugs:
            edges[source].add(target)
    tour = [r[0] for r in db.execute(
        "SELECT s.hall_id FROM tour_stops s JOIN exhibition e ON s.tour_id = e.default_tour_id "
        "ORDER BY s.position") if r[0] in slugs]
    for a, b in zip(tour, tour[1:]):
        edges[a].add(b)
        edges[b].add(a)
    pinned = {r[0] for r in db.execute(
        "SELECT hall_id FROM floor_plan_pins WHERE (SELECT floor_plan_sha FROM exhibition) IS NOT NULL")
        if r[0] in slugs}
    start = tour[0] if tour else next(iter(slugs))
    seen, queue = {start}, deque([start])
    while queue:
        hall_id = queue.popleft()
        # the floor plan is on screen in every hall, so every pinned hall is one click away
        for target in (edges[hall_id] | pinned) - seen:
            seen.add(target)
            queue.append(target)
    return [Finding(WARNING, f"hall {slug}",
                    f"cannot be reached from the start hall {slugs[start]} "
                    f"(no hotspot, default tour or floor plan pin leads to it)")
            for hall_id, slug in slugs.items() if hall_id not in seen]


def _objects(db) -> list[Finding]:
    """Objects pinned in halls: a card needs an image or text, and images need alt text."""
    found = []
    for object_id, accession, has_text in db.execute(
            "SELECT DISTINCT o.id, o.accession, (o.title_zh || o.title_en || o.description_zh || o.description_en) <> '' "
            "FROM hotspots h JOIN objects o ON o.id = h.object_id ORDER BY o.accession"):
        where = f"object {accession}"
        # A 3D model with a rendered picture (assets.models.preview) shows as an image; its
        # alt text defaults to "3D model of <title>" at export, so only photos are checked.
        images = db.execute(
            "SELECT m.sha256, m.alt_zh, m.alt_en FROM object_media om JOIN media m ON m.sha256 = om.sha256 "
            "WHERE om.object_id = ? AND m.kind = 'image' ORDER BY om.position, m.sha256", (object_id,)).fetchall()
        pictured_models = db.execute(
            "SELECT count(*) FROM object_media om JOIN media m ON m.sha256 = om.sha256 WHERE om.object_id = ? "
            "AND m.kind = 'model' AND EXISTS (SELECT 1 FROM sqlar WHERE name = 'derived/' || m.sha256 || "
            "'/display.jpg')", (object_id,)).fetchone()[0]
        if not images and not pictured_models and not has_text:
            found.append(Finding(ERROR, where, "is pinned in a hall but has no image and no text to show"))
        elif not images and not pictured_models:
            found.append(Finding(WARNING, where, "is pinned in a hall but has no image"))
        elif not has_text:
            found.append(Finding(WARNING, where, "is pinned in a hall but has no title or description"))
        for sha, alt_zh, alt_en in images:
            found += _alt(where, sha, alt_zh, alt_en)
    return found


def _alt(where: str, sha: str, alt_zh: str | None, alt_en: str | None) -> list[Finding]:
    missing = [name for name, text in (("Chinese", alt_zh), ("English", alt_en)) if not (text or "").strip()]
    if not missing:
        return []
    return [Finding(WARNING, where, f"image {sha[:_SHORT]}… has no {' or '.join(missing)} alt text")]


def _angles(where: str, what: str, yaw: float, pitch: float) -> list[Finding]:
    if -180 <= yaw <= 180 and -90 <= pitch <= 90:
        return []
    return [Finding(ERROR, where, f"{what} yaw {yaw:g}, pitch {pitch:g} is out of range "
                                  f"(yaw -180 to 180, pitch -90 to 90)")]
