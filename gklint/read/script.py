"""Traditional characters (繁體, as on portal pages with a 繁體 button) folded to simplified before recognition.

Only a document that is clearly in traditional script is converted (OpenCC ``t2s``, character by
character, which reverses what such buttons do); simplified text is left exactly as it is.

The decision is made on a sample (``SAMPLE`` characters taken from evenly spaced places of the
text), so a long simplified document costs one small conversion; the conversion itself is the C++
OpenCC library (the ``opencc`` package on PyPI), linear in the text.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from gklint.core import lazyre
from gklint.read.document import Document, Grid, GridCell, Paragraph

_CJK = lazyre.compile(r"[\u4e00-\u9fff]")
MIN_CHANGED = 10  # characters that differ after conversion (in the sample)
MIN_SHARE = 0.03  # of all CJK characters (in the sample)
SAMPLE = 20_000  # characters looked at to decide
_PIECES = 8  # places the sample is taken from, evenly spaced over a longer text


@cache
def _converter():
    from opencc import OpenCC

    try:
        return OpenCC("t2s")
    except Exception:  # an OpenCC that wants the configuration file's name
        return OpenCC("t2s.json")


def convert(text: str) -> str:
    """``text`` in simplified script (OpenCC ``t2s``)."""
    return _converter().convert(text) if text else text


def _texts(document: Document):
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from (c.text for row in block.rows for c in row if c is not None)


def sample(text: str, size: int = SAMPLE) -> str:
    """At most ``size`` characters of ``text``: all of it when short, else pieces from evenly spaced places."""
    if len(text) <= size:
        return text
    piece = size // _PIECES
    starts = [round(k * (len(text) - piece) / (_PIECES - 1)) for k in range(_PIECES)]
    return "".join(text[s:s + piece] for s in starts)


def is_traditional(document: Document) -> bool:
    text = sample("\n".join(_texts(document)))
    cjk = len(_CJK.findall(text))
    if not cjk:
        return False
    converted = convert(text)
    if len(converted) != len(text):  # t2s is character for character; be safe if a phrase changed length
        changed = sum(a != b for a, b in zip(text, converted)) or abs(len(converted) - len(text))
    else:
        changed = sum(a != b for a, b in zip(text, converted))
    return changed >= MIN_CHANGED and changed / cjk >= MIN_SHARE


def simplify(document: Document) -> tuple[Document, bool]:
    """(the document in simplified script, whether it was converted)."""
    if not is_traditional(document):
        return document, False
    blocks = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            blocks.append(replace(block, text=convert(block.text)))
        else:
            rows = [[replace(c, text=convert(c.text)) if isinstance(c, GridCell) else c for c in row]
                    for row in block.rows]
            blocks.append(Grid(rows, block.source))
    return replace(document, blocks=blocks), True  # notes and path carried over by replace()
