"""Open data, deep links and print for an exported package.

- :mod:`scenes.opendata.urls`: the package layout and URL builders (shared with the exporter)
- :mod:`scenes.opendata.exhibition_json`: ``data/exhibition.json`` and its JSON Schema check
- :mod:`scenes.opendata.iiif`: IIIF Presentation 3.0 manifests and the collection
- :mod:`scenes.opendata.jsonld`: schema.org JSON-LD and safe ``<script>`` embedding
- :mod:`scenes.opendata.qr`: QR codes as SVG
- :mod:`scenes.opendata.gallery_kit`: the printable PDF of object labels
  (:mod:`scenes.opendata.cjk_font` finds the Chinese font it embeds)
- :mod:`scenes.opendata.published`: what the exporter tells these writers about its files
- :mod:`scenes.opendata.licences`: rights text to Creative Commons / RightsStatements URIs

Every function is pure (returns dicts, strings or bytes) or writes to a path it
is given; none reads the project's media store.
"""
