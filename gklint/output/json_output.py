"""``--format json``: the whole result as one JSON document."""

from __future__ import annotations

import json

from gklint.engine.diagnostic import Result


def render(result: Result, lang: str = "zh") -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str)
