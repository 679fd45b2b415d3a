"""Text that is safe to show: bidirectional control characters made visible.

A right-to-left override (U+202E) in an article or a gazetteer name reverses the
text shown after it, so a popup or a terminal table can display something other
than what the text says ("Trojan Source" spoofing). Every displayed string passes
through :func:`safe_text`, which replaces each bidi control by a visible marker.
"""

from __future__ import annotations

__all__ = ["BIDI_CONTROLS", "BIDI_MARKER", "safe_text"]

#: The bidi formatting characters: marks (LRM, RLM, ALM), embeddings and overrides
#: (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
)

#: What a bidi control is shown as: the Unicode replacement character, one
#: character for one, so offsets into the text still hold.
BIDI_MARKER = "\ufffd"

_TABLE = {ord(char): BIDI_MARKER for char in BIDI_CONTROLS}


def safe_text(value: object) -> str:
    r"""Return ``value`` as text with every bidi control replaced by :data:`BIDI_MARKER`.

    ``None`` becomes ``""``. The result has the same length as ``str(value)``.

    Parameters
    ----------
    value : object
        A string, or anything ``str()`` turns into one.

    Returns
    -------
    str
        The text, shown in the order it is written.

    Examples
    --------
    >>> safe_text("Hama \u202e20 km north") == "Hama " + BIDI_MARKER + "20 km north"
    True
    >>> safe_text(None), safe_text(3.5)
    ('', '3.5')
    """
    if value is None:
        return ""
    return str(value).translate(_TABLE)
