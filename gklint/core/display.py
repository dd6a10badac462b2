"""Text from outside (file names, zip entry names, error texts) made safe to print.

A file name may hold a line break (it fakes a line of output), ANSI escape sequences (they recolour
the terminal, retitle the window, move the cursor) or bidirectional overrides (they reorder what is
shown). ``printable`` writes every such character as a visible escape, the way Python's ``repr``
does, and leaves everything else (Chinese, spaces, backslashes of Windows paths) as it is.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; line and paragraph separators; bidirectional marks, embeddings,
# overrides and isolates; the lone surrogates ``os.fsdecode`` makes of bytes that are not UTF-8.
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHERS}]")
_UNSAFE_IN_JSON = re.compile(f"[{_OTHERS}]")  # json.dumps escapes C0 in strings; outside them, \n is layout


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with control, separator, bidi and surrogate characters written as ``\\xNN``/``\\uNNNN``."""
    return _UNSAFE.sub(_escape, str(text))


def json_safe(text: str) -> str:
    """JSON text with the characters ``printable`` escapes written as ``\\uNNNN`` escapes: the same
    data once parsed, and nothing a terminal obeys when it is printed. (``json.dumps`` escapes C0
    controls itself; this covers the others: DEL, C1, separators, bidi marks, lone surrogates.)"""
    if text.replace("\n", " ").isprintable():  # every character it escapes is unprintable: the common case,
        return text  # nothing to escape, found at C speed
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
