"""Rows whose digits ran together in more than one way, settled by the figures the report's own text states.

A table 二 row such as "规范性文件15621" has several readings (15|6|21, 1|56|21, 156|2|1…) and no total to
choose by. When the narrative states some of the row's figures with the words its columns are said with
(the layout's ``said``: "制定规范性文件15件""废止规范性文件6件"), the readings that agree with every stated
figure are kept: one left, and the row is read that way (``digits_settled``); none left, and the table
contradicts the text whatever the reading (``digits_contradict_text``). Stated figures that disagree with
each other settle nothing.
"""

from __future__ import annotations

import re

from gklint import layouts as L
from gklint.recognise.digits import splits
from gklint.core.model import Cell, Note, Table

_UNIT = r"[^，。；;、\d]{0,16}?(\d+)\s*件"


def readings(digits: str, width: int) -> list[list[int]] | None:
    """Every way to read a run of digits as ``width`` whole numbers without leading zeros; None when
    there are too many to try (``gklint.recognise.digits.splits``, bounded)."""
    return splits([digits], width, {}, any_reading=True)


def stated(text: str, row: L.RowSpec) -> dict[str, tuple[int, str]]:
    """The figures the text states for ``row``'s columns (with the word it says them with), from sentences
    that name the row; a column stated with two different figures is left out."""
    found: dict[str, set[int]] = {}
    words: dict[str, str] = {}
    names = [n for n in row.names if len(n) >= 3]
    for sentence in re.split(r"[。；;\n]", text):
        if not any(n in sentence for n in names):
            continue
        for col in row.columns:
            for word in col.said:
                for m in re.finditer(re.escape(word) + _UNIT, sentence):
                    found.setdefault(col.id, set()).add(int(m.group(1)))
                    words.setdefault(col.id, word)
    return {c: (next(iter(v)), words[c]) for c, v in found.items() if len(v) == 1}


def settle(tables: dict[str, Table], notes: list[Note], text: str, layout: L.Layout) -> list[Note]:
    """The notes after settling what the text can settle (the tables' cells are filled in place)."""
    kept: list[Note] = []
    for note in notes:
        spec = layout.tables.get(note.table or "")
        row = next((r for r in spec.data_rows if r.label == note.row), None) if spec and note.row else None
        digits = (note.found or "").replace(" ", "")
        if note.kind != "table_unreadable" or row is None or not digits.isdigit() \
                or not any(c.said for c in row.columns):
            kept.append(note)
            continue
        said = stated(text, row)
        if not said:
            kept.append(note)
            continue
        every = readings(digits, len(row.columns))
        if every is None:  # too many readings to try: the text settles nothing
            kept.append(note)
            continue
        position = {c.id: k for k, c in enumerate(row.columns)}
        fitting = [r for r in every if all(r[position[c]] == v for c, (v, _) in said.items() if c in position)]
        where = f"表{spec.key}“{row.label}”一行的数字粘连为“{digits}”"
        told = "、".join(f"{said[c.id][1]}{said[c.id][0]}件" for c in row.columns if c.id in said)
        if len(fitting) == 1:
            values = fitting[0]
            table = tables[spec.key]
            for col, v in zip(row.columns, values):
                old = table.cells.get((row.id, col.id))
                table.cells[(row.id, col.id)] = Cell("number", v, str(v), old.source if old else note.source)
            kept.append(Note("digits_settled", f"{where}，可有多种读法；按正文所述（{told}）读作"
                             f"{'、'.join(map(str, values))}", table=spec.key, row=row.label, found=digits,
                             official=" ".join(map(str, values)), source=note.source))
        elif not fitting:
            kept.append(Note("digits_contradict_text", f"{where}，无论怎样拆分，都与正文所述（{told}）不符",
                             table=spec.key, row=row.label, found=digits, source=note.source))
        else:
            kept.append(note)
    return kept
