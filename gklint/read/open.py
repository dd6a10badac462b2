"""A file on disk -> Document: size guard, then the reader the content calls for (``formats.FORMATS``).

JSON is not a Document (it is a Report already): the caller handles it before coming here. Whatever the reader,
the look-alikes of ideographs in the text (Kangxi radicals and the like, ``core.lookalikes``) are read here as the
ideographs they stand for, and zero-width characters are deleted, so that recognition and every rule (and the
quotes of findings) see one text: the text a reader of the page sees.
"""

from __future__ import annotations

from collections.abc import Callable

from gklint.core import lookalikes
from gklint.read import guards
from gklint.read.document import Document
from gklint.read.errors import ReadError
from gklint.read.sniff import sniff


def open_document(path: str, limits: guards.Limits = guards.DEFAULT) -> Document:
    data = guards.read_limited(path, limits)
    return read_document(path, data, limits)


def read_document(path: str, data: bytes, limits: guards.Limits = guards.DEFAULT, *,
                  kind: str | None = None) -> Document:
    """Bytes already in memory -> Document (the size guard applies here too); ``kind`` when the caller
    has already sniffed the content."""
    if len(data) > limits.max_bytes:
        found, cap = guards.sizes(len(data), limits.max_bytes)
        raise ReadError(path, f"文件过大（{found}，上限 {cap}），拒绝读取")
    from gklint.read import formats

    doc = formats.get(kind or sniff(path, data)).read(path, data, limits)
    change = _cleaning("\n".join(doc.texts()))
    return doc if change is None else doc.mapped(change)


def _cleaning(text: str) -> Callable[[str], str] | None:
    """What a document whose text is ``text`` needs: its zero-width characters deleted, its look-alikes read as
    the ideographs they stand for, both (in one copy of the document), or nothing (None)."""
    invisible, lookalike = lookalikes.has_invisible(text), lookalikes.holds(text)
    if invisible and lookalike:
        return _drop_and_unify
    return lookalikes.drop_invisible if invisible else lookalikes.unify if lookalike else None


def _drop_and_unify(text: str) -> str:
    return lookalikes.unify(lookalikes.drop_invisible(text))
