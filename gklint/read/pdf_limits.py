"""Bounds on what pdfminer decodes, parses and draws, enforced inside pdfminer while it works.

A byte search of the raw PDF cannot tell which streams pdfminer will decode: a filter name may be
escaped (``/Fl#61teDecode``) or indirect (``/Filter 6 0 R``), a dictionary may be longer than any
window, a page's content stream may call itself an image. So the bounds of ``guards.Limits`` are
applied where pdfminer does the work, while a ``budget`` is active (``pdf.read_pdf`` opens one per
file; outside a budget every hook behaves exactly as pdfminer's own code):

- decoding (``pdfminer.pdftypes``): the names ``PDFStream.decode`` calls are replaced by bounded
  equivalents: ``zlib`` (a stand-in whose ``decompress`` stops past the cap),
  ``decompress_corrupted`` (linear, bounded), ``lzwdecode``, ``rldecode``, ``ascii85decode``
  (output predicted before decoding) and ``ccittfaxdecode`` (a fax image: gklint needs no
  pixels, so nothing is decoded). One stream may inflate to ``pdf_max_stream`` (to
  ``pdf_max_content`` when it is page content), all streams together to ``pdf_max_inflated``;
- parsing page content (``PDFContentParser.fillfp``): at most ``pdf_max_content`` bytes per page,
  forms counted each time they are drawn; the deadline every 4 KB read;
- drawing (``LTContainer.add``): at most ``pdf_max_objects`` glyphs, paths and images per page;
  the deadline every 1,000 objects;
- fonts (``PDFResourceManager.get_font``): the stand-in font for a ``Tf`` naming an undefined font is
  built once per file, not once per ``Tf``;
- parsing the file's objects (``PSBaseParser.fillbuf``): the deadline every 4 KB.

A bound passed raises ``ReadError`` naming the limit; the error is kept in the budget, so pdfminer
catching it somewhere (it wraps or swallows some exceptions) cannot make it go away: the reader
checks ``Budget.raise_if_failed`` after every page.

The hook points are those of pdfminer.six 20231228 to 20260107 (pinned in pyproject.toml);
``install`` refuses to run on a pdfminer whose hook points are missing instead of silently
leaving it unbounded.
"""

from __future__ import annotations

import re
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from io import BytesIO
from typing import Iterator

from gklint.read import guards
from gklint.read.errors import ReadError

_BUDGET: ContextVar[Budget | None] = ContextVar("gklint_pdf_budget", default=None)
_CONTENT: ContextVar[bool] = ContextVar("gklint_pdf_content", default=False)  # decoding page content
_CHECK_EVERY = 1000  # objects drawn between two looks at the clock


@dataclass
class Budget:
    """What one PDF may still cost; ``page`` is the page being read (for messages)."""

    path: str
    limits: guards.Limits
    deadline: guards.Deadline
    inflated: int = 0
    page: int | None = None
    page_content: int = 0
    page_objects: int = 0
    error: ReadError | None = field(default=None, repr=False)

    def where(self) -> str | None:
        return f"第{self.page}页" if self.page else None

    def fail(self, message: str) -> None:
        if self.error is None:
            self.error = ReadError(self.path, message, where=self.where())
        raise self.error

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise self.error

    def check_time(self) -> None:
        self.raise_if_failed()
        try:
            self.deadline.check(where=self.where())
        except ReadError as exc:
            self.error = exc
            raise

    def start_page(self, number: int) -> None:
        self.raise_if_failed()
        self.page, self.page_content, self.page_objects = number, 0, 0

    def stream_cap(self) -> int:
        """How much the stream being decoded may inflate to (its own bound, and what is left in all)."""
        self.raise_if_failed()
        own = self.limits.pdf_max_content if _CONTENT.get() else self.limits.pdf_max_stream
        return min(own, self.limits.pdf_max_inflated - self.inflated)

    def over(self, cap: int) -> None:
        """A stream would inflate past ``cap``: name the bound it hit."""
        if cap >= self.limits.pdf_max_inflated - self.inflated:
            found, limit = "所有数据流合计", self.limits.pdf_max_inflated
        elif _CONTENT.get():
            found, limit = "页面内容数据流", self.limits.pdf_max_content
        else:
            found, limit = "单个数据流", self.limits.pdf_max_stream
        self.fail(f"疑似压缩炸弹：PDF {found}解压后超过上限 {guards.size_text(limit)}，拒绝读取")

    def took(self, size: int) -> None:
        self.inflated += size


