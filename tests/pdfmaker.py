"""Build small PDFs for tests, byte by byte: text (Chinese included), ruling lines, images, encryption,
an invisible text layer (``glyphless``).

Chinese text uses the non-embedded Adobe font STSong-Light with the UniGB-UCS2-H encoding, which
every PDF reader (pdfminer included) maps back to Unicode without a font file. Coordinates are
PDF points with the origin at the top left (converted to PDF's bottom-left origin here).
"""

from __future__ import annotations

import hashlib
import math
import zlib
from dataclasses import dataclass, field

PAGE_W, PAGE_H = 595, 842
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes.fromhex("0123456789abcdef0123456789abcdef")


@dataclass
class Page:
    ops: list[bytes] = field(default_factory=list)

    def text(self, x: float, top: float, s: str, size: float = 10) -> Page:
        """Write ``s`` with its top-left corner at (x, top)."""
        y = PAGE_H - top - size * 0.88
        self.ops.append(b"BT /F1 %g Tf %g %g Td <%s> Tj ET\n"
                        % (size, x, y, s.encode("utf-16-be").hex().encode()))
        return self

    def turned(self, x: float, top: float, s: str, degrees: float, size: float = 10) -> Page:
        """Write ``s`` from (x, top) along a baseline turned ``degrees`` counter-clockwise
        (a watermark laid across the page; 90 runs upwards, as a vertical label may)."""
        a, b = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        self.ops.append(b"BT /F1 %g Tf %.4f %.4f %.4f %.4f %g %g Tm <%s> Tj ET\n"
                        % (size, a, b, -b, a, x, PAGE_H - top, s.encode("utf-16-be").hex().encode()))
        return self

    def line(self, x0: float, top0: float, x1: float, top1: float, width: float = 0.5) -> Page:
        self.ops.append(b"%g w %g %g m %g %g l S\n" % (width, x0, PAGE_H - top0, x1, PAGE_H - top1))
        return self

    def fill(self, x0: float, top: float, x1: float, bottom: float, grey: float = 1.0) -> Page:
        """A filled rectangle without a border (grey 1.0 is white: invisible on paper)."""
        self.ops.append(b"q %g g %g %g %g %g re f Q\n" % (grey, x0, PAGE_H - bottom, x1 - x0, bottom - top))
        return self

    def grid(self, xs: list[float], ys: list[float]) -> Page:
        """Full ruling: every horizontal line at ``ys`` and vertical line at ``xs``."""
        for y in ys:
            self.line(xs[0], y, xs[-1], y)
        for x in xs:
            self.line(x, ys[0], x, ys[-1])
        return self

    def paragraph(self, x: float, top: float, lines: list[str], size: float = 12,
                  leading: float = 1.8) -> float:
        """Write lines one under another; returns the top of the next line."""
        for s in lines:
            self.text(x, top, s, size)
            top += size * leading
        return top


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


class _Rc4Security:
    """The PDF standard security handler, revision 2 (40-bit RC4)."""

    def __init__(self, user: str, owner: str, permissions: int = -44):
        def pad(pw: str) -> bytes:
            return (pw.encode("latin-1") + _PAD)[:32]

        self.owner_entry = _rc4(hashlib.md5(pad(owner or user)).digest()[:5], pad(user))
        self.p = permissions
        self.key = hashlib.md5(pad(user) + self.owner_entry + permissions.to_bytes(4, "little", signed=True)
                               + _FILE_ID).digest()[:5]
        self.user_entry = _rc4(self.key, _PAD)

    def encrypt(self, num: int, data: bytes) -> bytes:
        key = hashlib.md5(self.key + num.to_bytes(3, "little") + b"\0\0").digest()[:10]
        return _rc4(key, data)

    def dictionary(self) -> bytes:
        return (b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
                % (self.owner_entry.hex().encode(), self.user_entry.hex().encode(), self.p))


