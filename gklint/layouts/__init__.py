"""The official report layouts (2019 and 2021), declared as data in this folder.

This is the only module that knows what the official tables look like. Everything
else asks it: which tables, rows and columns exist, how they are labelled, which
rows are group headings and how a label seen in a real report maps to the official one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

from gklint.core import lazyre
from gklint.core.cache import cached
from gklint.core.numerals import NUMERAL



def __getattr__(name: str):
    """``TABLES`` (the official tables' keys) and ``SECTION_OF_TABLE`` (table key -> the id of the section it
    sits in), read from the layout files on first use: every layout has the same tables in the same sections."""
    if name == "TABLES":
        return tuple(_newest().tables)
    if name == "SECTION_OF_TABLE":
        return _section_of_table()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _section_of_table() -> dict[str, str]:
    """``SECTION_OF_TABLE``, made once (every report's findings are placed and described by it)."""
    return {key: spec.section for key, spec in _newest().tables.items()}


@dataclass(frozen=True)
class ColumnSpec:
    """A column of an official table: its id, label and other names, and what its figures are."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str | None = None
    amount: bool = False  # a decimal amount (万元), not a count
    signed: bool = False  # may be negative (2019 本年增/减)
    sums: tuple[str, ...] = ()  # the ids of the columns this one totals in every row (总计)
    said: tuple[str, ...] = ()  # the verbs a narrative states this column's figure with (制发, 废止…)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class RowSpec:
    """A row of an official table: its id, label and other names, its columns and its place among the rows."""

    id: str
    label: str
    columns: tuple[ColumnSpec, ...]
    aliases: tuple[str, ...] = ()
    heading: bool = False  # a group heading that holds no numbers
    short: str | None = None  # the label without its long parenthetical note, for messages
    parent: str | None = None
    role: str | None = None  # "result": a row that (七)总计 sums
    block: str | None = None  # table 二: 第二十条第（x）项

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    def column(self, key: str) -> ColumnSpec | None:
        return _find(key, self._column_index)

    @cached_property
    def _column_index(self) -> tuple[dict, dict]:
        return _index(self.columns)


@dataclass(frozen=True)
class TableSpec:
    """An official table: its key (二 / 三 / 四), title, rows and the words that open or mark it."""

    key: str  # 二 / 三 / 四
    title: str
    rows: tuple[RowSpec, ...]
    blocks: tuple[str, ...] = ()
    section: str | None = None  # the id of the section the table sits in
    markers: tuple[str, ...] = ()  # words that open the table's header (the header lines belong to the table)
    headers: tuple[str, ...] = ()  # words a line holding the whole table run together always carries
    header_first: bool = False  # the header (columns, then rows) comes before one run of all the values
    groups: tuple[str, ...] = ()  # header words over a group of rows that are neither a row nor a column
    header_words: tuple[tuple[str, str], ...] = ()  # (as written, official): a word of a column header read otherwise

    # cached_property stores into the instance __dict__ directly, which a frozen (slot-less) dataclass
    # allows: the spec never changes, and these are asked hundreds of times per report
    @cached_property
    def data_rows(self) -> tuple[RowSpec, ...]:
        return tuple(r for r in self.rows if not r.heading)

    @cached_property
    def columns(self) -> tuple[ColumnSpec, ...]:
        """Distinct columns, in first-seen order (computed once)."""
        seen: dict[str, ColumnSpec] = {}
        for row in self.data_rows:
            for col in row.columns:
                seen.setdefault(col.id, col)
        return tuple(seen.values())

    def row(self, key: str) -> RowSpec | None:
        return _find(key, self._row_index)

    def row_named(self, text: str) -> RowSpec | None:
        """The first row one of whose names is ``text`` after normalisation (``label_matches``, not loose)."""
        return self._row_index[1].get(normalise(text))

    def first_matching(self, what: str, text: str) -> RowSpec | ColumnSpec | None:
        """The first of ``rows`` or ``columns`` (``what``) whose names ``text`` states, loosely
        (``label_matches(loose=True)``), remembered per text: recognition asks it of every cell of every
        table, and the answer depends on the spec and the text only."""
        memo = self._matching
        key = (what, text)
        if key not in memo:
            if len(memo) >= _MEMO:
                memo.clear()
            memo[key] = next((spec for spec in getattr(self, what) if label_matches(text, spec.names, loose=True)),
                             None)
            if memo[key] is None and what == "columns":
                official = self.official_words(text)
                memo[key] = self.column_cut(text) or (self.first_matching(what, official) if official != text else None)
        return memo[key]

    def official_words(self, text: str) -> str:
        """``text`` with each of the table's ``header_words`` written as the official word (本年度 -> 本年)."""
        for written, official in self.header_words:
            text = text.replace(written, official)
        return text

    def column_cut(self, text: str) -> ColumnSpec | None:
        """The one column whose name ``text`` is a cut beginning of: a header missing its last characters, or
        kept only up to its line break ("现行有效件" for 现行有效件数). At least ``CUT_MIN`` characters and half
        the name; a beginning of two columns' names names neither ("本年新" for 本年新制作数量, 本年新公开数量)."""
        norm = normalise(text)
        if len(norm) < CUT_MIN:
            return None
        cut = {col.id: col for col in self.columns for name in map(normalise, col.names)
               if name.startswith(norm) and len(norm) * 2 >= len(name)}
        return next(iter(cut.values())) if len(cut) == 1 else None

    @cached_property
    def _matching(self) -> dict:
        return {}

    @cached_property
    def _row_index(self) -> tuple[dict, dict]:
        return _index(self.rows)

    def cells(self) -> list[tuple[RowSpec, ColumnSpec]]:
        return [(r, c) for r in self.data_rows for c in r.columns]


@dataclass(frozen=True)
class SectionSpec:
    """A section of the report: its id, number, label and other names, and the words of its short headings."""

    id: str
    number: str
    label: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # words a short numbered heading for this section contains

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.label}"


