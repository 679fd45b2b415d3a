"""geo_syria: a checked map from English news reporting on the Syrian war, offline.

The pipeline runs by stage: :mod:`~geo_syria.documents` →
:mod:`~geo_syria.gazetteer` → :mod:`~geo_syria.recognize` →
:mod:`~geo_syria.resolve` → :mod:`~geo_syria.claims` → :mod:`~geo_syria.report`
→ map / export / cli.

Examples
--------
>>> import geo_syria
>>> gaz = geo_syria.load_default_gazetteer()
>>> gaz.lookup("Joubar")[0].name
'Jobar'
"""

from __future__ import annotations

__version__ = "0.1.0"

from geo_syria.exc import (
    DocumentError,
    DownloadError,
    GazetteerFormatError,
    GeoSyriaError,
    InvalidOptionError,
    OfflineError,
    PlaceNotFoundError,
)
from geo_syria.export import to_geodataframe, to_geojson, write_report
from geo_syria.gazetteer import Gazetteer, Match, load_default_gazetteer
from geo_syria.place import FEATURE_TYPES, Place, Provenance

__all__ = [
    "FEATURE_TYPES",
    "DocumentError",
    "DownloadError",
    "Gazetteer",
    "GazetteerFormatError",
    "GeoSyriaError",
    "InvalidOptionError",
    "Match",
    "OfflineError",
    "Place",
    "PlaceNotFoundError",
    "Provenance",
    "__version__",
    "load_default_gazetteer",
    "to_geodataframe",
    "to_geojson",
    "write_report",
]
