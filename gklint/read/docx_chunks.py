"""Parts a Word draft imports with ``w:altChunk``: Word shows the imported content in place, so it is read there.

An OA system exporting a draft, or a macro assembling one, often writes a section as an imported part rather than
as paragraphs: an HTML (or XHTML) page, a web archive (MHT: the HTML page inside a MIME message), plain text, or a
whole Word document. Each is read with gklint's reader of its kind (the HTML one reads the whole body, as Word
does: ``html.read_html_body``); an imported Word document may import others in turn, down to ``MAX_DEPTH``. A
part of a kind gklint does not read (RTF, XML, …), or one missing from the package, is not read and is said so:
``imported_blocks`` returns a note for ``Document.notes`` in place of blocks; so does a part whose reader refuses it
(a damaged imported document, one over a reading budget): the draft around it is still read.
"""

from __future__ import annotations

import posixpath

from docx.oxml.ns import qn

from gklint.read.document import Block
from gklint.read.guards import DEFAULT, Limits

_RID = qn("r:id")
MAX_DEPTH = 3  # Word documents imported into imported Word documents
_HTML = ("text/html", "application/xhtml+xml")
_MHT = ("message/rfc822", "multipart/related", "application/x-mimearchive")
_TEXT = ("text/plain",)
_DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
_BY_EXTENSION = {".htm": "html", ".html": "html", ".xhtml": "html", ".mht": "mht", ".mhtml": "mht",
                 ".txt": "text", ".docx": "docx"}
_NAMES = {".rtf": "RTF", ".xml": "XML", ".doc": "Word 97-2003", ".docm": "启用宏的 Word"}


def kind(part) -> str | None:
    """'html', 'mht', 'text' or 'docx' by the part's content type, else by its name's extension; None otherwise."""
    content_type = (part.content_type or "").split(";")[0].strip().lower()
    for kinds, name in ((_HTML, "html"), (_MHT, "mht"), (_TEXT, "text"), (_DOCX, "docx")):
        if content_type in kinds:
            return name
    return _BY_EXTENSION.get(_extension(part))


def _extension(part) -> str:
    return posixpath.splitext(str(part.partname))[1].lower()


def imported_blocks(document_part, chunk, path: str = "", limits: Limits = DEFAULT,
                    depth: int = 0) -> tuple[list[Block], list[str]]:
    """The blocks of the part that ``chunk`` (a w:altChunk of ``document_part``) imports, and the notes on what
    was not read (the whole part when the package lacks it)."""
    rid = chunk.get(_RID) or ""
    rel = document_part.rels.get(rid)
    if rel is None or rel.is_external:
        return [], [missing_note(rid)]
    return _part_blocks(rel.target_part, path, limits, depth)


def _part_blocks(part, path: str, limits, depth: int) -> tuple[list[Block], list[str]]:
    """The blocks of imported ``part`` (their places are the reader's to set) and the notes on what was not read.
    ``depth``: how many imported Word documents ``part`` lies in already."""
    from gklint.read.errors import ReadError

    try:
        return _read(part, path, limits, depth)
    except ReadError as exc:
        return [], [_not_read(part, exc.message)]


def _read(part, path: str, limits, depth: int) -> tuple[list[Block], list[str]]:
    found = kind(part)
    if found == "html":
        return _html(path, part.blob, limits), []
    if found == "mht":
        page = _mht_page(part.blob)
        return (_html(path, page, limits), []) if page is not None else ([], [_not_read(part, "网页存档（MHT）中没有网页")])
    if found == "text":
        from gklint.read.sniff import decode_text
        from gklint.read.text import read_text

        return read_text(path, decode_text(part.blob, path=path)).blocks, []
    if found == "docx":
        if depth >= MAX_DEPTH:
            return [], [_not_read(part, f"嵌套导入的 Word 文档超过{MAX_DEPTH}层")]
        from gklint.read.docx import read_docx_file

        inner = read_docx_file(path, part.blob, limits, depth + 1)
        return inner.blocks, inner.notes
    return [], [_not_read(part, f"{_NAMES.get(_extension(part), '该类型（' + (part.content_type or '未知') + '）')}内容无法读取")]


def _html(path: str, data: bytes, limits) -> list[Block]:
    from gklint.read.html import read_html_body

    return read_html_body(path, data, limits)


def _mht_page(data: bytes) -> bytes | None:
    """The HTML page of a web archive (the first text/html part of the MIME message), its transfer encoding undone
    and its text re-encoded from the part's charset as UTF-8 (which gklint's decoder tries first)."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for sub in message.walk():
        if sub.get_content_type() == "text/html":
            raw = sub.get_payload(decode=True) or b""
            charset = sub.get_content_charset()
            if charset:
                try:
                    return raw.decode(charset, "replace").encode("utf-8")
                except LookupError:
                    pass
            return raw
    return None


def _not_read(part, why: str) -> str:
    return f"文中导入的内容（{part.partname}）未读取：{why}，未检查其中的内容"


def missing_note(rid: str) -> str:
    return f"文中导入的内容（关系 {rid}）在文件中缺失，未检查其中的内容"
