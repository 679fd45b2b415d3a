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


def __getattr__(name: str):
    # the reading pipeline, imported on first use so ``import geo_syria`` stays light
    lazy = {
        "analyze": ("geo_syria.pipeline", "analyze"),
        "read_documents": ("geo_syria.documents", "read_documents"),
        "Document": ("geo_syria.documents", "Document"),
        "DocumentFailure": ("geo_syria.documents", "DocumentFailure"),
        "Mention": ("geo_syria.recognize", "Mention"),
        "recognize": ("geo_syria.recognize", "recognize"),
        "Resolution": ("geo_syria.resolve", "Resolution"),
        "Report": ("geo_syria.report", "Report"),
        "ReportPlace": ("geo_syria.report", "ReportPlace"),
        "DocumentStatus": ("geo_syria.report", "DocumentStatus"),
        "render_map": ("geo_syria.render", "render_map"),
        "Claim": ("geo_syria.claims", "Claim"),
        "ClaimCheck": ("geo_syria.claims", "ClaimCheck"),
        "OfflineGeocoder": ("geo_syria.geocoder", "OfflineGeocoder"),
    }
    if name in lazy:
        from importlib import import_module

        module, attr = lazy[name]
        return getattr(import_module(module), attr)
    raise AttributeError(f"module 'geo_syria' has no attribute {name!r}")


__all__ = [
    "FEATURE_TYPES",
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
    "load_default_gazetteer",
    "read_documents",
    "recognize",
    "render_map",
    "to_geodataframe",
    "to_geojson",
    "write_report",
]
