"""Traditional characters are folded to simplified before recognition; simplified text is untouched."""

from functools import cache

import gklint
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text

from conftest import FIXTURES
from render import render_text


@cache
def _s2t():
    from opencc import OpenCC

    return OpenCC("s2t")


def _traditional(text: str) -> str:
    return _s2t().convert(text)


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


# ----------------------------------------------------------------------------- the bound without converting
# ``changes_at_most`` lets a simplified document be judged without building OpenCC's converter: it must
# bound what the conversion changes, so that ``is_traditional`` answers as converting always did.

import random  # noqa: E402

import pytest  # noqa: E402

from gklint.read import script  # noqa: E402
from gklint.read.document import Document, Paragraph  # noqa: E402


def _known():
    known = script._changed_characters()
    if known is None:
        pytest.skip("OpenCC's dictionaries or opencc_dict are not where the opencc package keeps them")
    return known


def _keys() -> list[str]:
    """Every key of every dictionary of ``t2s`` (phrases included)."""
    config = script._config()
    tool = config.parents[2] / "bin" / "opencc_dict"
    return [key for step in script._dictionary_files(config) for path in step
            for key, _ in script._entries(path, tool)]


def test_characters_outside_the_sets_are_never_changed():
    changeable, unsafe = _known()
    others = "".join(chr(c) for r in ((0x20, 0xD800), (0xE000, 0x10000), (0x20000, 0x2FA20)) for c in range(*r)
                     if chr(c) not in changeable and chr(c) not in unsafe)
    assert script.convert(others) == others


def _texts(seed: int, count: int):
    corpus = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    changeable, unsafe = _known()
    keys, pieces = _keys(), [changeable, "后著干乾发表面里", unsafe, "\ud800\x00"]
    rng = random.Random(seed)
    for _ in range(count):
        start = rng.randrange(len(corpus))
        text = list(corpus[start:start + rng.choice((50, 400, 3000))])
        for _ in range(rng.choice((0, 1, 3, 9, 10, 11, 30, 200))):  # around the thresholds
            kind = rng.random()
            insert = rng.choice(keys if kind < 0.4 else pieces[0] if kind < 0.7 else pieces[1] if kind < 0.97
                                else pieces[2] if kind < 0.99 else pieces[3])
            text.insert(rng.randrange(len(text) + 1), insert)
        yield "".join(text)


def test_the_bound_is_never_below_what_the_conversion_changes():
    for text in _texts(12, 400):
        most = script.changes_at_most(text)
        if most is not None:
            converted = script.convert(text)
            assert len(converted) == len(text)
            assert sum(a != b for a, b in zip(text, converted)) <= most, text


def test_is_traditional_answers_as_converting_always_did(monkeypatch):
    texts = list(_texts(7, 400)) + [_traditional(t) for t in _texts(8, 50) if "\ud800" not in t]
    documents = [Document(blocks=[Paragraph(text)]) for text in texts]
    answers = []
    for document in documents:
        try:
            answers.append(script.is_traditional(document))
        except UnicodeEncodeError:
            answers.append("refused")
    decided = [script.changes_at_most(t) for t in texts]
    assert sum(m is not None and m < script.MIN_CHANGED for m in decided) > 50  # the bound decided
    monkeypatch.setattr(script, "changes_at_most", lambda text: None)  # always convert, as before
    for document, answer in zip(documents, answers):
        try:
            assert script.is_traditional(document) == answer
        except UnicodeEncodeError:
            assert answer == "refused"
    assert {True, False} <= set(answers)  # both answers were put to the test
