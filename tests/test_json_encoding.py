"""The fast paths of the reduce write what the plain ones wrote: a file's JSON entry (orjson where its bytes
are json.dumps's, json.dumps where they would not be), message templates (parsed once, filled as
``string.Formatter`` fills them) and the repeated-prose lines (remembered by text)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.core.diagnostic import Diagnostic, FileResult, Location, Part
from gklint.core.display import json_safe
from gklint.core.model import Section
from gklint.core.source import Source
from gklint.core.template import _Keep, fill
from gklint.engine.kinds import repeated
from gklint.output import json_output


def reference(f: FileResult) -> str:
    """A file's entry as json.dumps (pure Python, with indent) writes it."""
    text = json.dumps(f.to_dict(), ensure_ascii=False, indent=2, default=str)
    return json_safe("    " + text.replace("\n", "\n    "))


class Colour(enum.Enum):
    RED = "red"


class Shade(str, enum.Enum):
    DARK = "dark"


AWKWARD = [1e-05, 4.76e-05, 1e16, 1.5e300, float("nan"), float("inf"), -float("inf"), -0.0, 0.1 + 0.2, 2 ** 70,
           {1: "int key"}, {None: 1}, dt.date(2021, 3, 31), Colour.RED, Shade.DARK, {1, 2}, b"bytes",
           "\u2028 separator", "\x7f\x85 controls", "\ud800 lone surrogate", "\u202e bidi", "“引号”·中文", (1, 2.5)]


def finding(value, message: str = "信息") -> Diagnostic:
    return Diagnostic(rule="Y101", severity="error", message=message,
                      location=Location(table="三", row="行", column="列", source=Source(line=3, box=(1.0, value)
                                                                                        if isinstance(value, float) else None)),
                      expected=value, found=[value, {"x": value}],
                      parts=[Part(label="项", value=value, weight=-1, location=Location(table="三"))],
                      values={"difference": value, "left": {"zh": str(value), "en": "x"}})


def test_every_awkward_value_writes_the_bytes_json_dumps_writes():
    for value in AWKWARD:
        f = FileResult(path="a\u2029b.json", layout="2021", meta={"year": 2021, "title": "标题"},
                       diagnostics=[finding(value, message=f"值 {value!r}")])
        assert json_output.file_bytes(f).decode("utf-8") == reference(f), value


def test_the_numpy_float_a_table_rule_may_carry_is_written_as_json_dumps_writes_it():
    import numpy as np

    f = FileResult(path="x.json", diagnostics=[finding(np.float64(1.5)), finding(np.int64(3))])
    assert json_output.file_bytes(f).decode("utf-8") == reference(f)


def test_every_character_json_safe_escapes_is_found_in_orjsons_bytes():
    """``file_bytes`` looks in orjson's UTF-8 for what ``json_safe`` escapes, without decoding it: every code
    point json_safe changes (orjson writes no lone surrogate) is found there amid Chinese text, and its
    neighbours are not."""
    escaped = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000 and json_safe(chr(c)) != chr(c)]
    assert len(escaped) > 40
    for c in escaped:
        data = f"“引号”·{chr(c)}中文".encode("utf-8")
        assert any(search(data) for search in json_output._unsafe()), hex(c)
    assert not any(search("“引号”·中文\u00a0\u2027\u2030\u2065\u206a\u061b".encode("utf-8"))
                   for search in json_output._unsafe())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6))
def test_a_text_with_any_character_writes_the_bytes_json_dumps_writes(text):
    f = FileResult(path="a.json", layout="2021", meta={"title": text}, diagnostics=[finding(1.5, message=text)])
    assert json_output.file_bytes(f).decode("utf-8") == reference(f)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2 ** 70, max_value=2 ** 70) | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(json_values, min_size=1, max_size=4), st.text())
def test_any_values_write_the_bytes_json_dumps_writes(values, text):
    f = FileResult(path=text, layout=None, meta={"agency": text},
                   diagnostics=[finding(v, message=text) for v in values])
    assert json_output.file_bytes(f).decode("utf-8") == reference(f)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab {}:!r0.x[]") + ["{name}", "{other}", "{name:>4}", "{name!r}", "{table}",
                                                          "{word}", "{{", "}}", "{0}", "{}", "{name.real}", "中"]),
                max_size=8).map("".join),
       st.sampled_from(["zh", "en"]))
def test_a_template_fills_as_string_formatter_fills_it(template, lang):
    values = {"name": 7, "table": "三", "word": {"zh": "中", "en": "en"}}
    shown = {k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()}
    if lang == "en":
        shown["table"] = "3"
    try:
        expected = string.Formatter().vformat(template, (), _Keep(shown))
    except Exception as exc:  # the same failure either way
        try:
            fill(template, values, lang)
        except type(exc):
            return
        raise AssertionError(f"{template!r} filled, but string.Formatter raises {exc!r}")
    assert fill(template, values, lang) == expected


def test_repeated_lines_remembered_by_text_are_the_lines_cut_afresh():
    text = "一、本年度共收到申请12件。\n本机关严格执行规定。\n\n办公电话：0591-1234567。表 1 2 3 4 5 6"
    section = Section(heading="一、总体情况", text=text, id="overview")
    boilerplate = ("办公电话",)
    first = repeated.kept_lines(section, boilerplate, 4)
    again = repeated.kept_lines(Section(heading="x", text=text), boilerplate, 4)
    assert first == again == list(repeated._kept_lines(text, boilerplate, 4))
    assert [line.text for line in first] == ["一、本年度共收到申请12件。", "本机关严格执行规定。"]
    assert repeated.kept_lines(section, (), 4) != first  # remembered per boilerplate: the contact line counts now


def test_a_plain_file_is_written_by_the_c_encoder_and_an_awkward_one_is_not():
    plain = FileResult(path="x.json", meta={"year": 2021}, diagnostics=[finding(0.5), finding(12)])
    assert json_output._plain_file(plain) and json_output._dumps(plain.to_dict()) is not None
    assert not json_output._plain_file(FileResult(path="x.json", diagnostics=[finding(1e-05)]))
    assert json_output._dumps({"message": "\ud800"}) is None  # orjson refuses: json.dumps writes it
