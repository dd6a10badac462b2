"""Plain text (a report copied from a web page, or saved as .txt) -> Document: one Paragraph per line."""

from __future__ import annotations

from gklint.read.document import Document, Paragraph
from gklint.core.source import Source


def read_text(path: str, text: str) -> Document:
    """Every non-blank line becomes a Paragraph remembering its 1-based line number (and the tabs stripped
    off its ends)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks = [_paragraph(line, i) for i, line in enumerate(text.split("\n"), 1)
              if line.strip() and not line.strip().isspace()]
    return Document(blocks=blocks, path=path, format="txt")


def _paragraph(line: str, number: int) -> Paragraph:
    """The line stripped, counting the tabs stripped before and after it (a copied table row's empty end cells)."""
    before = line[:len(line) - len(line.lstrip())]
    after = line[len(line.rstrip()):]
    return Paragraph(line.strip(), Source(line=number), (before.count("\t"), after.count("\t")))


def read_text_file(path: str, data: bytes, limits=None) -> Document:
    """The reader of ``formats.FORMATS``: the text budget on the bytes, decode, the budget on the characters."""
    from gklint.read.budget import check_bytes_for_text, check_chars
    from gklint.read.guards import DEFAULT
    from gklint.read.sniff import decode_text

    limits = limits or DEFAULT
    check_bytes_for_text(path, data, limits)
    text = decode_text(data, path=path)
    check_chars(path, len(text), limits)
    return read_text(path, text)
