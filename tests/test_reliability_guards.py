"""Issue 7, defects 1, 2, 4, 6, 7 and 8: hostile inputs are refused with a ReadError naming the limit,
or read; never a hang, an unbounded inflation or an internal error.

The inputs come from ``hostile_inputs`` (shared with other tests). Bombs are made small and read with
small limits, so no test allocates more than a few MB. ``watchdog`` only turns a hang (what these
inputs did before) into a failure instead of a stuck suite: it times nothing.
"""

from __future__ import annotations

import json
import math
import os
import signal
import warnings
import zlib
from contextlib import contextmanager

import pytest
from hypothesis import given, settings, strategies as st

import hostile_inputs as hostile
from gklint import api
from gklint.read import guards
from gklint.read.errors import ReadError
from gklint.read.open import open_document
from gklint.recognise.values import parse_cell

MB = 1 << 20
KB = 1 << 10


@contextmanager
def watchdog(seconds: float = 120):
    """Fail the test if the block never ends (a hang); no speed is asserted."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: the input hangs the reader")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused(path, *words: str, limits: guards.Limits = guards.DEFAULT) -> ReadError:
    with watchdog(), pytest.raises(ReadError) as info:
        open_document(str(path), limits)
    for word in words:
        assert word in info.value.message, info.value.message
    return info.value


def text_of(document) -> str:
    return "\n".join(getattr(b, "text", "") for b in document.blocks)


# --------------------------------------------------------------------------- defect 1: the inflater loop

def test_inflater_counts_to_the_end_of_a_zlib_stream_followed_by_a_line_break():
    content = b"0 0 m 0.5 0 l S 1 0 0 1 1.5 0 cm\n" * 100_000  # 3.3 MB, ends past several 1 MB steps
    data = b"stream\n" + zlib.compress(content, 9) + b"\nendstream"
    with watchdog():
        size = guards._inflated_size(data, 7, data.index(b"endstream"), 64 * MB)
    assert size == len(content)


def test_pdf_whose_content_inflates_past_the_step_is_read(tmp_path):
    path = hostile.pdf_inflates_past_step(tmp_path / "report.pdf")
    assert path.stat().st_size < 10 * KB
    with watchdog():
        document = open_document(str(path))
    assert "Annual report" in text_of(document)


def test_guard_passes_a_large_repetitive_content_stream(tmp_path):
    data = hostile.pdf_large_repetitive_content(tmp_path / "report.pdf").read_bytes()
    with watchdog():
        guards.check_pdf("report.pdf", data)  # ~1.3 MB of content: well within the limits


def test_pdf_deadline_applies_while_a_page_is_parsed(tmp_path):
    """80,000 dots on one page take pdfminer far longer than a second to parse: the deadline stops the
    page itself (before, it was looked at only between pages, so this page was read to its end)."""
    import pdfplumber  # noqa: F401 - imported beforehand, so that the second goes to the page

    path = hostile.pdf_large_repetitive_content(tmp_path / "report.pdf", segments=80_000)
    error = refused(path, "超时", limits=guards.Limits(seconds=1))
    assert error.where == "第1页"


# --------------------------------------------------------------------------- defect 2: bombs in pdfminer

SMALL = guards.Limits(pdf_max_content=256 * KB, pdf_max_stream=1 * MB, pdf_max_inflated=4 * MB)

CONTENT_BOMBS = [hostile.pdf_bomb_escaped_filter_name, hostile.pdf_bomb_indirect_filter,
                 hostile.pdf_bomb_content_called_image, hostile.pdf_bomb_long_dictionary,
                 hostile.pdf_bomb_runlength, hostile.pdf_bomb_lzw]


@pytest.mark.parametrize("make", CONTENT_BOMBS, ids=lambda f: f.__name__)
def test_content_bomb_is_refused_at_the_content_limit(tmp_path, make):
    path = make(tmp_path / "report.pdf", size=2 * MB)
    refused(path, "压缩炸弹", "页面内容", "256 KB", limits=SMALL)


@pytest.mark.parametrize("make", CONTENT_BOMBS[:4], ids=lambda f: f.__name__)
def test_flate_bomb_just_over_the_default_limit(tmp_path, make):
    path = make(tmp_path / "report.pdf", size=guards.DEFAULT.pdf_max_content + MB)
    refused(path, "压缩炸弹", guards.size_text(guards.DEFAULT.pdf_max_content))


def test_font_program_bomb_is_refused_at_the_stream_limit(tmp_path):
    path = hostile.pdf_bomb_font_program(tmp_path / "report.pdf", size=2 * MB)
    refused(path, "压缩炸弹", "单个数据流", "1 MB", limits=SMALL)


def test_all_streams_together_are_bounded(tmp_path):
    path = hostile.pdf_bomb_font_program(tmp_path / "report.pdf", size=2 * MB)
    limits = guards.Limits(pdf_max_stream=4 * MB, pdf_max_inflated=1 * MB)
    refused(path, "压缩炸弹", "合计", "1 MB", limits=limits)


def test_forms_drawn_many_times_are_bounded_by_objects_per_page(tmp_path):
    path = hostile.pdf_forms_drawn_many_times(tmp_path / "report.pdf", depth=4, fanout=10)  # 1,000 copies
    refused(path, "对象过多", "5,000", limits=guards.Limits(pdf_max_objects=5000))


def test_forms_drawn_many_times_are_bounded_by_content_per_page(tmp_path):
    path = hostile.pdf_forms_drawn_many_times(tmp_path / "report.pdf", depth=4, fanout=10)
    refused(path, "页面内容过多", "上限 16,384 字节", limits=guards.Limits(pdf_max_content=16 * KB))


def test_glyph_flood_is_bounded(tmp_path):
    path = hostile.pdf_glyph_flood(tmp_path / "report.pdf", glyphs=50_000)
    refused(path, "对象过多", limits=guards.Limits(pdf_max_objects=5000))


def test_pages_are_counted_only_up_to_the_limit(tmp_path):
    path = hostile.pdf_many_pages(tmp_path / "report.pdf", pages=600)
    refused(path, "页数过多", "超过 500 页")


def test_real_pdf_reads_within_the_default_limits():
    from conftest import FIXTURES

    document = open_document(str(FIXTURES / "huaian-2024.pdf"))
    assert len(document.grids) == 3


def test_hooks_are_in_place_and_inert_outside_a_read():
    from pdfminer import pdftypes

    from gklint.read import pdf_limits

    pdf_limits.install()
    pdf_limits.install()  # idempotent
    assert isinstance(pdftypes.zlib, pdf_limits._BoundedZlib)
    stream = pdftypes.PDFStream({"Filter": pdftypes.LITERALS_FLATE_DECODE[0]}, zlib.compress(b"\0" * 3 * MB))
    assert stream.get_data() == b"\0" * 3 * MB  # no budget active: pdfminer's behaviour


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_bounded_runlength_decodes_as_pdfminer_does(data):
    from pdfminer.runlength import rldecode

    from gklint.read import pdf_limits

    try:
        expected = rldecode(data)
    except (StopIteration, RuntimeError):  # pdfminer fails on a run cut short; ours ends the output there
        return
    assert pdf_limits._rldecode(data, 1 << 30) == expected


@settings(max_examples=50, deadline=None)
@given(st.binary(min_size=1, max_size=5000), st.integers(1, 4), st.booleans())
def test_bounded_corrupted_inflation_matches_pdfminer(payload, damaged, cut):
    """A bad checksum (the last bytes flipped) or a stream cut short: the same bytes, or the same error."""
    from pdfminer import pdftypes

    from gklint.read import pdf_limits

    pdf_limits.install()
    data = zlib.compress(payload)
    data = data[:-damaged] if cut else data[:-damaged] + bytes(b ^ 0xFF for b in data[-damaged:])
    reference = pdftypes.decompress_corrupted.__wrapped__
    try:
        expected = reference(data)
    except zlib.error:
        with pytest.raises(zlib.error):
            pdf_limits._decompress_corrupted(data, 1 << 30)
        return
    assert pdf_limits._decompress_corrupted(data, 1 << 30) == expected


def test_inline_image_of_near_misses_is_read_within_a_short_deadline(tmp_path):
    """Outcome, not timing: with a 60-second deadline (half the default) the page is read, not refused."""
    path = hostile.pdf_inline_image_of_near_misses(tmp_path / "report.pdf")
    with watchdog():
        document = open_document(str(path), limits=guards.Limits(seconds=60))
    assert "Annual report" in text_of(document)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200).map(lambda b: b.replace(b"EI", b"")), st.sampled_from([b"EI", b"~>"]),
       st.binary(max_size=40), st.sampled_from([b" ", b"\n", b"\r\n", b"\r", b"\t"]), st.binary(max_size=20))
def test_linear_inline_image_reader_matches_pdfminer(head, target, middle, space, tail):
    """The bytearray ``get_inline_data`` answers exactly as pdfminer's own, across 4 KB buffer ends too."""
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream

    from gklint.read import pdf_limits

    pdf_limits.install()
    content = b"BI /W 1 ID " + head * 25 + middle + target + space + tail + b" Q"
    ours, theirs = PDFContentParser([PDFStream({}, content)]), PDFContentParser([PDFStream({}, content)])
    original = pdf_limits._ORIGINAL_GET_INLINE_DATA
    try:
        expected = original(theirs, len(b"BI /W 1 ID "), target=target)
    except Exception as exc:  # noqa: BLE001 - both must fail alike (e.g. no end found)
        with pytest.raises(type(exc)):
            pdf_limits._get_inline_data(ours, len(b"BI /W 1 ID "), target=target)
        return
    assert pdf_limits._get_inline_data(ours, len(b"BI /W 1 ID "), target=target) == expected


