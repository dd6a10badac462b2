"""Structure-aware mutation of real fixtures, written as hypothesis strategies.

``INPUTS[fmt]`` is a strategy drawing one input of that format: ``(extension, bytes)``. It picks a
seed (``fuzz.seeds``), then one to four mutation operators, each drawing its own parameters: which
table cell, which attribute, what hostile value, how many copies. Bulk randomness (which bytes to
flip) comes from a ``random.Random`` seeded by one drawn integer, so a drawing stays a handful of
choices and generating an input costs a few milliseconds.

The strategies are driven from outside hypothesis's test runner: ``generate(fmt, seed)`` feeds a
buffer of pseudo-random bytes to ``fuzz_one_input`` (deterministic: the same seed gives the same
input), and ``fuzz.atheris_main`` feeds atheris's coverage-guided buffers the same way.

Sizes are skewed small, since most of the bug surface is in odd values rather than volume; the
big operators (a million cells, a 200 MB inflating stream, a 1 MB line) are drawn rarely (``_rare``).
"""

from __future__ import annotations

import io
import json
import random
import re
import struct
import zipfile
import zlib
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.seeds import seeds

FORMATS = ("json", "txt", "html", "docx", "pdf")
EXTENSIONS = {"json": ".json", "txt": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
OTHER_EXTENSIONS = (".txt", ".html", ".htm", ".json", ".docx", ".pdf", ".doc", "", ".TXT", ".xml")

# --------------------------------------------------------------------------- hostile values

HOSTILE_NUMBERS = (
    "9" * 309, "9" * 400, "1" + "0" * 30, "18446744073709551616", "2147483648", "-2147483649",
    "1e400", "-1e400", "1e-400", "1e308", "NaN", "nan", "inf", "-inf", "Infinity", "-0", "0.0", "-1",
    "12.5", "1,234,567", "1，234", "１２３", "١٢٣", "۱۲۳", "१२३", "0x1F", "1_000", "+5", "5-", "--5",
    "5%", "5件", "十二", "一千二百三十四万", "壹佰", "〇", "½", "²", "Ⅻ", "1.2.3", ".", "-", "—", "/", "",
)
HOSTILE_TEXT = (
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[2J\x1b]0;title\x07", "\x7f", "\x85", "\u00a0", "\u200b",
    "\u200e", "\u202e", "\u2028", "\u2029", "\u3000", "\ufeff", "\ufffd", "\uffff", "\U0010ffff", "\U00020000",
    "e\u0301", "\r", "\r\n", "\t", "\n\n\n", "<", "&", "&amp;", "]]>", "\"", "\\", "%", "{", "[", "𠀀",
    "機關資訊公開申請復議訴訟", "總計", "合计", "小计", "年度报告", "一、", "（一）", "三、收到和处理政府信息公开申请情况",
)
# Traditional forms of words the reports use (enough to make the reader take the traditional-script path).
TRADITIONAL = {"公开": "公開", "申请": "申請", "复议": "復議", "诉讼": "訴訟", "办理": "辦理", "数量": "數量",
               "总计": "總計", "报告": "報告", "处理": "處理", "结果": "結果", "维持": "維持", "纠正": "糾正",
               "信息": "資訊", "机关": "機關", "政府": "政府", "条": "條", "年": "年", "县": "縣", "发": "發"}


MAX_SIZE = 8_000_000  # characters (or bytes) one repetition may produce: inputs stay under the 50 MB cap


def _length(value) -> int:
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, _Raw):
        return len(value.token)
    if isinstance(value, list):
        return sum(_length(v) + 1 for v in value)
    if isinstance(value, dict):
        return sum(_length(k) + _length(v) + 2 for k, v in value.items())
    return len(repr(value))


