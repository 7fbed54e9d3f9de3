"""The package's credits page (``credits.html``): who made what the exhibition shows
and under which licence, as the licences ask.

Two sources: the project's credits record (setting ``credits``: a JSON list of
entries for what is not a catalog object: panoramas, scans, recordings, each with
``title``, ``author``, ``licence``, optional ``licence_url``, ``credit``, ``url``,
``changes``), and every published object's own credit line and rights. Every
page's footer links here.

    from scenes.export.credits import set_credits
    set_credits(project, [{"title": "Lobby panorama", "author": "Poly Haven", "licence": "CC0 1.0"}])
"""

from __future__ import annotations

import json
from typing import Sequence

from assets.project import Project
from scenes.errors import ExhibitionError
from scenes.export.pages import both, render
from scenes.export.plan import ExportPlan
from scenes.opendata.urls import object_page_path

CREDITS_PAGE = "credits.html"
SETTING = "credits"
FIELDS = ("file", "title", "author", "institution", "licence", "licence_url", "credit", "url", "source", "changes")


def set_credits(project: Project, entries: Sequence[dict]) -> list[dict]:
    """Store the project's credits record (replacing it); unknown keys are dropped.

    :raises ExhibitionError: an entry without a title or without a licence, or a link
        that is not http(s).
    """
    clean = []
    for n, entry in enumerate(entries, 1):
        item = {k: str(entry.get(k) or "").strip() for k in FIELDS}
        where = f"{project.path}: credits entry {n}"
        if not item["title"] or not item["licence"]:
            raise ExhibitionError(f"{where}: give a title and a licence")
        for key in ("url", "licence_url"):
            if item[key] and not item[key].startswith(("https://", "http://")):
                raise ExhibitionError(f"{where}: {key} {item[key]!r} is not an http(s) address")
        clean.append(item)
    project.set_setting(SETTING, json.dumps(clean, ensure_ascii=False))
    return clean


def load_credits(project: Project) -> list[dict]:
    """The project's credits record (empty when unset or unreadable)."""
    try:
        entries = json.loads(project.get_setting(SETTING, "") or "[]")
    except ValueError:
        return []
    return [{k: str(e.get(k) or "") for k in FIELDS} for e in entries if isinstance(e, dict)]


def plan_credits(plan: ExportPlan, project: Project, objects, *, site_title: dict, kiosk: bool = False) -> str:
    """Plan ``credits.html`` from the credits record and the objects' credit lines."""
    works = [{"title": both(o.title_zh, o.title_en) if (o.title_zh or o.title_en) else both(o.accession, o.accession),
              "accession": o.accession, "href": object_page_path(o.accession),
              "credit": o.credit_line, "rights": o.rights}
             for o in objects if o.credit_line or o.rights]
    title = {"zh": f"致谢与授权 · {site_title['zh']}", "en": f"Credits and licences · {site_title['en']}"}
    plan.add_text(CREDITS_PAGE, render("credits.html", kiosk=kiosk, root="", page_kind="credits", title=title,
                                       site_title=site_title, description="", jsonld=[], works=works,
                                       media=load_credits(project)))
    return CREDITS_PAGE
