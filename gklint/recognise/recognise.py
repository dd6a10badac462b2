"""Document -> Report: find the sections, the official tables and the metadata, driven by the layouts.

Tables come from grids (HTML, Word, PDF) when a reader found them, and otherwise from the text stream
(tables flattened one cell per line, or by tabs and spaces). The layout version is the one whose
tables the document matches best (``gklint.layouts.detect``); a version forced by the caller wins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gklint import layouts as L
from gklint.layouts import detect
from gklint.recognise import meta as meta_mod
from gklint.recognise.chrome import footer_start
from gklint.read.document import Document, Paragraph
from gklint.read.script import simplify
from gklint.recognise.sections import find_headings
from gklint.recognise.oneline import unflatten
from gklint.recognise.parts import split_reports
from gklint.recognise.stream import StreamTable, read_tables
from gklint.recognise.tokens import Token, tokenise
from gklint.core.model import Note, Report, Section, Table


@dataclass
class _Heading:
    """A section heading found in the text: its paragraph, number as written, section and the text after it."""

    para: int
    number: str | None  # as written; None for a title without numbering
    spec: L.SectionSpec | None
    tail: str


def _headings(paragraphs: list[Paragraph], layout: L.Layout) -> list[_Heading]:
    return [_Heading(*h) for h in find_headings([p.text for p in paragraphs], layout)]


def _stream_tables(paragraphs, tokens_of, tokens, headings, layout) -> dict[str, StreamTable]:
    bounds: dict[str, tuple[int, int]] = {}
    for key, spec in layout.tables.items():
        for k, h in enumerate(headings):
            if h.spec and h.spec.id == spec.section:
                start = tokens_of[h.para][0]
                stop = tokens_of[headings[k + 1].para][0] if k + 1 < len(headings) else len(tokens)
                bounds[key] = (start, stop)
                break
    return read_tables(tokens, layout, bounds)


def _score(tables: dict[str, Table]) -> int:
    """Cells read as a number or "/" in all tables."""
    return sum(c.kind in ("number", "na") for table in tables.values() for c in table.cells.values())


def _grid_tables(doc: Document, layout: L.Layout) -> tuple[dict[str, Table], list[Note]]:
    if not doc.grids:
        return {}, []
    from gklint.recognise.grid import match_grids

    matches = match_grids(doc.grids, layout)
    tables: dict[str, Table] = {}
    notes: list[Note] = []
    for key, match in matches.items():
        if not match.cells:  # labels found but no value placed: let the text stream try
            notes.extend(match.notes)
            continue
        tables[key] = Table(key, dict(match.cells), found=True, source=match.source)
        notes.extend(match.notes)
        notes.extend(match.aliases)
    notes.extend(Note("table_unreadable", text) for text in getattr(matches, "notes", ()))
    return tables, notes


def _tokens(paragraphs: list[Paragraph]) -> tuple[list[Token], list[tuple[int, int]]]:
    """Every paragraph's tokens, numbered across the document, and each paragraph's token range."""
    tokens: list[Token] = []
    tokens_of: list[tuple[int, int]] = []
    for para in paragraphs:
        start = len(tokens)
        for tok in tokenise([para]):
            tok.index = len(tokens)
            tokens.append(tok)
        tokens_of.append((start, len(tokens)))
    return tokens, tokens_of


def _fill_from_stream(spec: L.TableSpec, grid: Table, stream: StreamTable, notes: list[Note]) -> list[Note]:
    """Rows a grid lacks, read from the text instead: a PDF table whose rows lost their ruling lines comes
    out partly as a grid and partly as tab-separated lines. The grid's "row not found" notes for the rows
    filled go; nothing the grid did read is replaced."""
    filled = []
    for row in spec.data_rows:
        if any((row.id, c.id) in grid.cells for c in row.columns):
            continue
        cells = {(row.id, c.id): stream.table.cells[(row.id, c.id)] for c in row.columns
                 if (row.id, c.id) in stream.table.cells}
        if len(cells) == len(row.columns) and all(c.kind in ("number", "na") for c in cells.values()):
            grid.cells.update(cells)
            filled.append(row.label)
    return [n for n in notes if not (n.table == spec.key and any(f"“{label}”" in n.message for label in filled))]


def recognise(doc: Document, version: str | None = None) -> Report:
    """The document's (first) report."""
    return recognise_all(doc, version)[0]


def recognise_all(doc: Document, version: str | None = None) -> list[Report]:
    """Every report the document holds (``parts.split_reports``), each read from its own part: its own title,
    agency, year and layout. The first carries the note that the file holds several (R114); a later part
    identical to an earlier one (a draft with the report pasted twice) is left out, and when every later part
    is, the note says so (``shape`` "same") instead of naming a second report."""
    doc, traditional = simplify(doc)
    candidates = [L.get(version)] if version else list(L.layouts().values())
    parts, several = split_reports(doc, candidates[0])
    reports = [_recognise_part(part, candidates, traditional, k == 0) for k, part in enumerate(parts)]
    if several is None:
        return reports
    distinct: list[Report] = []
    for report in reports:
        if not any(_same(report, earlier) for earlier in distinct):
            distinct.append(report)
    if len(distinct) == 1:
        several = replace(several, shape="same")
    distinct[0].notes.append(several)
    return distinct


