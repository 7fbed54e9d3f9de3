"""3D models: ingest (glTF/GLB, OBJ+MTL, PLY, STL), the light web version, the poster.

Modules, one concept each:

* :mod:`assets.models.sources` checks an offered file and gathers the files it uses
  (refusing broken or unsafe input with a one-line error naming the file);
* :mod:`assets.models.convert` turns OBJ/PLY/STL into glTF (trimesh), with units and up axis;
* :mod:`assets.models.node_tools` finds Node and the pinned glTF-Transform/validator tools;
* :mod:`assets.models.web` makes the web GLB within a :class:`~assets.models.profiles.Profile`;
* :mod:`assets.models.preview` renders pictures offscreen (pyvista);
* :mod:`assets.models.store` keeps models in a project (original, record, cached derived files).

Nothing heavy is imported here: trimesh, pyvista and Node start only when used.
"""
