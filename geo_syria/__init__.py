"""geo_syria: a checked map from English news reporting on the Syrian war, offline.

The pipeline runs by stage, each a module or subpackage importing only the stages
before it: :mod:`~geo_syria.documents` → :mod:`~geo_syria.gazetteer` →
:mod:`~geo_syria.recognize` → :mod:`~geo_syria.resolve` → :mod:`~geo_syria.claims` →
:mod:`~geo_syria.report` → :mod:`~geo_syria.pipeline` (the :class:`Analyzer` that runs
them) → map / export / cli. Shared helpers: :mod:`~geo_syria.geo`,
:mod:`~geo_syria.text`, :mod:`~geo_syria.spans`, :mod:`~geo_syria.cache`,
:mod:`~geo_syria.fileio`, :mod:`~geo_syria.checks`.

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
from geo_syria.gazetteer import Gazetteer, Match, load_default_gazetteer
from geo_syria.place import FEATURE_TYPES, Place, Provenance

#: Names of the reading pipeline, imported on first use so ``import geo_syria`` stays light.
_LAZY = {
    "Analyzer": "geo_syria.pipeline",
    "analyze": "geo_syria.pipeline",
    "find_mentions": "geo_syria.pipeline",
    "iter_reports": "geo_syria.pipeline",
    "read_documents": "geo_syria.documents",
    "Document": "geo_syria.documents",
    "DocumentFailure": "geo_syria.documents",
    "Mention": "geo_syria.recognize",
    "Resolution": "geo_syria.resolve",
    "Report": "geo_syria.report",
    "ReportPlace": "geo_syria.report",
    "DocumentStatus": "geo_syria.report",
    "render_map": "geo_syria.render",
    "Claim": "geo_syria.claims",
    "ClaimCheck": "geo_syria.claims",
    "OfflineGeocoder": "geo_syria.geocoder",
    "to_geodataframe": "geo_syria.export",
    "to_geojson": "geo_syria.export",
    "write_report": "geo_syria.export",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'geo_syria' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "FEATURE_TYPES",
    "Analyzer",
    "Claim",
    "ClaimCheck",
    "Document",
    "DocumentError",
    "DocumentFailure",
    "DocumentStatus",
    "DownloadError",
    "Gazetteer",
    "GazetteerFormatError",
    "GeoSyriaError",
    "InvalidOptionError",
    "Match",
    "Mention",
    "OfflineError",
    "OfflineGeocoder",
    "Place",
    "PlaceNotFoundError",
    "Provenance",
    "Report",
    "ReportPlace",
    "Resolution",
    "__version__",
    "analyze",
    "find_mentions",
    "iter_reports",
    "load_default_gazetteer",
    "read_documents",
    "render_map",
    "to_geodataframe",
    "to_geojson",
    "write_report",
]
