"""``--format json``: the whole result as one JSON document."""

from __future__ import annotations

import json
import re
from functools import cache

from gklint.core.diagnostic import Result

try:  # a C encoder that indents (json.dumps with ``indent`` is pure Python): a file's entry at C speed
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; without it, json.dumps (same bytes, slower)
    _orjson = None


def render(result: Result, lang: str = "zh") -> str:
    """Chinese as it is; control, bidi and separator characters (a file name may hold them) as \\u escapes."""
    from gklint.core.display import json_safe

    return json_safe(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))


def file_bytes(f) -> bytes:
    """One file's entry of ``render``'s "files" array, as it is indented there, in UTF-8. Where nothing is to be
    escaped (``json_safe``, which leaves spaces and line breaks alone; looked for in orjson's bytes), orjson's
    bytes are indented as they are: no text made of them."""
    from gklint.core.display import json_safe

    data = _dumps(f.to_dict()) if _plain_file(f) else None
    if data is not None and not any(search(data) for search in _unsafe()):
        return b"    " + data.replace(b"\n", b"\n    ")
    text = json.dumps(f.to_dict(), ensure_ascii=False, indent=2, default=str) if data is None else data.decode("utf-8")
    return ("    " + json_safe(text).replace("\n", "\n    ")).encode("utf-8")


@cache
def _unsafe() -> tuple:
    """Searches of UTF-8 bytes for each character ``json_safe`` escapes but the lone surrogates (which orjson
    refuses to write): DEL and C1, U+061C, U+200E-U+200F, U+2028-U+202E, U+2066-U+2069 (every code point is
    checked against ``json_safe`` in tests/test_json_encoding.py). Each begins with its own bytes, which the regex
    engine skips ahead to: faster than decoding the text to look at it."""
    return tuple(re.compile(p).search for p in (
        rb"\x7f", rb"\xc2[\x80-\x9f]", rb"\xd8\x9c", rb"\xe2\x80[\x8e\x8f\xa8-\xae]", rb"\xe2\x81[\xa6-\xa9]"))


def series_bytes(f, found) -> bytes:
    """``file_bytes`` of a file given series findings (``found``, merged into ``f``): its whole entry again
    (``api.Run.render_series``' render)."""
    return file_bytes(f)


def _dumps(data: dict) -> bytes | None:
    """``json.dumps(data, ensure_ascii=False, indent=2, default=str)`` by orjson, in UTF-8, whose bytes are the
    same for what ``_plain_file`` lets through; None where orjson refuses (an integer past 64 bits, a key that
    is not text, a lone surrogate, nesting too deep): json.dumps then says it as it always has."""
    if _orjson is None:
        return None
    try:
        return _orjson.dumps(data, default=str, option=_orjson.OPT_INDENT_2 | _orjson.OPT_PASSTHROUGH_DATACLASS
                             | _orjson.OPT_PASSTHROUGH_DATETIME)
    except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
        return None


def _plain_file(f) -> bool:
    """Does every value of ``f.to_dict()`` that is not text by construction write the same in orjson as in
    json.dumps? Floats are the difference: json writes ``1e-05``, ``1e+16``, ``NaN`` where orjson writes
    ``0.00001``, ``1e16``, ``null``, and a float subclass (numpy's) as a number where orjson calls
    ``default``. The open values: the metadata, each finding's expected, found, values, parts' values
    and the sources of its places."""
    if not _plain(f.meta):
        return False
    for d in f.diagnostics:
        if not ((type(d.expected) in _SCALARS or _plain(d.expected)) and (type(d.found) in _SCALARS or _plain(d.found))
                and _plain(d.values)):
            return False
        for p in d.parts:
            if not (type(p.value) in _SCALARS or _plain(p.value)) or (
                    p.location is not None and not _plain_source(p.location.source)):
                return False
        if not _plain_source(d.location.source) or (d.related and not all(_plain_source(r.source) for r in d.related)):
            return False
    return True


_SCALARS = frozenset({str, int, bool, type(None)})


def _plain(value) -> bool:
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is float:
        return value == 0 or 1e-4 <= abs(value) < 1e16  # False for NaN and the infinities too
    if kind is dict:
        for k, v in value.items():
            if type(k) is not str or not (type(v) in _SCALARS or _plain(v)):
                return False
        return True
    if kind is list or kind is tuple:
        for v in value:
            if not (type(v) in _SCALARS or _plain(v)):
                return False
        return True
    return False  # anything else (a subclass, an object written by ``default``): json.dumps


def _plain_source(source) -> bool:
    return source is None or (_plain(source.box) and _plain(source.confidence))


def head_tail(result: Result, any_file: bool = True) -> tuple[str, str]:
    """What comes before the "files" array's entries and after them (the summary), as ``render`` writes
    them, with the final newline the CLI adds: the document streamed (``gklint.output.Sink``)."""
    from gklint.core.display import json_safe
    from gklint.core.diagnostic import SEVERITIES

    summary = {s: result.count(s) for s in SEVERITIES} | {"unreadable": len(result.unreadable)}
    empty = json_safe(json.dumps({"files": [], "summary": summary}, ensure_ascii=False, indent=2, default=str))
    head, rest = empty.split('  "files": [],\n', 1)
    if not any_file:
        return empty[:len(empty) - len(rest)], rest + "\n"
    return head + '  "files": [\n', "\n  ],\n" + rest + "\n"
