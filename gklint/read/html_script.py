"""What a page's scripts write with ``document.write``: some CMS templates put the article (or a date) into a
JavaScript string and write it into the page, ``<script>document.write("<p>一、总体情况</p>…");</script>``.

No JavaScript is run: a script is read only when it is nothing but ``document.write(…)`` /
``document.writeln(…)`` calls whose arguments are string literals joined by ``+`` (comments and the old
``<!--`` … ``//-->`` wrapping allowed). Its literals are decoded as JavaScript decodes them (``\\"``,
``\\n``, ``\\xHH``, ``\\uHHHH``, ``\\u{…}``, a line continuation) and the script element is replaced in the
page's source by the text it writes, where a browser puts it. Any other script (a variable, a function call
such as ``unescape(…)`` or ``new Date()``, a condition) is left to be dropped with the other scripts.

The written text starts on the script's first line and is followed by the line breaks the script held beyond
those it writes, so every later element keeps its page-source line (unless the text writes more line breaks
than its script spans). It is never longer than the script, so a page does not grow.
"""

from __future__ import annotations

import re

from gklint.core import lazyre

_OPEN = lazyre.compile(r"<!--|<script\b([^<>]*)>", re.I)  # a comment (skipped) or a script's start tag
_CLOSE = lazyre.compile(r"</script\s*>", re.I)
_EXTERNAL = lazyre.compile(r"\bsrc\s*=", re.I)
_TYPE = lazyre.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_JS_TYPES = ("", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript",
             "text/jscript", "module")
_TOKEN = lazyre.compile(r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/|<!--[^\n]*|-->[^\n]*)
  | (?P<call>(?:window\s*\.\s*)?document\s*\.\s*write(?P<ln>ln)?\s*\()
  | (?P<string>"(?:[^"\\\n]|\\(?:\r\n|[\s\S]))*"|'(?:[^'\\\n]|\\(?:\r\n|[\s\S]))*'|`(?:[^`\\$]|\\[\s\S]|\$(?!\{))*`)
  | (?P<plus>\+)
  | (?P<close>\))
  | (?P<semicolon>;)
""", re.X | re.S)
_ESCAPE = lazyre.compile(r"\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\s\S]))")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0",
           "\n": "", "\r": "", "\r\n": "", "\u2028": "", "\u2029": ""}  # the last: a line continuation


def written(text: str) -> str:
    """``text`` (a page's source) with each script that only writes string literals replaced by what it
    writes; the text itself when no script does."""
    out: list[str] = []
    done = pos = 0
    while (start := _OPEN.search(text, pos)) is not None:
        if start.group(0) == "<!--":
            end = text.find("-->", start.end())
            if end < 0:
                break
            pos = end + 3
            continue
        close = _CLOSE.search(text, start.end())
        if close is None:
            break
        pos = close.end()
        script = text[start.end():close.start()]
        writes = _writes(script) if _is_javascript(start.group(1)) else None
        if writes is not None:
            out += [text[done:start.start()], writes, "\n" * (script.count("\n") - writes.count("\n"))]
            done = pos
    return "".join(out) + text[done:] if out else text


def _is_javascript(attributes: str) -> bool:
    """An inline script a browser runs as JavaScript (not an external one, nor a template or data block)."""
    if _EXTERNAL.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    return kind is None or kind.group(1).split(";")[0].lower() in _JS_TYPES


def _writes(script: str) -> str | None:
    """What ``script`` writes when it is only ``document.write``/``writeln`` calls of string literals joined
    by ``+``, else None (it also does something else, or writes nothing)."""
    parts: list[str] = []
    state = "call"  # what comes next: a call, its first literal, "+" or ")", a literal after "+"
    pos, newline = 0, False
    while pos < len(script):
        token = _TOKEN.match(script, pos)
        if token is None:
            return None
        pos, kind = token.end(), token.lastgroup
        if kind == "space":
            continue
        if state == "call" and kind == "call":
            state, newline = "first", bool(token.group("ln"))
        elif state == "call" and kind == "semicolon":
            continue
        elif state in ("first", "literal") and kind == "string":
            parts.append(_decode(token.group(0)[1:-1]))
            state = "joined"
        elif state == "joined" and kind == "plus":
            state = "literal"
        elif state == "joined" and kind == "close":
            parts.append("\n" if newline else "")
            state = "call"
        else:
            return None
    return "".join(parts) if state == "call" and parts else None


def _decode(body: str) -> str:
    """A JavaScript string literal's text (its quotes removed) as JavaScript reads it; a surrogate pair
    written as two escapes is one character, a lone surrogate becomes U+FFFD."""
    text = _ESCAPE.sub(_unescape, body)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def _unescape(match: re.Match) -> str:
    braced, four, two, other = match.groups()
    code = braced or four or two
    if code is not None:
        value = int(code, 16)
        return chr(value) if value < 0x110000 else "\ufffd"
    return _SIMPLE.get(other, other)
