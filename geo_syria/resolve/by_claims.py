"""Weighing candidates by the claims that locate them, and resolving the claims' anaphors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geo_syria.resolve.anaphora import resolve_anaphor, resolve_subject_anaphor
from geo_syria.resolve.candidates import NO_CANDIDATE
from geo_syria.resolve.resolution import How

if TYPE_CHECKING:
    from geo_syria.gazetteer import Gazetteer
    from geo_syria.place import Place
    from geo_syria.recognize import Mention
    from geo_syria.resolve.evidence import ClaimEvidence

__all__ = ["weigh_claims"]


def weigh_claims(
    drafts: Sequence[ClaimEvidence],
    gazetteer: Gazetteer,
    items: list[tuple[Mention, Any]],
    cache: Any = None,
) -> dict[tuple[int, int], tuple[Place | None, str, How]]:
    """Weigh candidates by the claims that locate them; resolve the claims' anaphors.

    ``items`` pairs each mention with its ``Surface`` or ``Scored``. Returns
    the anaphors' (place, reason, how) by span; an anaphor anchor that is no mention
    is added to ``items``. ``cache`` is handed to each claim's ``fit``.
    """
    by_span = {(mention.start, mention.end): s for mention, s in items}
    placed: tuple[list[int], list[Place]] = ([], [])
    if any(
        a is not None and a.source == "anaphor"
        for d in drafts
        for a in (d.anchor_mention, d.anchor2_mention, d.subject_mention)
    ):
        for mention, s in items:
            place = s.place()
            if place is not None:
                placed[0].append(mention.start)
                placed[1].append(place)
    previous_anchor: Place | None = None
    fixed: dict[tuple[int, int], tuple[Place | None, str, How]] = {}
    for draft in sorted(drafts, key=lambda d: d.start):
        anchor_places = []
        for anchor in (draft.anchor_mention, draft.anchor2_mention):
            if anchor is None:
                anchor_places.append(None)
                continue
            span = (anchor.start, anchor.end)
            s = by_span.get(span)
            if s is not None and s.matches:
                anchor_places.append(s.place())
                continue
            if anchor.source != "anaphor":
                # a name without candidates ("the village of Zor Zor") stays unresolved
                anchor_places.append(None)
                continue
            if span not in fixed:
                fixed[span] = resolve_anaphor(
                    anchor, draft, gazetteer, by_span, previous_anchor, placed
                )
                if s is None:
                    by_span[span] = NO_CANDIDATE
                    items.append((anchor, NO_CANDIDATE))
            anchor_places.append(fixed[span][0])
        anchor_place = anchor_places[0]
        if anchor_place is not None:
            previous_anchor = anchor_place
        subject = draft.subject_mention
        if subject is not None and subject.source == "anaphor":
            span = (subject.start, subject.end)
            if span not in fixed:
                fixed[span] = resolve_subject_anaphor(subject, placed, anchor_place)
                items.append((subject, NO_CANDIDATE))
            continue
        if subject is None or anchor_place is None or draft.relation == "between":
            continue
        s = by_span.get((subject.start, subject.end))
        if s is None or len(s.matches) < 2:
            continue
        fits = [draft.fit(m.place, anchor_place, cache=cache) for m in s.matches]
        s.scores = [x * (0.15 + 1.85 * fit) for x, fit in zip(s.scores, fits, strict=True)]
        s.claims.append((draft.text, fits))
    return fixed