def _times(unit, n: int):
    """``unit * n``, with ``n`` lowered so the result stays under ``MAX_SIZE``."""
    return unit * max(1, min(n, MAX_SIZE // max(_length(unit), 1)))


def _rare(draw, per_mille: int = 20) -> bool:
    """True for about ``per_mille`` in a thousand drawings."""
    return draw(st.integers(0, 999)) < per_mille


def _size(draw, small: tuple[int, ...] = (1, 2, 3, 10, 100, 1000), big: tuple[int, ...] = (10_000, 100_000),
          huge: tuple[int, ...] = (1_000_000,)) -> int:
    if _rare(draw, 5):
        return draw(st.sampled_from(huge))
    if _rare(draw, 25):  # real-size and larger mutants: a small share (they cost seconds, the small ones ms)
        return draw(st.sampled_from(big))
    return draw(st.sampled_from(small))


def _number(draw) -> str:
    if _rare(draw, 30):
        return "1" + "0" * draw(st.sampled_from((999, 5000, 50_000)))
    return draw(st.sampled_from(HOSTILE_NUMBERS))


def _text(draw) -> str:
    kind = draw(st.integers(0, 9))
    if kind < 5:
        return draw(st.sampled_from(HOSTILE_TEXT))
    if kind < 7:
        return _times(draw(st.sampled_from(HOSTILE_TEXT)), _size(draw))
    if kind < 9:
        return draw(st.text(max_size=20))
    alphabet = draw(st.sampled_from(("1", "0", "数", "1 ", "12345", "一", "。", " ", "\t", "-", "|")))
    return _times(alphabet, _size(draw, small=(100, 1000, 5000)))


# --------------------------------------------------------------------------- bytes (every format)

def _bytes_op(draw, data: bytes) -> bytes:
    rng = random.Random(draw(st.integers(0, 2 ** 32)))
    op = draw(st.sampled_from(("flip", "insert", "delete", "duplicate", "truncate", "splice", "magic")))
    buf = bytearray(data)
    n = len(buf)
    if n == 0:
        return bytes(rng.randbytes(8))
    if op == "flip":
        for _ in range(draw(st.sampled_from((1, 2, 8, 64)))):
            buf[rng.randrange(n)] ^= 1 << rng.randrange(8)
    elif op == "insert":
        at = rng.randrange(n + 1)
        buf[at:at] = rng.randbytes(draw(st.sampled_from((1, 4, 64, 1024))))
    elif op == "delete":
        at = rng.randrange(n)
        del buf[at:at + rng.choice((1, 16, 512, n))]
    elif op == "duplicate":
        at = rng.randrange(n)
        chunk = bytes(buf[at:at + rng.choice((1, 16, 512, 4096))])
        buf[at:at] = chunk * draw(st.sampled_from((1, 2, 10, 100)))
    elif op == "truncate":
        del buf[rng.randrange(n):]
    elif op == "splice":  # a piece of another seed of any format
        other = rng.choice([s for fmt in FORMATS for _, s, _ in seeds(fmt)])
        at, start = rng.randrange(n + 1), rng.randrange(len(other))
        buf[at:at] = other[start:start + rng.choice((16, 256, 4096))]
    else:
        at = rng.randrange(n)
        magic = rng.choice((b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x7f\xff\xff\xff", b"\x80\x00\x00\x00",
                            b"PK\x05\x06", b"%%EOF", b"endstream", b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe4\xb8"))
        buf[at:at + len(magic)] = magic
    return bytes(buf)


# --------------------------------------------------------------------------- json

class _Raw:
    """A JSON token written as is (1e400, NaN, a 5,000-digit integer, 100,000 nested brackets)."""

    def __init__(self, token: str):
        self.token = token


def _json_value(draw):
    kind = draw(st.integers(0, 11))
    if kind <= 3:
        return _Raw(_number(draw)) if draw(st.booleans()) else _number(draw)
    if kind == 4:
        depth = draw(st.sampled_from((10, 100, 1000, 100_000)) if _rare(draw, 200) else st.sampled_from((2, 10, 50)))
        bracket = draw(st.sampled_from(("[]", "{}")))
        if bracket == "{}":
            return _Raw('{"a":' * depth + "1" + "}" * depth)
        return _Raw("[" * depth + "]" * depth)
    if kind == 5:
        return _text(draw)
    if kind == 6:
        return draw(st.sampled_from((None, True, False, 0, -1, 1.5, [], {}, [1, 2], {"value": "1"},
                                     {"value": None, "raw": 5}, {"value": "x", "raw": "x", "source": "p1"},
                                     {"value": 1, "source": {"page": -1, "line": 10 ** 30}})))
    if kind == 7:
        return _times([_number(draw)], _size(draw))
    if kind == 8:
        return {_text(draw): _number(draw) for _ in range(draw(st.integers(1, 3)))}
    if kind == 9:
        return draw(st.sampled_from(("2021-13-45", "0000-00-00", "9999-12-31", "2021", "二〇二一年", "1e400",
                                     "2021-02-29", "-1", "2021-01-01T00:00:00Z")))
    if kind == 10:
        return draw(st.integers(-(10 ** 30), 10 ** 30))
    return draw(st.floats(allow_nan=True, allow_infinity=True))


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


def _get(obj, path):
    for key in path:
        obj = obj[key]
    return obj


def _json_dumps(obj) -> str:
    raws: list[str] = []

    def default(value):
        if isinstance(value, _Raw):
            raws.append(value.token)
            return f"@@RAW{len(raws) - 1}@@"
        raise TypeError(type(value).__name__)

    text = json.dumps(obj, ensure_ascii=False, default=default, indent=1)
    return re.sub(r'"@@RAW(\d+)@@"', lambda m: raws[int(m.group(1))], text)


def _json_tree_op(draw, obj):
    tables = [p for p in _paths(obj) if p[:1] == ("tables",) and len(p) > 1]
    paths = tables if tables and draw(st.booleans()) else list(_paths(obj))
    path = paths[draw(st.integers(0, len(paths) - 1))]
    op = draw(st.sampled_from(("set",) * 10 + ("delete", "add", "copy", "copy", "rename", "wrap")))
    if not path:
        return _json_value(draw) if op == "set" else obj
    parent, key = _get(obj, path[:-1]), path[-1]
    if op == "set":
        parent[key] = _json_value(draw)
    elif op == "delete":
        del parent[key]
    elif op == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from(("extra", "value", "raw", "source", "一", "总计", "", "\x00")))] = _json_value(draw)
    elif op == "copy" and isinstance(parent, list):
        parent.extend(_times([parent[key]], _size(draw, small=(1, 10, 100), big=(1000, 10_000), huge=(100_000,))))
    elif op == "copy" and isinstance(parent, dict):
        for i in range(len(_times([parent[key]], _size(draw, small=(1, 10, 100), big=(1000, 10_000), huge=(100_000,))))):
            parent[f"{key}{i}"] = parent[key]
    elif op == "rename" and isinstance(parent, dict):
        parent[_text(draw)] = parent.pop(key)
    elif op == "wrap":
        parent[key] = draw(st.sampled_from(([parent[key]], {"value": parent[key]}, str(parent[key])[:100])))
    return obj


@st.composite
def json_inputs(draw):
    name, data, _ = draw(_seed("json"))
    obj = json.loads(data)
    text_ops = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 9)) < 7:
            obj = _json_tree_op(draw, obj)
        else:
            text_ops.append(draw(st.sampled_from(("truncate", "bom", "utf16", "control", "garbage", "comment",
                                                  "bytes", "nan_literal"))))
    try:
        text = _json_dumps(obj)
    except (ValueError, RecursionError):  # a cycle is impossible, a huge float is not
        text = data.decode("utf-8")
    encoding = "utf-8"
    for op in text_ops:
        rng = random.Random(draw(st.integers(0, 2 ** 32)))
        if op == "truncate":
            text = text[:rng.randrange(len(text) + 1)]
        elif op == "bom":
            text = "\ufeff" + text
        elif op == "utf16":
            encoding = draw(st.sampled_from(("utf-16", "utf-16-le", "utf-32", "gbk")))
        elif op == "control":
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(HOSTILE_TEXT) + text[at:]
        elif op == "garbage":
            text += draw(st.sampled_from(("}", "]", ",", "\x00", " trailing", "{}", "\n" * 3)))
        elif op == "comment":
            text = "// comment\n" + text
        elif op == "nan_literal":
            text = re.sub(r"(?<=: )\d+", lambda m: rng.choice(("NaN", "Infinity", "-Infinity", "1e400", m.group())),
                          text, count=rng.choice((1, 5, 1000)))
    out = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
    if "bytes" in text_ops:
        out = _bytes_op(draw, out)
    return _ext(draw, "json"), out