@dataclass(frozen=True)
class Layout:
    """One version of the official layout: its notice, the years it applies to, its sections and tables."""

    version: str
    notice: str
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    tables: dict[str, TableSpec] = field(hash=False)
    distinctive: str | None = None  # the table whose column headers tell this layout from the others
    title_ends: tuple[str, ...] = ()  # the words section titles close with (情况, 事项, 措施…)

    def table(self, key: str) -> TableSpec:
        return self.tables[key]

    def table_in(self, section: str | None) -> str | None:
        """The key of the table that sits in the section ``section`` (an id), if any."""
        return next((key for key, spec in self.tables.items() if section is not None and spec.section == section),
                    None)

    @cached_property
    def section_ids(self) -> list[str]:
        """The sections' ids, in order."""
        return [s.id for s in self.sections]

    @cached_property
    def row_places(self) -> dict[tuple[str, str], int]:
        """Each (table, row label)'s place in its table."""
        return {(t, r.label): i for t, spec in self.tables.items() for i, r in enumerate(spec.rows)}

    def cell_keys(self) -> list[str]:
        """Every data cell as ``table.row.column`` (the column names of the check frame)."""
        return [cell_key(t, r.id, c.id) for t, spec in self.tables.items() for r, c in spec.cells()]


_MEMO = 1 << 14  # texts remembered per table spec by ``first_matching`` (then forgotten all at once)


def cell_key(table: str, row: str, column: str) -> str:
    return f"{table}.{row}.{column}"


# --------------------------------------------------------------------------- labels

