"""Narrative figures against a blank 总计 cell whose row is partly blank (N101–N106, N301).

A report that writes blanks for zeros leaves the other applicant columns of a row blank too: the columns
filled then add up to a lower bound of the total (a count is never below 0). A figure below that bound
contradicts the table; one at it agrees; one above it cannot be told.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.core.model import Cell
from narrative_helpers import report, run

APPLICANTS = ("natural", "business", "research", "public_interest", "legal_services", "other_orgs")


def row(name: str, values: dict[str, int], table: str = "三") -> tuple[dict[str, int], tuple[str, ...]]:
    """(cells, blanks) of a row: ``values`` filled, every other column of it and its 总计 blank."""
    columns = APPLICANTS if table == "三" else ("upheld", "corrected", "other", "pending")
    cells = {f"{table}.{name}.{c}": v for c, v in values.items()}
    blanks = tuple(f"{table}.{name}.{c}" for c in (*columns, "total") if c not in values)
    return cells, blanks


def partly_blank(*rows):
    cells, blanks = {}, ()
    for c, b in rows:
        cells |= c
        blanks += b
    return cells, blanks


# granted 30 + 5 (the other columns blank), partly granted 8 (likewise): at least 43 together
GRANTED = row("granted", {"natural": 30, "business": 5})
PARTLY = row("partly_granted", {"natural": 8})
BOTH = "本年度政府信息公开申请中，予以公开及部分公开{}件。"


def n102(text: str, cells: dict, blanks: tuple[str, ...], lang: str = "zh"):
    return run("N102", report(text, cells, blank=blanks), lang)


def test_a_figure_below_the_filled_columns_contradicts_the_blank_totals():
    cells, blanks = partly_blank(GRANTED, PARTLY)
    [d] = n102(BOTH.format(40), cells, blanks)
    assert (d.severity, d.found, d.expected) == ("warning", 40, 43)
    assert [(p.label, p.value) for p in d.parts] == [
        ("（一）予以公开·总计", 35), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）·总计", 8)]
    assert d.message == (
        "文中称予以公开及部分公开40件，而表三（一）予以公开与（二）部分公开之和为43。"
        "表三「（一）予以公开」「总计」空白，同行其他列也有空白：按已填各列（自然人、商业企业）之和35比较，总计至少为35。"
        "表三「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」「总计」空白，同行其他列也有空白：按已填各列（自然人）之和8比较，"
        "总计至少为8。")
    [en] = n102(BOTH.format(40), cells, blanks, "en")
    assert "is at least the sum of the filled columns (自然人, 商业企业), 35." in en.message


def test_a_figure_at_the_bound_agrees_and_one_above_it_cannot_be_told():
    cells, blanks = partly_blank(GRANTED, PARTLY)
    assert n102(BOTH.format(43), cells, blanks) == []
    assert n102(BOTH.format(50), cells, blanks) == []  # the blank cells may hold the other 7


def test_a_row_filled_in_full_is_still_read_exactly():
    cells = {"三.granted.natural": 30, "三.granted.business": 5}  # every other applicant column 0
    [d] = n102("本年度政府信息公开申请予以公开40件。", cells, ("三.granted.total",))
    assert (d.found, d.expected) == (40, 35)
    assert "按自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他各列之和35比较。" in d.message
    assert "至少" not in d.message


def test_only_blanks_count_as_room_for_the_rest():
    text = "本年度政府信息公开申请予以公开20件。"
    cells, blanks = GRANTED
    assert len(n102(text, cells, blanks)) == 1
    # a "/" or a text beside the blank total: nothing sure, as before
    for other in (Cell("na", None, "/"), Cell("text", None, "见说明")):
        rep = report(text, cells, blank=blanks)
        rep.tables["三"].cells[("granted", "research")] = other
        assert run("N102", rep) == []
    # zeros and blanks only: the template left unfilled
    assert n102(text, {"三.granted.natural": 0}, blanks) == []


def test_a_reading_that_cannot_be_told_keeps_the_claim_from_contradicting():
    """N101's received count is either 新收 or 新收 + 上年结转; with 上年结转 a partly blank row (1 and blanks)
    the second reading is at least 75."""
    cells, blanks = row("carried_over", {"natural": 1})
    cells |= {"三.new.natural": 74, "三.new.total": 74}

    def received(n: int):
        return run("N101", report(f"本年度共收到政府信息公开申请{n}件。", cells, blank=blanks))

    assert received(75) == []  # agrees with 新收 + 上年结转
    assert received(80) == []  # 新收 disagrees, but 新收 + 上年结转 may be 80
    [d] = received(70)  # below both
    assert (d.found, d.expected) == (70, 74)
    assert d.message == (
        "文中称收到政府信息公开申请70件，而表三「一、本年新收政府信息公开申请数量」「总计」为74"
        "（按新收加上年结转理解为75，亦不符）。"
        "表三「二、上年结转政府信息公开申请数量」「总计」空白，同行其他列也有空白：按已填各列（自然人）之和1比较，总计至少为1。")


def test_a_partly_blank_row_contradicts_a_statement_of_none():
    cells, blanks = row("review", {"upheld": 2}, table="四")
    text = "本年度未发生因政府信息公开引起的行政复议。"
    [d] = run("N301", report(text, cells, blank=blanks))
    assert (d.found, d.expected, d.location.row) == (0, 2, "行政复议")
    assert d.message.endswith("表四「行政复议」「总计」空白，同行其他列也有空白：按已填各列（结果维持）之和2比较，总计至少为2。")
    assert run("N301", report(text, {"四.review.upheld": 0}, blank=blanks)) == []


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(0, 40), min_size=6, max_size=6),
       blanked=st.lists(st.booleans(), min_size=6, max_size=6), short=st.integers(1, 40))
def test_the_true_total_never_contradicts_whatever_cells_are_blank(values, blanked, short):
    """Blanking any applicant cells and the 总计 of a row leaves its true total unreported; a figure below the
    sum of the cells still filled is reported, with that sum, when it is not 0."""
    filled = {c: v for c, v, b in zip(APPLICANTS, values, blanked) if not b}
    cells, blanks = row("granted", filled)
    text = "本年度政府信息公开申请予以公开{}件。"
    assert n102(text.format(sum(values)), cells, blanks) == []
    bound = sum(filled.values())
    if bound - short >= 0:
        fired = n102(text.format(bound - short), cells, blanks)
        assert [(d.found, d.expected) for d in fired] == ([(bound - short, bound)] if bound else [])
