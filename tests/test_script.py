"""Traditional characters are folded to simplified before recognition; simplified text is untouched."""

import gklint
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text

from conftest import FIXTURES
from render import render_text


def _traditional(text: str) -> str:
    from opencc import OpenCC

    return OpenCC("s2t").convert(text)


def test_traditional_copy_reads_like_the_original():
    original = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    copy = _traditional(original)
    assert copy != original and "報告" in copy
    a = recognise(read_text("s.txt", original))
    b = recognise(read_text("t.txt", copy))
    assert {k: t.cells for k, t in a.tables.items()} == {k: t.cells for k, t in b.tables.items()}
    assert [s.id for s in a.sections] == [s.id for s in b.sections]
    assert [n.kind for n in b.notes if n.kind == "traditional_script"] == ["traditional_script"]
    assert not [n for n in a.notes if n.kind == "traditional_script"]
    findings_a = {(d.rule, d.message) for d in gklint.check(a).diagnostics}
    findings_b = {(d.rule, d.message) for d in gklint.check(b).diagnostics if d.rule != "R105"}
    assert findings_a == findings_b


def test_generated_report_in_traditional_script(tmp_path):
    report = gklint.extract(FIXTURES / "huangyuan-2021.txt")
    path = tmp_path / "t.txt"
    path.write_text(_traditional(render_text(report)), encoding="utf-8")
    back = gklint.extract(path)
    assert back.tables["二"].cells[("normative_documents", "in_force")].value == 8
    assert back.meta.title == report.meta.title


def test_simplified_text_is_never_converted():
    text = "一、总体情况\n本机关显著提高公开质量，著作权、乾坤、后来、发表、干部均保持原样。\n"
    report = recognise(read_text("s.txt", text))
    assert report.sections[0].text == "本机关显著提高公开质量，著作权、乾坤、后来、发表、干部均保持原样。"
