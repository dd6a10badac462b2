"""What a Word style says with the styles it is based on (``w:basedOn``): the one walk of the chain, which the
hiding rules (``docx_shown``) and the numbering (``docx_numbering``) both take.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from docx.oxml.ns import qn

T = TypeVar("T")
_MAX_DEPTH = 20  # styles based on styles: a longer chain (or a cycle) says nothing more


def inherited(styles: dict, style_id: str | None, said: Callable[[object], T | None]) -> T | None:
    """The first answer ``said(style)`` gives along the chain of ``style_id`` in ``styles`` ({w:styleId: w:style}):
    the style, then the style it is based on, and so on (at most ``_MAX_DEPTH`` steps); None when no style of
    the chain says, or a style is based on none."""
    for _ in range(_MAX_DEPTH + 1):
        style = styles.get(style_id)
        if style is None:
            return None
        got = said(style)
        if got is not None:
            return got
        based_on = style.find(qn("w:basedOn"))
        if based_on is None:
            return None
        style_id = based_on.get(qn("w:val"))
    return None
