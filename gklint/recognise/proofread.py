"""The table's own totals as the proof-reader of a scanned table: cells OCR missed or doubted, recovered
only where the totals determine them.

The totals are the layout's (``gklint.layouts``): a column that ``sums`` others in its row (总计 =
自然人 + … + 其他), and table 三's （七）总计, which sums the rows whose ``role`` is ``result``. Each is an
equation over cells. A scanned cell is *unknown* when OCR read nothing there, or read it with a
confidence below ``ocr_engine.LOW_CONFIDENCE``, or read words without a digit (a seal stamped over it). A
doubtful number is kept as read when every equation through it whose cells were all read holds. An
equation that fails where every cell was read determines nothing, nor does any through one of its cells.
Repeatedly, an equation with exactly one unknown determines it (a whole number, not negative); two
equations that determine one cell differently determine nothing. Then:

- a missed cell that is determined is filled, and a ``ocr_inferred`` note says so (the cell's ``doubt``
  says it with any finding it takes part in);
- a doubtful reading that the totals confirm is kept; one they contradict is replaced by the value they
  determine, and the note gives both;
- a cell the totals cannot determine is left unread (a doubtful reading is dropped, never guessed) and
  reported (``table_unreadable``).

Every number OCR read carries a ``doubt`` saying so: an identity that fails through it is not certain
(the identity rules' ``uncertain`` severity, a warning, with the doubt said).

``verdict`` says whether every equation of the scanned tables holds after this: strong evidence that the
tables were read right (``gklint extract`` says so).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gklint import layouts as L
from gklint.core.model import Cell, Note, Table

Key = tuple[str, str]


@dataclass(frozen=True)
class Equation:
    """``total`` equals the sum of ``parts`` (cells of one table); ``name`` says which total it is."""

    table: str
    total: Key
    parts: tuple[Key, ...]
    name: str


def equations(layout: L.Layout) -> list[Equation]:
    """Every total the layout defines, as an equation over cells."""
    out: list[Equation] = []
    for key, spec in layout.tables.items():
        for row in spec.data_rows:
            for col in row.columns:
                if col.sums and all(row.column(s) for s in col.sums):
                    out.append(Equation(key, (row.id, col.id), tuple((row.id, s) for s in col.sums),
                                        f"“{row.label}”一行的“{col.label}”"))
        total_row = spec.row("total")
        results = [r for r in spec.data_rows if r.role == "result"]
        if total_row is not None and results:
            for col in total_row.columns:
                if all(r.column(col.id) for r in results):
                    out.append(Equation(key, (total_row.id, col.id), tuple((r.id, col.id) for r in results),
                                        f"“{col.label}”一列的“{total_row.label}”"))
    return out


def _doubtful(cell: Cell | None, low: float, scanned: set[int]) -> bool:
    if cell is None or cell.kind == "blank":
        return True
    if cell.kind == "text" and len(cell.raw.strip()) <= 2:  # "D", "口", "O": a digit OCR misread as a letter
        return True
    if cell.kind == "text" and _ocr_read(cell, scanned) and not any(ch.isdigit() for ch in cell.raw):
        return True  # words without a digit in a scanned cell: a seal or a stain read, not what the cell says
    conf = cell.source.confidence if cell.source else None
    return cell.kind == "number" and conf is not None and conf < low


def _ocr_read(cell: Cell, scanned: set[int]) -> bool:
    return cell.source is not None and cell.source.page in scanned


def _solve(eq: Equation, values: dict[Key, int | float], unknown: Key) -> int | None:
    parts = [values[k] for k in eq.parts if k != unknown]
    if unknown == eq.total:
        value = sum(parts)
    else:
        value = values[eq.total] - sum(parts)
    if value < 0 or value != int(value):
        return None
    return int(value)


def proofread(tables: dict[str, Table], notes: list[Note], layout: L.Layout, scanned: set[int],
              low: float | None = None) -> list[Note]:
    """Recover what the totals determine in the scanned tables (cells filled in place); the notes after."""
    from gklint.read.ocr_engine import LOW_CONFIDENCE

    low = LOW_CONFIDENCE if low is None else low
    eqs = [e for e in equations(layout) if e.table in tables and tables[e.table].found]
    # scanned tables: those whose cells came from a scanned page
    scanned_tables = {k for k, t in tables.items() if t.found and any(
        c.source is not None and c.source.page in scanned for c in t.cells.values())}
    eqs = [e for e in eqs if e.table in scanned_tables]
    unknown: dict[tuple[str, Key], Cell | None] = {}
    values: dict[str, dict[Key, int | float]] = {k: {} for k in scanned_tables}
    for key in scanned_tables:
        table = tables[key]
        spec = layout.table(key)
        for row, col in spec.cells():
            cell = table.cells.get((row.id, col.id))
            if cell is None or cell.kind == "na":
                continue  # a row not found is the table's own note; "/" is no number
            if cell.kind == "blank" and not _ocr_read(cell, scanned):
                continue  # blank in a text layer: not OCR's to recover
            if _doubtful(cell, low, scanned):
                unknown[(key, (row.id, col.id))] = cell
            elif cell is not None and cell.kind == "number":
                values[key][(row.id, col.id)] = cell.value
    _mark_read_from_images(tables, scanned_tables, scanned)
    _keep_confirmed(eqs, values, unknown)
    eqs = _unsuspected(eqs, values)
    determined: dict[tuple[str, Key], tuple[int, str]] = {}
    conflicting: set[tuple[str, Key]] = set()
    progress = True
    while progress:
        progress = False
        found: dict[tuple[str, Key], set[tuple[int, str]]] = {}
        for eq in eqs:
            keys = (eq.total, *eq.parts)
            if any(k not in values[eq.table] and (eq.table, k) not in unknown for k in keys):
                continue  # a cell that is text, or missing from the table: this total says nothing
            open_ = [k for k in keys if (eq.table, k) in unknown and (eq.table, k) not in determined]
            if len(open_) != 1 or (eq.table, open_[0]) in conflicting:
                continue
            value = _solve(eq, values[eq.table], open_[0])
            if value is not None:
                found.setdefault((eq.table, open_[0]), set()).add((value, eq.name))
        for place, options in found.items():
            if len({v for v, _ in options}) > 1:
                conflicting.add(place)
                continue
            value = next(iter(options))[0]
            determined[place] = (value, "、".join(sorted(name for _, name in options)))
            values[place[0]][place[1]] = value
            progress = True
    kept = list(notes)
    lost_rows = _lost_rows(unknown, determined, layout)
    for key, row_id in lost_rows:
        row = layout.table(key).row(row_id)
        kept.append(Note("table_unreadable", f"表{key}“{row.label}”一行：文字识别未能读出任何数字，表内合计不足以"
                         "确定它们，按未读处理，请对照原文", table=key, row=row.label))
    for (key, (row_id, col_id)), cell in unknown.items():
        if (key, row_id) in lost_rows:
            continue
        spec = layout.table(key)
        row = spec.row(row_id)
        col = row.column(col_id)
        where = f"表{key}“{row.label}”行“{col.label}”列"
        source = cell.source if cell is not None else None
        read = cell.raw if cell is not None and cell.kind != "blank" else None
        if (key, (row_id, col_id)) in determined:
            value, by = determined[(key, (row_id, col_id))]
            if read is not None and cell.value == value:
                continue  # a doubtful reading the totals confirm
            said = f"{_reading(cell, source)}，与表内合计不符" if read is not None else "文字识别未能读出"
            doubt = f"{where}{said}，按{by}推算为 {value}"
            tables[key].cells[(row_id, col_id)] = Cell("number", value, str(value), source, doubt=doubt)
            kept.append(Note("ocr_inferred", doubt, table=key, row=row.label, column=col.label,
                             found=read, official=str(value), source=source))
            continue
        why = "表内合计对它给出不同的值" if (key, (row_id, col_id)) in conflicting else "表内合计不足以确定它"
        said = _reading(cell, source) if read is not None else "文字识别未能读出"
        if cell.kind in ("number", "text"):  # a doubtful reading, or a digit misread as a letter: dropped
            tables[key].cells[(row_id, col_id)] = Cell("blank", None, "", source)
        kept.append(Note("table_unreadable", f"{where}：{said}，{why}，按未读处理，请对照原文", table=key,
                         row=row.label, column=col.label, found=read, source=source))
    return kept


def _reading(cell: Cell, source) -> str:
    """What OCR read in a doubtful cell, and why it is doubtful."""
    if cell.kind == "text":
        return f"文字识别读作“{cell.raw}”，不是数字"
    if source is not None and source.confidence is not None:
        return f"文字识别读作“{cell.raw}”但置信度低（{source.confidence:.2f}）"
    return f"文字识别读作“{cell.raw}”"


def _mark_read_from_images(tables: dict[str, Table], keys: set[str], scanned: set[int]) -> None:
    """Every number OCR read carries a ``doubt`` saying so: OCR cannot make a contradiction certain, so an
    identity failing through it is at most the rule's ``uncertain`` severity, the doubt said with it."""
    for key in keys:
        for place, cell in tables[key].cells.items():
            if cell.kind != "number" or not _ocr_read(cell, scanned) or cell.doubt:
                continue
            how = "表格没有框线，各数按顺序对应到列" if cell.source.confidence is None else "可能有识别错误"
            tables[key].cells[place] = replace(cell, doubt=f"表{key}的数字由文字识别（OCR）从图片读出，{how}")