# --------------------------------------------------------------------------- text

def _sub_nth(pattern: re.Pattern, text: str, index: int, replace, count: int = 1) -> str:
    """Replace the match number ``index`` (modulo their number), and every 7th after it up to ``count``."""
    matches = list(pattern.finditer(text))
    if not matches:
        return text
    chosen = sorted({(index + 7 * i) % len(matches) for i in range(count)})
    out, last = [], 0
    for k in chosen:
        m = matches[k]
        out += [text[last:m.start()], replace(m)]
        last = m.end()
    return "".join(out) + text[last:]


_NUMBER = re.compile(r"\d+")
_DIGIT_GAP = re.compile(r"(?<=\d)[ \t]+(?=\d)")


def _text_op(draw, text: str) -> str:
    op = draw(st.sampled_from(("number", "number", "rundigits", "longline", "dupline", "delete", "swap", "insert",
                               "flatten", "traditional", "endings", "table")))
    lines = text.split("\n")
    index = draw(st.integers(0, 10 ** 6))
    if op == "number":
        return _sub_nth(_NUMBER, text, index, lambda m: _number(draw))
    if op == "rundigits":
        if draw(st.booleans()):
            return _DIGIT_GAP.sub("", text)
        i = index % len(lines)
        lines[i] = _DIGIT_GAP.sub("", lines[i])
        return "\n".join(lines)
    if op == "longline":
        unit = draw(st.sampled_from(("1", "12 ", "数", "一、总体情况", "0\t", "（一）予以公开 5 ", "9" * 20)))
        lines.insert(index % (len(lines) + 1), _times(unit, _size(draw, small=(100, 1000, 10_000), big=(100_000,),
                                                                    huge=(1_000_000,))))
        return "\n".join(lines)
    if op == "dupline":
        i = index % len(lines)
        block = lines[i:i + draw(st.sampled_from((1, 1, 5, 50)))]
        lines[i:i] = _times(block, _size(draw, small=(1, 2, 10, 100, 1000), big=(10_000,), huge=(100_000,)))
        return "\n".join(lines)
    if op == "delete":
        i = index % len(lines)
        del lines[i:i + draw(st.sampled_from((1, 10, 100)))]
        return "\n".join(lines)
    if op == "swap":
        rng = random.Random(index)
        for _ in range(draw(st.sampled_from((1, 5, 50)))):
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
        return "\n".join(lines)
    if op == "insert":
        at = index % (len(text) + 1)
        return text[:at] + _text(draw) + text[at:]
    if op == "flatten":  # a page copied without line breaks (the one-line reader); maybe a row repeated first
        if draw(st.booleans()):
            i = index % len(lines)
            lines[i:i] = [lines[i]] * draw(st.sampled_from((1, 2, 10, 100)))
        return draw(st.sampled_from((" ", "", "\t", "  "))).join(lines)
    if op == "traditional":
        everywhere = draw(st.booleans())
        for simple, trad in TRADITIONAL.items():
            text = text.replace(simple, trad) if everywhere else text.replace(simple, trad, 1)
        return text
    if op == "endings":
        return text.replace("\n", draw(st.sampled_from(("\r", "\r\n", "\u2028", "\x0b", "\x0c", "\n\n", ""))))
    # table: a grid of numbers, tab- or space-separated, of any size
    rows, cols = _size(draw, small=(1, 3, 20), big=(1000,), huge=(100_000,)), draw(st.sampled_from((1, 5, 15, 200)))
    sep = draw(st.sampled_from(("\t", " ", "  ", "", "|")))
    grid = "\n".join(sep.join(_number(draw) if c % 3 == 0 else str(r * c) for c in range(cols)) for r in range(rows))
    return "\n".join(lines[:index % (len(lines) + 1)] + [grid] + lines[index % (len(lines) + 1):])


_TEXT_ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be",
                   "utf-32", "big5", "latin-1", "shift_jis")


@st.composite
def txt_inputs(draw):
    name, data, _ = draw(_seed("txt"))
    text = data.decode("utf-8")
    ops = draw(st.integers(1, 4))
    raw = False
    for _ in range(ops):
        if draw(st.integers(0, 9)) == 0:
            raw = True
        else:
            text = _text_op(draw, text)
    out = text.encode(draw(st.sampled_from(_TEXT_ENCODINGS)), errors="replace")
    if raw:
        out = _bytes_op(draw, out)
    return _ext(draw, "txt"), out


# --------------------------------------------------------------------------- html

_CELL = re.compile(r"<t[dh]\b[^>]*>", re.I)
_ROW = re.compile(r"<tr\b.*?</tr>", re.I | re.S)
_TD_FULL = re.compile(r"<t[dh]\b.*?</t[dh]>", re.I | re.S)
_TABLE = re.compile(r"<table\b.*?</table>", re.I | re.S)
_TAG = re.compile(r"<[a-zA-Z][^>]*>|</[a-zA-Z]+>")
_META = re.compile(r"<meta[^>]*charset[^>]*>", re.I)
_TEXT_NODE = re.compile(r">([^<]+)<")
_SPAN_VALUES = ("999999", "0", "-1", "2147483648", "1e9", "abc", "", "３", "65535", "1000", "2.5", " 3 ", "-999999",
                "99999999999999999999")


