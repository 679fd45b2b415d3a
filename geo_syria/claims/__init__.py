"""Claims: relative-location statements ("20 km north of Hama"), parsed and checked.

Four steps, each a public function the pipeline calls:

* :func:`find_claims` reads a document and its place mentions and returns
  :class:`ClaimDraft` values: distance, qualifier, bearing, relation, subject and anchor.
* :func:`claimed_region` turns a draft and its anchor place into the region the
  claim allows (a shapely polygon in lon/lat).
* :func:`check_claim` measures anchor → subject and returns a :class:`ClaimCheck`;
  :func:`claim_fit` scores how well a candidate pair fits (for the resolver).
* :func:`make_claim` joins a draft with its resolutions into a :class:`Claim`.

One module per concern: the words of a claim (:mod:`~geo_syria.claims.lexicon`: numbers,
units, qualifiers, compass points, MaNIS/VertNet precision), where claims can be
(:mod:`~geo_syria.claims.scan`), reading them (:mod:`~geo_syria.claims.read`,
:mod:`~geo_syria.claims.parts`), their geometry (:mod:`~geo_syria.claims.geometry`) and
their check (:mod:`~geo_syria.claims.check`); the values in :mod:`~geo_syria.claims.model`.

Examples
--------
>>> from geo_syria.documents import Document
>>> from geo_syria.recognize import Mention
>>> text = "Soran, some 20 km north of Hama, fell."
>>> def m(name):
...     i = text.index(name)
...     return Mention("d", i, i + len(name), name, text, 0)
>>> [d.text for d in find_claims(Document("d", text), [m("Soran"), m("Hama")])]
['some 20 km north of Hama']
"""

from __future__ import annotations

from geo_syria.claims.check import (
    check_claim,
    claim_fit,
    claim_resolutions,
    claimed_region,
    make_claim,
)
from geo_syria.claims.geometry import FIT_SCALE_KM, ClaimGeometry
from geo_syria.claims.lexicon import (
    distance_precision,
    distance_range,
    parse_bearing,
    parse_number,
)
from geo_syria.claims.model import RELATIONS, VERDICTS, Claim, ClaimCheck, ClaimDraft
from geo_syria.claims.read import find_claims

__all__ = [
    "FIT_SCALE_KM",
    "RELATIONS",
    "VERDICTS",
    "Claim",
    "ClaimCheck",
    "ClaimDraft",
    "ClaimGeometry",
    "check_claim",
    "claim_fit",
    "claim_resolutions",
    "claimed_region",
    "distance_precision",
    "distance_range",
    "find_claims",
    "make_claim",
    "parse_bearing",
    "parse_number",
]
