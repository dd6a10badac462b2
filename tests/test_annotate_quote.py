"""``--annotate`` anchors a sentence's comment on the runs that hold it, found in the text the Word reader read:
a sentence whose runs carry invisible characters, tracked changes, a soft line break, a non-breaking hyphen or
hidden text is still found (it used to take the whole paragraph)."""

from __future__ import annotations

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from typer.testing import CliRunner

from gklint.cli import app
from test_annotate import SENTENCE, anchored_text, draft_bytes

runner = CliRunner()
BEFORE, AFTER = "本年度工作平稳有序。", "其他情况详见下表。"


def _run(text: str = "", *, kind: str = "w:t", hidden: bool = False):
    r = OxmlElement("w:r")
    if hidden:
        props = OxmlElement("w:rPr")
        props.append(OxmlElement("w:vanish"))
        r.append(props)
    el = OxmlElement(kind)
    if text:
        el.text = text
        el.set(qn("xml:space"), "preserve")
    r.append(el)
    return r


def _tracked(tag: str, run):
    change = OxmlElement(tag, attrs={qn("w:id"): "90" if tag == "w:ins" else "91", qn("w:author"): "审稿人",
                                     qn("w:date"): "2022-01-05T00:00:00Z"})
    change.append(run)
    return change


def _noisy_draft() -> bytes:
    """The annotate test's draft, its sentence "全年共收到政府信息公开申请6件，均已按时办结。" (6 where table 三 says 5)
    written between two others in one paragraph, in runs the reader reads as that sentence."""
    document = docx.Document(io.BytesIO(draft_bytes()))
    p = next(p for p in document.paragraphs if p.text == SENTENCE)._p
    for r in p.findall(qn("w:r")):
        p.remove(r)
    deleted = _run()
    deleted.append(OxmlElement("w:delText"))
    deleted[-1].text = "已删除的话"
    for el in [_run(BEFORE), _run("全年共收到\u200b政府"), _tracked("w:del", deleted), _run("信息公\u00ad开"),
               _tracked("w:ins", _run("申请")), _run(kind="w:br"), _run("（草稿）", hidden=True),
               _run("6件\ufeff，均已按时"), _run(kind="w:noBreakHyphen"), _run("办结。"), _run(AFTER)]:
        p.append(el)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_sentence_in_noisy_runs_gets_its_comment_on_its_runs(tmp_path):
    path = tmp_path / "草稿.docx"
    path.write_bytes(_noisy_draft())
    result = runner.invoke(app, ["check", str(path), "--annotate", "--format", "concise"])
    assert "N101" in result.stdout, result.output
    document = docx.Document(str(tmp_path / "草稿.gklint.docx"))
    [comment] = [c for c in document.comments if "N101" in c.text]
    text, _ = anchored_text(document, comment.comment_id)
    assert text.startswith("全年共收到") and text.endswith("办结。"), text
