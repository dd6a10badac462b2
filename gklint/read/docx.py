"""Word (.docx) -> Document, with python-docx.

The body's XML children are read in order: paragraphs and tables. What is read is what Word shows once
the tracked changes are accepted: inserted text, not deleted text; no hidden text (``docx_shown``); the
label of a numbered paragraph ("一、", computed from numbering.xml: ``docx_numbering``) before its text; a
paragraph whose mark is deleted (or hidden) run into the next one; zero-width characters (U+200B and its
kin, pasted from web pages) deleted. A soft line break starts a new Paragraph, except inside a sentence
(``_join_soft_breaks``: text pasted from a PDF, broken at the page's width). Alternate content is read in
its first choice. Table cells are resolved into a ``Grid``: ``w:gridSpan`` gives the column span,
``w:vMerge`` restart/continue the row span, ``w:gridBefore`` skipped grid columns. A table whose cells
hold other tables (or long text, or that has a single cell) is layout: its cells' content is read as
blocks, in order, so a nested data table becomes a Grid of its own. A table pasted as text
(tab-separated paragraphs) stays paragraphs: the text recogniser reads those.
A text box's paragraphs and tables (``w:txbxContent``, read once: in the first choice of the alternate
content Word writes around it, not again in the VML fallback) are read after the paragraph it is anchored in,
never inside it (a box placed over a sentence does not cut it); a text box in a drawing canvas or a group of
shapes (a flow chart's boxes) is not read. A part imported with ``w:altChunk`` (HTML, a web archive, plain text,
another Word document: ``docx_chunks``) is read in its place; one gklint cannot read is said in ``Document.notes``.

Where a paragraph is: ``Source.paragraph``, its number as Word counts paragraphs ("第N段"): the
1-based position of its ``w:p`` among the paragraphs of the main document body, in order, empty
paragraphs included (Word shows them as blank lines and counts them in ``Document.Paragraphs``),
looking through content controls, custom XML and alternate content as Word shows them, and *not* counting paragraphs
inside tables, headers, footers, footnotes, text boxes or imported parts. For a body without content controls this
is python-docx's ``Document.paragraphs`` order: ``document.paragraphs[N - 1]``. (Word's object model,
``Document.Paragraphs``, also counts the paragraphs of table cells; they are left out here because a
cell is placed by its table, row and column, and counting them would shift every number after a
table by however many lines its cells hold.) A paragraph split by
soft line breaks gives several Paragraph blocks with the same number; paragraphs run into one (a deleted
mark) have the first one's number, and every w:p is still counted (the annotator counts as the reader does). A
paragraph inside a table used for layout, a text box or an imported part has no number (``paragraph`` is None):
it is found by its section and quote. A data table's cell is ``Source.table/row/column`` (the data table's
1-based index, grid row and column).
"""

from __future__ import annotations

import functools
import io
from dataclasses import replace

import docx
from docx.oxml.ns import qn as _qn

from gklint.core import lazyre
from gklint.read import budget
from gklint.read.docx_chunks import imported_blocks
from gklint.read.document import Block, Document, Grid, GridCell, Paragraph
from gklint.read.docx_numbering import labels
from gklint.read.docx_shown import Shown, runs_into_next
from gklint.core.source import Source
from gklint.read.errors import ReadError
from gklint.read.guards import DEFAULT, Limits

_SPACE = lazyre.compile(r"\s+")
_SPACE_NOT_TAB = lazyre.compile(r"[^\S\t]+")
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = lazyre.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_MAX_GRID = 50_000  # grid positions
qn = functools.cache(_qn)  # the same few names, asked for every cell
_LONG_CELL = 400  # a cell with more text than this is layout wrapping content, not data
_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_TR, _TC, _CUSTOM = qn("w:tr"), qn("w:tc"), qn("w:customXml")
_T, _TAB, _BR, _CR, _TXBX = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:txbxContent")
_R, _CHUNK = qn("w:r"), qn("w:altChunk")
_HYPHEN = qn("w:noBreakHyphen")
# Not text: properties (w:pPr holds tab stops, also named w:tab), text boxes, deleted runs, and the
# fallback copy of alternate content.
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ALTERNATE, _CHOICE = _MC + "AlternateContent", _MC + "Choice"
_WRAPPERS = {_SDT: _SDT_CONTENT, _ALTERNATE: _CHOICE, _CUSTOM: None}  # a wrapper -> where its blocks are
_SKIP = frozenset({qn("w:pPr"), qn("w:rPr"), _TXBX, qn("w:del"), qn("w:moveFrom"), _MC + "Fallback"})
# where a text box is one of a diagram's shapes: a drawing canvas, a DrawingML or VML group
_DIAGRAMS = frozenset({"{http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas}wpc",
                       "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}wgp",
                       "{urn:schemas-microsoft-com:vml}group"})