@contextmanager
def budget(path: str, limits: guards.Limits, deadline: guards.Deadline) -> Iterator[Budget]:
    """Bound everything pdfminer does inside the block (in this thread or context) by ``limits``."""
    install()
    current = Budget(path, limits, deadline)
    token = _BUDGET.set(current)
    try:
        yield current
    finally:
        _BUDGET.reset(token)


# --------------------------------------------------------------------------- bounded decoders

class _TooLarge(Exception):
    pass


def inflate(data: bytes, cap: int) -> bytes:
    """``zlib.decompress(data)``, but raising ``_TooLarge`` rather than producing more than ``cap`` bytes.

    Like ``zlib.decompress``: bytes after the end of the zlib stream are ignored, and a stream that
    is damaged or cut short raises ``zlib.error`` (pdfminer then tries ``decompress_corrupted``).
    """
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, cap + 1)
    if len(out) > cap:
        raise _TooLarge
    if not inflater.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def _decompress_corrupted(data: bytes, cap: int) -> bytes:
    """pdfminer's ``decompress_corrupted`` (inflate what can be, when the checksum at the end is bad),
    linear and bounded: fed 1 KB at a time (at most ~1 MB of output each), byte by byte only in the
    kilobyte where zlib fails. Raises ``zlib.error`` if the data fails before its last 3 bytes."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    pos = 0
    step = 1024
    while pos < len(data) and not inflater.eof:
        chunk = data[pos:pos + step]
        saved = inflater.copy()
        try:
            out = inflater.decompress(chunk)
        except zlib.error:
            inflater = saved
            for i in range(len(chunk)):
                try:
                    out = inflater.decompress(chunk[i:i + 1])
                except zlib.error:
                    if pos + i < len(data) - 3:
                        raise
                    return b"".join(parts)
                size += len(out)
                if size > cap:
                    raise _TooLarge from None
                parts.append(out)
            raise AssertionError("unreachable: the chunk failed as a whole") from None  # pragma: no cover
        size += len(out)
        if size > cap:
            raise _TooLarge
        parts.append(out)
        pos += len(chunk)
    return b"".join(parts)


def _lzwdecode(data: bytes, cap: int, current: Budget) -> bytes:
    """pdfminer's LZW decoding (same codes, same tolerance of damage), stopping past ``cap``."""
    from pdfminer.lzw import CorruptDataError, LZWDecoder

    decoder = LZWDecoder(BytesIO(data))
    parts: list[bytes] = []
    size = 0
    while True:
        try:
            code = decoder.readbits(decoder.nbits)
        except EOFError:
            break
        try:
            out = decoder.feed(code)
        except CorruptDataError:
            break
        size += len(out)
        if size > cap:
            raise _TooLarge
        parts.append(out)
        if len(parts) % 65536 == 0:
            current.check_time()
    return b"".join(parts)


