"""Data into ``<script>``: JSON that cannot end the script element or break out of a string."""

from __future__ import annotations

import json
import re
from typing import Any

_TEMPLATE_OPEN = re.compile(r"\{(?=[{%#])")
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_js(value: Any) -> str:
    r"""Return ``value`` as a JavaScript literal safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so ``</script>`` or ``<!--`` in
    article text cannot end or confuse the element; quotes are JSON-escaped; and
    ``{{``, ``{%``, ``{#`` lose their first brace to ``\\u007b``, so the text is
    never Jinja template code.

    Examples
    --------
    >>> out = to_js({"n": "</script><img onerror='x'>"})
    >>> "<" in out or ">" in out, json.loads(out)["n"]
    (False, "</script><img onerror='x'>")
    >>> out = to_js(["{{ 7*7 }} {% if x %}", {"a": {"b": "{#"}}])
    >>> "{{" in out or "{%" in out or "{#" in out, json.loads(out)[0][:9]
    (False, '{{ 7*7 }}')
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for char, escape in _UNSAFE.items():
        text = text.replace(char, escape)
    # a "{" before "{", "%" or "#" is always inside a string (JSON's own braces are
    # followed by a quote or "}"): escape it so no template engine sees a tag
    return _TEMPLATE_OPEN.sub(r"\\u007b", text)