def read_docx(path: str, data: bytes, limits: Limits = DEFAULT, depth: int = 0) -> Document:
    """``depth``: how many imported Word documents this one lies in (``docx_chunks``)."""
    budget.check_docx_cells(path, data, limits)  # before python-docx builds its tree
    document = _open_package(path, data)
    reader = _Reader(document, path, limits, depth)
    reader.blocks_of(document.element.body)
    budget.check_chars(path, reader.chars, limits)
    return Document(blocks=reader.blocks, path=path, format="docx", notes=reader.notes)


def _open_package(path: str, data: bytes):
    """python-docx's ``Document`` on the bytes. Only this call is guarded here (the reader's own code
    is not, so a bug of ours still shows): python-docx builds its typed element classes from the
    parts' XML and trusts the result, so a part whose root is not the element it expects comes back as
    a plain lxml element and the next attribute access fails. Seen (fuzz/corpus):
    ``[Content_Types].xml`` whose root is not ``<Types>`` in the OPC namespace -> AttributeError
    ('_Element' object has no attribute 'overrides'); a relationship without a target part name ->
    TypeError (``posixpath.join`` of None, found by the long fuzz run). The other errors of a damaged package
    (BadZipFile, PackageNotFoundError, XMLSyntaxError, KeyError, ValueError) are turned into a
    ReadError by ``read_docx_file``."""
    try:
        return docx.Document(io.BytesIO(data))
    except (AttributeError, TypeError):
        raise ReadError(path, "Word 文档已损坏，无法解析（文件包的结构部件（如 [Content_Types].xml）内容不符合规范）") from None


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _paragraph_text(p, shown: Shown | None = None, boxes: list | None = None) -> str:
    """The paragraph's text: every w:t in order, tabs as "\t", line breaks as "\n" (zero-width characters are
    deleted from every reader's document in ``read.open``); with ``shown``, the runs it says are not text
    (hidden, a note's typed mark) left out; with ``boxes``, the text boxes shown in it appended there.

    Read from the XML rather than python-docx's ``Paragraph.text``, which only sees runs directly in
    the paragraph or a hyperlink: it would drop text inside smart tags (Chinese dates such as
    2021年1月4日 are often wrapped in one), fields and tracked insertions. Deleted text (w:delText)
    and text boxes (their own paragraphs) are not part of it."""
    parts: list[str] = []
    style = shown.paragraph_style(p) if shown is not None and shown.styles_hide else None
    stack = [iter(p)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag in _SKIP or tag == _R and shown is not None and shown.not_text(el, style):
            if tag == _TXBX and boxes is not None:
                boxes.append(el)
            continue
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _HYPHEN:
            parts.append("-")
        elif tag != _P:
            stack.append(iter(el))
    return "".join(parts)


def _children(el):
    """Block children, looking through content controls, custom XML wrappers and alternate content (its
    first choice, as Word reads it: the fallback is the copy for older programs)."""
    for child in el.iterchildren():
        if child.tag in _WRAPPERS:
            inner = _WRAPPERS[child.tag]
            content = child.find(inner) if inner else child
            if content is not None:
                yield from _children(content)
        else:
            yield child


def _rows(tbl):
    return [tr for tr in _children(tbl) if tr.tag == _TR]


def _cells(tr):
    return [tc for tc in _children(tr) if tc.tag == _TC]


def _cell_text(tc, text_of=_paragraph_text) -> str:
    """The cell's paragraphs (``text_of`` each) joined by a space, or by nothing between two CJK characters
    (a narrow header cell wrapped by hand: "商业" / "企业")."""
    lines = [clean(text_of(p)) for p in _children(tc) if p.tag == _P]
    return _CJK_GAP.sub("", " ".join(line for line in lines if line))


def is_data_table(tbl) -> bool:
    """Cells are leaves (no nested table, no long text), more than one, and a grid of sane size."""
    cells = [tc for tr in _rows(tbl) for tc in _cells(tr)]
    if len(cells) < 2:
        return False
    rows = len(_rows(tbl))
    if rows * max(sum(_span(tc) for tc in _cells(tr)) for tr in _rows(tbl)) > _MAX_GRID:
        return False
    return not any(tc.find(".//" + _TBL) is not None or len(_cell_text(tc)) > _LONG_CELL for tc in cells)


def _int(el, name: str, default: int = 0) -> int:
    if el is None:
        return default
    child = el.find(qn(name))
    if child is None:
        return default
    try:
        return max(0, int(child.get(qn("w:val"))))
    except (TypeError, ValueError):
        return default


def _span(tc) -> int:
    return max(1, min(_int(tc.find(qn("w:tcPr")), "w:gridSpan", 1), 100))


def _vmerge(tc) -> str | None:
    """'restart', 'continue' or None (a vMerge element without a value means continue)."""
    tc_pr = tc.find(qn("w:tcPr"))
    el = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
    if el is None:
        return None
    return el.get(qn("w:val")) or "continue"


def build_grid(tbl, index: int, path: str = "", limits: Limits = DEFAULT, text_of=_paragraph_text) -> Grid:
    """The table's cells placed on its grid. Its size (rows times the widest row, where a row's width
    counts ``w:gridBefore`` and the spans) is checked against ``limits.max_table_cells`` before the
    grid is allocated: a damaged row skipping 2**31 grid columns is refused with a ReadError naming the
    limit, rather than clamped to ``w:tblGrid`` (that would place the row's cells in columns the file
    does not say, and the checks would then compare the wrong cells)."""
    cells: list[GridCell] = []
    placed: dict[tuple[int, int], GridCell] = {}  # grid position -> cell starting or covering it
    rows = _rows(tbl)
    for r, tr in enumerate(rows):
        c = _int(tr.find(qn("w:trPr")), "w:gridBefore")
        for tc in _cells(tr):
            span = _span(tc)
            above = placed.get((r - 1, c))
            if _vmerge(tc) == "continue" and above is not None and above.column == c:
                # Continue the merged cell above: extend its row span over this row.
                above.rowspan = r - above.row + 1
                for dc in range(above.colspan):
                    placed[(r, c + dc)] = above
                c += span
                continue
            cell = GridCell(_cell_text(tc, text_of), r, c, 1, span, Source(table=index, row=r + 1, column=c + 1))
            cells.append(cell)
            for dc in range(span):
                placed[(r, c + dc)] = cell
            c += span
    grid_cols = tbl.find(qn("w:tblGrid"))
    width = max([c + 1 for _, c in placed] + [len(grid_cols) if grid_cols is not None else 0])
    budget.check_cells(path, len(rows) * width, limits, table=index)  # before allocating it
    grid: list[list[GridCell | None]] = [[None] * width for _ in rows]
    for cell in cells:
        grid[cell.row][cell.column] = cell
    return Grid(rows=grid, source=Source(table=index))


# a line that ends a sentence or a clause, or that starts a numbered item, a heading or a date line
_ENDS_LINE = "。；;！!？?：:）)”」\t"
_ITEM = lazyre.compile(r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十]+|\d{4}年)")
_SENTENCE_END = lazyre.compile(r"[。！？；!?;][”’」）)]*\s*$")
_HEADING_PUNCT = lazyre.compile(r"[，。；,;]")
_SHORTEST_CUT = 15  # a line shorter than this before a break is a line of its own (a name, a label)


