"""Look-alikes of ideographs (Kangxi radicals, radicals supplement forms, compatibility ideographs), as PDF text
layers and text copied from them carry them, are read as the ideographs (``gklint.core.lookalikes``): a report
written with them gets exactly the findings of the same report written with the ideographs, in every format."""

from __future__ import annotations

import io
import json
import random
import unicodedata
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
from gklint.core import lookalikes
from gklint.ingest import read_bytes
from gklint.testing import render_text
from strategies import corrupted_reports

from conftest import ROOT

SAMPLE = ROOT / "samples" / "huangyuan-2021.txt"
# the ideographs of the sample's headings and its list of problems, written as Kangxi radicals (U+2F00, U+2F06)
RADICALS = {"一、": "\u2f00、", "二、": "\u2f06、", "一是": "\u2f00是"}


def _with_radicals(text: str) -> str:
    for plain, radical in RADICALS.items():
        text = text.replace(plain, radical)
    return text


def _findings(path: Path) -> list[dict]:
    """The findings of ``path``, without the file's name."""
    return [{k: v for k, v in d.to_dict().items() if k != "path"} for d in gklint.check(path).diagnostics]


def _docx(text: str) -> bytes:
    doc = docx.Document()
    for line in text.split("\n"):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- the mapping

def test_every_kangxi_radical_is_its_ideograph():
    table = lookalikes.table()
    for cp in range(0x2F00, 0x2FD6):
        assert table[cp] == unicodedata.normalize("NFKC", chr(cp))
        assert "\u4e00" <= table[cp] <= "\u9fff"


def test_the_mapping_is_one_ideograph_for_one_lookalike_and_nothing_else():
    for cp, new in lookalikes.table().items():
        assert len(new) == 1 and new != chr(cp)
        assert 0x2E80 <= cp < 0x2FE0 or 0xF900 <= cp < 0xFB00 or 0x2F800 <= cp < 0x2FA20 or cp in (0x2329, 0x232A)
        # a compatibility ideograph is its canonical decomposition; a supplement form NFKC maps agrees with NFKC
        if unicodedata.decomposition(chr(cp)) and not unicodedata.decomposition(chr(cp)).startswith("<"):
            assert new == unicodedata.normalize("NFC", chr(cp))
        elif unicodedata.normalize("NFKC", chr(cp)) != chr(cp):
            assert new == unicodedata.normalize("NFKC", chr(cp))
        else:  # a radicals supplement form without a decomposition: a unified ideograph
            assert 0x2E80 <= cp < 0x2EF4 and "\u4e00" <= new <= "\u9fff"
    assert {0x2EA0: "民", 0x2ED3: "长", 0xF98E: "年"}.items() <= lookalikes.table().items()


def test_prose_keeps_what_nfkc_would_change():
    """Full-width digits and punctuation (P102 counts half-width marks), enclosed numerals, ideographic spaces and
    the twelve unified ideographs of the compatibility block stay as written."""
    text = "２０２１年，共（１）件；①项\u3000﨑﨟：“公开”…… ⿰"
    assert lookalikes.unify(text) == text
    assert lookalikes.unify("⼀、概述⽂件⺠⻓年") == "一、概述文件民长年"


# --------------------------------------------------------------------------- the sample, in three formats

def test_sample_with_radicals_gets_the_findings_of_the_original(tmp_path):
    text = SAMPLE.read_text("utf-8")
    radicals = _with_radicals(text)
    assert radicals != text
    plain, written = tmp_path / "plain.txt", tmp_path / "written.txt"
    plain.write_text(text, "utf-8")
    written.write_text(radicals, "utf-8")
    want = _findings(plain)
    assert "N104" in {d["rule"] for d in want}  # the true warning the radicals used to hide
    assert _findings(written) == want
    # the quote shows the text as read: the ideographs, as the original has them
    assert not any(lookalikes.holds(json.dumps(d, ensure_ascii=False)) for d in _findings(written))


def test_sample_with_radicals_as_word_document(tmp_path):
    text = SAMPLE.read_text("utf-8")
    plain, written = tmp_path / "plain.docx", tmp_path / "written.docx"
    plain.write_bytes(_docx(text))
    written.write_bytes(_docx(_with_radicals(text)))
    want = _findings(plain)
    assert "N104" in {d["rule"] for d in want}
    assert _findings(written) == want


def test_json_free_text_with_radicals_escaped_or_not(tmp_path):
    data = json.loads((ROOT / "samples" / "huangyuan-2021.json").read_text("utf-8"))
    written = json.loads(_with_radicals(json.dumps(data, ensure_ascii=False)))
    plain, raw, escaped = tmp_path / "plain.json", tmp_path / "raw.json", tmp_path / "escaped.json"
    plain.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    raw.write_text(json.dumps(written, ensure_ascii=False), "utf-8")
    escaped.write_text(json.dumps(written), "utf-8")  # "\u2f00": escapes, which only the parsed text shows
    want = _findings(plain)
    assert "N104" in {d["rule"] for d in want}
    assert _findings(raw) == want
    assert _findings(escaped) == want
    assert not gklint.extract(written).sections[0].heading.startswith("\u2f00")  # the pydantic path too


# --------------------------------------------------------------------------- any report, any ideograph