def _keep_confirmed(eqs: list[Equation], values: dict[str, dict[Key, int | float]],
                    unknown: dict[tuple[str, Key], Cell | None]) -> None:
    """Doubtful numbers (a lone "0" reads at 0.72-0.80) kept as read when every equation through them whose
    every cell was read (doubtful ones as read) holds, and at least one does: taken out of ``unknown``."""
    reading = {place: c.value for place, c in unknown.items() if c is not None and c.kind == "number"}
    holds: dict[tuple[str, Key], list[bool]] = {}
    for eq in eqs:
        keys = (eq.total, *eq.parts)
        got = [values[eq.table].get(k, reading.get((eq.table, k))) for k in keys]
        if any(v is None for v in got):
            continue
        ok = abs(got[0] - sum(got[1:])) < 1e-9
        for k in keys:
            if (eq.table, k) in reading:
                holds.setdefault((eq.table, k), []).append(ok)
    for place, oks in holds.items():
        if all(oks):
            values[place[0]][place[1]] = reading[place]
            del unknown[place]


def _unsuspected(eqs: list[Equation], values: dict[str, dict[Key, int | float]]) -> list[Equation]:
    """The equations fit to determine a cell: none through a cell of an equation that fails where every
    cell was read (a misprint or a misread: which of its cells is wrong is unknown, and a value inferred
    through it could shift the error onto a cell that is right)."""
    suspect = set()
    for eq in eqs:
        keys = (eq.total, *eq.parts)
        read = values[eq.table]
        if all(k in read for k in keys) and abs(read[eq.total] - sum(read[k] for k in eq.parts)) > 1e-9:
            suspect.update((eq.table, k) for k in keys)
    return [eq for eq in eqs if not any((eq.table, k) in suspect for k in (eq.total, *eq.parts))]


