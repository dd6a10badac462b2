"""Where a value, a block or a finding came from in the original file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Where a value or block came from in the original file (every field optional)."""

    line: int | None = None  # 1-based line in a text file
    page: int | None = None  # 1-based page in a PDF
    table: int | None = None  # 1-based index of the table in the document
    row: int | None = None  # 1-based row in that table's grid
    column: int | None = None  # 1-based column in that table's grid
    paragraph: int | None = None  # 1-based Word paragraph number (DOCX; see gklint.read.docx)
    markup_line: int | None = None  # 1-based line of an HTML page's source: data only, never shown to people
    box: tuple[float, ...] | None = None  # read by OCR: x0, top, x1, bottom on the page, in points
    confidence: float | None = None  # read by OCR: the lowest confidence of what was read there (0-1)

    def describe(self, lang: str = "zh") -> str:
        """Where in the file, in words: ``第3页 第12段`` / ``表格2 第4行第10列`` (zh), ``page 3, paragraph 12`` /
        ``table 2 of the file, row 4, column 10`` (en; any other language is zh). The one implementation:
        ``gklint.output.places`` calls it. An HTML page's source line (``markup_line``) is never said."""
        zh = lang != "en"
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第{self.page}页" if zh else f"page {self.page}")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段" if zh else f"paragraph {self.paragraph}")
        if self.line is not None:
            parts.append(f"第{self.line}行" if zh else f"line {self.line}")
        if self.table is not None:
            parts.append(f"表格{self.table}" if zh else f"table {self.table} of the file")
        if self.row is not None and self.column is not None:
            parts.append(f"第{self.row}行第{self.column}列" if zh else f"row {self.row}, column {self.column}")
        return (" " if zh else ", ").join(parts)

    def to_dict(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items() if v is not None}