def _join_soft_breaks(text: str) -> str:
    """A paragraph of sentences broken by soft line breaks (text pasted from a PDF) as Word's reader
    takes it: one line where a break cuts a sentence. Only in prose (the paragraph ends a sentence: not a
    title or a 落款 split over lines), only after a line of some length that does not end a sentence or a
    clause and is not a heading (a numbered line without a comma or a full stop), and not before a numbered
    item or a date line; never in a line with a tab (a table pasted as text)."""
    lines = text.split("\n")
    if len(lines) == 1 or not _SENTENCE_END.search(text) or "\t" in text:
        return text
    out = [lines[0]]
    for line in lines[1:]:
        before = out[-1].strip()
        if (len(before) >= _SHORTEST_CUT and before[-1] not in _ENDS_LINE and line.strip()
                and not (_ITEM.match(before) and not _HEADING_PUNCT.search(before)) and not _ITEM.match(line)):
            out[-1] = out[-1].rstrip() + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _in_diagram(box) -> bool:
    """Whether text box ``box`` is a shape of a drawing canvas or a group (looking up to its paragraph)."""
    for el in box.iterancestors():
        if el.tag in _DIAGRAMS:
            return True
        if el.tag == _P:
            return False
    return False


def read_boxes(boxes: list) -> list:
    """The text boxes of ``boxes`` (found by ``_paragraph_text``) whose content is read: not a diagram's shapes."""
    return [box for box in boxes if not _in_diagram(box)]


def imported_tables(part, chunk) -> int:
    """How many tables the reader reads in the part that ``chunk`` (a w:altChunk of ``part``) imports."""
    return sum(isinstance(block, Grid) for block in imported_blocks(part, chunk)[0])


