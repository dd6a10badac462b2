"""``--format json``: the whole result as one JSON document."""

from __future__ import annotations

import json

from gklint.core.diagnostic import Result


def render(result: Result, lang: str = "zh") -> str:
    """Chinese as it is; control, bidi and separator characters (a file name may hold them) as \\u escapes."""
    from gklint.core.display import json_safe

    return json_safe(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