def test_bounded_lzw_decodes_as_pdfminer_does():
    from pdfminer.lzw import lzwdecode

    from gklint.read import pdf_limits

    data = hostile._lzw_run_of_spaces(200_000)
    budget = pdf_limits.Budget("x.pdf", guards.DEFAULT, guards.Deadline("x.pdf", 60))
    assert pdf_limits._lzwdecode(data, 1 << 30, budget) == lzwdecode(data)
    with pytest.raises(pdf_limits._TooLarge):
        pdf_limits._lzwdecode(data, 100_000, budget)


# --------------------------------------------------------------------------- defect 4: not a regular file

@pytest.mark.parametrize(("make", "kind"), [(hostile.fifo, "FIFO"), (hostile.unix_socket, "套接字")])
def test_special_file_is_refused_without_blocking(tmp_path, make, kind):
    path = make(tmp_path / "report.pdf")
    error = refused(path, "不是普通文件", kind)
    assert str(error).startswith(str(path))


def test_device_behind_a_link_is_refused(tmp_path):
    path = tmp_path / "report.txt"
    path.symlink_to("/dev/zero")
    refused(path, "不是普通文件", "字符设备")


def test_special_file_in_a_batch_costs_one_line(tmp_path):
    from typer.testing import CliRunner

    from conftest import FIXTURES
    from gklint.cli import app

    good = tmp_path / "good.txt"
    good.write_bytes((FIXTURES / "huangyuan-2021.txt").read_bytes())
    pipe = hostile.fifo(tmp_path / "pipe.txt")
    with watchdog():
        result = CliRunner().invoke(app, ["check", str(good), str(pipe), "--format", "json", "-j", "1"])
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert "不是普通文件" in files[str(pipe)]["error"]
    assert not files[str(good)].get("error") and files[str(good)]["diagnostics"]


