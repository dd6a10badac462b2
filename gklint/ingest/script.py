"""Traditional characters (繁體, as on portal pages with a 繁體 button) folded to simplified before recognition.

Only a document that is clearly in traditional script is converted (OpenCC ``t2s``, character by
character, which reverses what such buttons do); simplified text is left exactly as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from gklint.ingest.document import Document, Grid, GridCell, Paragraph

_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_CHANGED = 10  # characters that differ after conversion
MIN_SHARE = 0.03  # of all CJK characters


@cache
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def _texts(document: Document):
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from (c.text for row in block.rows for c in row if c is not None)


def is_traditional(document: Document) -> bool:
    text = "".join(_texts(document))
    cjk = len(_CJK.findall(text))
    if not cjk:
        return False
    converted = _converter().convert(text)
    changed = sum(a != b for a, b in zip(text, converted))
    return changed >= MIN_CHANGED and changed / cjk >= MIN_SHARE


def simplify(document: Document) -> tuple[Document, bool]:
    """(the document in simplified script, whether it was converted)."""
    if not is_traditional(document):
        return document, False
    convert = _converter().convert
    blocks = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            blocks.append(replace(block, text=convert(block.text)))
        else:
            rows = [[replace(c, text=convert(c.text)) if isinstance(c, GridCell) else c for c in row]
                    for row in block.rows]
            blocks.append(Grid(rows, block.source))
    return replace(document, blocks=blocks), True  # notes and path carried over by replace()
