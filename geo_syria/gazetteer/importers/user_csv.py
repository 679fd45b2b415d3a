"""Import a plain user CSV: ``name, lat, lon`` and optional columns.

Optional columns: ``id``, ``feature_type`` (default ``village``), ``variants``
(``|``-separated), ``name_ar``, ``country``, ``admin1``, ``admin2``, ``admin3`` and
their ``_pcode`` columns, ``population``, ``precision_m``, ``source``, ``licence``.

The delimiter (comma, tab, semicolon or pipe) is found from the header. Rows are read
by :func:`geo_syria.gazetteer.curated.row_to_place`, the curated reader's own row rules;
a bad row (wrong number of cells, a cell over
:data:`~geo_syria.gazetteer.importers._common.MAX_CELL_CHARS` characters, rows swallowed
by an unbalanced quote, bad values) is reported with its line and skipped instead of
raising. A row
without an ``id`` is named after its place (``user:suran``); when that id is taken,
the line number is added (``user:suran-3``), so two places of one name both survive.
"""

from __future__ import annotations

import logging
from pathlib import Path

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.curated import CURATED_COLUMNS, row_to_place, slug
from geo_syria.gazetteer.importers._common import (
    Collector,
    ImportResult,
    bad_text,
    delimiter_name,
    read_table,
    read_text,
)

__all__ = ["USER_COLUMNS", "USER_REQUIRED", "read_user_csv"]

logger = logging.getLogger(__name__)

USER_REQUIRED = ("name", "lat", "lon")
#: Curated columns a user CSV does not take (no source ids, extents or notes).
_CURATED_ONLY = frozenset({"source_id", "extent_wkt", "note"})
#: Every column the user CSV may have: the curated schema, the name and position first.
USER_COLUMNS = (
    *USER_REQUIRED,
    *(c for c in CURATED_COLUMNS if c not in {*USER_REQUIRED, *_CURATED_ONLY}),
)


def read_user_csv(path: str | Path, *, dataset: str = "user") -> ImportResult:
    r"""Read a plain user CSV into places.

    Parameters
    ----------
    path : str or Path
        The table (UTF-8, a header row; comma-, tab-, semicolon- or pipe-separated).
    dataset : str, keyword-only
        Id prefix and dataset label for rows without an ``id``/``source``.

    Returns
    -------
    ImportResult

    Raises
    ------
    GazetteerFormatError
        For a missing ``name``/``lat``/``lon`` column or an empty or binary file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = f.write_text("name,lat,lon,feature_type,variants\n"
    ...                  "Maardas,35.2,36.7,village,Ma'ardes|Maar Dis\n"
    ...                  "Nowhere,95,36.7,,\n")
    >>> r = read_user_csv(f)
    >>> [(p.id, p.variants) for p in r.places]
    [('user:maardas', ("Ma'ardes", 'Maar Dis'))]
    >>> r.skipped[0].line, r.skipped[0].column
    (3, 'lat')
    >>> _ = f.write_text("name\tlat\tlon\nSoran\t35.29\t36.75\n")
    >>> [p.id for p in read_user_csv(f).places]
    ['user:soran']
    """
    path = Path(path)
    spath = str(path)
    text = read_text(path)
    out = Collector(spath, "user_csv")
    header, delimiter, rows = read_table(text, out=out, required=USER_REQUIRED)
    missing = [c for c in USER_REQUIRED if c not in header]
    if missing:
        raise GazetteerFormatError(
            f"missing columns {missing}; a user CSV needs {list(USER_REQUIRED)} "
            f"and may have {list(USER_COLUMNS[3:])} (the header, read as "
            f"{delimiter_name(delimiter)}-separated, has {header[:10]})",
            path=spath,
            line=1,
            column=missing[0],
        )

    ids: set[str] = set()
    for line, row in rows:
        bad = next((c for c, v in row.items() if bad_text(v)), None)
        if bad is not None:
            out.skip(line, bad, "not UTF-8")
            continue
        # A row without an id is named after its place; two Surans get distinct ids.
        made = slug(row["name"])
        if f"{dataset}:{made}" in ids:
            made = f"{made}-{line}"
        place = row_to_place(
            row,
            path=spath,
            line=line,
            namespace=dataset,
            required=USER_REQUIRED,
            defaults={"id": made, "feature_type": "village"},
            skip=out.skip,
        )
        if place is not None:
            ids.add(place.id)
            out.places.append(place)
    if not out.places and not out.skipped:
        raise GazetteerFormatError("no rows after the header", path=spath, line=2)
    result = out.result()
    logger.info("%s", result.summary())
    return result
