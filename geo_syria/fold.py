"""Places merged across documents: all at once (:func:`report_places`) or as documents finish.

:class:`PlaceFold` takes the per-document reports of
:func:`geo_syria.pipeline.iter_reports` one at a time and keeps, per place, its count of
mentions and documents, its best confidence and the first :data:`SAMPLE_SIZE` mentions;
per unresolved name, its count and first mentions. Its memory grows with the number of
distinct places and names, not with the corpus: the full mention list goes to the export.
A kept mention holds what the map and the export show of it (the mention, the place,
the confidence, the reasons, an estimate), not the alternatives considered, and every
place is the fold's one object of that id: reports unpickled from a Dask cluster carry
a copy of each place (extent and source record included) per partition, and a sample
holding those copies grew by 4 MB a thousand documents.

Examples
--------
>>> from geo_syria.pipeline import iter_reports
>>> fold = PlaceFold(sample_size=1)
>>> for part in iter_reports(["Rebels shelled Aleppo.", "Aleppo and Hama were quiet."]):
...     fold.add(part)
>>> [(p.place.name, p.n_mentions, p.n_docs, len(p.resolutions)) for p in fold.places()]
[('Aleppo', 2, 2, 1), ('Hama', 1, 1, 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from geo_syria.exc import InvalidOptionError
from geo_syria.report import Report, ReportPlace

if TYPE_CHECKING:
    from geo_syria.claims import Claim
    from geo_syria.claims.model import ClaimedRegion
    from geo_syria.place import Place
    from geo_syria.resolve import Resolution

__all__ = ["NAME_SAMPLE_SIZE", "SAMPLE_SIZE", "PlaceFold", "report_places", "split_report"]

#: Mentions kept in memory per place by a :class:`PlaceFold`: the map's popup pages
#: through them and says how many more the export holds.
SAMPLE_SIZE = 200

#: Mentions kept in memory per unresolved name: the map's panel lists 50 sentences a name
#: (:func:`geo_syria.render.controls.unresolved_html`); the export has every mention.
NAME_SAMPLE_SIZE = 50


def report_places(resolutions: Iterable[Resolution]) -> list[ReportPlace]:
    """Return one place per chosen place id: most mentioned first, then by name.

    Places mentioned as often and named alike keep the order they first appear in.
    """
    groups: dict[str, list[Resolution]] = {}
    get = groups.get
    for r in resolutions:
        place = r.place
        if place is not None:
            group = get(place.id)
            if group is None:
                groups[place.id] = [r]
            else:
                group.append(r)
    keyed = [
        (-len(group), group[0].place.name, n, group) for n, group in enumerate(groups.values())
    ]
    keyed.sort()
    return [
        ReportPlace(group[0].place, tuple(group), max([r.confidence for r in group]))
        for _, _, _, group in keyed
    ]


class _Tally:
    """What a fold keeps of one place or name: counts, best confidence, first mentions."""

    __slots__ = ("confidence", "n_docs", "n_mentions", "place", "sample")

    def __init__(self, place: Place | None) -> None:
        self.place = place
        self.n_mentions = 0
        self.n_docs = 0
        self.confidence = 0.0
        self.sample: list[Resolution] = []

    def add(self, resolutions: Iterable[Resolution], room: int, keep: Callable) -> None:
        docs = set()
        for r in resolutions:
            self.n_mentions += 1
            self.confidence = max(self.confidence, r.confidence)
            docs.add(r.mention.doc_id)
            if len(self.sample) < room:
                self.sample.append(keep(r))
        self.n_docs += len(docs)

    def count(self, n_mentions: int, n_docs: int, confidence: float) -> None:
        """Add counts folded elsewhere."""
        self.n_mentions += n_mentions
        self.n_docs += n_docs
        self.confidence = max(self.confidence, confidence)


class PlaceFold:
    """Places and unresolved names folded in from per-document reports, with bounded memory.

    Parameters
    ----------
    sample_size : int, keyword-only
        Mentions kept per place (:data:`SAMPLE_SIZE`).
    name_sample_size : int, keyword-only
        Mentions kept per unresolved name (:data:`NAME_SAMPLE_SIZE`).

    Raises
    ------
    InvalidOptionError
        When ``sample_size`` or ``name_sample_size`` is not a whole number >= 1.

    Examples
    --------
    >>> PlaceFold(sample_size=0)
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: sample_size=0 is not allowed; give a whole number >= 1
    """

    def __init__(
        self, *, sample_size: int = SAMPLE_SIZE, name_sample_size: int = NAME_SAMPLE_SIZE
    ) -> None:
        for name, size in (("sample_size", sample_size), ("name_sample_size", name_sample_size)):
            if isinstance(size, bool) or not isinstance(size, int) or size < 1:
                raise InvalidOptionError(
                    f"{name}={size!r} is not allowed; give a whole number >= 1"
                )
        self.sample_size = sample_size
        self.name_sample_size = name_sample_size
        self._places: dict[str, _Tally] = {}
        self._names: dict[str, _Tally] = {}
        #: One object per place id (the first met), shared by every kept mention.
        self._known: dict[str, Place] = {}
        #: One object per claimed region (anchor ids and statement), for :meth:`kept_claim`.
        self._regions: dict[tuple, ClaimedRegion] = {}

    def add(self, part: Report) -> None:
        """Fold in the places and unresolved names of a report (one or more whole documents)."""
        for rp in part.places:
            tally = self._places.get(rp.place.id)
            if tally is None:
                tally = self._places[rp.place.id] = _Tally(self._place(rp.place))
            tally.add(rp.resolutions, self.sample_size, self._kept)
        for r in part.unresolved_names:
            tally = self._names.get(r.mention.text)
            if tally is None:
                tally = self._names[r.mention.text] = _Tally(None)
            tally.add((r,), self.name_sample_size, self._kept)

    def _place(self, place: Place) -> Place:
        """Return the fold's object of this place (the first one met with its id)."""
        return self._known.setdefault(place.id, place)

    def _kept(self, r: Resolution) -> Resolution:
        """Return what a sample keeps of a mention: no alternatives, the fold's places."""
        place = r.place if r.place is None else self._place(r.place)
        estimate = r.estimate
        if estimate is not None and self._place(estimate.area) is not estimate.area:
            estimate = replace(estimate, area=self._place(estimate.area))
        if place is r.place and estimate is r.estimate and not r.alternatives:
            return r
        return replace(r, place=place, alternatives=(), estimate=estimate)

    def kept_claim(self, claim: Claim) -> Claim:
        """Return a claim as a map keeps it: its resolutions kept so, its region shared.

        A claim from a Dask cluster carries its own copies of its places and of its
        region; the claims the map keeps share the fold's places and one region per
        anchor and statement, so each region is drawn (hundreds of vertices) once.

        Examples
        --------
        >>> from geo_syria.pipeline import analyze
        >>> fold = PlaceFold()
        >>> a, b = analyze(["Soran, 20 km north of Hama."] * 2).claims
        >>> fold.kept_claim(a).check.region is fold.kept_claim(b).check.region
        True
        """
        anchor2 = claim.anchor2 if claim.anchor2 is None else self._kept(claim.anchor2)
        check = claim.check
        claimed = check.claimed if check is not None else None
        if claimed is not None:
            second = claimed.anchor2
            key = (claimed.anchor.id, claimed.spec, second.id if second is not None else None)
            shared = self._regions.get(key)
            if shared is None:
                kept = None if second is None else self._place(second)
                shared = replace(claimed, anchor=self._place(claimed.anchor), anchor2=kept)
                self._regions[key] = shared
            check = replace(check, claimed=shared)
        return replace(
            claim,
            subject=self._kept(claim.subject),
            anchor=self._kept(claim.anchor),
            anchor2=anchor2,
            check=check,
        )

    def merge(self, places: Iterable[ReportPlace]) -> None:
        """Fold in places already folded elsewhere (a partition's, in first-met order).

        Their counts are added and their samples extended up to ``sample_size``.
        """
        for rp in places:
            tally = self._places.get(rp.place.id)
            if tally is None:
                tally = self._places[rp.place.id] = _Tally(self._place(rp.place))
            tally.count(rp.n_mentions, rp.n_docs, rp.confidence)
            room = self.sample_size - len(tally.sample)
            tally.sample.extend(self._kept(r) for r in rp.resolutions[: max(0, room)])

    def full_places(self) -> frozenset[str]:
        """Return the ids of the places whose sample of mentions is full.

        Examples
        --------
        >>> from geo_syria.pipeline import analyze
        >>> fold = PlaceFold(sample_size=2)
        >>> fold.add(analyze(["Rebels shelled Aleppo and Homs, then Aleppo again."]))
        >>> sorted(fold.full_places())  # Aleppo twice, Homs once
        ['curated:aleppo']
        """
        room = self.sample_size
        return frozenset(pid for pid, t in self._places.items() if len(t.sample) >= room)

    def merge_tallies(self, tallies: Iterable[tuple[str, int, int, float]]) -> None:
        """Add the counts of places met before: ``(id, mentions, documents, confidence)``.

        A partition whose places' samples are full here sends these (see
        :meth:`full_places`) instead of the places with their mentions.

        Raises
        ------
        KeyError
            For a place this fold has not met.
        """
        for place_id, n_mentions, n_docs, confidence in tallies:
            self._places[place_id].count(n_mentions, n_docs, confidence)

    def places(self, *, by_count: bool = True) -> tuple[ReportPlace, ...]:
        """Return the places so far, ordered as :func:`report_places` orders them.

        Each keeps its first mentions as ``resolutions`` and the true ``n_mentions``
        and ``n_docs``. With ``by_count=False``, in the order they were first met
        (for :meth:`merge`).
        """
        keyed = [(-t.n_mentions, t.place.name, n, t) for n, t in enumerate(self._places.values())]
        if by_count:
            keyed.sort()
        return tuple(
            ReportPlace(t.place, tuple(t.sample), t.confidence, t.n_mentions, t.n_docs)
            for _, _, _, t in keyed
        )

    def unresolved(self) -> tuple[Resolution, ...]:
        """Return the first mentions of each unresolved name, names in the order first met."""
        return tuple(r for t in self._names.values() for r in t.sample)

    @property
    def n_unresolved(self) -> int:
        """Unresolved names in all (each mention once), as the export lists them."""
        return sum(t.n_mentions for t in self._names.values())

    def unresolved_counts(self) -> dict[str, int]:
        """Return how often each unresolved name (as written) was met, in the order first met."""
        return {name: t.n_mentions for name, t in self._names.items()}


def split_report(report: Report) -> Iterator[Report]:
    """Yield one report per document of a whole report, as :func:`iter_reports` would.

    Examples
    --------
    >>> from geo_syria.pipeline import analyze
    >>> parts = list(split_report(analyze(["Rebels shelled Aleppo.", "Hama."])))
    >>> [p.places[0].place.name for p in parts]
    ['Aleppo', 'Hama']
    """
    resolutions: dict[str, list[Resolution]] = {}
    for r in report.resolutions:
        resolutions.setdefault(r.mention.doc_id, []).append(r)
    claims: dict[str, list] = {}
    for c in report.claims:
        claims.setdefault(c.doc_id, []).append(c)
    for status in report.documents:
        mine = resolutions.pop(status.document.id, [])
        yield Report(
            documents=(status,),
            places=tuple(report_places(mine)),
            resolutions=tuple(mine),
            claims=tuple(claims.pop(status.document.id, [])),
        )