# --------------------------------------------------------------------------- defect 6: no internal errors

def test_number_cell_of_400_digits_is_text_and_the_report_is_kept(tmp_path):
    result = api.check(str(hostile.html_number_of_400_digits(tmp_path / "report.html")))
    c203 = [d for d in result.diagnostics if d.rule == "C203"]
    assert [(d.location.table, d.location.row, d.location.column) for d in c203] == \
        [("二", "行政规范性文件", "本年制发件数")]


def test_text_report_with_a_400_digit_number_is_kept(tmp_path):
    result = api.check(str(hostile.txt_number_of_400_digits(tmp_path / "report.txt")))
    assert result.error is None and result.diagnostics


@pytest.mark.parametrize("text", ["9" * 309, "9" * 400, "-" + "1" * 500, "1" * 400 + ".5"])
def test_parse_cell_reads_an_impossible_number_as_text(text):
    assert parse_cell(text).kind == "text"
    assert parse_cell(text, amount=True).kind == "text"


def test_docx_with_a_negative_zip_offset_is_a_plain_read_error(tmp_path):
    error = refused(hostile.docx_negative_seek(tmp_path / "report.docx"), "损坏")
    assert "Error" not in error.message and "seek" not in error.message


def test_docx_whose_content_types_are_not_opc_is_a_plain_read_error(tmp_path):
    error = refused(hostile.docx_content_types_not_opc(tmp_path / "report.docx"), "损坏", "[Content_Types].xml")
    assert "Error" not in error.message and error.path.endswith("report.docx")