def _html_op(draw, html: str) -> tuple[str, str | None]:
    """One mutation of the page; returns the page and, for an encoding operator, the encoding to write."""
    op = draw(st.sampled_from(("span", "span", "duprow", "dupcell", "nest", "control", "charset", "entity", "unclose",
                               "number", "rundigits", "junk", "longline", "bigtable", "traditional")))
    index = draw(st.integers(0, 10 ** 6))
    if op == "span":
        attr = draw(st.sampled_from(("rowspan", "colspan")))
        value = draw(st.sampled_from(_SPAN_VALUES))
        return _sub_nth(_CELL, html, index, lambda m: m.group()[:3] + f' {attr}="{value}"' + m.group()[3:]), None
    if op == "duprow":
        n = _size(draw, small=(1, 10, 100), big=(1000, 10_000), huge=(100_000,))
        return _sub_nth(_ROW, html, index, lambda m: _times(m.group(), n + 1)), None
    if op == "dupcell":
        n = _size(draw, small=(1, 10, 100), big=(1000, 10_000), huge=(100_000,))
        return _sub_nth(_TD_FULL, html, index, lambda m: _times(m.group(), n + 1)), None
    if op == "nest":
        depth = _size(draw, small=(2, 10, 100, 300), big=(1000,), huge=(10_000,))
        tag = draw(st.sampled_from(("div", "table", "span", "td", "p", "font")))
        opening = "<table><tr><td>" if tag == "table" else f"<{tag}>"
        closing = "</td></tr></table>" if tag == "table" else f"</{tag}>"
        return _sub_nth(_TABLE, html, index, lambda m: opening * depth + m.group() + closing * depth), None
    if op == "control":
        return _sub_nth(_TEXT_NODE, html, index, lambda m: ">" + _text(draw) + m.group(1) + "<"), None
    if op == "charset":
        declared = draw(st.sampled_from(("utf-16", "utf-7", "x-unknown", "gb2312", "iso-8859-1", "", "shift_jis",
                                         "utf-32", "big5", "gbk\x00", "utf-8", "hz-gb-2312", "cp1252")))
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'
        html = _META.sub(meta, html) if _META.search(html) else meta + html
        return html, draw(st.sampled_from(("utf-8", "gbk", "gb18030", "utf-16", "utf-16-le", "big5", "utf-8-sig",
                                           "latin-1", "utf-32")))
    if op == "entity":
        entity = draw(st.sampled_from(("&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&nbsp;", "&unknown;",
                                       "&#x1b;", "&#12288;", "&", "&#", "&amp;amp;", "&#x3000;")))
        return _sub_nth(_TEXT_NODE, html, index, lambda m: ">" + _times(entity, _size(draw)) + m.group(1) + "<"), None
    if op == "unclose":
        rng = random.Random(index)
        tags = list(_TAG.finditer(html))
        drop = {rng.randrange(len(tags)) for _ in range(draw(st.sampled_from((1, 10, 100))))} if tags else set()
        out, last = [], 0
        for i, m in enumerate(tags):
            if i in drop:
                out.append(html[last:m.start()])
                last = m.end()
        return "".join(out) + html[last:], None
    if op == "number":
        return _sub_nth(re.compile(r"(?<=>)\s*\d+\s*(?=<)"), html, index, lambda m: _number(draw)), None
    if op == "rundigits":  # cells run together: the cell boundaries of a row dropped
        return _sub_nth(_ROW, html, index, lambda m: re.sub(r"</t[dh]>\s*<t[dh][^>]*>", "", m.group())), None
    if op == "junk":
        junk = draw(st.sampled_from(("<!--", "<![CDATA[", "<script>", "<style>", "<!--[if IE]>", "<?php ?>", "<",
                                     "</table>", "<table>", "<tr>", "<td>", "</html><html>", "<xml>", "<svg><math>",
                                     "<td rowspan=999999 colspan=999999>", "<iframe src=x>", "<base href=x>")))
        at = index % (len(html) + 1)
        return html[:at] + _times(junk, _size(draw)) + html[at:], None
    if op == "longline":
        unit = draw(st.sampled_from(("1", "数", "12 ", "<br>", "<b>1</b>", "&nbsp;")))
        at = index % (len(html) + 1)
        return html[:at] + _times(unit, _size(draw, small=(1000, 10_000), big=(100_000,), huge=(1_000_000,))) + html[at:], None
    if op == "bigtable":
        rows = _size(draw, small=(1, 5, 50), big=(1000, 10_000), huge=(100_000,))
        cols = draw(st.sampled_from((1, 8, 50)))
        cell = draw(st.sampled_from(("<td>1</td>", "<td>", "<td rowspan=2>5</td>", "<th colspan=3>总计</th>", "<td/>")))
        table = "<table>" + _times("<tr>" + cell * cols + "</tr>", rows) + "</table>"
        at = index % (len(html) + 1)
        return html[:at] + table + html[at:], None
    for simple, trad in TRADITIONAL.items():
        html = html.replace(simple, trad)
    return html, None


@st.composite
def html_inputs(draw):
    name, data, _ = draw(_seed("html"))
    encoding = "gb18030" if b"gb2312" in data[:2048] else "utf-8"
    html = data.decode(encoding)
    raw = False
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 9)) == 0:
            raw = True
            continue
        html, chosen = _html_op(draw, html)
        encoding = chosen or encoding
    out = html.encode(encoding, errors="replace")
    if raw:
        out = _bytes_op(draw, out)
    return _ext(draw, "html"), out


# --------------------------------------------------------------------------- docx