_PUNCT = str.maketrans({"、": ".", "．": ".", "，": ",", "：": ":", "；": ";",
                        "“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "－": "-",
                        "【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")"})
# no replacement is itself replaced, so replacing one mark after another is the same as translate(_PUNCT)
_PUNCT_ITEMS = tuple((chr(k), v) for k, v in _PUNCT.items())
# Text of only these characters is NFKC-normalised character by character: none is or decomposes to a combining
# mark, and none composes with a neighbour (no Hangul, kana or Indic letters). Chinese prose with full-width
# punctuation is such text, and unicodedata normalises it slowly (a character at a time in its slow path).
# Each range is [start, end) of code points: \t \n, \r, ASCII's printable characters, no-break space, general
# punctuation but U+2017 and U+203E, CJK symbols and punctuation but U+302A-U+302F, the CJK ideographs (extension
# A, unified, compatibility) and the full-width forms. Tested by code point: as a regex character class, these
# 28,000 characters cost 2 ms to compile in every process.
_PLAIN = (0x09, 0x0B, 0x0D, 0x0E, 0x20, 0x7F, 0xA0, 0xA1, 0x2000, 0x2017, 0x2018, 0x203E, 0x203F, 0x2070,
          0x3000, 0x302A, 0x3030, 0x3040, 0x3400, 0x4DC0, 0x4E00, 0xA000, 0xF900, 0xFB00, 0xFF01, 0xFF61)
# Every character of that text that NFKC changes (and a few of the compatibility ideographs it does not):
# spaces, ellipses, primes, doubled marks, the full-width forms (tests/test_layouts_normalise.py checks that
# NFKC keeps every other one as it is, and that what NFKC makes of one holds none that it changes)
_CHANGES = frozenset(map(chr, (0xA0, *range(0x2000, 0x200B), 0x2011, *range(0x2024, 0x2027), 0x202F, 0x2033, 0x2034,
                               0x2036, 0x2037, 0x203C, *range(0x2047, 0x204A), 0x2057, 0x205F, 0x3000, 0x3036,
                               *range(0x3038, 0x303B), *range(0xF900, 0xFB00), *range(0xFF01, 0xFF61))))
_NFKC_CHAR: dict[str, str] = {}


_PLAIN_SEEN: set[str] = set()  # the characters found in ``_PLAIN`` so far


def _all_plain(text: str) -> bool:
    """Whether every character of ``text`` lies in one of the ``_PLAIN`` ranges (each character looked up once
    per process, then known from ``_PLAIN_SEEN``)."""
    chars = set(text)
    if chars <= _PLAIN_SEEN:
        return True
    for char in chars - _PLAIN_SEEN:
        if not bisect_right(_PLAIN, ord(char)) & 1:
            return False
        _PLAIN_SEEN.add(char)
    return True


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, mark by mark where that is the same (see ``_PLAIN``): each
    character that changes replaced everywhere (by what holds no character that changes: in any order)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    if not _all_plain(text):
        return unicodedata.normalize("NFKC", text)
    for ch in _CHANGES.intersection(text):
        new = _NFKC_CHAR.get(ch)
        if new is None:
            new = _NFKC_CHAR[ch] = unicodedata.normalize("NFKC", ch)
        if new != ch:
            text = text.replace(ch, new)
    return text


# the characters ``normalise`` never removes nor merges: a label's words (Han characters, ASCII letters and digits)
KEPT = lazyre.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Fold the ways one label is written: width, brackets, quotes, list punctuation, spaces."""
    text = _nfkc(text)
    for old, new in _PUNCT_ITEMS:  # str.replace per mark: translate() looks up every character of Chinese text
        if old in text:
            text = text.replace(old, new)
    text = "".join(text.split())  # every whitespace character (str.isspace, as a regex's \s) taken out
    return text.replace('"', "").rstrip(".:;,")


_NUMBERING = re.compile(rf"^(?:{NUMERAL}+\.|\({NUMERAL}+\)|\d+\.|\(\d+\))")


def core(text: str) -> str:
    """A normalised label without its list numbering: "（一）予以公开" -> "予以公开"."""
    return _forms(text)[1]


@lru_cache(maxsize=1 << 17)
def _forms(text: str) -> tuple[str, str, str]:
    """``text`` normalised, its core and its numbering: computed once per text, as every row's search
    compares the same cells and lines again (a page of 100,000 lines was read 70 times over)."""
    norm = normalise(text)
    numbering = _numbering(norm)  # what ``_NUMBERING.sub("", norm)`` takes off (it matches at the start only)
    return norm, norm[len(numbering):], numbering


@lru_cache(maxsize=4096)
def _name_forms(names: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple(_forms(name) for name in names)


def label_matches(text: str, names: tuple[str, ...], *, loose: bool = False) -> bool:
    """Does ``text`` (a cell or line) state one of ``names``?

    Exact after normalisation; with ``loose``, also when the numbering differs or is missing,
    or the text adds a parenthetical note, provided the distinctive part is long enough, or when the
    text is a long beginning of the label whose end wrapped onto another line ("5.要求行政机关确认或
    重新出具已获取" for "…已获取信息").
    """
    norm, c_text, numbering = _forms(text)
    for target, c_name, target_numbering in _name_forms(names):
        if norm == target:
            return True
        if not loose:
            continue
        if len(c_name) >= 4 and (c_text == c_name or c_text.startswith(c_name + "(")):
            return True
        if len(target) >= 6 and norm.startswith(target):
            return True
        if len(c_text) >= WRAPPED_MIN and c_name.startswith(c_text) and len(c_text) >= 0.6 * len(c_name) \
                and numbering in ("", target_numbering):
            return True
    return False


SIMILAR = 0.7  # how alike (difflib ratio of the labels without numbering) a misprinted label must be
SIMILAR_MIN = 4  # characters a label needs (without numbering) to be matched by similarity


def similarity(text: str, names: tuple[str, ...]) -> float:
    """How alike ``text`` is to the closest of ``names`` (0..1), comparing the labels without their list
    numbering: "其他法律行政止公开" and "2.其他法律行政法规禁止公开" give 0.86, "属于行政执法案件" and
    "7.属于行政执法案卷" 0.88. A label shorter than ``SIMILAR_MIN`` is alike only when equal."""
    from difflib import SequenceMatcher

    c_text = core(text)
    best = 0.0
    for name in names:
        c_name = core(name)
        if c_text == c_name:
            return 1.0
        if len(c_name) < SIMILAR_MIN or len(c_text) < SIMILAR_MIN:
            continue
        best = max(best, SequenceMatcher(None, c_text, c_name, autojunk=False).ratio())
    return best


def approximate_row(text: str, expected: "RowSpec", rows: tuple["RowSpec", ...]) -> bool:
    """Is ``text`` (a label matching no row) a misprint of ``expected``, the row that comes next by position?
    It must be alike enough (``SIMILAR``; an equal label without its numbering also counts, "其他" for
    "3.其他"), and no other row of the table may be more alike (a tie goes to the expected row)."""
    score = similarity(text, expected.names)
    if score < SIMILAR:
        return False
    return all(similarity(text, r.names) <= score for r in rows if r.id != expected.id)


CUT_MIN = 4  # characters a header needs to name a column by its beginning (``TableSpec.column_cut``)
WRAPPED_MIN = 10  # characters of a label's beginning that identify it when the rest wrapped away


def _numbering(text: str) -> str:
    m = _NUMBERING.match(text)
    return m.group(0) if m else ""


def _index(specs) -> tuple[dict, dict]:
    """Id -> spec, and normalised name -> the first spec bearing it (``label_matches`` without ``loose`` is
    equality after ``normalise``): a lookup is two dict accesses, not a scan of every name (JSON reading asks
    this for every cell, 2.3 million times per 2,000 reports)."""
    names: dict = {}
    for spec in specs:
        for name in spec.names:
            names.setdefault(normalise(name), spec)
    exact = {name: names[normalise(name)] for spec in specs for name in spec.names}  # names as written
    for spec in reversed(specs):  # ids come first, and the first spec of an id
        exact[spec.id] = spec
    return exact, names


def _find(key: str, index: tuple[dict, dict]):
    """The spec whose id is ``key``, else the first whose name states ``key`` (as ``label_matches`` says)."""
    exact, names = index
    found = exact.get(key)
    return found if found is not None else names.get(normalise(key))


# --------------------------------------------------------------------------- loading

class YAMLError(ValueError):
    """A file that is not valid YAML; the message is PyYAML's."""


def parse_yaml(raw: bytes):
    """The YAML ``raw`` (UTF-8), its lines ending as ``Path.read_text`` ends them; PyYAML (with libyaml
    when present: 10x faster) is imported only here, when a file is parsed rather than read from the cache."""
    import yaml

    try:
        return yaml.load(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise YAMLError(str(exc)) from exc


@cache
def yaml_version() -> str:
    """The version of PyYAML, read from its metadata (importing it costs ten times as much)."""
    from importlib import metadata

    try:
        return metadata.version("PyYAML")
    except metadata.PackageNotFoundError:  # not installed as a distribution
        import yaml

        return yaml.__version__


def cached_yaml(name: str, raw: bytes):
    """The YAML ``raw`` parsed: from the cache file ``name`` when it was kept for these very bytes and this
    version of PyYAML, else parsed (and kept)."""
    return cached(name, [yaml_version().encode(), raw], lambda: parse_yaml(raw))


_FOLDER = Path(__file__).parent  # the layout files sit beside this module


def _load(name: str) -> Layout:
    """The layout the file ``name`` declares: from the cache when kept for these very bytes, this module's
    code and this version of PyYAML, else parsed and built (and kept)."""
    raw = (_FOLDER / name).read_bytes()
    code = Path(__file__).read_bytes()
    return cached(f"layout-{name}", [yaml_version().encode(), raw, code], lambda: _build(parse_yaml(raw)))


def _build(data: dict) -> Layout:
    tables: dict[str, TableSpec] = {}
    for key, spec in data["tables"].items():
        rows: list[RowSpec] = []
        blocks: list[str] = []
        for block in spec.get("blocks") or [{"columns": spec["columns"], "rows": spec["rows"]}]:
            cols = tuple(_column(c) for c in block["columns"])
            if block.get("heading"):
                blocks.append(block["heading"])
            for r in block["rows"]:
                rows.append(RowSpec(
                    id=r["id"], label=r["label"], aliases=tuple(r.get("aliases", ())), short=r.get("short"),
                    heading=bool(r.get("heading")), parent=r.get("parent"), role=r.get("role"),
                    block=block.get("heading"), columns=() if r.get("heading") else cols))
        tables[key] = TableSpec(key=key, title=spec["title"], rows=tuple(rows), blocks=tuple(blocks),
                                section=spec.get("section"), markers=tuple(spec.get("markers", ())),
                                headers=tuple(spec.get("headers", ())), header_first=bool(spec.get("header_first")),
                                groups=tuple(spec.get("groups", ())),
                                header_words=tuple((k, v) for k, v in (spec.get("header_words") or {}).items()))
    sections = tuple(SectionSpec(s["id"], s["number"], s["label"], tuple(s.get("aliases", ())),
                                 tuple(s.get("keywords", ())))
                     for s in data["sections"])
    for spec in tables.values():  # the label indexes, made here to be kept with the layout in the cache
        _ = spec._row_index, spec.data_rows, spec.columns, [row._column_index for row in spec.rows]
    return Layout(version=str(data["version"]), notice=data["notice"],
                  first_year=int(data["first_year"]), last_year=data.get("last_year"),
                  sections=sections, tables=tables, distinctive=data.get("distinctive"),
                  title_ends=tuple(data.get("title_ends", ())))


def _column(c: dict) -> ColumnSpec:
    return ColumnSpec(id=c["id"], label=c["label"], aliases=tuple(c.get("aliases", ())),
                      group=c.get("group"), amount=bool(c.get("amount")), signed=bool(c.get("signed")),
                      sums=tuple(c.get("sums", ())), said=tuple(c.get("said", ())))


@cache
def layouts() -> dict[str, Layout]:
    """Every declared layout by version, newest first."""
    found = sorted((p.name for p in _FOLDER.iterdir() if p.name.endswith(".yaml")),
                   reverse=True)
    return {layout.version: layout for layout in map(_load, found)}


def _newest() -> Layout:
    return next(iter(layouts().values()))


@cache
def short_labels() -> dict[str, str]:
    """Row label -> its short form (``short:`` in the layout files), for every layout."""
    return {row.label: row.short for layout in layouts().values() for spec in layout.tables.values()
            for row in spec.rows if row.short}


def get(version: str) -> Layout:
    try:
        return layouts()[str(version)]
    except KeyError:
        raise KeyError(f"unknown layout {version!r}; known: {', '.join(layouts())}") from None


def for_year(year: int | None) -> Layout:
    """The layout in force for a report year (the newest when the year is unknown)."""
    for layout in layouts().values():
        if year is None or year >= layout.first_year:
            return layout
    return list(layouts().values())[-1]
