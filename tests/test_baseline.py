"""The baseline of accepted findings: stable fingerprints, write, filter, and the CLI options."""

import copy
import json

import pytest

import gklint
from gklint.baseline import BaselineError, filter_baseline, fingerprint, load_baseline, write_baseline

from conftest import FIXTURES

SAMPLE = FIXTURES / "huangyuan-2021.txt"


def _data():
    return gklint.to_json(gklint.extract(SAMPLE))


def _where(d):
    return (d.rule, d.location.table, d.location.row, d.location.column, d.location.quote)


def test_a_changed_cell_and_sentence_give_exactly_the_new_findings(tmp_path):
    baseline = tmp_path / "baseline.json"
    before = gklint.check_many([_data()])
    assert before.diagnostics, "the sample must have findings to accept"
    assert write_baseline(before, baseline) == len(before.diagnostics)
    assert filter_baseline(before, baseline).diagnostics == []  # everything accepted

    data = _data()
    data["tables"]["三"]["（一）予以公开"]["自然人"] = 5  # one cell: table 三 no longer adds up
    overview = data["sections"][0]
    changed = "2021年我收到政府信息公开申请2次"
    assert "2021年我收到政府信息公开申请0次" in overview["text"]
    overview["text"] = overview["text"].replace("2021年我收到政府信息公开申请0次", changed)  # one sentence
    after = gklint.check_many([data])
    old = {_where(d) for d in before.diagnostics}
    assert old <= {_where(d) for d in after.diagnostics}  # the accepted findings are still there, unfiltered
    left = filter_baseline(after, baseline)
    assert left.baselined == len(before.diagnostics)
    new = {(d.rule, d.location.table) for d in left.diagnostics}
    # exactly what the two edits caused: table 三's sums, and the sentence that disagrees with table 三
    assert new == {("T302", "三"), ("T303", "三"), ("N101", "三")}
    assert all(changed in (d.location.quote or "") for d in left.diagnostics if d.rule == "N101")
    assert not {_where(d) for d in left.diagnostics} & old


def test_fingerprints_ignore_figures_paths_and_sources_but_not_the_place(tmp_path):
    data = _data()
    [first] = gklint.check_many([data]).files
    d = next(d for d in first.diagnostics if d.location.quote and any(c.isdigit() for c in d.location.quote))
    moved = copy.deepcopy(first)
    moved.path = "/elsewhere/renamed.txt"
    other = copy.deepcopy(d)
    other.location.quote = "".join("9" if c.isdigit() else c for c in d.location.quote)
    other.location.source = None
    other.message, other.found, other.expected = "x", 1, 2
    assert fingerprint(other, moved) == fingerprint(d, first)
    other.location.section = "五、存在的主要问题及改进情况"
    assert fingerprint(other, moved) != fingerprint(d, first)
    another_year = copy.deepcopy(first)
    another_year.meta = dict(first.meta, year=first.meta["year"] + 1)
    assert fingerprint(d, another_year) != fingerprint(d, first)


def test_equal_fingerprints_are_counted(tmp_path):
    result = gklint.check_many([_data()])
    file = result.files[0]
    write_baseline(result, tmp_path / "b.json")
    file.diagnostics.append(copy.deepcopy(file.diagnostics[0]))  # the same finding once more
    assert len(filter_baseline(result, tmp_path / "b.json").diagnostics) == 1


@pytest.mark.parametrize("content, complaint", [
    (None, "不存在"),
    ("{", "不是有效的JSON"),
    ('{"findings": []}', "不是 gklint 基线文件"),
    ('{"gklint_baseline": 99, "findings": []}', "版本"),
    ('{"gklint_baseline": 1, "findings": [{"count": 1}]}', "第1条"),
])
def test_a_bad_baseline_file_is_named(tmp_path, content, complaint):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, "utf-8")
    with pytest.raises(BaselineError, match=complaint) as info:
        load_baseline(path)
    assert str(path) in str(info.value)


def test_the_file_is_versioned_and_readable(tmp_path):
    write_baseline(gklint.check_many([_data()]), tmp_path / "b.json")
    data = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert data["gklint_baseline"] == 1
    assert {"fingerprint", "rule", "report", "place", "quote", "count"} <= set(data["findings"][0])


from hypothesis import given, strategies as st  # noqa: E402

from gklint.core.diagnostic import Diagnostic, FileResult, Location  # noqa: E402

_TEXT = st.text(alphabet=st.sampled_from("政府信息公开申请件条年月日，。、 0123456789１２３"), max_size=40)


@given(quote=_TEXT, digits=st.lists(st.sampled_from("0123456789"), min_size=40, max_size=40),
       line=st.integers(1, 10_000), path=st.text(min_size=1, max_size=20))
def test_a_fingerprint_does_not_depend_on_figures_lines_or_paths(quote, digits, line, path):
    from gklint.core.source import Source

    file = FileResult(path="a.txt", meta={"agency": "某某局", "year": 2023})
    moved = FileResult(path=path, meta={"agency": "某某局", "year": 2023})
    changed = "".join(digits[i] if c.isdigit() else c for i, c in enumerate(quote))
    a = Diagnostic("N201", "warning", "m", Location(section="一、总体情况", quote=quote))
    b = Diagnostic("N201", "warning", "other", Location(section="一、总体情况", quote=changed,
                                                      source=Source(line=line)), found=line)
    assert fingerprint(a, file) == fingerprint(b, moved)
