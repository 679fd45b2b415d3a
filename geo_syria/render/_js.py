"""Data into ``<script>``: JSON that cannot end the script element or break out of a string.

The JSON is compact (no spaces) and written by orjson when it is installed (a compiled
encoder, several times faster than :mod:`json` on a corpus map's megabytes), else by
:mod:`json` with the same output.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["to_js", "to_js_chunks"]

_TEMPLATE_OPEN = re.compile(r"\{(?=[{%#])")
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def _dumps(value: Any) -> str:
    """Return compact JSON; NaN and infinities are refused by both encoders."""
    try:
        import orjson
    except ImportError:
        return json.dumps(
            value, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_scalar
        )
    text = orjson.dumps(value, default=_scalar, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    if "null" in text and _has_nan(value):  # orjson writes NaN as null: refuse it as json does
        raise ValueError("Out of range float values are not JSON compliant")
    return text


def _scalar(value: Any) -> Any:
    """Return a numpy scalar as its Python value (:mod:`json` takes them as float subclasses)."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def _has_nan(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_nan(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_nan(v) for v in value)
    return False


def to_js(value: Any) -> str:
    r"""Return ``value`` as a JavaScript literal safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so ``</script>`` or ``<!--`` in
    article text cannot end or confuse the element; quotes are JSON-escaped; and
    ``{{``, ``{%``, ``{#`` lose their first brace to ``\\u007b``, so the text is
    never Jinja template code. The literal is also valid JSON.

    Examples
    --------
    >>> out = to_js({"n": "</script><img onerror='x'>"})
    >>> "<" in out or ">" in out, json.loads(out)["n"]
    (False, "</script><img onerror='x'>")
    >>> out = to_js(["{{ 7*7 }} {% if x %}", {"a": {"b": "{#"}}])
    >>> "{{" in out or "{%" in out or "{#" in out, json.loads(out)[0][:9]
    (False, '{{ 7*7 }}')
    >>> to_js({"a": [1, 2.5]})
    '{"a":[1,2.5]}'
    """
    text = _UNSAFE_RE.sub(lambda m: _UNSAFE[m.group(0)], _dumps(value))
    # a "{" before "{", "%" or "#" is always inside a string (JSON's own braces are
    # followed by a quote or "}"): escape it so no template engine sees a tag
    return _TEMPLATE_OPEN.sub(r"\\u007b", text)


def to_js_chunks(value: list | dict | str, *, max_chars: int = 256_000) -> list[str]:
    """Return ``value`` as :func:`to_js` texts of about ``max_chars`` each, to join again.

    A list is cut into shorter lists, a dict into dicts of some of its keys, a string
    into pieces: the page concatenates, merges or joins them (one multi-megabyte
    ``<script>`` element is one token the HTML parser cannot pause inside, and so one
    long task; pieces let the page breathe while it loads).

    Examples
    --------
    >>> to_js_chunks(["aaaa", "bbbb", "cccc"], max_chars=14)
    ['["aaaa","bbbb"]', '["cccc"]']
    >>> to_js_chunks({"a": 1, "b": 2}, max_chars=6), to_js_chunks("abcdef", max_chars=4)
    (['{"a":1}', '{"b":2}'], ['"abcd"', '"ef"'])
    """
    if isinstance(value, str):
        return [to_js(value[i : i + max_chars]) for i in range(0, max(1, len(value)), max_chars)]
    items = list(value.items()) if isinstance(value, dict) else list(value)
    chunks: list[list] = [[]]
    size = 0
    for item in items:
        n = len(to_js(item)) + 1
        if chunks[-1] and size + n > max_chars:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += n
    return [to_js(dict(c) if isinstance(value, dict) else c) for c in chunks]