def _same(one: Report, other: Report) -> bool:
    """Whether two parts of a file are the same report: the same title, tables and sections' text."""
    return (one.meta.title == other.meta.title and one.layout == other.layout
            and [s.text for s in one.sections] == [s.text for s in other.sections]
            and {k: {c: (v.kind, v.value) for c, v in t.cells.items()} for k, t in one.tables.items()}
            == {k: {c: (v.kind, v.value) for c, v in t.cells.items()} for k, t in other.tables.items()})


def _recognise_part(doc: Document, candidates: list[L.Layout], traditional: bool, opening: bool) -> Report:
    """One report of the document (``opening``: the file's first, which says what the reader could not read)."""
    texts = {L.normalise(p.text) for p in doc.paragraphs} | {
        L.normalise(c.text) for g in doc.grids for row in g.rows for c in row if c is not None}
    blob = "".join(texts)
    year = meta_mod.title_year([p.text for p in doc.paragraphs[:12]])
    read: list[tuple] = []
    found_markers: dict[str, dict[str, tuple[str, ...]]] = {}
    for layout in candidates:
        paragraphs = unflatten(doc.paragraphs, layout)
        tokens, tokens_of = _tokens(paragraphs)
        headings = _headings(paragraphs, layout)
        grid_tables, grid_notes = _grid_tables(doc, layout)
        stream = _stream_tables(paragraphs, tokens_of, tokens, headings, layout)
        tables: dict[str, Table] = {}
        notes: list[Note] = list(grid_notes)
        used: set[int] = set()
        for key in layout.tables:
            if key in grid_tables:
                tables[key] = grid_tables[key]
                if stream[key].table.found:
                    notes = _fill_from_stream(layout.table(key), tables[key], stream[key], notes)
            elif stream[key].table.found:
                tables[key] = stream[key].table
                notes.extend(stream[key].notes)
                used |= stream[key].used
            else:
                tables[key] = Table(key, found=False)
        own = found_markers[layout.version] = detect.markers(texts, blob, layout)
        read.append((detect.score(layout, _score(tables), own, year), layout,
                     (headings, tables, notes, used, paragraphs, tokens_of)))
    layout = detect.best((points, lay) for points, lay, _ in read)
    headings, tables, notes, used, paragraphs, tokens_of = next(got for _, lay, got in read if lay is layout)

    end_of_report = footer_start([p.text for p in paragraphs], headings[-1].para + 1 if headings else len(paragraphs))

    def is_table_line(i: int) -> bool:
        lo, hi = tokens_of[i]
        return hi > lo and lo in used

    sections: list[Section] = []
    for k, h in enumerate(headings):
        end = headings[k + 1].para if k + 1 < len(headings) else end_of_report
        kept = [i for i in range(h.para + 1, end) if not is_table_line(i)]
        body = ([h.tail] if h.tail else []) + [paragraphs[i].text for i in kept]
        sources = ([paragraphs[h.para].source] if h.tail else []) + [paragraphs[i].source for i in kept]
        heading_text = paragraphs[h.para].text
        if h.tail:
            heading_text = heading_text[: len(heading_text) - len(h.tail)].rstrip()
        sections.append(Section(heading=heading_text, text="\n".join(body), number=h.number,
                                id=h.spec.id if h.spec else None, source=paragraphs[h.para].source,
                                sources=sources))
    first = headings[0].para if headings else len(paragraphs)
    preamble_lines = [p.text for p in paragraphs[:first]]
    all_lines = [p.text for i, p in enumerate(paragraphs[:end_of_report]) if not is_table_line(i)]

    from gklint.recognise.settle import settle

    notes = settle(tables, notes, "\n".join(s.text for s in sections), layout)
    if doc.scanned:  # pages read by OCR: the tables' totals proof-read them (gklint.recognise.proofread)
        from gklint.recognise.proofread import proofread, scanned_note

        notes = proofread(tables, notes, layout, set(doc.scanned))
        notes.append(scanned_note(tables, layout, doc.scanned, doc.pages))
    for key, table in tables.items():
        if not table.found:
            spec = layout.table(key)
            notes.append(Note("table_missing", f"未找到表{key}（{spec.title}）", table=key))
    if opening:
        notes.extend(Note("unreadable_part", text) for text in doc.notes)
    if traditional:
        notes.append(Note("traditional_script", "原文使用繁体字，已转换为简体后检查；引文为转换后的文字"))
    if not any(t.found for t in tables.values()):
        notes.append(Note("layout_unknown", "未找到任何官方表格，无法判断所用格式版本"))

    evidence = {v: found_markers[v] if v in found_markers else detect.markers(texts, blob, o)
                for v, o in L.layouts().items()}
    return Report(layout=layout.version, meta=meta_mod.extract(preamble_lines, all_lines),
                  sections=sections, tables=tables, preamble="\n".join(preamble_lines),
                  preamble_sources=[p.source for p in paragraphs[:first]],
                  path=doc.path, notes=notes, layout_markers=evidence)
