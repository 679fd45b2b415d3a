"""Opening a file safely and choosing how to decode it.

Only regular files are opened: devices (``/dev/zero``), FIFOs, sockets and folders are
refused before a byte is read, so a reader never hangs or fills memory. A byte-order
mark decides the encoding (UTF-8, UTF-16, UTF-32); otherwise UTF-8 is tried, and a file
that is not UTF-8 is handed to charset-normalizer, restricted to the legacy encodings
news about Syria comes in (:data:`LEGACY_ENCODINGS`): left free on short texts it picks
``cp775`` or ``big5`` for plain Western text. The choice is logged, warned about and
recorded in each document's notes.
"""

from __future__ import annotations

import codecs
import logging
import os
import stat
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from geo_syria.exc import DocumentError

__all__ = ["FALLBACK_ENCODING", "LEGACY_ENCODINGS", "Decoding", "choose_decoding", "open_regular"]

logger = logging.getLogger(__name__)

#: Encodings charset-normalizer may choose among for a file that is not UTF-8.
LEGACY_ENCODINGS = ("cp1252", "cp1256", "iso8859_6")
#: Used (with replacement characters) when charset-normalizer finds none of them.
FALLBACK_ENCODING = "cp1252"

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_HEAD = 8192
_WINDOW = 1 << 16
_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True, slots=True)
class Decoding:
    """How to decode a file: the codec, the error handler, and the note to record (if any).

    Examples
    --------
    >>> Decoding("utf-8").errors
    'strict'
    """

    codec: str
    errors: str = "strict"
    note: str | None = None


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading bytes; refuse devices, FIFOs, sockets and folders.

    The file is opened without blocking (a FIFO would wait for a writer) and checked with
    ``fstat`` on the open descriptor.

    Raises
    ------
    DocumentError
        The file cannot be opened or is not a regular file.

    Examples
    --------
    >>> open_regular(Path("/dev/zero"))
    Traceback (most recent call last):
    ...
    geo_syria.exc.DocumentError: '/dev/zero' is a character device, not a regular file; ...
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise DocumentError(f"cannot read {str(path)!r}: {err.strerror or err}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a file")
            raise DocumentError(
                f"{str(path)!r} is {kind}, not a regular file; give a text file "
                "(devices, pipes and folders are never read)"
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class Source(Protocol):
    """The bytes being decoded: a file's whole content, or an open corpus file."""

    def head(self) -> bytes:
        """Return the first bytes."""
        ...

    def chunks(self) -> Iterator[bytes]:
        """Yield every byte, in chunks."""
        ...

    def window(self, offset: int) -> bytes:
        """Return some bytes around ``offset`` (for detection)."""
        ...


class BytesSource:
    """A :class:`Source` over bytes in memory (a text file)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def head(self) -> bytes:
        return self.data[:_HEAD]

    def chunks(self) -> Iterator[bytes]:
        for start in range(0, len(self.data), _CHUNK):
            yield self.data[start : start + _CHUNK]

    def window(self, offset: int) -> bytes:
        return self.data[max(0, offset - _WINDOW) : offset + _WINDOW]


class FileSource:
    """A :class:`Source` over an open binary file (a corpus), read in chunks, never whole."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh

    def _read(self, offset: int, size: int) -> bytes:
        self.fh.seek(offset)
        return self.fh.read(size)

    def head(self) -> bytes:
        return self._read(0, _HEAD)

    def chunks(self) -> Iterator[bytes]:
        self.fh.seek(0)
        while chunk := self.fh.read(_CHUNK):
            yield chunk

    def window(self, offset: int) -> bytes:
        start = max(0, offset - _WINDOW)
        return self._read(start, offset + _WINDOW - start)


def _first_error(source: Source, codec: str) -> tuple[str, int] | None:
    """Return ``(reason, byte offset)`` of the first byte ``codec`` cannot decode, or ``None``."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = 0
    try:
        for chunk in source.chunks():
            decoder.decode(chunk)
            offset += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as err:
        return err.reason, offset + max(err.start, 0)
    return None


def _check_not_binary(head: bytes, path: str) -> None:
    if b"\x00" in head:
        raise DocumentError(f"{path!r} is binary (it contains NUL bytes); give a text file")
    if head:
        control = sum(1 for b in head if b < 9 or 13 < b < 32)
        if control / len(head) > 0.1:
            raise DocumentError(f"{path!r} is binary ({control} control bytes); give a text file")


def _wide(codec: str) -> bool:
    return codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))


def _forced(source: Source, path: str, encoding: str) -> Decoding:
    try:
        wide = _wide(encoding)
    except LookupError:
        raise DocumentError(
            f"encoding={encoding!r} is not an encoding Python knows; give a codec name "
            "such as 'utf-8', 'cp1256' or 'utf-16'"
        ) from None
    if not wide:
        _check_not_binary(source.head(), path)
    error = _first_error(source, encoding)
    if error is not None:
        raise DocumentError(
            f"{path!r} cannot be decoded as encoding={encoding!r}: {error[0]} at byte {error[1]}"
        )
    return Decoding(encoding)


def choose_decoding(source: Source, *, path: str, encoding: str | None = None) -> Decoding:
    r"""Choose the codec for a file: forced, by byte-order mark, UTF-8, or detected.

    Raises
    ------
    DocumentError
        A binary file; a file that does not decode under a forced encoding or its own
        byte-order mark; an unknown ``encoding``.

    Examples
    --------
    >>> import warnings; warnings.simplefilter("ignore", UnicodeWarning)
    >>> choose_decoding(BytesSource("\ufeffJobar".encode("utf-16")), path="a.txt")
    Decoding(codec='utf-16', errors='strict', note=None)
    >>> choose_decoding(BytesSource("دمشق وحماة".encode("cp1256")), path="a.txt").codec
    'cp1256'
    """
    if encoding is not None:
        return _forced(source, path, encoding)
    head = source.head()
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            error = _first_error(source, codec)
            if error is not None:
                raise DocumentError(
                    f"{path!r} starts with a {name} byte-order mark but is not valid {name}: "
                    f"{error[0]} at byte {error[1]}"
                )
            return Decoding(codec)
    _check_not_binary(head, path)
    error = _first_error(source, "utf-8")
    if error is None:
        return Decoding("utf-8")
    from charset_normalizer import from_bytes

    best = from_bytes(source.window(error[1]), cp_isolation=list(LEGACY_ENCODINGS)).best()
    codec = best.encoding if best is not None else FALLBACK_ENCODING
    how = (
        f"detected by charset-normalizer among {', '.join(LEGACY_ENCODINGS)}"
        if best is not None
        else "none of the legacy encodings fits; unreadable bytes replaced"
    )
    note = f"{path!r} is not valid UTF-8 ({error[0]} at byte {error[1]}); read as {codec} ({how})"
    logger.warning("%s", note)
    warnings.warn(note, UnicodeWarning, stacklevel=3)
    return Decoding(codec, "replace", note)
