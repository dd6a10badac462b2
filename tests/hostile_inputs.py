"""Hostile inputs of issue 7, one factory each: ``make(path, ...)`` writes the file at ``path`` and returns it.

Used by tests/test_reliability_guards.py; meant to be reused (a batch acceptance test, the fuzz
corpus). Every file is generated: nothing is stored. Bombs are built from pre-compressed blocks, so
a gigabyte of inflated zeros costs a megabyte on disk and a fraction of a second to make; ``size``
(bytes once inflated) defaults to 1 GB, past which each of them ran unbounded before the fixes;
tests pass a small ``size`` with a small ``guards.Limits`` to stay cheap.

Defect 1 (the guard's inflater looped forever): ``pdf_inflates_past_step``,
``pdf_large_repetitive_content``. Defect 2 (Flate bombs the byte search did not see):
``pdf_bomb_escaped_filter_name``, ``pdf_bomb_indirect_filter``, ``pdf_bomb_content_called_image``,
``pdf_bomb_long_dictionary``, ``pdf_bomb_font_program``; beyond Flate: ``pdf_bomb_runlength``,
``pdf_bomb_lzw``, ``pdf_forms_drawn_many_times``, ``pdf_glyph_flood``. Defect 4 (blocking opens):
``fifo``, ``unix_socket``. Defect 6 (internal errors): ``txt_number_of_400_digits``,
``html_number_of_400_digits``, ``docx_negative_seek``, ``html_with_control_characters``,
``json_integer_of_5000_digits``, ``json_nested_100000_deep``, ``json_count`` (NaN, 1e400...);
found on the way: ``text_declaring_a_binary_codec``, ``pdf_many_pages``. Found by fuzzing:
``docx_content_types_not_opc``, ``docx_table_skipping_columns``, and in the long run at a7d73c0
``txt_bar_row_with_long_blank``, ``pdf_undefined_font_many_times``, ``html_row_of_many_label_cells``.
"""

from __future__ import annotations

import os
import socket
import struct
import zlib
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MB = 1 << 20
GB = 1 << 30


# --------------------------------------------------------------------------- a small PDF writer

def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(head: bytes, raw: bytes) -> bytes:
    # the line break before "endstream" is what ordinary writers put there (defect 1 needs it)
    return b"<< %s /Length %d >>\nstream\n" % (head, len(raw)) + raw + b"\nendstream"


_TEXT = b"BT /F1 14 Tf 72 760 Td (Annual report on government information disclosure) Tj ET\n"


_FONT = b"/Font << /F1 4 0 R >>"