# each ideograph that has look-alikes -> them (Kangxi radicals, supplement forms, compatibility ideographs)
FORMS: dict[str, list[str]] = {}
for _cp, _ideograph in sorted(lookalikes.table().items()):
    if _cp <= 0xFFFF and "\u4e00" <= _ideograph <= "\u9fff":
        FORMS.setdefault(_ideograph, []).append(chr(_cp))


def _result(text: str) -> list[dict]:
    return [d.to_dict() for d in gklint.check(read_bytes("report.txt", text.encode("utf-8"))).diagnostics]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted_reports(), st.floats(0.0, 1.0), st.randoms(use_true_random=False))
def test_lookalikes_anywhere_change_no_finding(corruption, share, rng):
    """A generated report with a table cell changed (so tables and sentences disagree), as text: replacing any
    ideograph that has a look-alike by one, anywhere (title, headings, sentences, table labels), at any share of
    the places, changes no finding."""
    text = render_text(corruption.report)
    places = [i for i, ch in enumerate(text) if ch in FORMS]
    assert places
    chars = list(text)
    for i in places:
        if rng.random() < share:
            chars[i] = rng.choice(FORMS[chars[i]])
    assert _result("".join(chars)) == _result(text)


def test_word_comment_is_anchored_on_a_quote_the_draft_writes_with_lookalikes():
    """The annotated draft finds a finding's quote (the ideographs) in runs that hold look-alikes."""
    from gklint.output.annotate_docx import _quoted_runs

    paragraph = docx.Document().add_paragraph()
    for part in ("本机关认真履职。", "全\uf98e共收到申请6件，", "均已按时办结。", "下\u2f00步将加强培训。"):
        paragraph.add_run(part)
    runs = _quoted_runs(paragraph._p, "全年共收到申请6件，均已按时办结。")
    assert "".join(r.text for r in map(docx.text.run.Run, runs, [paragraph] * len(runs))) == \
        "全\uf98e共收到申请6件，均已按时办结。"


# --------------------------------------------------------------------------- zero-width characters

ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u202a\u202c\u2060\ufeff\u00ad"


def test_zero_width_characters_are_dropped_and_nothing_else():
    assert lookalikes.drop_invisible("申\u200b请1\ufeff5件\u2060。\u00ad\u200e") == "申请15件。"
    text = "２０２１年，共（１）件；①项\u3000 \u00a0“公开”"
    assert lookalikes.drop_invisible(text) is text


def test_sample_with_zero_width_characters_gets_the_findings_of_the_original(tmp_path):
    """A page that carries zero-width spaces inside words and numbers (CMS editors insert them) reads as the
    browser shows it: before, "申\u200b请" broke the heading of section 三 (a false S104) and the table's row labels
    (R102: rows not checked), and "1\u200b0篇" hid the N104 warning."""
    text = SAMPLE.read_text("utf-8")
    written = text.replace("申请", "申\u200b请").replace("10篇", "1\u200b0篇").replace("政府", "政\ufeff府")
    plain, spaced = tmp_path / "plain.txt", tmp_path / "spaced.txt"
    plain.write_text(text, "utf-8")
    spaced.write_text(written, "utf-8")
    want = _findings(plain)
    assert "N104" in {d["rule"] for d in want}
    assert _findings(spaced) == want


def test_html_number_with_a_zero_width_space_is_one_number():
    html = ("<html><body><p>一、总体情况</p><p>本年共收到申请1\u200b5件。</p><table><tr><td>新收</td>"
            "<td>1&#8203;5</td></tr></table></body></html>")
    from gklint.read.open import read_document

    doc = read_document("page.html", html.encode("utf-8"))
    texts = [p.text for p in doc.paragraphs] + [c for g in doc.grids for row in g.texts() for c in row]
    assert "本年共收到申请15件。" in texts and "15" in texts


def test_zero_width_characters_and_lookalikes_together_are_mended_in_one_copy(monkeypatch):
    """A page with both: every text has its zero-width characters deleted and its look-alikes read as ideographs,
    in one copy of the document (not one copy for each)."""
    from gklint.read.document import Document
    from gklint.read.open import read_document

    copies = []
    mapped = Document.mapped
    monkeypatch.setattr(Document, "mapped", lambda doc, change: copies.append(change) or mapped(doc, change))
    html = ("<html><body><p>\u2f00、总体情况</p><p>本年共收到申请1\u200b5件。</p><table><tr><td>新\u200b收</td>"
            "<td>\u2f06</td></tr></table></body></html>")
    doc = read_document("page.html", html.encode("utf-8"))
    texts = [p.text for p in doc.paragraphs] + [c for g in doc.grids for row in g.texts() for c in row]
    assert {"一、总体情况", "本年共收到申请15件。", "新收", "二"} <= set(texts)
    assert len(copies) == 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted_reports(), st.floats(0.0, 0.3), st.integers(0, 2**32))
def test_zero_width_characters_anywhere_change_no_finding(corruption, share, seed):
    """A generated report with a table cell changed, as text: zero-width characters put after any character of
    a line (not at a line's end: a line of them alone would be a line) change no finding."""
    rng = random.Random(seed)  # one draw of hypothesis's data, not one per character
    text = render_text(corruption.report)
    out = []
    for line in text.split("\n"):
        chars = []
        for i, ch in enumerate(line):
            chars.append(ch)
            if i < len(line) - 1 and rng.random() < share:
                chars.append(rng.choice(ZERO_WIDTH))
        out.append("".join(chars))
    assert _result("\n".join(out)) == _result(text)