class _Reader:
    def __init__(self, document, path: str, limits: Limits, depth: int = 0) -> None:
        self.blocks: list = []
        self.notes: list[str] = []  # parts not read, said plainly (``Document.notes``)
        self.paragraphs = 0  # Word paragraph number of the last body paragraph read
        self.unnumbered = 0  # > 0 while reading blocks Word does not number: a layout table's cells, a text box
        self.tables = 0
        self.chars = 0
        self.path, self.limits, self.depth = path, limits, depth
        self.part = document.part
        self.shown = Shown(document.styles.element)
        self.labels = labels(document, self.shown_text)  # w:p -> its list label

    def shown_text(self, p) -> str:
        return _paragraph_text(p, self.shown)

    def text(self, p, boxes: list | None = None) -> str:
        """The paragraph as Word shows it: its list label, then its text (``boxes``: see ``_paragraph_text``)."""
        return self.labels.get(p, "") + _paragraph_text(p, self.shown, boxes)

    def blocks_of(self, el) -> None:
        joined: list[tuple[int | None, str]] = []  # (number, text) of paragraphs shown as one, so far
        boxes: list = []  # the text boxes anchored in them
        for child in _children(el):
            tag = child.tag
            if tag == _P:
                joined.append((self.number(), self.text(child, boxes)))
                if runs_into_next(child):  # its mark is deleted or hidden: the next one follows on
                    continue
            elif tag not in (_TBL, _CHUNK):
                continue
            self.flush(joined, boxes)
            if tag == _TBL:
                self.table(child)
            elif tag == _CHUNK:
                self.chunk(child)
        self.flush(joined, boxes)

    def flush(self, joined: list, boxes: list) -> None:
        """The paragraph shown as ``joined``, then the text boxes anchored in it; both lists emptied."""
        if joined:
            self.paragraph(joined)
            joined.clear()
        if boxes:
            taken = boxes[:]
            boxes.clear()
            self.unnumbered += 1
            for box in read_boxes(taken):
                self.blocks_of(box)
            self.unnumbered -= 1

    def number(self) -> int | None:
        """The next body paragraph's Word number (None inside a layout table or a text box)."""
        if self.unnumbered:
            return None
        self.paragraphs += 1
        return self.paragraphs

    def paragraph(self, joined: list[tuple[int | None, str]]) -> None:
        """One paragraph as shown (``joined``: the paragraphs whose marks are gone, and the one that ends it),
        numbered as its first; one Paragraph per line."""
        number = joined[0][0]
        for line in _join_soft_breaks("".join(text for _, text in joined)).split("\n"):
            line = _SPACE_NOT_TAB.sub(" ", line).strip()  # tabs kept: a table pasted as text
            if line:
                self.chars += len(line)
                budget.check_chars(self.path, self.chars, self.limits)
                self.blocks.append(Paragraph(line, Source(paragraph=number)))

    def table(self, tbl) -> None:
        if not is_data_table(tbl):
            self.unnumbered += 1
            for tr in _rows(tbl):
                for tc in _cells(tr):
                    if _vmerge(tc) != "continue":
                        self.blocks_of(tc)
            self.unnumbered -= 1
            return
        self.tables += 1
        self.grid(build_grid(tbl, self.tables, self.path, self.limits, self.text))  # checks the table's budget

    def grid(self, grid: Grid) -> None:
        self.chars += sum(len(c.text) for row in grid.rows for c in row if c is not None)
        budget.check_chars(self.path, self.chars, self.limits)
        self.blocks.append(grid)

    def chunk(self, el) -> None:
        """An imported part, read in its place: paragraphs without a number, tables numbered on from the draft's."""
        blocks, notes = imported_blocks(self.part, el, self.path, self.limits, self.depth)
        self.notes += notes
        for block in blocks:
            self.imported(block)

    def imported(self, block: Block) -> None:
        """A block of an imported part, placed in the draft (its place in the part means nothing to the reader)."""
        if isinstance(block, Paragraph):
            self.paragraph([(None, block.text)])
            return
        self.tables += 1
        rows = [[replace(c, source=replace(c.source, table=self.tables)) if c is not None else None for c in row]
                for row in block.rows]
        self.grid(Grid(rows=rows, source=Source(table=self.tables)))


def read_docx_file(path: str, data: bytes, limits: Limits = DEFAULT, depth: int = 0) -> Document:
    """The reader of ``formats.FORMATS``: the package guards, then python-docx's own errors on a damaged
    package become ReadError (``depth``: see ``read_docx``)."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    from gklint.read.guards import check_docx

    check_docx(path, data, limits)
    try:
        return read_docx(path, data, limits, depth)
    except (zipfile.BadZipFile, PackageNotFoundError, etree.XMLSyntaxError, KeyError, EOFError) as exc:
        raise ReadError(path, f"Word 文档已损坏，无法解析（{type(exc).__name__}: {str(exc)[:120]}）") from None
    except ValueError as exc:
        if "content type" in str(exc):  # python-docx: a macro-enabled document or a template
            raise ReadError(path, "不支持的 Word 文件类型（启用宏的文档或模板），请另存为普通 .docx 后再检查") from None
        # zipfile on a directory whose offsets point outside the file (a negative seek), and the like
        raise ReadError(path, f"Word 文档已损坏，无法解析（{type(exc).__name__}: {str(exc)[:120]}）") from None
