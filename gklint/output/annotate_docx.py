"""``gklint check draft.docx --annotate``: the Word draft back with a comment (批注) on each finding.

Writes ``draft.gklint.docx`` next to the draft (or ``-o``): the same document, with one comment by
author "gklint" per finding, anchored on its place (an HTML page or a PDF, which cannot be edited, gets
its review page ``X.gklint.html`` instead, see ``gklint.output.html``):

- a table finding on the cell it names (``Source.table/row/column`` are the Word reader's data-table
  index and grid position, so the cell is found by walking the body the way the reader does);
- a narrative or structure finding on its paragraph (``Source.paragraph``, Word's paragraph number,
  see ``gklint.read.docx``), narrowed to the runs that hold the quoted sentence when they can be
  found; a paragraph without a number (inside a layout table) is found by its quote;
- a finding without a place on the first paragraph that has text.

A sentence that disagrees with a table (narrative rules) has two places, the sentence and the cells
it was compared with (``Diagnostic.related``). It gets *one* comment, on the sentence (the statement
the drafting office wrote and must check), and the comment names the cells with their places
("对照：表三 · … · 总计（表格2 第4行第10列）"): one finding, one comment, so a draft with three
defects comes back with three comments.

Only the comments part, its relationship, ``[Content_Types].xml`` and the comment anchors in
``word/document.xml`` change: every other part of the package is copied byte for byte from the draft. A draft
under review often has comments already: its comments part (found through the document's relationship, whatever
its name) is kept with them and gains gklint's.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from gklint.core import lookalikes
from gklint.core.diagnostic import FileResult
from gklint.output.places import related_text
from gklint.core.own import AUTHOR  # a later check knows an annotated draft by it

INITIALS = "GK"
CHANGED = frozenset({"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"})
_SPACE = re.compile(r"\s+")


def target_for(path: str, output_file: Path | None, suffix: str = ".docx") -> Path:
    if output_file is not None:
        return Path(output_file)
    p = Path(path)
    return p.with_name(p.stem + ".gklint" + suffix)


def usage(paths: list[str], output_file: Path | None) -> str | None:
    """Why ``--annotate`` cannot be used on these files (a Chinese usage message), or None."""
    if output_file is not None and len(paths) > 1:
        return ("--annotate 检查多个文件时不能用 -o 指定一个输出文件：每个 Word 文件写到同目录下的 X.gklint.docx"
                "（网页和 PDF 写出审阅网页 X.gklint.html）")
    return None


def _whole_files(files: list[FileResult]) -> list[FileResult]:
    """The results by file: the reports of a file holding several (``FileResult.part``) as one result with all
    their findings (each names its own paragraph, so each comment lands in its own report)."""
    out: dict[str, FileResult] = {}
    for f in files:
        first = out.setdefault(f.path, f)
        if first is not f:
            out[f.path] = replace(first, diagnostics=first.diagnostics + f.diagnostics, rules=first.rules | f.rules)
    return list(out.values())


def annotate(result, output_file: Path | None = None, lang: str = "zh", reviews: dict | None = None) -> list[str]:
    """Write the annotated copy of every readable .docx in ``result``, and for a page or a PDF, which
    cannot take comments, its review page (``reviews``: path -> ``html.Page``); return what was written,
    one line each, for the user."""
    from gklint.output import OutputError, cannot_write

    said = []
    for f in _whole_files(result.files):
        if f.error is not None:
            continue
        is_docx = Path(f.path).suffix.lower() == ".docx"
        target = target_for(f.path, output_file, ".docx" if is_docx else ".html")
        try:
            if is_docx:
                target.write_bytes(annotated(Path(f.path).read_bytes(), f.diagnostics, lang=lang, rules=f.rules))
                said.append(f"已写出 {target}（{len(f.diagnostics)} 条批注）")
            elif reviews and f.path in reviews:
                target.write_text(reviews[f.path].html(), encoding="utf-8")
                said.append(f"{f.path} 不是 Word 文件，无法加批注；已写出审阅网页 {target}")
        except OSError as exc:
            raise OutputError(cannot_write(target, exc)) from None
    return said


def comment_text(d, lang: str = "zh", rule=None) -> str:
    """A finding as a Word comment, for a drafting office that has no gklint: what is wrong, the values
    given (a side that has none is left out), the cells compared with, and what to change in plain words
    (the first sentence of the rule's ``fix``, in ``lang`` as ``rule``, a RuleInfo, gives it)."""
    head = {"error": "错误", "warning": "警告", "info": "提示"}[d.severity] if lang == "zh" else d.severity
    lines = [f"【{head} {d.rule}】{d.title}", d.message]
    if values := _values_line(d, lang):
        lines.append(values)
    if related := related_text(d, lang):  # the cells the sentence was compared with
        lines.append(f"对照：{related}" if lang == "zh" else f"compared with: {related}")
    if rule is not None and rule.docs.get("fix"):
        lines.append(f"如何改正：{_first_sentence(rule.docs['fix'])}" if lang == "zh" else
                     f"how to fix: {_first_sentence(rule.docs['fix'])}")
    return "\n".join(lines)


def _values_line(d, lang: str) -> str:
    """"应为：28；实为：27" (or "expected: 28; found: 27") for a finding about numbers, a side that has no
    value left out; "" for any other finding."""
    from gklint.core.numbers import show_number

    if not any(isinstance(value, (int, float)) for value in (d.expected, d.found)):
        return ""
    names = ("应为", "实为") if lang == "zh" else ("expected", "found")
    said = [f"{name}{'：' if lang == 'zh' else ': '}{show_number(value)}"
            for name, value in zip(names, (d.expected, d.found)) if value is not None]
    return ("；" if lang == "zh" else "; ").join(said)


def _first_sentence(text: str) -> str:
    """The first sentence of ``text``, with its full stop (a Chinese one, or an English one before a space)."""
    first = re.match(r".*?(?:。|\.(?=\s))", text, re.S)
    return first.group(0) if first else text


# --------------------------------------------------------------------------- finding places

class _Places:
    """The draft's paragraphs by Word's paragraph number, and its data-table cells by grid position,
    found by walking the body as the reader does (``gklint.read.docx``)."""

    def __init__(self, body, part=None, shown=None) -> None:
        self.shown = shown  # the document's hiding rules (``read.docx.Shown``), as the reader has them
        self.paragraphs: dict[int, object] = {}  # Word paragraph number (Source.paragraph) -> w:p
        self.every: list = []  # every paragraph read, also those in layout tables, in order
        self.cells: dict[tuple[int, int, int], object] = {}  # (table, row, column), 1-based -> w:tc
        self.first = None  # the first paragraph with text
        self._number = 0
        self._in_table = 0
        self._table = 0
        self._part = part  # the document's part, whose relationships name the parts w:altChunk imports
        self._blocks(body)

    def text(self, p) -> str:
        """The text of paragraph ``p`` as the reader read it (hidden runs left out, invisible characters deleted)."""
        from gklint.read.docx import _paragraph_text

        return lookalikes.drop_invisible(_paragraph_text(p, self.shown))

    def _blocks(self, el) -> None:
        from gklint.read.docx import _CHUNK, _P, _TBL, _children

        for child in _children(el):
            if child.tag == _P:
                self._paragraph(child)
            elif child.tag == _TBL:
                self._tbl(child)
            elif child.tag == _CHUNK and self._part is not None:
                self._imported(child)

    def _imported(self, chunk) -> None:
        """An imported part's tables are numbered by the reader (its cells are not in the body: no comment goes there)."""
        from gklint.read.docx import imported_tables

        self._table += imported_tables(self._part, chunk)

    def _paragraph(self, p) -> None:
        from gklint.read.docx import _paragraph_text, read_boxes

        boxes: list = []
        text = _paragraph_text(p, boxes=boxes)
        if not self._in_table:
            self._number += 1
            self.paragraphs[self._number] = p
        self.every.append(p)
        if self.first is None and text.strip() and _runs(p):
            self.first = p
        self._in_table += 1  # a text box's paragraphs are not numbered, its tables are (the reader reads them)
        for box in read_boxes(boxes):
            self._blocks(box)
        self._in_table -= 1

    def _tbl(self, tbl) -> None:
        from docx.oxml.ns import qn

        from gklint.read.docx import _cells, _int, _rows, _span, _vmerge, is_data_table

        if not is_data_table(tbl):
            self._in_table += 1
            for tr in _rows(tbl):
                for tc in _cells(tr):
                    if _vmerge(tc) != "continue":
                        self._blocks(tc)
            self._in_table -= 1
            return
        self._table += 1
        placed: dict[tuple[int, int], int] = {}  # grid position -> column where its cell starts
        for r, tr in enumerate(_rows(tbl)):
            c = _int(tr.find(qn("w:trPr")), "w:gridBefore")
            for tc in _cells(tr):
                span = _span(tc)
                if _vmerge(tc) == "continue" and placed.get((r - 1, c)) == c:
                    for dc in range(span):
                        placed[(r, c + dc)] = c
                    c += span
                    continue
                self.cells[(self._table, r + 1, c + 1)] = tc
                for dc in range(span):
                    placed[(r, c + dc)] = c
                c += span


def _runs(el) -> list:
    """The text runs inside ``el`` (paragraph or cell), in order, skipping deleted text and text boxes."""
    from docx.oxml.ns import qn

    from gklint.read.docx import _SKIP

    out = []
    for r in el.iter(qn("w:r")):
        if any(a.tag in _SKIP for a in r.iterancestors()) or r.find(qn("w:commentReference")) is not None:
            continue
        out.append(r)
    return out


def _quoted_runs(p, quote: str | None, shown=None) -> list:
    """The runs of paragraph ``p`` that hold ``quote`` (spaces ignored), else all its runs. The quote is found in
    the runs' text as the reader read it: tracked deletions and the runs ``shown`` (the document's hiding rules,
    ``read.docx.Shown``) says are not text left out, the characters that show nothing deleted, a non-breaking
    hyphen a "-"."""
    from gklint.read.docx import _paragraph_text

    runs = _runs(p)
    if not quote or not runs:
        return runs
    owner: list[int] = []
    chars: list[str] = []
    style = shown.paragraph_style(p) if shown is not None and shown.styles_hide else None
    for k, r in enumerate(runs):
        if shown is not None and shown.not_text(r, style):
            continue
        for ch in lookalikes.drop_invisible(_paragraph_text(r)):
            if not ch.isspace():
                chars.append(ch)
                owner.append(k)
    # a quote holds the ideographs that the draft's look-alikes stand for (one for one: ``owner`` still fits)
    text, wanted = lookalikes.unify("".join(chars)), _SPACE.sub("", quote)
    for probe in (wanted, wanted[:20]):
        start = text.find(probe) if probe else -1
        if start >= 0:
            end = start + len(probe) - 1
            return runs[owner[start]: owner[end] + 1]
    return runs


def _anchor(places: _Places, d) -> tuple[object, list]:
    """The element a finding's comment goes on and the runs to anchor it to."""
    src = d.location.source
    if src is not None and src.table is not None and src.row is not None and src.column is not None:
        tc = places.cells.get((src.table, src.row, src.column))
        if tc is not None:
            return tc, _runs(tc)
    if src is not None and src.paragraph is not None and src.paragraph in places.paragraphs:
        p = places.paragraphs[src.paragraph]
        return p, _quoted_runs(p, d.location.quote, places.shown)
    if d.location.quote:
        wanted = _SPACE.sub("", d.location.quote)[:20]
        for p in places.every:
            if wanted and wanted in _SPACE.sub("", lookalikes.unify(places.text(p))):
                return p, _quoted_runs(p, d.location.quote, places.shown)
    return places.first, _runs(places.first) if places.first is not None else []


def _mark_empty(el, comment_id: int) -> None:
    """Anchor a comment on an element without text runs: an empty range at the end of its first paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = el if el.tag == qn("w:p") else next(el.iter(qn("w:p")))
    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)})
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)})
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"})
    props.append(style)
    run.append(props)
    run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    p.append(start)
    p.append(end)
    p.append(run)


def annotated(data: bytes, diagnostics, lang: str = "zh", rules=None) -> bytes:
    """The draft's bytes with one comment per diagnostic (``rules``: the findings' rules by id, as
    ``FileResult.rules`` holds them, for what to change); parts other than the comments' copied as they were."""
    import docx
    from docx.text.run import Run

    from gklint.read.docx import Shown  # the reader's hiding rules (the exception of tests/test_import_graph.py)

    document = docx.Document(io.BytesIO(data))
    places = _Places(document.element.body, document.part, Shown(document.styles.element))
    for d in diagnostics:
        el, runs = _anchor(places, d)
        text = comment_text(d, lang, (rules or {}).get(d.rule))
        if runs:
            document.add_comment([Run(runs[0], None), Run(runs[-1], None)], text=text, author=AUTHOR,
                                 initials=INITIALS)
        else:
            comment = document.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
            _mark_empty(el if el is not None else document.element.body, comment.comment_id)
    saved = io.BytesIO()
    document.save(saved)
    return _merge(data, saved.getvalue(), CHANGED | {_comments_name(document)})


