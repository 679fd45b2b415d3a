"""Data into ``<script>``: JSON that cannot end the script element or break out of a string."""

from __future__ import annotations

import json
from typing import Any

_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_js(value: Any) -> str:
    r"""Return ``value`` as a JavaScript literal safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so ``</script>`` or ``<!--`` in
    article text cannot end or confuse the element; quotes are JSON-escaped.

    Examples
    --------
    >>> out = to_js({"n": "</script><img onerror='x'>"})
    >>> "<" in out or ">" in out, json.loads(out)["n"]
    (False, "</script><img onerror='x'>")
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for char, escape in _UNSAFE.items():
        text = text.replace(char, escape)
    return text