def _rldecode(data: bytes, cap: int) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5), stopping past ``cap``; a run cut short by the end of the data
    ends the output."""
    out = bytearray()
    pos, end = 0, len(data)
    while pos < end:
        length = data[pos]
        pos += 1
        if length == 128:
            break
        if length < 128:
            out += data[pos:pos + length + 1]
            pos += length + 1
        elif pos < end:
            out += data[pos:pos + 1] * (257 - length)
            pos += 1
        if len(out) > cap:
            raise _TooLarge
    return bytes(out)


def _ascii85_size(data: bytes) -> int:
    """An upper bound of what ASCII85 data decodes to: 4 bytes per 5 characters, 4 per ``z``."""
    return len(data) * 4 // 5 + 4 * data.count(b"z") + 4


# --------------------------------------------------------------------------- hooks

class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``: ``decompress`` is bounded by
    the active budget; everything else is the real module."""

    error = zlib.error

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def decompress(data, *args, **kwargs):
        current = _BUDGET.get()
        if current is None or args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        cap = current.stream_cap()
        try:
            out = inflate(data, cap)
        except _TooLarge:
            current.over(cap)
        current.took(len(out))
        return out


def _bounded(original, decode):
    """A pdftypes decoder that runs ``decode(data, cap, budget)`` under a budget, ``original`` outside."""

    def hook(data, *args, **kwargs):
        current = _BUDGET.get()
        if current is None:
            return original(data, *args, **kwargs)
        cap = current.stream_cap()
        try:
            out = decode(data, cap, current, *args, **kwargs)
        except _TooLarge:
            current.over(cap)
        current.took(len(out))
        return out

    hook.__wrapped__ = original
    hook.__name__ = getattr(original, "__name__", "hook")
    return hook


def _ascii85(original):
    def decode(data, cap, current):
        if _ascii85_size(data) > cap:
            raise _TooLarge
        return original(data)

    return decode


def _no_fax_image(data, cap, current, params=None):
    """CCITT fax data only ever holds an image, and gklint reads no pixels: nothing is decoded (a fax
    stream pretending to be page content or a font is hostile; its few bits can stand for gigabytes)."""
    return b""


class _TimedBytesIO(BytesIO):
    """Page content as the content parser reads it, 4 KB at a time: each read looks at the clock."""

    def __init__(self, data: bytes, current: Budget):
        super().__init__(data)
        self.budget = current

    def read(self, size: int | None = -1) -> bytes:
        self.budget.check_time()
        return super().read(size)


def _get_inline_data(self, pos: int, target: bytes = b"EI") -> tuple[int, bytes]:
    """pdfminer's ``PDFContentParser.get_inline_data`` (an inline image's bytes, up to ``target`` and one
    white-space byte), step for step, but gathering into a ``bytearray``: pdfminer's ``data += c`` on
    ``bytes`` copies everything gathered so far for each byte, so a 6 KB PDF whose inline image
    inflates to a few MB of ``EXEX…`` took minutes. Each 4 KB read still passes ``fillfp`` (deadline)."""
    self.seek(pos)
    i = 0
    data = bytearray()
    while i <= len(target):
        self.fillbuf()
        if i:
            c = self.buf[self.charpos:self.charpos + 1]
            data += c
            self.charpos += 1
            if (len(target) <= i and c.isspace()) or (i < len(target) and c == target[i:i + 1]):
                i += 1
            else:
                i = 0
        else:
            j = self.buf.find(target[:1], self.charpos)
            if j >= 0:
                data += self.buf[self.charpos:j + 1]
                self.charpos = j + 1
                i = 1
            else:
                data += self.buf[self.charpos:]
                self.charpos = len(self.buf)
    del data[-(len(target) + 1):]  # the target and the white space after it
    return (pos, re.sub(rb"(\x0d\x0a|[\x0d\x0a])$", b"", bytes(data)))


_INSTALLED = False
_ORIGINAL_GET_INLINE_DATA = None  # pdfminer's own, kept for the equivalence test


