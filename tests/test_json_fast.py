"""gklint JSON read two ways: the plain form straight from the parsed dictionaries (``_plain``) and any document
through the pydantic models (``_validated``). For every document, ``_plain`` gives the Report ``_validated``
gives, or declines (None) and leaves the document, and its error if it is bad, to ``_validated``."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint import layouts as L
from gklint.ingest import read_bytes, read_report
from gklint.read.errors import ReadError
from gklint.recognise.json_format import _plain, _validated, from_json, read_json, to_json
from tests.strategies import corrupted_reports, reports, small_reports

ROOT = Path(__file__).parent.parent
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(read, data):
    """The Report, or the ReadError's parts: what a read of ``data`` gives (on a copy: reads must not change it)."""
    try:
        return read(copy.deepcopy(data), "r.json")
    except ReadError as exc:
        return ("ReadError", exc.path, exc.message, exc.where)


def assert_same_read(data) -> None:
    slow = _outcome(_validated, data)
    fast = _plain(copy.deepcopy(data), "r.json")
    if isinstance(slow, tuple):
        assert fast is None, f"the plain read accepted a document the models refuse: {slow}"
    elif fast is not None:
        assert fast == slow
    assert _outcome(from_json, data) == slow


def _json(report, **kw) -> dict:
    return json.loads(json.dumps(to_json(report, **kw), ensure_ascii=False))


@SETTINGS
@given(st.one_of(reports(), small_reports(), corrupted_reports().map(lambda c: c.report)))
def test_gklints_own_json_is_read_plainly_and_as_the_models_read_it(report):
    data = _json(report)
    assert _plain(copy.deepcopy(data), "r.json") is not None  # what gklint writes takes the plain path
    assert_same_read(data)
    with_sources = _json(report, with_source=True)
    assert_same_read(with_sources)


# what a hand-written or damaged document may hold where gklint writes a count, a label, a field
CELL_VALUES = st.one_of(
    st.sampled_from([True, False, 0, -1, 2 ** 53, -(2 ** 53), 2 ** 64, 1.0, -0.0, 1.5, float("inf"), float("nan")]),
    st.integers(), st.integers(min_value=2 ** 53 - 3, max_value=2 ** 53 + 3), st.floats(allow_nan=True),
    st.sampled_from(["/", "—", "", " ", "1,234", "12.50", "-3", "减2", "三十", "无", "x", "１２", "abc", "1e3"]),
    st.text(max_size=6), st.none(), st.booleans(), st.lists(st.integers(), max_size=2),
    st.fixed_dictionaries({}, optional={"value": st.one_of(st.integers(), st.floats(), st.none(), st.text(max_size=3)),
                                        "raw": st.one_of(st.none(), st.text(max_size=3), st.integers()),
                                        "source": st.one_of(st.none(), st.just({"line": 3}), st.just({"bad": 1})),
                                        "other": st.just(1)}),
)
FIELD_VALUES = st.one_of(st.none(), st.sampled_from([1899, 1900, 2021, 2999, 3000, 0, -1]), st.booleans(), st.text(max_size=4),
                         st.sampled_from(["2021-03-01", "2021-3-1", "2021-02-30", "2021-01-01T00:00:00", "2020-02-29",
                                          "0000-01-01", "2021-13-01", "２０２１-01-01", "2021-01-01 ", "20210101"]),
                         st.floats(allow_nan=False), st.lists(st.none(), max_size=1), st.just({}))


EDITS = ("cell", "row label", "column label", "table", "top", "meta", "section", "note", "layout", "tables")


