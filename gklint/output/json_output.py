"""``--format json``: the whole result as one JSON document."""

from __future__ import annotations

import json

from gklint.core.diagnostic import Result


def render(result: Result, lang: str = "zh") -> str:
    """Chinese as it is; control, bidi and separator characters (a file name may hold them) as \\u escapes."""
    from gklint.core.display import json_safe

    return json_safe(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))


def file_part(f) -> str:
    """One file's entry of ``render``'s "files" array, as it is indented there."""
    from gklint.core.display import json_safe

    text = json.dumps(f.to_dict(), ensure_ascii=False, indent=2, default=str)
    return json_safe("    " + text.replace("\n", "\n    "))


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
