"""Anaphoric claim anchors: "it", "the capital", "the provincial capital", "the Old City".

Examples
--------
>>> from geo_syria import load_default_gazetteer
>>> from geo_syria.recognize import Mention
>>> gaz = load_default_gazetteer()
>>> it = Mention("d", 30, 41, "the capital", "", 0, source="anaphor")
>>> place, why, how = resolve_anaphor(it, None, gaz, {}, None, ([], []))
>>> place.name, why, how
('Damascus', "'the capital': Damascus, the capital", <How.PLAIN: 0>)
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from geo_syria.resolve.candidates import gov_of
from geo_syria.resolve.resolution import How

if TYPE_CHECKING:
    from geo_syria.gazetteer import Gazetteer
    from geo_syria.place import Place
    from geo_syria.recognize import Mention
    from geo_syria.resolve.evidence import ClaimEvidence

__all__ = ["resolve_anaphor", "resolve_subject_anaphor"]

_KIND_SUFFIX = re.compile(r"^(?P<name>.+?)\s+(?P<kind>city|town|village)$", re.IGNORECASE)


def _lookup_one(gazetteer: Gazetteer, name: str, **kw: Any) -> Place | None:
    hits = gazetteer.search(name, fuzzy=False, limit=5, rated=False, **kw)
    return hits[0].place if hits else None


def resolve_anaphor(
    mention: Mention,
    draft: ClaimEvidence | None,
    gazetteer: Gazetteer,
    by_span: dict[tuple[int, int], Any],
    previous_anchor: Place | None,
    placed: tuple[list[int], list[Place]],
) -> tuple[Place | None, str, How]:
    """Return the place an anaphoric anchor refers to, why, and how (by its position only?).

    ``by_span`` maps mention spans to their candidates, ``placed`` lists the starts and
    places of the document's resolved mentions, in text order.
    """
    phrase = " ".join(mention.text.lower().split())
    n = bisect.bisect_left(placed[0], mention.start)
    lo = max(0, n - 40)
    subject = draft.subject_mention if draft is not None else None
    skip = subject.start if subject is not None else -1  # "it" is not the claim's subject
    preceding = [p for at, p in zip(placed[0][lo:n], placed[1][lo:n], strict=True) if at != skip]
    last_syrian = next((p for p in reversed(preceding) if p.in_syria), None)
    if "provincial capital" in phrase:
        gov = gov_of(last_syrian) if last_syrian else None
        if gov:
            place = _lookup_one(gazetteer, gov, in_syria=True, feature_types=("city",))
            why = f"'{mention.text}': the capital of {gov} governorate in context"
            return place, why, How.PLAIN
    if "capital" in phrase:
        place = _lookup_one(gazetteer, "Damascus", in_syria=True, feature_types=("city",))
        return place, f"'{mention.text}': Damascus, the capital", How.PLAIN
    if "old city" in phrase:
        centre = next(
            (p for p in reversed(preceding) if p.in_syria and p.feature_type == "city"), None
        )
        centre = centre or _lookup_one(gazetteer, "Damascus", in_syria=True)
        hits = gazetteer.search(
            "Old City", fuzzy=False, limit=10, in_syria=True, near=centre, rated=False
        )
        if hits:
            where = centre.name if centre else "Syria"
            return hits[0].place, f"'{mention.text}': the Old City of {where} in context", How.PLAIN
        return centre, f"'{mention.text}': no Old City record, the city in context", How.PLAIN
    kind = _KIND_SUFFIX.match(mention.text.strip())
    if kind and kind.group("name").lower() not in ("the", "this", "that", "a"):
        types = ("city",) if kind.group("kind").lower() == "city" else ("town", "village", "city")
        place = _lookup_one(gazetteer, kind.group("name"), feature_types=types)
        if place is not None:
            return place, f"'{mention.text}': the {kind.group('kind').lower()} named", How.PLAIN
    antecedent = draft.anchor_antecedent if draft is not None else None
    if antecedent is not None:
        s = by_span.get((antecedent.start, antecedent.end))
        if s is not None and s.place() is not None:
            return s.place(), f"'{mention.text}' refers to {antecedent.text}", How.POSITIONAL
    if previous_anchor is not None:
        return previous_anchor, f"'{mention.text}': the previous claim's anchor", How.POSITIONAL
    if preceding:
        return preceding[-1], f"'{mention.text}': the nearest preceding place", How.POSITIONAL
    return None, f"'{mention.text}': nothing to refer to", How.PLAIN


#: The feature types an anaphoric subject may refer to, by its head word.
_SUBJECT_TYPES = {
    "town": ("town", "village", "city", "camp"),
    "village": ("village", "town", "camp"),
    "city": ("city", "town"),
    "area": ("town", "village", "city", "camp", "neighbourhood", "region", "district"),
    "it": ("city", "town", "village", "camp", "neighbourhood", "landmark", "military"),
}
#: How far back an anaphoric subject's antecedent may stand, in characters.
_SUBJECT_REACH = 600


def resolve_subject_anaphor(
    mention: Mention,
    placed: tuple[list[int], list[Place]],
    anchor: Place | None,
) -> tuple[Place | None, str, How]:
    """Return the place an anaphoric claim subject ("It lies", "The town lies") refers to.

    The nearest place mentioned before it, within :data:`_SUBJECT_REACH` characters, that
    is in Syria, is not the claim's anchor and is of a kind the words allow ("the town": a
    town, village, city or camp); with why, and how (by its position only).

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> from geo_syria.recognize import Mention
    >>> hama = Place(id="c:h", name="Hama", lat=35.13, lon=36.75, feature_type="city")
    >>> it = Mention("d", 40, 42, "It", "It lies 210 km north of Damascus.", 40, source="anaphor")
    >>> place, why, how = resolve_subject_anaphor(it, ([5], [hama]), None)
    >>> place.name, why, how
    ('Hama', "'It' refers to Hama, the nearest city before it", <How.POSITIONAL: 2>)
    """
    head = mention.text.lower().split()[-1]
    types = _SUBJECT_TYPES.get(head, _SUBJECT_TYPES["it"])
    n = bisect.bisect_left(placed[0], mention.start)
    for at, place in zip(reversed(placed[0][:n]), reversed(placed[1][:n]), strict=True):
        if mention.start - at > _SUBJECT_REACH:
            break
        if place.in_syria and place.feature_type in types and place != anchor:
            kind = place.feature_type
            why = f"'{mention.text}' refers to {place.name}, the nearest {kind} before it"
            return place, why, How.POSITIONAL
    return None, f"'{mention.text}': no {'/'.join(types[:3])} before it to refer to", How.PLAIN
