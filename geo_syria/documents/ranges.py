"""Corpus files read in byte ranges, so that each worker of a cluster reads its own share.

A CSV/TSV/JSONL corpus is cut into ranges of about :data:`RANGE_BYTES` that start and
end at record boundaries (:func:`plan_ranges`, one pass over the bytes counting quotes:
a line end is a boundary when the quotes before it are even, since a quote inside a
quoted field is doubled). A worker then reads a range alone: :func:`scan_range` gives
the ids its records ask for and its line count, and :func:`read_range` its documents,
numbered (lines, rows, ids) as :func:`~geo_syria.documents.read_corpus` numbers them
reading the whole file, once :func:`settle_range` has placed the range after the ones
before it (the ids given so far, on the client: an id repeated across ranges is renamed
as in one pass).

A quote inside an unquoted field (``5 "km" north``) throws the count off: the range that
ends at such a false boundary ends inside a quoted field, and its reading reports a
quote left open. Such a range is not :attr:`RangeScan.clean`; the caller joins it to the
next (:func:`joined`) and scans again, so every range is read from a true boundary. A
range that runs to the end of its file is read as is.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from geo_syria.documents.corpus import Columns, check_header, record_document, wanted_id
from geo_syria.documents.decoding import FileSource, choose_decoding, open_regular
from geo_syria.documents.ids import IdSet
from geo_syria.documents.model import Document, DocumentFailure
from geo_syria.documents.rows import Record, csv_records, csv_rows_after, jsonl_records

__all__ = [
    "RANGE_BYTES",
    "CorpusRange",
    "RangeScan",
    "joined",
    "plan_ranges",
    "read_range",
    "scan_range",
    "settle_range",
]

#: Bytes per range by default: about 500 news articles, a task of a second or more.
RANGE_BYTES = 1 << 20

#: Codecs in which the bytes of ``\n``, ``\r`` and ``"`` only ever stand for those characters.
_SPLITTABLE = {"utf-8", "utf-8-sig", "ascii", "latin-1", "iso8859-1", "iso8859-6"}
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class CorpusRange:
    """The bytes ``start:end`` of a corpus file, beginning and ending at record boundaries.

    ``row`` and ``line`` place the range in its file (the row and line numbers before its
    first record: 0 until :func:`settle_range` sets them), ``renames`` the ids of its
    records that repeat an earlier id (by record index).
    """

    path: str
    key: str
    start: int
    end: int
    size: int
    kind: str
    codec: str
    errors: str
    notes: tuple[str, ...]
    header: tuple[str, ...] | None
    columns: Columns
    max_bytes: int | None
    row: int = 0
    line: int = 0
    renames: tuple[tuple[int, str], ...] = ()

    @property
    def at_end(self) -> bool:
        """The range runs to the end of its file."""
        return self.end >= self.size


@dataclass(frozen=True, slots=True)
class RangeScan:
    """What a range holds: per record its row in the range and the id it asks for.

    ``wanted`` holds ``(row, id or None)`` per record, the row counted in the range
    (``None``: the id is ``"<file>:<row>"``); ``lines`` the line ends in the range;
    ``clean`` is false when a record's quoting broke (the range began or ended inside
    a quoted field, or the file's quoting is broken there).
    """

    wanted: tuple[tuple[int, str | None], ...]
    lines: int
    clean: bool


def _splittable(codec: str) -> bool:
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return False
    return name in _SPLITTABLE or name.startswith("cp125")


def _cuts(raw: io.BufferedIOBase, size: int, *, quotes: bool) -> list[int]:
    """Return the offsets after a line end where each range after the first starts."""
    cuts: list[int] = []
    offset, odd, target = 0, 0, size
    while chunk := raw.read(_CHUNK):
        pos, n = 0, len(chunk)
        while pos < n:
            if offset + pos < target:  # count the quotes up to the target
                upto = min(n, target - offset)
                odd ^= chunk.count(b'"', pos, upto) & 1 if quotes else 0
                pos = upto
                continue
            found = chunk.find(b"\n", pos)
            stop = n if found < 0 else found + 1
            odd ^= chunk.count(b'"', pos, stop) & 1 if quotes else 0
            pos = stop
            if found >= 0 and not odd:
                cuts.append(offset + pos)
                target = offset + pos + size
        offset += n
    return [c for c in cuts if c < offset]


def plan_ranges(
    path: str | Path,
    *,
    key: str,
    columns: Columns,
    encoding: str | None = None,
    max_bytes: int | None = None,
    size: int = RANGE_BYTES,
) -> list[CorpusRange] | None:
    r"""Cut a corpus file into ranges of about ``size`` bytes; None when it must be read whole.

    A file that cannot be opened or decoded, or whose header lacks a chosen column, is
    left to :func:`~geo_syria.documents.read_documents` (None), which reports it. A file
    in UTF-16 or UTF-32 is one range.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "c.csv")
    ...     _ = open(p, "w").write('id,text\n1,"Homs\nand Hama"\n2,Idlib\n3,Daraa\n')
    ...     [(r.start, r.end) for r in plan_ranges(p, key="c", columns=Columns(), size=8)]
    [(0, 26), (26, 42)]
    """
    from geo_syria.exc import DocumentError

    path = Path(path)
    kind = path.suffix.lower().lstrip(".").replace("ndjson", "jsonl")
    try:
        raw = open_regular(path)
    except DocumentError:
        return None
    with raw:
        try:
            decoding = choose_decoding(FileSource(raw), path=str(path), encoding=encoding)
        except DocumentError:
            return None
        header = None
        raw.seek(0)
        if kind != "jsonl":
            codec, errors = decoding.codec, decoding.errors
            text = io.TextIOWrapper(raw, encoding=codec, errors=errors, newline="")
            first, _ = csv_records(text, delimiter="\t" if kind == "tsv" else ",")
            try:
                check_header(path, first or [], columns)
            except DocumentError:
                return None
            header = tuple(first or ())
            text.detach()
        total = path.stat().st_size
        raw.seek(0)
        cuts = _cuts(raw, size, quotes=kind != "jsonl") if _splittable(decoding.codec) else []
    starts, ends = [0, *cuts], [*cuts, total]
    notes = (decoding.note,) if decoding.note else ()
    shared = (total, kind, decoding.codec, decoding.errors, notes, header, columns, max_bytes)
    bounds = zip(starts, ends, strict=True)
    return [CorpusRange(str(path), key, start, end, *shared) for start, end in bounds]


def joined(first: CorpusRange, second: CorpusRange) -> CorpusRange:
    """Return one range of two that follow each other.

    Examples
    --------
    >>> a = CorpusRange("c.csv", "c", 0, 8, 20, "csv", "utf-8", "strict", (), None, Columns(), None)
    >>> (joined(a, replace(a, start=8, end=20)).start, joined(a, replace(a, start=8, end=20)).end)
    (0, 20)
    """
    return replace(first, end=second.end)


def _lines(rng: CorpusRange) -> tuple[str, io.StringIO]:
    with open_regular(Path(rng.path)) as raw:
        raw.seek(rng.start)
        data = raw.read(rng.end - rng.start)
    codec = rng.codec
    if rng.start > 0 and codecs.lookup(codec).name == "utf-8-sig":
        codec = "utf-8"  # the byte-order mark is at the start of the file only
    text = data.decode(codec, rng.errors)
    return text, io.StringIO(text, newline="\n" if rng.kind == "jsonl" else "")


def _records(rng: CorpusRange, lines: io.StringIO) -> Iterator[Record]:
    if rng.kind == "jsonl":
        return jsonl_records(lines, first_line=rng.line + 1)
    delimiter = "\t" if rng.kind == "tsv" else ","
    if rng.start == 0:
        return csv_records(lines, delimiter=delimiter)[1]
    header = list(rng.header or ())
    return csv_rows_after(lines, delimiter=delimiter, header=header, row=rng.row, line=rng.line + 1)


def _line_ends(text: str, kind: str) -> int:
    if kind == "jsonl":
        return text.count("\n")
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def scan_range(rng: CorpusRange) -> RangeScan:
    r"""Read a range (on a worker) for the ids its records ask for and its line count.

    The range is read numbered from its own start (``row`` and ``line`` are ignored).

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "c.csv")
    ...     _ = open(p, "w").write('id,text\n1,"Homs\nand Hama"\n,Idlib\n')
    ...     ranges = plan_ranges(p, key="c", columns=Columns(id="id"), size=8)
    ...     first, second = scan_range(ranges[0]), scan_range(ranges[1])
    >>> first
    RangeScan(wanted=((2, '1'),), lines=3, clean=True)
    >>> second
    RangeScan(wanted=((1, None),), lines=1, clean=True)
    """
    local = replace(rng, row=0, line=0)
    text, lines = _lines(local)
    wanted, clean = [], True
    for record in _records(local, lines):
        clean = clean and not record.quoting
        wanted.append((record.row, wanted_id(record, columns=rng.columns, max_bytes=rng.max_bytes)))
    return RangeScan(tuple(wanted), _line_ends(text, rng.kind), clean)


def settle_range(
    rng: CorpusRange, scan: RangeScan, ids: IdSet, *, row: int, line: int
) -> CorpusRange:
    """Place a scanned range after ``row`` rows and ``line`` lines of its file; claim its ids.

    ``ids`` are the ids given so far in the run (in input order): the ids of the range's
    records are claimed in it, and those that repeat an earlier one are renamed as one
    pass over the inputs renames them.

    Examples
    --------
    >>> rng = CorpusRange("c.csv", "c", 9, 20, 20, "csv", "utf-8", "strict", (), ("id", "text"),
    ...                   Columns(id="id"), None)
    >>> ids = IdSet(); _ = ids.claim("7", key="c", row=2)
    >>> settle_range(rng, RangeScan(((1, "7"), (2, None)), 2, True), ids, row=2, line=2).renames
    ((0, '7:3'),)
    """
    renames = []
    for index, (local_row, value) in enumerate(scan.wanted):
        number = local_row + row
        wanted = value or f"{rng.key}:{number}"
        given = ids.claim(wanted, key=rng.key, row=number)
        if given != wanted:
            renames.append((index, given))
    return replace(rng, row=row, line=line, renames=tuple(renames))


class _PlannedIds(IdSet):
    """The ids of one settled range: each record's wanted id, or its rename."""

    def __init__(self, renames: tuple[tuple[int, str], ...]) -> None:
        super().__init__()
        self._renames = dict(renames)
        self._index = -1

    def claim(self, wanted: str, *, key: str, row: int | None = None) -> str:
        self._index += 1
        return self._renames.get(self._index, wanted)


def read_range(rng: CorpusRange) -> Iterator[Document | DocumentFailure]:
    r"""Yield the documents of a settled range, as reading the whole file yields them.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "c.csv")
    ...     _ = open(p, "w").write('id,text\n1,"Homs\nand Hama"\n,Idlib\n')
    ...     second = plan_ranges(p, key="c", columns=Columns(id="id"), size=8)[1]
    ...     [d.id for d in read_range(replace(second, row=2, line=3))]
    ['c:3']
    """
    _, lines = _lines(rng)
    ids = _PlannedIds(rng.renames)
    path = Path(rng.path)
    for record in _records(rng, lines):
        yield record_document(
            record,
            path=path,
            key=rng.key,
            columns=rng.columns,
            notes=rng.notes,
            ids=ids,
            max_bytes=rng.max_bytes,
        )