@pytest.mark.parametrize("before", [10**20, 2**31, 60_000])  # past the largest index, huge, past the budget
def test_docx_row_skipping_grid_columns_past_the_table_budget_is_refused(tmp_path, before):
    path = hostile.docx_table_skipping_columns(tmp_path / "report.docx", before=before, span=2)
    error = refused(path, "表格过大", f"上限 {guards.DEFAULT.max_table_cells:,}")
    assert error.where == "第 1 个表格"


def test_docx_row_skipping_grid_columns_within_the_budget_is_read(tmp_path):
    path = hostile.docx_table_skipping_columns(tmp_path / "report.docx", before=2, span=1)
    grids = [b for b in open_document(str(path)).blocks if hasattr(b, "rows")]
    assert len(grids) == 1
    second = grids[0].rows[1]
    assert second[:2] == [None, None] and second[2] is not None and second[2].column == 2


def test_html_with_control_characters_is_read(tmp_path):
    result = api.check(str(hostile.html_with_control_characters(tmp_path / "report.html")))
    assert result.error is None and result.layout == "2021" and result.diagnostics


def test_html_control_characters_do_not_reach_the_text(tmp_path):
    document = open_document(str(hostile.html_with_control_characters(tmp_path / "report.html")))
    text = text_of(document)
    assert "政府信息公开" in text
    assert not any(ch in text for ch in "\x01\x02\x0b\x08\x1b")


def test_html_control_character_references_are_read_as_spaces(tmp_path):
    document = open_document(str(hostile.html_with_control_character_references(tmp_path / "report.html")))
    text = text_of(document)
    assert "政府信息公开" in text
    assert not any(ch in text for ch in "\x01\x0c\x08\x1b\ufffe")


@pytest.mark.parametrize("markup, expected", [("&#x1b;", " "), ("&#X1B", " "), ("&#0012;", " "), ("&#xFFFE;", " "),
                                              ("&#65;", "&#65;"), ("&#x4e2d;", "&#x4e2d;"), ("&#12345678;", "&#12345678;")])
def test_only_references_to_characters_xml_refuses_are_replaced(markup, expected):
    from gklint.read import html

    assert html._CHARREF.sub(html._xml_charref, markup) == expected


@pytest.mark.parametrize("codec", ["uu_codec", "base64_codec", "zlib_codec"])
def test_text_declaring_a_binary_codec_is_read(tmp_path, codec):
    result = api.check(str(hostile.text_declaring_a_binary_codec(tmp_path / "report.txt", codec)))
    assert result.error is None and result.layout == "2021" and result.diagnostics


