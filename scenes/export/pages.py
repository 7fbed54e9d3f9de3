"""The package's HTML pages, rendered with Jinja2 (autoescaping on: every text
from the project is escaped; only the JSON-LD blocks, escaped by
:func:`scenes.opendata.jsonld.jsonld_script`, go in as markup).

Pages carry no inline script or style, so the Content-Security-Policy below can
forbid both.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markupsafe import Markup

# The one inline style allowed: OpenSeadragon (the deep-zoom viewer) adds a rule
# hiding the focus ring on touch screens; the hash is of that rule's exact text.
DEEPZOOM_STYLE_HASH = "'sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE='"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' " + DEEPZOOM_STYLE_HASH + "; img-src 'self' data: blob:; "
       "media-src 'self' blob:; connect-src 'self'; font-src 'self'; worker-src 'self'; "
       "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'")
# The kiosk profile's viewer reads its tiles from data: URLs.
KIOSK_CSP = CSP.replace("connect-src 'self'", "connect-src 'self' data:")
# A page with a 3D model: the meshopt and Draco decoders are WebAssembly, and
# GLTFLoader reads a GLB's embedded textures through blob: URLs.
MODEL_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'") \
    .replace("connect-src 'self'", "connect-src 'self' blob:")


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("scenes.export", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False,
                       keep_trailing_newline=True)
    env.filters["lang_of"] = lang_of
    return env


def render(template: str, *, root: str, page_kind: str, title: dict, site_title: dict,
           description: str = "", jsonld: list[str] = (), kiosk: bool = False, model: bool = False,
           **context: Any) -> str:
    """Render one page.

    :param root: the path from the page to the package root ("" or "../").
    :param title: the page title per language, ``{"zh": ..., "en": ...}``.
    :param jsonld: ``<script type="application/ld+json">`` blocks, already escaped.
    :param kiosk: the page belongs to a package whose halls also work from disk.
    :param model: the page has a 3D viewer (its decoders need WebAssembly).
    """
    return _environment().get_template(template).render(
        root=root, page_kind=page_kind, title=title, site_title=site_title, description=description,
        csp=KIOSK_CSP if kiosk else MODEL_CSP if model else CSP, kiosk=kiosk, jsonld=[Markup(block) for block in jsonld], **context)


def both(zh: str | None, en: str | None) -> dict:
    """A text in both languages, each falling back to the other."""
    zh, en = (zh or "").strip(), (en or "").strip()
    return {"zh": zh or en, "en": en or zh}


def one_line(zh: str | None, en: str | None) -> str:
    """Both languages in one string (for attributes that cannot switch: alt, meta)."""
    parts = list(dict.fromkeys(p for p in ((zh or "").strip(), (en or "").strip()) if p))
    return " / ".join(parts)


def lang_of(text: str) -> str:
    """The language tag of a text that has one form only: Chinese if it holds Han
    characters, else English (accession numbers, Latin names, English records)."""
    from scenes.opendata.values_en import has_cjk

    return "zh-Hans" if has_cjk(text or "") else "en"
