"""Plain text (a report copied from a web page, or saved as .txt) -> Document: one Paragraph per line."""

from __future__ import annotations

from gklint.read.document import Document, Paragraph
from gklint.core.source import Source


def read_text(path: str, text: str) -> Document:
    """Every non-blank line becomes a Paragraph remembering its 1-based line number."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks = [Paragraph(line.strip(), Source(line=i)) for i, line in enumerate(text.split("\n"), 1)
              if line.strip() and not line.strip().isspace()]
    return Document(blocks=blocks, path=path, format="txt")
