"""Lines -> cell tokens: a table flattened into text (one cell per line, or cells separated by tabs, wide
gaps or the bars of a text table) cut into its cells, a label apart from the numbers that trail it.
"""

from __future__ import annotations

from dataclasses import dataclass

from gklint.core import lazyre
from gklint.read.document import Paragraph
from gklint.core.source import Source
from gklint.recognise.values import parse_cell
from gklint.layouts import normalise
from gklint.core.model import Cell

_SPLIT = lazyre.compile(r"\t+|\s{2,}|\u3000+|\s*[|｜]\s*")  # tabs, wide gaps, or the bars of a text table
_TRAILING_VALUES = lazyre.compile(r"^(?P<label>.*?\D)\s+(?P<values>(?:[-+]?[\d.,]+|/|—|－|-)(?:\s+(?:[-+]?[\d.,]+|/|—|－|-))*)$")
# a label whose values follow it without a gap ("规章000", "行政许可356"): the label ends in a Chinese
# character or a closing bracket or quote, the line in numbers
_GLUED_VALUES = lazyre.compile(r"^(?P<label>.*?[\u4e00-\u9fff）)”」])(?P<values>\d[\d.,]*(?:万元|元)?(?:\s+[-+]?\d[\d.,]*)*)$")
_NUMBERS_ONLY = lazyre.compile(r"[-+]?\d[\d.,]*(?:\s+[-+]?\d[\d.,]*)+")
_DECORATED_PAGE = lazyre.compile(r"[-—–]+\s*\d{1,4}\s*[-—–]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}")
_BARS = lazyre.compile(r"[|｜]")  # the bars alone: each cell is stripped (a "\s*" around a bar is quadratic on long blanks)
_MD_RULE = lazyre.compile(r"[|｜]?\s*:?-{2,}:?\s*(?:[|｜]\s*:?-{2,}:?\s*)*[|｜]?")  # |---|:---:|
_LONG_NUMBER = lazyre.compile(r"\d[\d.,]*(?:万元|元)?")  # a long run of digits is still one value token (cells may have run together)


@dataclass
class Token:
    """A piece of a line: a label or a value (with its parsed cell), and where it was read."""

    text: str
    source: Source
    index: int = 0
    cell: Cell | None = None  # parsed, when the token is a value
    line: object = None  # the paragraph (line) the token comes from: cells of one table row share it

    @property
    def is_value(self) -> bool:
        return self.cell is not None and self.cell.kind in ("number", "na")

    @property
    def is_cell(self) -> bool:
        """A value, or an empty cell kept in its place (between two tabs of a copied table row)."""
        return self.cell is not None and self.cell.kind in ("number", "na", "blank")


def _pieces(text: str) -> list[str]:
    """A line's cells. A row copied from a web page or a spreadsheet keeps one tab per cell, so an
    empty cell between two tabs stays in its place (as ""); otherwise cells are split on wide gaps."""
    text = text.strip()
    if _MD_RULE.fullmatch(text):
        return []  # a Markdown table's |---|---| line: no cells
    bars = text.count("|") + text.count("｜")
    if bars and (text[0] in "|｜" or text[-1] in "|｜" or bars >= 2):
        # a text or Markdown table: cells between bars, an empty one kept in its place ("| 2 |  | 0 |")
        cells = [c.strip() for c in _BARS.split(text)]
        if cells and not cells[0] and text[0] in "|｜":
            cells = cells[1:]
        if cells and not cells[-1] and text[-1] in "|｜":
            cells.pop()  # the closing bar; empty cells before it are cells
        return [p for c in cells for p in (_gaps(c) if c else [""])]
    if "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()  # trailing tabs are layout, not cells
        first = next((k for k, c in enumerate(cells) if c), len(cells))
        return [p for k, c in enumerate(cells) if c or k > first for p in (_gaps(c) if c else [""])]
    return _gaps(text)


def _gaps(text: str) -> list[str]:
    """Cells split on wide gaps or bars; a line of numbers under a header (a PDF's table): one value each."""
    pieces = [p for p in _SPLIT.split(text) if p.strip()]
    if len(pieces) == 1 and _NUMBERS_ONLY.fullmatch(text.strip()):
        return text.split()
    return pieces


def tokenise(paragraphs: list[Paragraph]) -> list[Token]:
    """Split lines into cell tokens: on tabs and wide gaps, and a label from the numbers that trail it."""
    tokens: list[Token] = []
    for para in paragraphs:
        for piece in _pieces(para.text):
            if not piece:
                tokens.append(Token("", para.source, len(tokens), Cell.blank(para.source), para))
                continue
            if piece.strip() == para.text.strip() and _DECORATED_PAGE.fullmatch(piece.strip()):
                tokens.append(Token(piece.strip(), para.source, len(tokens), line=para))  # "- 3 -": a page number
                continue
            m = _TRAILING_VALUES.match(piece.strip()) or _GLUED_VALUES.match(piece.strip())
            if m and parse_cell(piece).kind == "number":
                m = None  # "减4", "3件": one cell, not a label and its value
            parts = [m["label"], *m["values"].split()] if m and len(m["label"]) <= 60 else [piece]
            for part in parts:
                tok = Token(part.strip(), para.source, len(tokens), line=para)
                cell = parse_cell(part)
                norm = normalise(part)
                if cell.kind in ("number", "na") and (len(norm) <= 12 or (_LONG_NUMBER.fullmatch(norm) and len(norm) <= 40)):
                    tok.cell = cell
                tokens.append(tok)
    return tokens
