"""Making and writing a finding made cheaper (issue 12): each shortcut gives what the plain way gives.

Message filling that looks only at the values a template names (its fields parsed once), template values
made plain in the caller's own dict, a claim's places worked out once per reading and layout, and a
place's dict written field by field are each compared with the plain way they replaced."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint import layouts
from gklint.core.diagnostic import Location
from gklint.core.source import Source
from gklint.core.template import _fill_any, _Keep, fill, json_values, own_json_values
from gklint.engine.kinds import narrative
from gklint.engine.rules import load_rules

NAMES = ["name", "table", "word", "gone", "名"]
plain = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=4)
value = st.recursive(plain | st.tuples(plain), lambda children: st.lists(children, max_size=2)
                     | st.dictionaries(st.sampled_from(["zh", "en", "x"]), children, max_size=3), max_leaves=5)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab {}:!r0.x[]") + ["{" + n + "}" for n in NAMES]
                                + ["{name:>4}", "{name!r}", "{{", "}}", "{0}", "{}", "{name.real}", "中"]),
                max_size=8).map("".join),
       st.dictionaries(st.sampled_from(NAMES), value | st.sampled_from(["三", "十二", "x"]), max_size=5),
       st.sampled_from(["zh", "en"]))
def test_filling_what_a_template_names_fills_as_every_value_would(template, values, lang):
    def outcome(how):
        try:
            return how(template, values, lang)
        except Exception as exc:  # the same failure either way
            return type(exc)

    assert outcome(fill) == outcome(_fill_any)


def test_filling_a_template_that_names_no_value_leaves_its_text():
    assert fill("无占位符", {"a": 1}) == "无占位符"
    assert fill("{a}{b}{a}", {"a": {"zh": "甲", "en": "A"}}, "en") == "A{b}A"
    assert fill("table {table}", {"table": "三"}, "en") == string.Formatter().vformat("table {table}", (),
                                                                                      _Keep({"table": "3"}))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=3) | st.integers(0, 3), value, max_size=6))
def test_values_made_plain_in_their_own_dict_are_json_values(values):
    wanted = json_values(values)
    got = own_json_values(dict(values))
    assert got == wanted and list(got) == list(wanted)
    assert [type(v) for v in got.values()] == [type(v) for v in wanted.values()]


def test_a_claims_places_worked_out_once_are_those_looked_up_each_time():
    from gklint.core.model import Section

    section = Section(heading="二、主动公开", text="")
    seen = 0
    for rule in load_rules():
        if rule.kind != "narrative" or rule.params.get("check") != "claim":
            continue
        for claim in narrative._claims_of(rule):
            for reading in claim.readings:
                for version in ("2021", "2019"):
                    layout = layouts.get(version)
                    try:
                        table, rows, cols = narrative._reading_places.__wrapped__(layout, reading.cells)
                    except (KeyError, AttributeError, IndexError):
                        continue
                    wanted = Location(table=table, row=rows, column=cols, section=section.heading, quote="引文",
                                      source=Source(line=3))
                    for _ in range(2):  # worked out, then remembered
                        assert narrative._reading_location(reading, layout, section, "引文", Source(line=3)) == wanted
                    seen += 1
    assert seen > 20


@settings(max_examples=200, deadline=None)
@given(st.tuples(*[st.none() | st.text(max_size=3)] * 5), st.none() | st.builds(Source, line=st.integers(1, 9)))
def test_a_place_written_field_by_field_is_its_fields_in_order(fields, source):
    loc = Location(*fields, source=source)
    wanted = {k: v for k, v in zip(("table", "row", "column", "section", "quote"), fields) if v is not None}
    if source is not None:
        wanted["source"] = source.to_dict()
    assert loc.to_dict() == wanted and list(loc.to_dict()) == list(wanted)
