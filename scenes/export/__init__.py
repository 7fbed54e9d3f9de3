"""The exporter: an exhibition as a static web package ("cloud exhibition").

:func:`export_package` plans every file (pages, viewer data, open data, tiles
from the panorama tile cache, object media), then writes them to a temporary
folder beside the output folder and renames it into place::

    from scenes.export import export_package
    report = export_package(project, "site", base_url="https://museum.example/expo/")
    print("\\n".join(report.lines()))

Modules: :mod:`.package` (plan and write), :mod:`.plan` (the plan, size report),
:mod:`.writer` (atomic writing, zip), :mod:`.halls`, :mod:`.objects` (published
files), :mod:`.site_pages` / :mod:`.pages` (HTML), :mod:`.viewer_data`
(``data/viewer.json``), :mod:`.offline` (service worker, manifest, icons),
:mod:`.derived` (cached derived images), :mod:`.web_bundle` (the built front end).
"""

from scenes.export.errors import ExportError
from scenes.export.package import ExportReport, check_exportable, export_package, plan_package
from scenes.export.plan import ExportPlan, SizeReport

__all__ = ["ExportError", "ExportPlan", "ExportReport", "SizeReport", "check_exportable", "export_package",
           "plan_package"]
