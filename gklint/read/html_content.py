"""Which element of a portal page holds the report: the deepest element holding the most distinct numbered
section headings ("一、…", "二、…" starting a paragraph or line), or else the element whose paragraphs hold
the most text; and the close ancestor whose short text before it (title, source, date) is kept too.
"""

from __future__ import annotations

from gklint.core import lazyre
from gklint.core.numerals import HEADING
from gklint.read.html_tables import is_data_table
from gklint.read.html_text import BLOCK, clean

_HAN = lazyre.compile(r"[\u4e00-\u9fff]")  # a heading's title starts with a Chinese character
_PREAMBLE_LIMIT = 200  # how much extra text an ancestor may add (title, date) to be kept before the content


def _heading_numeral(text: str) -> str | None:
    """The numeral of a section heading that starts ``text`` (一、总体情况 / 二．…), else None."""
    m = HEADING.match(text)
    if m and not text[:1].isspace() and m["mark"] in "、．." and _HAN.match(m["rest"]):
        return m["num"]
    return None


def _in_data_table(el, memo: dict | None = None) -> bool:
    """Is ``el`` inside a data table? ``memo`` keeps each table's answer: a page with many heading-like
    cells inside one big table asks about the same table each time (quadratic without it)."""
    for a in el.iterancestors("table"):
        if memo is None:
            if is_data_table(a):
                return True
            continue
        if a not in memo:
            memo[a] = is_data_table(a)
        if memo[a]:
            return True
    return False


def _innermost_blocks(body):
    for el in body.iter(*BLOCK):
        if el.tag in ("table", "thead", "tbody", "tfoot", "tr", "body", "html"):
            continue
        if not any(isinstance(d.tag, str) and d.tag in BLOCK for d in el.iterdescendants()):
            yield el


def content_root(body):
    """The deepest element holding the most distinct numbered section headings (at least two; a
    stray "一、…" in a menu does not widen it), else the element whose innermost paragraphs hold
    the most text."""
    numerals: dict = {}  # element -> numerals of the headings inside it
    # Headings start a paragraph, or a line of one (a text node: "…<br>二、主动公开…").
    candidates = [(el, clean(el.text_content())) for el in _innermost_blocks(body)]
    candidates += [(node.getparent(), clean(node)) for node in body.xpath(".//text()")]
    memo: dict = {}
    for el, text in candidates:
        if el is not None and (numeral := _heading_numeral(text)) and not _in_data_table(el, memo):
            for holder in (el, *el.iterancestors()):
                numerals.setdefault(holder, set()).add(numeral)
    most = max((len(v) for v in numerals.values()), default=0)
    if most >= 2:
        best = [el for el, v in numerals.items() if len(v) == most]
        return max(best, key=lambda el: sum(1 for _ in el.iterancestors()))
    scores: dict = {}
    for el in _innermost_blocks(body):
        parent = el.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(_text_without_links(el))
    if not scores:
        return body
    return max(scores, key=scores.get)


def _text_without_links(el) -> str:
    parts = []
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag != "a" and not any(a.tag == "a" for a in node.iterancestors("a")):
            parts.append(node.text or "")
        if node is not el:
            parent = node.getparent()
            if parent.tag != "a" and not any(a.tag == "a" for a in parent.iterancestors("a")):
                parts.append(node.tail or "")
    return clean("".join(parts))


def preamble_root(content):
    """The highest close ancestor of the content: one adding only a little text (the title, date,
    share buttons). Its text before the content, links aside, is kept; what follows the content
    (share buttons, footers) is not, so only the text before the content counts: print/close links, share
    buttons and related links after the article must not push its title and date line out."""
    path = set(content.iterancestors())
    top = content
    for ancestor in content.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        if _longer_before(ancestor, content, path, _PREAMBLE_LIMIT):
            break
        top = ancestor
    return top


def _longer_before(ancestor, content, path: set, limit: int) -> bool:
    """Whether the text inside ``ancestor`` before ``content`` (whose ancestors are ``path``) is longer than
    ``limit`` characters, white space collapsed."""
    parts: list[str] = []
    for node in ancestor.iter():
        if node is content:
            break
        if isinstance(node.tag, str):
            parts.append(node.text or "")
        if node is not ancestor and node not in path:  # the tail of an element on the path follows the content
            parts.append(node.tail or "")
    return len(clean("".join(parts))) > limit