def _lost_rows(unknown: dict, determined: dict, layout: L.Layout) -> set[tuple[str, str]]:
    """Rows of which OCR read no cell and the totals determined none: said once, not cell by cell."""
    out = set()
    for key, spec in layout.tables.items():
        for row in spec.data_rows:
            places = [(key, (row.id, c.id)) for c in row.columns]
            if all(p in unknown and p not in determined and (unknown[p] is None or unknown[p].kind == "blank")
                   for p in places):
                out.add((key, row.id))
    return out


def verdict(tables: dict[str, Table], layout: L.Layout, scanned: set[int]) -> tuple[int, int, list[str]]:
    """(equations that hold, equations checked, names of those that fail) over the scanned tables; an
    equation with a cell that is not a number is not checked."""
    held, checked, failed = 0, 0, []
    for eq in equations(layout):
        table = tables.get(eq.table)
        if table is None or not table.found or not any(
                c.source is not None and c.source.page in scanned for c in table.cells.values()):
            continue
        cells = [table.cells.get(k) for k in (eq.total, *eq.parts)]
        if not all(c is not None and c.kind == "number" for c in cells):
            continue
        checked += 1
        if abs(cells[0].value - sum(c.value for c in cells[1:])) < 1e-6:
            held += 1
        else:
            failed.append(f"表{eq.table}{eq.name}")
    return held, checked, failed


def scanned_note(tables: dict[str, Table], layout: L.Layout, scanned: list[int], pages: int | None = None) -> Note:
    """The ``image_only`` note: which pages were published as images, and what the totals say of the reading."""
    held, checked, failed = verdict(tables, layout, set(scanned))
    which = "全文" if pages is not None and len(scanned) >= pages else f"第{_pages(scanned)}页"
    message = f"报告{which}以图片（扫描件）形式发布，不是机器可读的文字；已用文字识别（OCR）读取"
    if not checked:
        message += "，但没有读出可用表内合计关系核对的表格（表三、表四），识别结果未经校对"
    elif not failed:
        message += f"，识别后表内 {checked} 个合计关系全部成立"
    else:
        message += f"，识别后表内 {checked} 个合计关系中有 {len(failed)} 个不成立（{'、'.join(failed[:3])}{'等' if len(failed) > 3 else ''}）"
    return Note("image_only", message, found=f"{held}/{checked}" if checked else None)


def _pages(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
