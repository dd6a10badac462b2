"""Label matching precomputes the forms of texts and names; the answers stay those of the plain comparison."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint import layouts
from gklint.layouts import WRAPPED_MIN, _numbering, label_matches, normalise


def _plain(text: str, names: tuple[str, ...], loose: bool) -> bool:
    """label_matches as it was written before its forms were cached (the reference)."""
    def core(t: str) -> str:
        return layouts._NUMBERING.sub("", normalise(t))

    norm = normalise(text)
    for name in names:
        target = normalise(name)
        if norm == target:
            return True
        if not loose:
            continue
        c_text, c_name = core(norm), core(target)
        if len(c_name) >= 4 and (c_text == c_name or c_text.startswith(c_name + "(")):
            return True
        if len(target) >= 6 and norm.startswith(target):
            return True
        if len(c_text) >= WRAPPED_MIN and c_name.startswith(c_text) and len(c_text) >= 0.6 * len(c_name) \
                and _numbering(norm) in ("", _numbering(target)):
            return True
    return False


def _official_names() -> list[tuple[str, ...]]:
    return [row.names for layout in layouts.layouts().values() for spec in layout.tables.values()
            for row in spec.rows]


NAMES = _official_names()
PIECES = ["（一）", "(二)", "1.", "5、", "予以公开", "部分公开", "要求行政机关确认或重新出具已获取", "信息", "（含）",
          " ", "　", "“", "”", "。", "："]


@given(st.lists(st.sampled_from(PIECES), max_size=6).map("".join), st.sampled_from(NAMES), st.booleans())
@settings(max_examples=300, deadline=None)
def test_label_matches_agrees_with_the_plain_comparison(text, names, loose):
    assert label_matches(text, names, loose=loose) == _plain(text, names, loose)


def test_every_official_label_matches_itself_as_the_plain_comparison_says():
    for names in NAMES:
        for name in names:
            for loose in (False, True):
                assert label_matches(name, names, loose=loose) == _plain(name, names, loose) is True


def test_a_table_spec_computes_its_columns_once():
    specs = [spec for layout in layouts.layouts().values() for spec in layout.tables.values()]
    assert specs
    for spec in specs:
        assert spec.columns is spec.columns
        assert spec.data_rows is spec.data_rows
        assert len({c.id for c in spec.columns}) == len(spec.columns)