def build(pages: list[Page], *, images: list[tuple[int, int, bytes]] | None = None,
          user_password: str | None = None, owner_password: str = "owner",
          extra_streams: list[bytes] | None = None) -> bytes:
    """A complete PDF.

    ``images``: per page index, an 8-bit grey image (width, height, raw pixels) drawn over the page.
    ``user_password``: encrypt (RC4, revision 2); "" makes a PDF anyone can open.
    ``extra_streams``: raw (already Flate-compressed) content streams appended to the first page.
    """
    images = images or []
    security = _Rc4Security(user_password, owner_password) if user_password is not None else None
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    def stream(num: int, head: bytes, data: bytes) -> bytes:
        if security:
            data = security.encrypt(num, data)
        return b"<< %s /Length %d >>\nstream\n" % (head, len(data)) + data + b"\nendstream"

    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"")  # pages, filled below
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
               b" /DescendantFonts [4 0 R] >>")
    def string(num: int, text: bytes) -> bytes:  # strings are encrypted with their object's key
        return b"<%s>" % (security.encrypt(num, text) if security else text).hex().encode()

    add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
        b" << /Registry %s /Ordering %s /Supplement 4 >> /FontDescriptor 5 0 R"
        b" /DW 1000 /W [1 95 500 814 939 500] >>" % (string(4, b"Adobe"), string(4, b"GB1")))
    add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>")
    kids = []
    for index, page in enumerate(pages):
        content = b"".join(page.ops)
        xobjects = b""
        for (w, h, pixels) in [im for i, im in enumerate(images) if i == index]:
            num = len(objs) + 1
            add(stream(num, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
                       b" /BitsPerComponent 8 /Filter /FlateDecode" % (w, h), zlib.compress(pixels)))
            xobjects = b"/XObject << /Im0 %d 0 R >>" % num
            content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q\n" % (PAGE_W, PAGE_H) + content
        num = len(objs) + 1
        add(stream(num, b"/Filter /FlateDecode", zlib.compress(content)))
        contents = [num]
        if index == 0:
            for raw in extra_streams or []:
                num = len(objs) + 1
                add(stream(num, b"/Filter /FlateDecode", raw))
                contents.append(num)
        refs = b" ".join(b"%d 0 R" % n for n in contents)
        kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> %s >>"
                        b" /Contents [%s] >>" % (PAGE_W, PAGE_H, font, xobjects, refs)))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    trailer = b""
    if security:
        trailer = b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (add(security.dictionary()), _FILE_ID.hex().encode(),
                                                          _FILE_ID.hex().encode())
    return _file(objs, trailer)


def glyphless(lines: list[tuple[float, float, str]], size: float = 12) -> bytes:
    """One page of invisible text (x, top, text) in a Type 3 font whose glyphs draw nothing, as an
    OCR text layer over a scan: no reader finds a glyph box for it, whatever fonts the system has."""
    chars = sorted({ch for _, _, text in lines for ch in text})
    codes = {ch: 0x21 + i for i, ch in enumerate(chars)}
    content = b"".join(b"BT 3 Tr /F1 %g Tf %g %g Td <%s> Tj ET\n"
                       % (size, x, PAGE_H - top - size * 0.88, bytes(codes[c] for c in text).hex().encode())
                       for x, top, text in lines)
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Glyphless def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n%d beginbfchar\n" % len(chars)
            + b"".join(b"<%02X> <%s>\n" % (codes[c], c.encode("utf-16-be").hex().encode()) for c in chars)
            + b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    return _file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>" % (PAGE_W, PAGE_H),
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0]"
        b" /CharProcs << /empty 6 0 R >> /Encoding << /Type /Encoding /Differences [33%s] >> /FirstChar 33"
        b" /LastChar %d /Widths [%s] /ToUnicode 7 0 R /FontDescriptor 8 0 R >>"
        % (b" /empty" * len(chars), 0x20 + len(chars), b" 1000" * len(chars)),
        stream(content),
        stream(b"1000 0 d0"),  # a glyph that draws nothing
        stream(cmap),
        b"<< /Type /FontDescriptor /FontName /Glyphless /Flags 4 /ItalicAngle 0 >>",
    ])


def _file(objs: list[bytes], trailer: bytes = b"") -> bytes:
    """The objects (numbered from 1, the catalog first) written out with their cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, trailer, xref)
    return bytes(out)