@st.composite
def edited_documents(draw, first: str):
    """gklint's JSON of a generated report, edited in a few places (the first edit of kind ``first``) the way
    a person or a broken tool might."""
    data = _json(draw(st.one_of(reports(), small_reports())))
    layout = L.get(data["layout"])
    for i in range(draw(st.integers(1, 3))):
        what = first if i == 0 else draw(st.sampled_from(EDITS))
        tables = data.get("tables") if isinstance(data.get("tables"), dict) else {}
        intact = sorted(k for k, v in tables.items() if k in layout.tables and isinstance(v, dict) and v
                        and all(isinstance(r, dict) and layout.table(k).row(label) for label, r in v.items()))
        tkey = draw(st.sampled_from(intact)) if intact else None
        if what == "cell" and tkey:
            row = draw(st.sampled_from(sorted(data["tables"][tkey])))
            if data["tables"][tkey][row]:
                col = draw(st.sampled_from(sorted(data["tables"][tkey][row])))
                data["tables"][tkey][row][col] = draw(CELL_VALUES)
        elif what in ("row label", "column label") and tkey:
            rlabel = draw(st.sampled_from(sorted(data["tables"][tkey])))
            spec = layout.table(tkey)
            row = spec.row(rlabel)
            if what == "row label":
                names = [row.id, *row.names, f" {row.label}", row.label.replace("（", "("), "不存在的行", ""]
                names += [r.label for r in layout.table(tkey).rows if r.heading][:1]
                data["tables"][tkey][draw(st.sampled_from(names))] = data["tables"][tkey].pop(rlabel)
            elif data["tables"][tkey][rlabel]:
                clabel = draw(st.sampled_from(sorted(data["tables"][tkey][rlabel])))
                col = row.column(clabel)
                if col is None:
                    continue
                names = [col.id, *col.names, f"{col.label} ", "不存在的列", ""]
                cols = data["tables"][tkey][rlabel]
                cols[draw(st.sampled_from(names))] = cols.pop(clabel)
        elif what == "table" and tkey:
            data["tables"][draw(st.sampled_from([tkey + "x", "五", tkey]))] = draw(
                st.sampled_from([data["tables"].pop(tkey), {}, [], None, {"x": 1}]))
        elif what == "tables":
            data["tables"] = draw(st.sampled_from([{}, [], None, data["tables"]]))
        elif what == "top":
            key = draw(st.sampled_from(["gklint", "generator", "preamble", "preamble_sources", "extra", "notes",
                                        "sections", "meta"]))
            data[key] = draw(st.one_of(FIELD_VALUES, st.just([None]), st.just([{"line": 1}])))
        elif what == "meta" and isinstance(data.get("meta"), dict):
            year = st.one_of(st.sampled_from([1899, 1900, 2999, 3000, 2021, True, 2021.0, "2021"]), FIELD_VALUES)
            data["meta"] = draw(st.fixed_dictionaries({}, optional={  # often without dates: the quickest plain path
                "title": FIELD_VALUES, "agency": FIELD_VALUES, "year": year, "published": FIELD_VALUES,
                "other": FIELD_VALUES}))
        elif what == "section" and isinstance(data.get("sections"), list) and data["sections"]:
            i = draw(st.integers(0, len(data["sections"]) - 1))
            key = draw(st.sampled_from(["heading", "text", "number", "id", "source", "sources", "other"]))
            if isinstance(data["sections"][i], dict):
                if draw(st.booleans()):
                    data["sections"][i].pop(key, None)
                else:
                    data["sections"][i][key] = draw(st.one_of(FIELD_VALUES, st.just({"line": 2}), st.just([None])))
        elif what == "note":
            note = draw(st.fixed_dictionaries({}, optional={
                "kind": st.sampled_from(["table_missing", "header_alias"]), "message": st.text(max_size=3),
                "table": st.one_of(st.none(), st.just(tkey or "二")), "row": FIELD_VALUES,
                "source": st.one_of(st.none(), st.just({"line": 1})), "other": st.just(1)}))
            if isinstance(data.get("notes"), list):
                data["notes"].append(note)
        elif what == "layout":
            data["layout"] = draw(st.sampled_from([None, "", "2019", "2021", "2030", 2021]))
            if data["layout"] is None and draw(st.booleans()):
                del data["layout"]
    return data


@pytest.mark.parametrize("first", EDITS)
def test_an_edited_document_is_read_or_refused_as_the_models_read_or_refuse_it(first):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(edited_documents(first))
    def check(data):
        assert_same_read(data)

    check()


def test_the_sample_and_the_fuzz_corpus_read_as_the_models_read_them():
    files = [ROOT / "samples" / "huangyuan-2021.json", *sorted((ROOT / "fuzz").glob("*/*.json"))]
    plain = 0
    for path in files:
        try:
            data = json.loads(path.read_text("utf-8"))
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict) and data.keys() & {"gklint", "tables", "sections", "meta"}:
            assert_same_read(data)
            plain += _plain(copy.deepcopy(data), str(path)) is not None
    assert plain >= 1  # the sample at least is read plainly


