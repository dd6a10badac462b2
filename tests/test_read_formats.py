"""The registry of input formats (``gklint.read.formats``) is the one place a format is declared: the
sniffer, ``open.read_document`` and the CLI's folder expansion all follow it, so a format added there
(here: a made-up one, by monkeypatching the table) is sniffed, read and picked up from a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.read import formats
from gklint.read.document import Document, Paragraph
from gklint.read.errors import ReadError
from gklint.read.open import read_document
from gklint.read.sniff import sniff

FIXTURES = Path(__file__).parent / "fixtures"


def test_kinds_and_extensions_are_unique():
    kinds = [f.kind for f in formats.FORMATS]
    assert len(kinds) == len(set(kinds))
    owners = [ext for f in formats.FORMATS for ext in f.extensions]
    assert len(owners) == len(set(owners))
    assert all(ext.startswith(".") and ext == ext.lower() for ext in owners)


def test_every_format_has_one_test_and_plain_text_is_the_last_resort():
    for f in formats.FORMATS:
        assert (f.binary is None) != (f.textual is None), f.kind
    assert formats.FORMATS[-1].kind == "txt"
    assert formats.FORMATS[-1].textual("", "anything", "anything")


@pytest.mark.parametrize("f", [f for f in formats.FORMATS if isinstance(f.reader, str)], ids=lambda f: f.kind)
def test_every_reader_named_exists(f):
    import importlib

    module, _, name = f.reader.partition(":")
    assert callable(getattr(importlib.import_module(module), name))


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()
                                        if p.suffix in {".pdf", ".docx", ".html", ".txt"}))
def test_each_fixture_is_sniffed_as_the_format_its_extension_belongs_to(name):
    owner = [f.kind for f in formats.FORMATS if Path(name).suffix in f.extensions]
    assert owner == [sniff(name, (FIXTURES / name).read_bytes())]


def _read_fake(path, data, limits):
    return Document(path=path, format="fake", blocks=[Paragraph(text=data[4:].decode("utf-8"))])


FAKE = formats.Format("fake", (".fake",), _read_fake, binary=lambda path, data: data.startswith(b"FAKE"))


@pytest.fixture
def with_fake(monkeypatch):
    monkeypatch.setattr(formats, "FORMATS", (FAKE, *formats.FORMATS))


def test_a_format_added_to_the_table_is_sniffed_and_read(with_fake):
    data = "FAKE政府信息公开工作年度报告".encode("utf-8")
    assert sniff("report.fake", data) == "fake"
    document = read_document("report.fake", data)
    assert document.format == "fake" and document.paragraphs[0].text == "政府信息公开工作年度报告"


def test_without_the_entry_the_same_bytes_are_plain_text():
    assert sniff("report.fake", b"FAKE text") == "txt"


def test_a_folder_contributes_the_extensions_of_the_table(tmp_path, with_fake):
    from gklint.cli import _expand

    for name in ("a.fake", "b.PDF", "c.txt", "d.xlsx", "e.tiff", "f.bak"):
        (tmp_path / name).write_bytes(b"x")
    found = [Path(p).name for p in _expand([tmp_path])]
    assert found == ["a.fake", "b.PDF", "c.txt", "d.xlsx", "e.tiff"]  # d.xlsx: a likely submission, said unreadable


def test_json_has_no_document_reader():
    with pytest.raises(NotImplementedError):
        formats.get("json").read("r.json", b"{}", None)
    with pytest.raises(KeyError):
        formats.get("doc")


def test_a_zip_that_is_not_word_is_named():
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="Excel"):
        sniff("book.docx", buf.getvalue())


def test_the_format_table_is_frozen():
    with pytest.raises(AttributeError):  # (a named tuple's field cannot be set)
        formats.FORMATS[0].kind = "other"
