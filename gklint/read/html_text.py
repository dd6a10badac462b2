"""Text of an HTML page as a browser shows it: white space collapsed, and a source line break between two
CJK characters dropped (the source was wrapped there). ``BLOCK`` are the elements that start a line.
"""

from __future__ import annotations

from gklint.core import lazyre, lookalikes

BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
                   "dd", "section", "article", "header", "footer", "main", "nav", "aside",
                   "blockquote", "pre", "center", "address", "figure", "figcaption", "form",
                   "fieldset", "legend", "hr", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
                   "caption", "body", "html"})
_SPACE = lazyre.compile(r"\s+")
# Source line breaks between two CJK characters are formatting, not spaces (a browser shows none).
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_BREAK = lazyre.compile(rf"(?<=[{_CJK}])[ \t\r]*\n\s*(?=[{_CJK}])")
CJK_GAP = lazyre.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


def clean(text: str) -> str:
    """Collapse white space (NBSP, ideographic space) to single spaces; zero-width characters show nothing
    and are deleted ("1\u200b5" reads 15)."""
    return _SPACE.sub(" ", lookalikes.drop_invisible(text)).strip()


def join(fragments: list[str]) -> str:
    """Join text nodes, dropping line breaks inside a node between two CJK characters (the source
    was wrapped there). A break between two elements is kept as a space, as a browser shows it."""
    return clean("".join(_CJK_BREAK.sub("", f) for f in fragments))