def install() -> None:
    """Put the hooks in place (once). Raises RuntimeError when pdfminer lacks a hook point."""
    global _INSTALLED
    if _INSTALLED:
        return
    from pdfminer import layout, pdfinterp, pdftypes, psparser

    needed = {pdftypes: ("zlib", "decompress_corrupted", "lzwdecode", "rldecode", "ascii85decode",
                         "ccittfaxdecode"),
              pdfinterp.PDFContentParser: ("fillfp", "get_inline_data"),
              pdfinterp.PDFResourceManager: ("get_font",),
              psparser.PSBaseParser: ("fillbuf",),
              layout.LTContainer: ("add",)}
    missing = [f"{getattr(owner, '__name__', owner)}.{name}" for owner, names in needed.items()
               for name in names if not hasattr(owner, name)]
    if missing or pdftypes.zlib is not zlib:
        raise RuntimeError(f"gklint cannot bound pdfminer's work: hook points missing ({', '.join(missing)}); "
                           "use a pdfminer.six version listed in pyproject.toml")

    pdftypes.zlib = _BoundedZlib()
    pdftypes.decompress_corrupted = _bounded(pdftypes.decompress_corrupted,
                                             lambda data, cap, current: _decompress_corrupted(data, cap))
    pdftypes.lzwdecode = _bounded(pdftypes.lzwdecode, _lzwdecode)
    pdftypes.rldecode = _bounded(pdftypes.rldecode, lambda data, cap, current: _rldecode(data, cap))
    pdftypes.ascii85decode = _bounded(pdftypes.ascii85decode, _ascii85(pdftypes.ascii85decode))
    pdftypes.ccittfaxdecode = _bounded(pdftypes.ccittfaxdecode, _no_fax_image)

    parser = pdfinterp.PDFContentParser
    fillfp = parser.fillfp

    def content_fillfp(self) -> bool:
        current = _BUDGET.get()
        if current is None:
            return fillfp(self)
        token = _CONTENT.set(True)
        try:
            new = fillfp(self)
        finally:
            _CONTENT.reset(token)
        if new:
            data = self.fp.getvalue()  # the stream's bytes themselves (BytesIO shares them)
            current.page_content += len(data)
            if current.page_content > current.limits.pdf_max_content:
                found, cap = guards.sizes(current.page_content, current.limits.pdf_max_content)
                current.fail(f"PDF 页面内容过多（{found}，上限 {cap}；可能是恶意构造的文件），拒绝读取")
            self.fp = _TimedBytesIO(data, current)
        return new

    parser.fillfp = content_fillfp
    global _ORIGINAL_GET_INLINE_DATA
    _ORIGINAL_GET_INLINE_DATA = parser.get_inline_data
    parser.get_inline_data = _get_inline_data

    base_fillbuf = psparser.PSBaseParser.fillbuf

    def object_fillbuf(self) -> bool:
        if self.charpos >= len(self.buf) and (current := _BUDGET.get()) is not None:
            current.check_time()
        return base_fillbuf(self)

    psparser.PSBaseParser.fillbuf = object_fillbuf

    add = layout.LTContainer.add

    def counted_add(self, obj) -> None:
        current = _BUDGET.get()
        if current is not None:
            current.page_objects += 1
            if current.page_objects > current.limits.pdf_max_objects:
                current.fail(f"PDF 页面上的对象过多（超过 {current.limits.pdf_max_objects:,} 个文字、线条或图形；"
                             "可能是恶意构造的文件），拒绝读取")
            if current.page_objects % _CHECK_EVERY == 0:
                current.check_time()
        add(self, obj)

    layout.LTContainer.add = counted_add

    get_font = pdfinterp.PDFResourceManager.get_font

    def undefined_font_once(self, objid, spec):
        # `Tf` naming a font the page does not define: pdfminer builds a new stand-in font from `{}` each
        # time (256 widths resolved, about a millisecond), so a page of many such `Tf` took minutes. The
        # stand-in is the same every time: built once per resource manager (as fonts with an objid are).
        if objid is None and isinstance(spec, dict) and not spec and _BUDGET.get() is not None:
            font = self.__dict__.get("_gklint_undefined_font")
            if font is None:
                font = self._gklint_undefined_font = get_font(self, objid, spec)
            return font
        return get_font(self, objid, spec)

    undefined_font_once.__wrapped__ = get_font
    pdfinterp.PDFResourceManager.get_font = undefined_font_once
    _INSTALLED = True