def _comments_name(document) -> str:
    """The zip name of the document's comments part (python-docx keeps a draft's own part and its name), or
    "" when there is none (no finding, no comment before)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    names = [rel.target_part.partname for rel in document.part.rels.values()
             if rel.reltype == RT.COMMENTS and not rel.is_external]
    return names[0].lstrip("/") if names else ""


def _merge(original: bytes, saved: bytes, changed: frozenset | set) -> bytes:
    """The original package with the ``changed`` parts (and new ones, the comments) taken from ``saved``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as old, zipfile.ZipFile(io.BytesIO(saved)) as new, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        old_names = set(old.namelist())
        new_names = set(new.namelist())
        for info in old.infolist():
            if info.filename in changed and info.filename in new_names:
                z.writestr(info, _declared_as(old.read(info.filename), new.read(info.filename)))
            else:
                z.writestr(info, old.read(info.filename))
        for info in new.infolist():
            if info.filename not in old_names:
                z.writestr(info, new.read(info.filename))
    return out.getvalue()


_DECLARATION = re.compile(rb"^<\?xml[^>]*\?>\s*")


def _declared_as(original: bytes, saved: bytes) -> bytes:
    """``saved`` with the original's XML declaration and the line break after it (python-docx writes its own:
    other quotes, no CR), so a part's bytes differ from the draft's only where the comments were added."""
    old, new = _DECLARATION.match(original), _DECLARATION.match(saved)
    if old is None or new is None:
        return saved
    return old.group() + saved[new.end():]