def _one_page(contents: list[bytes], extra: list[bytes] = (), resources: bytes = _FONT) -> bytes:
    """Catalog, pages, one page drawing ``contents`` (stream objects, in order), a font (object 4);
    ``extra`` objects follow the contents (numbered from 5 + len(contents))."""
    first = 5
    refs = b" ".join(b"%d 0 R" % (first + i) for i in range(len(contents)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >>"
               b" /Contents [%s] >>" % (resources, refs),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return _pdf(objects + list(contents) + list(extra))


def _zlib_zeros(size: int) -> bytes:
    """A zlib stream of ``size`` zero bytes (rounded up to whole MB), made by repeating one flushed block."""
    packer = zlib.compressobj(9)
    head = packer.compress(b"")
    block = packer.compress(b"\0" * MB) + packer.flush(zlib.Z_FULL_FLUSH)
    blocks = -(-size // MB)
    crc = zlib.adler32(b"")
    # the checksum is never reached by a bounded reader; compute it anyway for an honest stream
    chunk = b"\0" * MB
    for _ in range(min(blocks, 64)):
        crc = zlib.adler32(chunk, crc)
    tail = packer.flush()
    return head + block * blocks + tail[:-4] + struct.pack(">I", crc if blocks <= 64 else 1)


def _write(path, data: bytes) -> Path:
    path = Path(path)
    path.write_bytes(data)
    return path


def _text_stream() -> bytes:
    return _stream(b"/Filter /FlateDecode", zlib.compress(_TEXT))


# --------------------------------------------------------------------------- defect 1

def pdf_inflates_past_step(path) -> Path:
    """A few-KB PDF whose content stream inflates past 1 MB and is followed (as usual) by a line
    break before ``endstream``: the guard's inflater spun forever on it."""
    content = _TEXT + b"% a generator's comment line, repeated\n" * 40_000
    return _write(path, _one_page([_stream(b"/Filter /FlateDecode", zlib.compress(content, 9))]))


def pdf_large_repetitive_content(path, segments: int = 40_000) -> Path:
    """A page as some converters draw it: a paragraph, and a table whose ruling is dotted, each dot a
    short stroked segment of its own, placed by moving the coordinate system along (``segments``
    dots, ~1.3 MB of content that compresses a hundredfold)."""
    per_row = 300
    rows = []
    for r in range(-(-segments // per_row)):
        dots = min(per_row, segments - r * per_row)
        rows.append(b"q 1 0 0 1 72 %d cm\n" % (700 - 5 * r) + b"0 0 m 0.5 0 l S 1 0 0 1 1.5 0 cm\n" * dots + b"Q\n")
    content = _TEXT + b"0.3 w\n" + b"".join(rows)
    return _write(path, _one_page([_stream(b"/Filter /FlateDecode", zlib.compress(content, 9))]))


def pdf_inline_image_of_near_misses(path, pairs: int = 3_000_000) -> Path:
    """A 6 KB PDF whose page holds one inline image of ``pairs`` × ``EX`` (each ``E`` a near miss of the
    ``EI`` that ends it): pdfminer gathers such an image byte by byte into ``bytes``, quadratic, and
    ran into the 120-second deadline; read linearly it takes seconds."""
    content = _TEXT + b"BI /W 1 /H 1 /BPC 8 /CS /G ID " + b"EX" * pairs + b" EI\n"
    return _write(path, _one_page([_stream(b"/Filter /FlateDecode", zlib.compress(content, 9))]))


# --------------------------------------------------------------------------- defect 2

def pdf_bomb_escaped_filter_name(path, size: int = GB) -> Path:
    """A content stream whose filter is written ``/Fl#61teDecode`` (the same name, one letter escaped)."""
    return _write(path, _one_page([_text_stream(), _stream(b"/Filter /Fl#61teDecode", _zlib_zeros(size))]))


def pdf_bomb_indirect_filter(path, size: int = GB) -> Path:
    """A content stream whose filter is an indirect object (``/Filter 7 0 R``, object 7 being /FlateDecode)."""
    return _write(path, _one_page([_text_stream(), _stream(b"/Filter 7 0 R", _zlib_zeros(size))],
                                  extra=[b"/FlateDecode"]))


def pdf_bomb_content_called_image(path, size: int = GB) -> Path:
    """A page content stream whose dictionary also says ``/Subtype /Image`` (readers skip images)."""
    return _write(path, _one_page([_text_stream(), _stream(b"/Subtype /Image /Width 1 /Height 1 /Filter /FlateDecode",
                                                           _zlib_zeros(size))]))


def pdf_bomb_long_dictionary(path, size: int = GB) -> Path:
    """A content stream whose dictionary is longer than 2 KB, its filter at the start."""
    head = b"/Filter /FlateDecode /Padding (" + b"x" * 4000 + b")"
    return _write(path, _one_page([_text_stream(), _stream(head, _zlib_zeros(size))]))


def pdf_bomb_font_program(path, size: int = GB, filter_name: bytes = b"/Fl#61teDecode") -> Path:
    """A Type 1 font program (not page content) that inflates to ``size``; pdfminer reads it to recover
    the font's encoding. Bounded by the per-stream limit, not the page-content one."""
    text = _stream(b"/Filter /FlateDecode", zlib.compress(_TEXT + b"BT /F2 12 Tf 72 700 Td (x) Tj ET\n"))
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Bomb /FirstChar 32 /LastChar 32 /Widths [500]"
            b" /FontDescriptor 7 0 R >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0"
                  b" /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile 8 0 R >>")
    program = _stream(b"/Filter %s /Length1 100 /Length2 0 /Length3 0" % filter_name, _zlib_zeros(size))
    return _write(path, _one_page([text], extra=[font, descriptor, program],
                                  resources=b"/Font << /F1 4 0 R /F2 6 0 R >>"))


def pdf_bomb_runlength(path, size: int = GB) -> Path:
    """A content stream in RunLengthDecode: every 2 bytes stand for 128 (a 64:1 bomb without zlib)."""
    runs = b"\x81 " * (size // 128 + 1) + b"\x80"
    return _write(path, _one_page([_text_stream(), _stream(b"/Filter /RunLengthDecode", runs)]))


def _lzw_run_of_spaces(size: int) -> bytes:
    """LZW codes (as pdfminer reads them: 9 to 12 bits, early change) for at least ``size`` spaces:
    after a clear, a space, then each code is the table entry being defined, one space longer than
    the last; a clear before the table outgrows 12 bits."""
    codes, total = [], 0
    while total < size:
        codes += [256, 32]
        total += 1
        entries = 258
        while entries < 4095 and total < size:
            codes.append(entries)
            total += entries - 256
            entries += 1
    out, buffer, pending, bits, entries, first = bytearray(), 0, 0, 9, 258, False
    for code in codes:
        buffer = (buffer << bits) | code
        pending += bits
        while pending >= 8:
            pending -= 8
            out.append((buffer >> pending) & 0xFF)
        buffer &= (1 << pending) - 1
        if code == 256:
            bits, entries, first = 9, 258, True
        elif first:
            first = False
        else:
            entries += 1
            bits = {511: 10, 1023: 11, 2047: 12}.get(entries, bits)
    if pending:
        out.append((buffer << (8 - pending)) & 0xFF)
    return bytes(out)


def pdf_bomb_lzw(path, size: int = GB) -> Path:
    """A content stream in LZWDecode: about 1,300 bytes out for every byte in."""
    return _write(path, _one_page([_text_stream(), _stream(b"/Filter /LZWDecode", _lzw_run_of_spaces(size))]))


def pdf_forms_drawn_many_times(path, depth: int = 12, fanout: int = 10) -> Path:
    """"Billion laughs" in PDF: form 1 draws form 2 ``fanout`` times, ..., the last one draws a line of
    text; fanout**depth copies of it are drawn from a file of a few KB."""
    first = 6  # objects 1-4: catalog, pages, page, font; 5: the page content; then the forms
    forms = []
    for level in range(depth):
        num = first + level
        if level == depth - 1:
            body, resources = _TEXT, b"/Font << /F1 4 0 R >>"
        else:
            body = b"/Fx Do\n" * fanout
            resources = b"/XObject << /Fx %d 0 R >>" % (num + 1)
        forms.append(_stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << %s >>" % resources,
                             body))
    page = _stream(b"", _TEXT + b"/Fx Do\n")
    return _write(path, _one_page([page], extra=forms, resources=_FONT + b" /XObject << /Fx %d 0 R >>" % first))


def pdf_glyph_flood(path, glyphs: int = 2_000_000) -> Path:
    """One page showing ``glyphs`` characters (a few MB of content that compresses to KB)."""
    content = b"BT /F1 1 Tf 0 0 Td (" + b"A" * glyphs + b") Tj ET\n"
    return _write(path, _one_page([_stream(b"/Filter /FlateDecode", zlib.compress(content, 9))]))


def pdf_many_pages(path, pages: int = 20_000) -> Path:
    """A page tree of ``pages`` empty pages (about 60 bytes each)."""
    first = 3
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    return _write(path, _pdf(objects))


# --------------------------------------------------------------------------- defect 4

def fifo(path) -> Path:
    """A named pipe nobody writes to: opening it for reading blocks."""
    path = Path(path)
    os.mkfifo(path)
    return path


def unix_socket(path) -> Path:
    """A Unix domain socket file (the socket is closed; the file stays)."""
    path = Path(path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(path))
    return path


# --------------------------------------------------------------------------- defect 6

def txt_number_of_400_digits(path) -> Path:
    """The huangyuan report as text, one cell of 表二 (行政规范性文件, 本年制发件数) holding 400 digits."""
    text = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    marker = "行政规范性文件\n\n3\n"
    assert marker in text, "the fixture changed: pick another cell"
    return _write(path, text.replace(marker, "行政规范性文件\n\n" + "9" * 400 + "\n", 1).encode("utf-8"))


def html_number_of_400_digits(path) -> Path:
    """The pingtan portal page, its cell of 表二 (行政规范性文件, 本年制发件数: 69) holding 400 digits."""
    html = (FIXTURES / "pingtan-2021.html").read_bytes()
    row = html.index("行政规范性文件".encode("utf-8"))
    cell = html.index(b">69<", row)
    return _write(path, html[:cell] + b">" + b"9" * 400 + b"<" + html[cell + 4:])


def docx_negative_seek(path) -> Path:
    """The Word template, its end-of-central-directory record claiming the directory starts a file's
    length later than it does: zipfile shifts every entry back by that much, to a negative offset."""
    data = bytearray((FIXTURES / "template-2021.docx").read_bytes())
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack("<I", data[end + 16:end + 20])
    data[end + 16:end + 20] = struct.pack("<I", offset + len(data))
    return _write(path, bytes(data))


def _docx_replacing(parts: dict[str, bytes]) -> bytes:
    """The Word template's package with the given parts' contents replaced."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(FIXTURES / "template-2021.docx") as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, parts.get(info.filename) or source.read(info))
    return out.getvalue()


def docx_content_types_not_opc(path) -> Path:
    """The Word template, its ``[Content_Types].xml`` root in a foreign namespace (a damaged or
    mis-written package): python-docx raised AttributeError (fuzz/corpus, issue 7)."""
    return _write(path, _docx_replacing({"[Content_Types].xml": (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://example.com/not-opc">'
        b'<Default Extension="xml" ContentType="application/xml"/></Types>')}))


def docx_table_skipping_columns(path, before: int = 2**31, span: int = 1) -> Path:
    """The Word template, its body one 3-column table (declared in ``w:tblGrid``) whose second row
    skips ``before`` grid columns (``w:gridBefore``) and spans ``span``: the reader allocated the whole
    width, an OverflowError past the largest index and gigabytes below it (fuzz/corpus, issue 7)."""
    import re
    import zipfile

    with zipfile.ZipFile(FIXTURES / "template-2021.docx") as source:
        xml = source.read("word/document.xml").decode("utf-8")
    cell = "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
    skipped = (f'<w:tr><w:trPr><w:gridBefore w:val="{before}"/></w:trPr>'
               f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p/></w:tc></w:tr>')
    table = ('<w:tbl><w:tblGrid>' + '<w:gridCol w:w="2000"/>' * 3 + '</w:tblGrid>'
             f'<w:tr>{cell * 3}</w:tr>{skipped}</w:tbl>')
    xml = re.sub(r"<w:body>.*</w:body>", f"<w:body><w:p><w:r><w:t>表</w:t></w:r></w:p>{table}<w:p/></w:body>",
                 xml, flags=re.S)
    return _write(path, _docx_replacing({"word/document.xml": xml.encode("utf-8")}))


def html_with_control_characters(path) -> Path:
    """A real portal page with control characters after a script element and inside a paragraph."""
    html = (FIXTURES / "pingtan-2021.html").read_bytes()
    assert b"<body>" in html
    html = html.replace(b"<body>", b"<body><script>var x;</script>\x01\x02\x1b[31m<p>\x0b\x08</p>", 1)
    return _write(path, html)


def html_with_control_character_references(path) -> Path:
    """The same page with the control characters written as references (``&#x1b;``, ``&#1;``, ``&#xFFFE;``)
    after an element gklint drops (found by fuzzing: lxml refused them as the dropped element's tail)."""
    html = (FIXTURES / "pingtan-2021.html").read_bytes()
    html = html.replace(b"<body>", b"<body><script>var x;</script>&#x1b;&#x1B&#1;&#xFFFE;&#0012;<p>&#x8;a&#65;</p>", 1)
    return _write(path, html)


def text_declaring_a_binary_codec(path, codec: str = "uu_codec") -> Path:
    """A GB18030 text whose XML declaration names a codec that is not a character set."""
    text = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    return _write(path, f'<?xml version="1.0" encoding="{codec}"?>\n{text}'.encode("gb18030"))


def _json_with_count(value: str) -> bytes:
    return ('{"gklint": 1, "layout": "2021", "tables": {"二": {"行政规范性文件": {"本年制发件数": %s,'
            ' "本年废止件数": 0, "现行有效件数": 3}}}}' % value).encode("utf-8")


JSON_COUNT_PATH = "$.tables.二.行政规范性文件.本年制发件数"


def json_count(path, value: str) -> Path:
    """A gklint JSON report whose count at ``JSON_COUNT_PATH`` is written ``value`` (NaN, 1e400...)."""
    return _write(path, _json_with_count(value))


def json_integer_of_5000_digits(path) -> Path:
    return json_count(path, "9" * 5000)


def json_nested_100000_deep(path) -> Path:
    return _write(path, b'{"gklint": 1, "meta": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")


# --------------------------------------------------------------------------- found by the long fuzz run at a7d73c0

def txt_bar_row_with_long_blank(path, blank: int = 100_000) -> Path:
    """The Huangyuan text with one more line of a text table whose cell holds ``blank`` ideographic
    spaces after a character ("| 备注 | 见　　…　　附件 |"): splitting it on ``\\s*[|｜]\\s*`` tried every
    space of the run as the start of a bar (quadratic: a 326 KB text took over 10 s)."""
    text = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    return _write(path, (text + "\n| 备注 | 见" + "\u3000" * blank + "附件 |\n").encode("utf-8"))


def pdf_undefined_font_many_times(path, times: int = 100_000) -> Path:
    """A one-page PDF whose content selects a font its resources do not define (``/F9 12 Tf``) ``times``
    times: pdfminer built a new stand-in font (256 widths resolved) at every ``Tf``, six times the cost
    of parsing it (a 44 KB PDF of 800,000 of them, 8 MB inflated, took 50 s; 8 s once fixed)."""
    content = _TEXT + b"BT /F9 12 Tf 72 700 Td (Written in a font the page lacks) Tj ET\n" + b"/F9 12 Tf\n" * times
    return _write(path, _one_page([_stream(b"/Filter /FlateDecode", zlib.compress(content, 9))]))


def html_row_of_many_label_cells(path, cells: int = 14_000) -> Path:
    """A page whose table 三 has a header row of ``cells`` label cells before its data columns (each
    "本年新收政府信息公开申请数量", merged down a row): the row's label was looked for in every run of
    its rightmost cells joined and normalised (quadratic: a 630 KB page took over 10 s)."""
    label = '<td rowspan="2">本年新收政府信息公开申请数量</td>' * cells
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>2021年政府信息公开工作年度报告</title></head>'
            '<body><p>三、收到和处理政府信息公开申请情况</p><table border="1">'
            f'<tr>{label}<td colspan="2">申请人情况</td><td>总计</td></tr>'
            '<tr><td>自然人</td><td>法人</td><td>12</td></tr>'
            '<tr><td>（一）予以公开</td><td>5</td><td>2</td><td>7</td></tr></table>'
            '<p>四、因政府信息公开工作被申请行政复议、提起行政诉讼情况</p></body></html>')
    return _write(path, page.encode("utf-8"))