def _json_refused(path, where: str | None, *words: str) -> ReadError:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's RuntimeWarning on NaN counts was the old symptom
        with watchdog(), pytest.raises(ReadError) as info:
            api.extract(str(path))
    assert info.value.where == where, str(info.value)
    for word in words:
        assert word in info.value.message, info.value.message
    return info.value


@pytest.mark.parametrize(("value", "word"), [("NaN", "NaN"), ("1e400", "过大"), ("-1e400", "过大"),
                                             ("Infinity", "过大"), ("-Infinity", "过大"), ("1" + "0" * 400, "过大")])
def test_json_count_that_is_not_a_finite_number_names_its_path(tmp_path, value, word):
    _json_refused(hostile.json_count(tmp_path / "report.json", value), hostile.JSON_COUNT_PATH, word)


def test_json_integer_of_5000_digits_names_its_path(tmp_path):
    _json_refused(hostile.json_integer_of_5000_digits(tmp_path / "report.json"), hostile.JSON_COUNT_PATH, "过大")


def test_json_nested_100000_deep_is_a_read_error(tmp_path):
    _json_refused(hostile.json_nested_100000_deep(tmp_path / "report.json"), None, "嵌套过深")


def test_json_ordinary_counts_still_read(tmp_path):
    report = api.extract(str(hostile.json_count(tmp_path / "report.json", "1.5e3")))
    cell = report.cell("二", "normative_documents", "issued")
    assert cell.kind == "number" and cell.value == 1500 and math.isfinite(cell.value)


# --------------------------------------------------------------------------- defect 7: names printed raw

HOSTILE_NAME = "report\n\x1b]0;pwned\x07\x1b[2J\u202egpj.txt"
CONTROLS = ("\x1b", "\x07", "\u202e")


def test_printable_escapes_controls_and_keeps_the_rest():
    from gklint.core.display import printable

    assert printable("a\nb\x1b[31m\u202e\x9b") == "a\\x0ab\\x1b[31m\\u202e\\x9b"
    assert printable("C:\\报告\\政府信息公开 2021.pdf") == "C:\\报告\\政府信息公开 2021.pdf"
    assert printable(os.fsdecode(b"caf\xe9.pdf")) == "caf\\xe9.pdf"


def test_read_error_names_the_file_printably():
    text = str(ReadError("a\nb\x1b[2J.pdf", "文件是空的", where="word/\x1bdocument.xml"))
    assert "\n" not in text and "\x1b" not in text
    assert text == "a\\x0ab\\x1b[2J.pdf: word/\\x1bdocument.xml: 文件是空的"


@pytest.mark.parametrize("fmt", ["terminal", "html", "json"])
@pytest.mark.parametrize("readable", [True, False])
def test_cli_never_prints_a_control_character_of_a_name(tmp_path, fmt, readable):
    from typer.testing import CliRunner

    from conftest import FIXTURES
    from gklint.cli import app

    path = tmp_path / HOSTILE_NAME
    path.write_bytes((FIXTURES / "huangyuan-2021.txt").read_bytes() if readable else b"")
    other = tmp_path / "other.txt"
    other.write_bytes(b"")
    result = CliRunner().invoke(app, ["check", str(path), str(other), "--format", fmt, "-j", "1"])
    assert result.exit_code in (1, 2), result.output
    output = result.output
    assert not any(ch in output for ch in CONTROLS), repr(output[:300])
    # the name is shown, its newline and escape sequences written out (rich may fold a long line)
    folded = output.replace("\n", "")
    assert any(shown in folded for shown in ("report\\x0a\\x1b]0;pwned", "report\\n\\u001b]0;pwned")), output


# --------------------------------------------------------------------------- defect 8: size message

