"""Build a gazetteer from source files: import each, merge, report what was skipped."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geo_syria.gazetteer.importers import (
    ImportResult,
    SkippedRow,
    expand_sources,
    import_source,
)
from geo_syria.place import Place

__all__ = ["BuildResult", "build_gazetteer", "build_gazetteer_report"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """The outcome of a build.

    Parameters
    ----------
    places : tuple of Place
        The merged places.
    imports : tuple of ImportResult
        What each source gave, with its skipped rows.
    default_count : int
        Places taken from the embedded default (0 without it).
    """

    places: tuple[Place, ...]
    imports: tuple[ImportResult, ...]
    default_count: int = 0

    @property
    def read_count(self) -> int:
        """Records read in all, before merging."""
        return self.default_count + sum(len(r.places) for r in self.imports)

    @property
    def merged_count(self) -> int:
        """Records merged into another record of the same place."""
        return self.read_count - len(self.places)

    @property
    def skipped(self) -> tuple[SkippedRow, ...]:
        """Every source row reported and skipped, source by source, in file order.

        Examples
        --------
        >>> BuildResult((), (ImportResult("a.csv", "user_csv", (), (SkippedRow("a.csv", 3,
        ...     "lat", "out of range"),)),)).skipped[0].line
        3
        """
        return tuple(row for imp in self.imports for row in imp.skipped)


def build_gazetteer_report(
    sources: Iterable[str | Path],
    *,
    include_default: bool = True,
    country: str | None = None,
) -> BuildResult:
    """Import every source and merge them; return places and per-source reports.

    Default (curated) places come first so they win; then the sources in the order given.
    The same place from two sources becomes one record with all names and provenances.

    Parameters
    ----------
    sources : iterable of path
        Source files (any format :func:`~geo_syria.gazetteer.importers.sniff` knows), or
        directories of vector layers (see
        :func:`~geo_syria.gazetteer.importers.expand_sources`).
    include_default : bool, keyword-only
        Start from the embedded default gazetteer.
    country : str, optional, keyword-only
        Keep only this country's rows of GeoNames dumps.

    Returns
    -------
    BuildResult

    Raises
    ------
    GazetteerFormatError
        When a source is unreadable as a whole.
    """
    from geo_syria.gazetteer.merge import merge_places

    imports = tuple(import_source(s, country=country) for s in expand_sources(sources))
    base: list[Place] = []
    if include_default:
        from geo_syria.gazetteer.default import load_default_gazetteer

        base = list(load_default_gazetteer().places)
    places = merge_places([*base, *(p for r in imports for p in r.places)])
    result = BuildResult(tuple(places), imports, len(base))
    logger.info(
        "built %d places from %d records (%d merged)",
        len(places),
        result.read_count,
        result.merged_count,
    )
    if result.skipped:
        logger.warning(
            "%d source rows were skipped (each reported above); first: %s",
            len(result.skipped),
            result.skipped[0],
        )
    return result


def build_gazetteer(
    sources: Iterable[str | Path],
    *,
    include_default: bool = True,
    country: str | None = None,
) -> list[Place]:
    """Import every source and merge them into one list of places.

    See :func:`build_gazetteer_report` for the parameters; this returns only the places.

    Examples
    --------
    >>> build_gazetteer([], include_default=False)
    []
    """
    return list(
        build_gazetteer_report(sources, include_default=include_default, country=country).places
    )