def test_a_recognised_report_written_as_json_reads_back_the_same_both_ways():
    report = read_report(ROOT / "samples" / "huangyuan-2021.txt")
    for with_source in (False, True):
        assert_same_read(_json(report, with_source=with_source))


@given(st.sampled_from([b"{", b" {", b"\xef\xbb\xbf{", b"\n{", b"["]),
       st.sampled_from([b"", b"%PDF-", b"\x01" * 200, b"\x01", b"\x0c", b"\x1b", b"\t", b"\x00", "标".encode("gb18030"),
                        b"\xff", b"\xed\xa0\x80"]))
@settings(max_examples=60, deadline=None)
def test_a_file_taken_plainly_for_json_is_one_sniffing_says_is_json_and_decodes_as_utf8(start, inside):
    import orjson

    from gklint.read.sniff import decode_text, plainly_json, sniff
    from gklint.recognise.json_format import read_plain

    data = start + b'"tables": {}, "meta": {"title": "' + inside + "标题".encode() + b'"}}'
    try:
        orjson.loads(data)
    except orjson.JSONDecodeError:  # control bytes, bytes that are not UTF-8: not valid JSON in UTF-8
        assert read_plain("r.json", data) is None  # refused: read as any file
        return
    text = data.decode("utf-8")
    if plainly_json("r.json", data):
        assert sniff("r.json", data) == "json"
        assert decode_text(data, path="r.json") == text


LITERALS = ["0", "-0", "7", "1.5", "-2.25", "1e3", "1E400", "-1e400", "NaN", "Infinity", "-Infinity", "true", "null",
            "9007199254740993", "9223372036854775807", "9223372036854775808", "18446744073709551615",
            "18446744073709551616", "-9223372036854775809", "123456789012345678901234567890", "1" * 5000,
            '"\\ud800"', '"\\ud83d\\ude00"', '"1,234"', '"/"', '""', "[1]", '{"value": 3, "raw": "三"}', "1.0e-400"]


@pytest.mark.parametrize("literal", LITERALS)
@pytest.mark.parametrize("where", ["cell", "amount", "year", "gklint"])
def test_a_json_file_reads_as_json_loads_and_the_models_read_it(literal, where):
    """read_bytes (orjson and the plain read, when they take the file) gives what the usual way gives: sniff,
    decode, json.loads and the models; the same Report or the same error."""
    from gklint.testing import consistent_reports

    for report in consistent_reports(2, seed=3):
        for declared in (True, False):
            data = _json(report)
            if not declared:
                del data["layout"]
            if where == "cell":
                data["tables"]["三"][sorted(data["tables"]["三"])[0]]["总计"] = "@@"
            elif where == "amount":
                rows = data["tables"]["二"]
                row = next(label for label in rows if any(isinstance(v, float) for v in rows[label].values()))
                rows[row][next(c for c, v in rows[row].items() if isinstance(v, float))] = "@@"
            elif where == "year":
                data["meta"]["year"] = "@@"
            else:
                data["gklint"] = "@@"
            text = json.dumps(data, ensure_ascii=False).replace('"@@"', literal)
            _same_as_json_loads(text)


def _same_as_json_loads(text: str) -> None:
    from gklint.read.sniff import decode_text, sniff
    from gklint.recognise.json_format import _read_json

    raw = text.encode("utf-8")

    def outcome(read):
        try:
            return read()
        except ReadError as exc:
            return ("ReadError", exc.path, exc.message, exc.where)

    assert sniff("r.json", raw) == "json"
    expected = outcome(lambda: _read_json("r.json", decode_text(raw, path="r.json")))
    assert outcome(lambda: read_bytes("r.json", raw)) == expected
    assert outcome(lambda: read_json("r.json", text)) == expected


def test_a_row_written_with_many_labels_for_its_columns_reads_as_the_models_read_it():
    from gklint.testing import consistent_reports

    data = _json(consistent_reports(1, seed=5)[0])
    rows = data["tables"]["三"]
    label = sorted(rows)[0]
    rows[label] = {" " * i + column + " " * j: i * 10 + j for column in rows[label] for i in range(3) for j in range(25)}
    assert len(rows[label]) > 64
    assert _plain(copy.deepcopy(data), "r.json") is not None
    assert_same_read(data)