_W_TC = re.compile(r"<w:tc>|<w:tc .*?>", re.S)
_W_TC_FULL = re.compile(r"<w:tc[ >].*?</w:tc>", re.S)
_W_TR_FULL = re.compile(r"<w:tr[ >].*?</w:tr>", re.S)
_W_TBL_FULL = re.compile(r"<w:tbl>.*?</w:tbl>", re.S)
_W_T = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
_W_TCPR = re.compile(r"<w:tcPr>|<w:tcPr/>")


def _docx_xml_op(draw, xml: str) -> str:
    op = draw(st.sampled_from(("gridspan",) * 3 + ("vmerge",) * 3 + ("nest", "cells", "cells", "rows", "rows", "text",
                               "number", "number", "rundigits", "rundigits", "grid", "gridbefore", "badxml")
                              + (("dtd",) if _rare(draw, 200) else ())))
    index = draw(st.integers(0, 10 ** 6))

    def with_props(props: str):
        def add(m):
            return m.group() + f"<w:tcPr>{props}</w:tcPr>"
        return add

    if op == "gridspan":
        value = draw(st.sampled_from(_SPAN_VALUES))
        return _sub_nth(_W_TC, xml, index, with_props(f'<w:gridSpan w:val="{value}"/>'))
    if op == "vmerge":
        value = draw(st.sampled_from(("", ' w:val="restart"', ' w:val="continue"', ' w:val="bogus"')))
        return _sub_nth(_W_TC, xml, index, with_props(f"<w:vMerge{value}/>"), draw(st.sampled_from((1, 5, 1000))))
    if op == "gridbefore":
        value = draw(st.sampled_from(_SPAN_VALUES))
        return _sub_nth(re.compile(r"<w:tr>|<w:tr .*?>", re.S), xml, index,
                        lambda m: m.group() + f'<w:trPr><w:gridBefore w:val="{value}"/></w:trPr>')
    if op == "nest":
        depth = _size(draw, small=(2, 10, 50, 200), big=(1000,), huge=(5000,))
        opening = "<w:tbl><w:tr><w:tc>"
        closing = "<w:p/></w:tc></w:tr></w:tbl>"
        return _sub_nth(_W_TBL_FULL, xml, index, lambda m: opening * depth + m.group() + closing * depth)
    if op == "cells":
        n = _size(draw, small=(1, 10, 100), big=(1000, 10_000), huge=(100_000,))
        return _sub_nth(_W_TC_FULL, xml, index, lambda m: _times(m.group(), n + 1))
    if op == "rows":
        n = _size(draw, small=(1, 10, 100), big=(1000, 10_000), huge=(100_000,))
        return _sub_nth(_W_TR_FULL, xml, index, lambda m: _times(m.group(), n + 1))
    if op == "badxml":
        rng = random.Random(index)
        at = rng.randrange(len(xml) + 1)
        what = draw(st.sampled_from(("truncate", "<", "&", "</w:tc>", "<w:tc>", "\x00", "\x01", "&#0;", "&bogus;",
                                     "<?xml?>", "<x:y/>", "]]>", "encoding")))
        if what == "truncate":
            return xml[:at]
        if what == "encoding":
            return xml.replace('encoding="UTF-8"', draw(st.sampled_from(('encoding="UTF-16"', 'encoding="bogus"',
                                                                          'encoding="GBK"'))), 1)
        return xml[:at] + what + xml[at:]
    if op == "text":
        return _sub_nth(_W_T, xml, index, lambda m: m.group(1) + _xml_escape(_text(draw)) + m.group(3))
    if op == "number":
        return _sub_nth(re.compile(r"(?<=>)\d+(?=</w:t>)"), xml, index, lambda m: _xml_escape(_number(draw)))
    if op == "rundigits":  # two neighbouring cells' text in one cell
        return _sub_nth(re.compile(r"</w:t></w:r></w:p></w:tc><w:tc>(?:<w:tcPr>.*?</w:tcPr>)?<w:p>(?:<w:pPr>.*?</w:pPr>)?"
                                   r"<w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t>", re.S), xml, index, lambda m: "")
    if op == "dtd":
        return xml.replace("?>", '?><!DOCTYPE d [<!ENTITY e "x">]>', 1)
    # grid: the table grid's column widths and count
    value = draw(st.sampled_from(('<w:gridCol w:w="-5"/>', '<w:gridCol w:w="99999999999"/>', "", '<w:gridCol/>')))
    count = draw(st.sampled_from((0, 1, 100, 10_000)))
    return re.sub(r"<w:tblGrid>.*?</w:tblGrid>", lambda m: "<w:tblGrid>" + value * count + "</w:tblGrid>", xml,
                  count=1, flags=re.S)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _zip_rebuild(members: list[tuple[zipfile.ZipInfo, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    import warnings

    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", method) as z:
        warnings.simplefilter("ignore")  # duplicate names are wanted
        for info, data in members:
            z.writestr(info.filename, data, compress_type=method)
    return buf.getvalue()


def _zip_directory_op(draw, data: bytes) -> bytes:
    """Edit the zip's own records: a central-directory field, the end record, a local header."""
    rng = random.Random(draw(st.integers(0, 2 ** 32)))
    buf = bytearray(data)
    field = draw(st.sampled_from(("local_offset", "cd_offset", "cd_size", "entries", "method", "flags", "sizes",
                                  "name_length", "extra_length", "comment")))
    value = draw(st.sampled_from((0, 1, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, len(data), len(data) + 1,
                                  2 ** 31 - 1, 12, 14, 99)))
    end = bytes(buf).rfind(b"PK\x05\x06")
    centrals = [m.start() for m in re.finditer(re.escape(b"PK\x01\x02"), bytes(buf))]
    if end < 0 or not centrals:
        return _bytes_op(draw, data)
    c = rng.choice(centrals)

    def put(at: int, fmt: str, v: int) -> None:
        size = struct.calcsize(fmt)
        if at + size <= len(buf):
            buf[at:at + size] = struct.pack(fmt, v & (0xFFFF if fmt == "<H" else 0xFFFFFFFF))

    if field == "local_offset":
        put(c + 42, "<I", value)
    elif field == "cd_offset":
        put(end + 16, "<I", value)
    elif field == "cd_size":
        put(end + 12, "<I", value)
    elif field == "entries":
        put(end + 8, "<H", value)
        put(end + 10, "<H", value)
    elif field == "method":
        put(c + 10, "<H", value)
    elif field == "flags":
        put(c + 8, "<H", value)
    elif field == "sizes":
        put(c + 20 + 4 * rng.randrange(2), "<I", value)
    elif field == "name_length":
        put(c + 28, "<H", value)
    elif field == "extra_length":
        put(c + 30, "<H", value)
    else:
        put(end + 20, "<H", value)
    return bytes(buf)


@st.composite
def docx_inputs(draw):
    name, data, _ = draw(_seed("docx"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    names = [info.filename for info, _ in members]
    xml_index = names.index("word/document.xml")
    xml = members[xml_index][1].decode("utf-8")
    after = []  # operators on the finished zip's bytes
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 19))
        if kind < 16:
            xml = _docx_xml_op(draw, xml)
        elif kind < 18:
            op = draw(st.sampled_from(("drop", "many", "duplicate", "rename", "stored", "other_part")))
            if op == "drop" and len(members) > 1:
                members.pop(draw(st.integers(0, len(members) - 1)))
            elif op == "many":
                n = draw(st.sampled_from((10, 100, 4999, 5001)))
                members += [(zipfile.ZipInfo(f"word/media/x{i}.xml"), b"<x/>") for i in range(n)]
            elif op == "duplicate":
                members.append(members[draw(st.integers(0, len(members) - 1))])
            elif op == "rename":
                i = draw(st.integers(0, len(members) - 1))
                info = zipfile.ZipInfo(draw(st.sampled_from(("../../evil.xml", "/abs.xml", "word\\document.xml",
                                                              "WORD/DOCUMENT.XML", "a" * 300, "x\x00.xml", "名.xml"))))
                members[i] = (info, members[i][1])
            elif op == "other_part":  # a mutation of the styles, rels or content types instead
                i = draw(st.integers(0, len(members) - 1))
                members[i] = (members[i][0], _bytes_op(draw, members[i][1]))
            else:
                after.append("stored")
        else:
            after.append(draw(st.sampled_from(("directory", "directory", "bytes"))))
    members = [(info, xml.encode("utf-8", errors="surrogatepass")) if info.filename == "word/document.xml" else (info, d)
               for info, d in members]
    out = _zip_rebuild(members, zipfile.ZIP_STORED if "stored" in after else zipfile.ZIP_DEFLATED)
    for op in after:
        if op == "directory":
            out = _zip_directory_op(draw, out)
        elif op == "bytes":
            out = _bytes_op(draw, out)
    return _ext(draw, "docx"), out


# --------------------------------------------------------------------------- pdf

_PDF_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b(.*?)endobj", re.S)
_PDF_STREAM = re.compile(rb"(<<.*>>)\s*stream\r?\n(.*?)\r?\n?endstream", re.S)


@lru_cache(maxsize=8)
def _deflate_block(kind: bytes) -> tuple[bytes, bytes]:
    """1 MB of ``kind`` repeated, and its raw deflate as an independently flushed (repeatable) block."""
    plain = (kind * (1 << 20))[: 1 << 20]
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return plain, packer.compress(plain) + packer.flush(zlib.Z_FULL_FLUSH)


def _bomb(megabytes: int, kind: bytes) -> bytes:
    """A valid zlib stream inflating to ``megabytes`` MB, built from a cached block (fast, small)."""
    plain, block = _deflate_block(kind)
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(plain, adler)
    body = block * megabytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    return b"\x78\x9c" + body + struct.pack(">I", adler)


def _pdf_objects(data: bytes) -> list[list]:
    return [[int(m.group(1)), int(m.group(2)), m.group(3)] for m in _PDF_OBJ.finditer(data)]


def _pdf_write(objects: list[list], trailer: bytes, xref: bool = True, header: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") -> bytes:
    out = bytearray(header)
    offsets = {}
    for num, gen, body in objects:
        offsets[num] = len(out)
        out += b"%d %d obj" % (num, gen) + body + b"endobj\n"
    start = len(out)
    if xref:
        size = max(offsets, default=0) + 1
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        out += b"".join(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
                        for n in range(1, size))
        out += b"trailer\n" + trailer + b"\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def _pdf_trailer(data: bytes) -> bytes:
    m = re.search(rb"trailer\s*(<<.*?>>)\s*startxref", data, re.S)
    if m:
        return m.group(1)
    root = re.search(rb"/Root\s+\d+\s+\d+\s+R", data)
    return b"<< /Size 100 %s >>" % (root.group() if root else b"/Root 1 0 R")


def _stream_parts(body: bytes):
    m = _PDF_STREAM.search(body)
    return (m.group(1), m.group(2)) if m else None


def _with_stream(head: bytes, data: bytes, length: bytes | None = None) -> bytes:
    head = re.sub(rb"/Length\s+\d+(?:\s+\d+\s+R)?", b"", head)
    head = head[:-2] + b" /Length " + (length or b"%d" % len(data)) + b" >>"
    return b"\n" + head + b"\nstream\n" + data + b"\nendstream\n"


def _content_op(draw, content: bytes) -> bytes:
    op = draw(st.sampled_from(("number", "dup", "nest", "tokens", "text", "truncate", "many_text")))
    index = draw(st.integers(0, 10 ** 6))
    if op == "number":
        return _sub_nth(re.compile(r"-?\d+(?:\.\d+)?"), content.decode("latin-1"), index,
                        lambda m: _number(draw) if draw(st.booleans()) else "1e400").encode("latin-1", "replace")
    if op == "dup":
        return _times(content, _size(draw, small=(2, 10, 100), big=(1000,), huge=(10_000,)))
    if op == "nest":
        depth = _size(draw, small=(10, 100, 1000), big=(10_000,), huge=(100_000,))
        return b"q " * depth + content + b" Q" * depth
    if op == "tokens":
        token = draw(st.sampled_from((b"BT ", b"ET ", b"[", b"]", b"<<", b">>", b"(", b")", b"<", b"/", b"%",
                                      b"1 0 0 1 0 0 cm ", b"0 0 m 1e9 1e9 l S ", b"BI /W 1 /H 1 ID x EI ",
                                      b"/F9 12 Tf ", b"99999999999999999999 Tz ", b"Tj ", b"T* ", b"1e400 0 Td ")))
        at = index % (len(content) + 1)
        return content[:at] + _times(token, _size(draw)) + content[at:]
    if op == "text":
        s = _text(draw).encode("utf-16-be", errors="surrogatepass")
        return content + b"\nBT /F1 10 Tf 50 50 Td <%s> Tj ET" % s.hex().encode()
    if op == "truncate":
        return content[: index % (len(content) + 1)]
    rows = _size(draw, small=(10, 100, 1000), big=(10_000,), huge=(50_000,))
    return content + b"".join(b"BT /F1 9 Tf %d %d Td <0031> Tj ET\n" % (i % 500, i % 800) for i in range(rows))


def _pdf_op(draw, objects: list[list], trailer: bytes) -> tuple[list[list], bytes]:
    op = draw(st.sampled_from(("content", "content", "filter", "bomb", "length", "dict", "pages", "font",
                               "trailer", "drop", "ref")))
    streams = [o for o in objects if _stream_parts(o[2])]
    index = draw(st.integers(0, 10 ** 6))
    if op in ("content", "filter", "length") and streams:
        obj = streams[index % len(streams)]
        head, data = _stream_parts(obj[2])
        flate = b"/FlateDecode" in head
        if op == "content":
            try:
                content = zlib.decompress(data) if flate else data
            except zlib.error:
                content = data
            content = _content_op(draw, content)
            obj[2] = _with_stream(head, zlib.compress(content, 1) if flate else content)
        elif op == "filter":
            name = draw(st.sampled_from((b"/Fl#61teDecode", b"[/FlateDecode /FlateDecode]", b"/LZWDecode",
                                         b"/ASCII85Decode", b"/ASCIIHexDecode", b"/RunLengthDecode", b"/DCTDecode",
                                         b"/JBIG2Decode", b"/Foo", b"[/FlateDecode /Foo]", b"/Fl", b"[]", b"1",
                                         b"%d 0 R" % (max(o[0] for o in objects) + 1))))
            parms = draw(st.sampled_from((b"", b" /DecodeParms << /Predictor 12 /Columns 0 >>",
                                          b" /DecodeParms << /Predictor 15 /Columns 99999999 /Colors 99 >>",
                                          b" /DecodeParms << /Predictor 2 /BitsPerComponent 3 >>")))
            head = re.sub(rb"/Filter\s*(?:/\w+|\[[^\]]*\])", b"", head)
            obj[2] = _with_stream(head[:-2] + b" /Filter " + name + parms + b" >>", data)
            if name.endswith(b" R"):
                objects.append([int(name.split()[0]), 0, b"\n/FlateDecode\n"])
        else:
            obj[2] = _with_stream(head, data, draw(st.sampled_from((b"0", b"-1", b"99999999999", b"1e400", b"99 0 R",
                                                                     b"%d" % (len(data) + 10)))))
        return objects, trailer
    if op == "bomb":  # a Flate stream inflating far beyond its size, in the shapes guards must see through
        megabytes = _size(draw, small=(1, 2, 9), big=(20, 100), huge=(300,))
        payload = _bomb(megabytes, draw(st.sampled_from((b"\0", b" ", b"0 0 m ", b"BT (a) Tj ET "))))
        head = draw(st.sampled_from((b"<< /Filter /FlateDecode >>", b"<< /Filter /Fl#61teDecode >>",
                                     b"<< /Filter [/FlateDecode] >>", b"<< /Subtype /Image /Filter /FlateDecode >>",
                                     b"<< /Filter /FlateDecode /Pad (" + b"x" * 3000 + b") >>",
                                     b"<< /Filter /Fl >>", b"<< /Filter 999 0 R >>")))
        if b"999 0 R" in head:
            objects.append([999, 0, b"\n/FlateDecode\n"])
        num = max(o[0] for o in objects) + 1
        objects.append([num, 0, _with_stream(head, payload)])
        pages = [o for o in objects if re.search(rb"/Type\s*/Page\b", o[2])]
        if pages:
            page = pages[index % len(pages)]
            if b"/Contents" in page[2]:
                page[2] = re.sub(rb"/Contents\s*(\d+\s+\d+\s+R|\[)",
                                 lambda m: b"/Contents [%d 0 R " % num + (m.group(1) if m.group(1) != b"[" else b"")
                                 + (b"]" if m.group(1) != b"[" else b""), page[2], count=1)
            else:
                page[2] = page[2].replace(b"/Type /Page", b"/Type /Page /Contents %d 0 R" % num, 1)
        return objects, trailer
    if op == "dict":
        obj = objects[index % len(objects)]
        key = draw(st.sampled_from((b"/MediaBox [0 0 0 0]", b"/MediaBox [0 0 1e400 1e400]", b"/MediaBox [0 0 -5 -5]",
                                    b"/MediaBox [0 0 99999999 99999999]", b"/Rotate 45", b"/Rotate 99999999999",
                                    b"/UserUnit 1e-30", b"/Resources 1 0 R", b"/Parent 2 0 R", b"/Count -1",
                                    b"/Count 999999999", b"/Annots [" + b"<< >> " * 1000 + b"]",
                                    b"/Type /Pages", b"/Length 5", b"/Encrypt << /Filter /Standard /V 99 >>")))
        obj[2] = re.sub(rb"<<", b"<< " + key + b" ", obj[2], count=1)
        return objects, trailer
    if op == "pages":
        pages = [o for o in objects if re.search(rb"/Type\s*/Pages", o[2])]
        if pages:
            tree = pages[0]
            kids = draw(st.sampled_from((b"/Kids [%d 0 R]" % tree[0], b"/Kids []", b"/Kids 5",
                                         b"/Kids [" + b"3 0 R " * 1000 + b"]", b"/Kids [999 0 R]")))
            tree[2] = re.sub(rb"/Kids\s*\[[^\]]*\]", kids, tree[2], count=1)
            if draw(st.booleans()):
                tree[2] = re.sub(rb"/Count\s+\d+", draw(st.sampled_from((b"/Count 0", b"/Count 600",
                                                                          b"/Count 99999999999"))), tree[2], count=1)
        return objects, trailer
    if op == "font":
        fonts = [o for o in objects if b"/Font" in o[2]]
        if fonts:
            font = fonts[index % len(fonts)]
            font[2] = draw(st.sampled_from((
                re.sub(rb"/W\s*\[[^\]]*\]", b"/W [1 [-1e400 99999999999] 0 1 2 3]", font[2]),
                font[2].replace(b"/UniGB-UCS2-H", b"/Bogus-CMap"),
                font[2].replace(b"/STSong-Light", b"/" + b"A" * 5000),
                re.sub(rb"/Encoding\s*/\S+", b"/Encoding 999 0 R", font[2]),
                b"\nnull\n")))
        return objects, trailer
    if op == "trailer":
        trailer = draw(st.sampled_from((b"<< >>", b"<< /Root 999 0 R >>", b"<< /Size 1 /Root 1 0 R /Prev 0 >>",
                                        trailer[:-2] + b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -1 >> >>",
                                        trailer[:-2] + b" /Info << /Title (" + b"x" * 10000 + b") >> >>",
                                        trailer[:-2] + b" /Size 99999999 >>")))
        return objects, trailer
    if op == "drop" and len(objects) > 1:
        objects.pop(index % len(objects))
        return objects, trailer
    if op == "ref":  # a reference to itself or to nothing
        obj = objects[index % len(objects)]
        obj[2] = re.sub(rb"\d+ 0 R", draw(st.sampled_from((b"%d 0 R" % obj[0], b"0 0 R", b"99999 0 R",
                                                           b"-1 0 R", b"1 99999 R"))), obj[2], count=1)
    return objects, trailer


@st.composite
def pdf_inputs(draw):
    name, data, _ = draw(_seed("pdf"))
    objects, trailer = _pdf_objects(data), _pdf_trailer(data)
    raw_ops = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 9)) < 7 and objects:
            objects, trailer = _pdf_op(draw, objects, trailer)
        else:
            raw_ops.append(draw(st.sampled_from(("bytes", "truncate", "noeof", "append", "noxref"))))
    out = _pdf_write(objects, trailer, xref="noxref" not in raw_ops) if objects else data
    for op in raw_ops:
        rng = random.Random(draw(st.integers(0, 2 ** 32)))
        if op == "bytes":
            out = _bytes_op(draw, out)
        elif op == "truncate":
            out = out[: rng.randrange(len(out) + 1)]
            if draw(st.booleans()):
                out += b"\n%%EOF\n"
        elif op == "noeof":
            out = out.replace(b"%%EOF", b"")
        elif op == "append":
            out += draw(st.sampled_from((b"\x00" * 20000, b"garbage\n" * 100, b"\n1 0 obj << >> endobj\n%%EOF\n",
                                         b"xref\n0 1\n0000000000 65535 f \ntrailer << /Prev 0 >>\nstartxref\n0\n%%EOF")))
    return _ext(draw, "pdf"), out


# --------------------------------------------------------------------------- plumbing

@lru_cache(maxsize=None)
def _seed(fmt: str):
    """A strategy picking one seed of the format, in proportion to its weight (per mille)."""
    entries = seeds(fmt)
    table = [i for i, (_, _, weight) in enumerate(entries) for _ in range(weight)]
    return st.integers(0, len(table) - 1).map(lambda k: entries[table[k]])


def _ext(draw, fmt: str) -> str:
    if _rare(draw, 30):
        return draw(st.sampled_from(OTHER_EXTENSIONS))
    return EXTENSIONS[fmt]


INPUTS = {"json": json_inputs(), "txt": txt_inputs(), "html": html_inputs(), "docx": docx_inputs(),
          "pdf": pdf_inputs()}


@lru_cache(maxsize=None)
def _driver(fmt: str):
    box: list = []

    @settings(database=None, deadline=None, suppress_health_check=list(HealthCheck), max_examples=1)
    @given(INPUTS[fmt])
    def target(value):
        box.append(value)

    return target.hypothesis.fuzz_one_input, box


def from_buffer(fmt: str, buffer: bytes) -> tuple[str, bytes] | None:
    """The input the format's strategy draws from ``buffer``, or None when the buffer runs out."""
    run, box = _driver(fmt)
    box.clear()
    run(buffer)
    return box[-1] if box else None


def generate(fmt: str, seed: int) -> tuple[str, bytes]:
    """The input number ``seed`` of the format (deterministic)."""
    rng = random.Random(seed)
    for _ in range(20):
        drawn = from_buffer(fmt, rng.randbytes(8192))
        if drawn is not None:
            return drawn
    raise RuntimeError(f"no input drawn for {fmt} seed {seed}")