def test_size_just_over_the_cap_reads_differently_from_the_cap(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    os.truncate(path, guards.DEFAULT.max_bytes + 1)  # sparse
    error = refused(path, "文件过大")
    assert "52,428,801 字节" in error.message and "上限 52,428,800 字节" in error.message


def test_size_far_over_the_cap_is_said_in_megabytes(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    os.truncate(path, 3 * guards.DEFAULT.max_bytes)
    refused(path, "150 MB", "上限 50 MB")


def test_sizes_always_differ():
    for size, cap in [(50 * MB + 1, 50 * MB), (50 * MB + 400 * KB, 50 * MB), (2049, 2048), (MB + 1, MB)]:
        found, limit = guards.sizes(size, cap)
        assert found != limit


def _docx_with_compression(path, method: int):
    """The template with every entry's compression method set to ``method`` (local and central headers)."""
    import struct as _struct

    data = bytearray((hostile.FIXTURES / "template-2021.docx").read_bytes())
    for sig, at in ((b"PK\x01\x02", 10), (b"PK\x03\x04", 8)):
        i = data.find(sig)
        while i >= 0:
            data[i + at:i + at + 2] = _struct.pack("<H", method)
            i = data.find(sig, i + 4)
    path.write_bytes(bytes(data))
    return path


def test_docx_with_an_unknown_compression_method_is_a_plain_read_error(tmp_path):
    # found by the fuzzer: NotImplementedError (a RuntimeError) escaped check_xml_parts
    with pytest.raises(ReadError, match="DOCX 文件已损坏"):
        api.extract(_docx_with_compression(tmp_path / "c.docx", 99))


def test_docx_whose_entries_are_flagged_encrypted_is_a_plain_read_error(tmp_path):
    import struct as _struct

    data = bytearray((hostile.FIXTURES / "template-2021.docx").read_bytes())
    for sig, at in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):  # general purpose flag bit 0: encrypted
        i = data.find(sig)
        while i >= 0:
            (flags,) = _struct.unpack("<H", data[i + at:i + at + 2])
            data[i + at:i + at + 2] = _struct.pack("<H", flags | 1)
            i = data.find(sig, i + 4)
    path = tmp_path / "e.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="加密|已损坏"):
        api.extract(path)


def test_json_report_year_out_of_range_names_its_path(tmp_path):
    # found by the long fuzz run: a year of 10**30 overflowed the publication-deadline rule (D101)
    from gklint.recognise.json_format import to_json  # noqa: PLC0415
    from gklint.testing import consistent_report  # noqa: PLC0415

    data = to_json(consistent_report(1, "2021"))
    data["meta"]["year"] = 10 ** 30
    path = tmp_path / "y.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReadError, match=r"\$\.meta\.year.*年份应在1900至2999之间"):
        api.extract(path)


def test_html_span_of_ten_thousand_digits_is_clamped_not_converted():
    # found by the long fuzz run: int() of a 10,001-digit rowspan raised ValueError
    from gklint.read.html_tables import _span  # noqa: PLC0415

    assert (_span("9" * 10_001), _span(" 3"), _span("007"), _span("x")) == (100, 3, 7, 1)


def test_a_chinese_numeral_of_thousands_of_characters_is_no_number():
    # found by the long fuzz run: "〇" * 5000 reached int() past Python's 4,300-digit limit
    from gklint.core.numerals import chinese_to_int  # noqa: PLC0415

    assert chinese_to_int("〇" * 5000) is None and chinese_to_int("二〇二一") == 2021
    assert chinese_to_int("二千七百一十五") == 2715


def test_a_page_declaring_utf16_without_a_bom_is_read_or_refused_plainly(tmp_path):
    # found by the long fuzz run: decoding as the declared "utf-16" raised UnicodeError (no BOM)
    path = tmp_path / "p.html"
    path.write_bytes('<html><head><meta charset="utf-16"></head><body><p>一、总体情况 本年度工作平稳。</p></body></html>'
                     .encode("utf-8"))
    try:
        api.extract(path)
    except ReadError as exc:
        assert "UnicodeError" not in str(exc)
