"""``sitemap.xml`` and ``robots.txt`` for a package published at a base URL.

Every HTML page is listed once per language (``page.html?lang=zh`` and
``?lang=en``, which the pages honour), each entry with ``xhtml:link``
alternates for both languages and the plain URL as ``x-default`` (the way
search engines want bilingual pages described). ``robots.txt`` allows
everything and names the sitemap; crawlers read it only at a host's root, so a
package published under a path (``/expo/``) has its ``Sitemap:`` line copied into
the site's own robots.txt. Both need absolute URLs, so they exist only with
``--base-url``.
"""

from __future__ import annotations

from typing import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

from scenes.opendata.urls import package_url

SITEMAP_PATH = "sitemap.xml"
ROBOTS_PATH = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
LANGUAGES = (("zh", "zh-Hans"), ("en", "en"))
# The sitemaps.org limit for one file; a package past it would need a sitemap index.
MAX_URLS = 50_000


def sitemap_pages(paths: Iterable[str]) -> list[str]:
    """The package's pages to list: every ``.html`` file, the home page first."""
    pages = sorted(p for p in paths if p.endswith(".html"))
    return sorted(pages, key=lambda p: p != "index.html")


def sitemap_xml(base_url: str, pages: Iterable[str], lastmod: Mapping[str, str] | None = None) -> str:
    """The sitemap listing each page in both languages, with hreflang alternates.

    :param base_url: the package's public address (normalised, absolute).
    :param pages: package-relative paths of the HTML pages.
    :param lastmod: W3C datetimes of pages whose last change is known (object pages:
        their catalog record's last edit).
    :raises ValueError: more URLs than one sitemap file may hold.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    count = 0
    for page in pages:
        plain = package_url(base_url, page)
        alternates = [(tag, f"{plain}?lang={lang}") for lang, tag in LANGUAGES] + [("x-default", plain)]
        for lang, _tag in LANGUAGES:
            count += 1
            lines.append("<url>")
            lines.append(f"<loc>{escape(f'{plain}?lang={lang}')}</loc>")
            if (lastmod or {}).get(page):
                lines.append(f"<lastmod>{escape(lastmod[page])}</lastmod>")
            lines += [f'<xhtml:link rel="alternate" hreflang="{tag}" href={quoteattr(url)}/>'
                      for tag, url in alternates]
            lines.append("</url>")
    if count > MAX_URLS:
        raise ValueError(f"{count} URLs: more than one sitemap file may list ({MAX_URLS})")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str) -> str:
    """Allow every crawler everywhere and point at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {package_url(base_url, SITEMAP_PATH)}\n"
