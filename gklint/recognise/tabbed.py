"""Table rows copied from a web page, one tab between cells: each field is one cell, an empty field a blank one.

A browser copies a table row as its cells joined by tabs, an empty cell as an empty field (at the ends of
the line too: ``Paragraph.edge_tabs``). So the fields say which column each number is in even where most
cells are blank (a report writing blanks for zeros), which the tokens alone, blanks dropped at the line's
ends and numbers alone, cannot. A row is read from its fields only when those after its label are exactly
its cells, each a single value or empty; anything else is left to the token reading
(``gklint.recognise.stream``).
"""

from __future__ import annotations

from gklint.read.document import Paragraph
from gklint.recognise.tokens import Token
from gklint.recognise.values import parse_cell


def fields(line: object) -> list[str]:
    """The tab-separated fields of a line, its empty first and last cells included; [] without tabs."""
    if not isinstance(line, Paragraph):
        return []
    lead, trail = line.edge_tabs
    if "\t" not in line.text and not lead and not trail:
        return []
    return [""] * lead + [f.strip() for f in line.text.split("\t")] + [""] * trail


def _one_cell(field: str) -> bool:
    """Empty, or one value ("12", "/", "增3"; not "12 5", which spaces may have run together)."""
    return not any(ch.isspace() for ch in field) and parse_cell(field).kind in ("blank", "number", "na")


def cells_after(label: Token, width: int) -> list[str] | None:
    """The fields after ``label`` on its line when they are exactly ``width`` cells: the label a field of its
    own, no value before it (only text or empty fields: the group label a browser writes on the first row
    of its span, "三、本年度办理结果 | （一）予以公开 | …"), every field after it one cell. None otherwise."""
    got = fields(label.line)
    at = [k for k, f in enumerate(got) if f == label.text]
    if len(at) != 1:
        return None
    before, after = got[:at[0]], got[at[0] + 1:]
    if len(after) != width or not all(map(_one_cell, after)) \
            or any(parse_cell(f).kind in ("number", "na") for f in before):
        return None
    return after


def whole_line(token: Token, width: int) -> list[str] | None:
    """The fields of ``token``'s line when they are exactly ``width`` cells and nothing else (table 四's
    one data row of fifteen cells, under its header)."""
    got = fields(token.line)
    return got if len(got) == width and all(map(_one_cell, got)) else None


def line_end(tokens: list[Token], at: int) -> int:
    """The index after the last token of ``tokens[at]``'s line."""
    end = at + 1
    while end < len(tokens) and tokens[end].line is tokens[at].line:
        end += 1
    return end
