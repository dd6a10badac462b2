"""What names a number besides the words of its clause: a label closed by a colon ("行政许可：共处理600件"), and
the item of a 分别 list that it stands for in its turn ("行政许可、行政处罚、行政强制决定数量分别为…")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.narrative.quantities import analyse
from narrative_helpers import report, run


def quantities(text: str, year: int | None = 2021):
    return [q for sq in analyse(text, year) for q in sq.quantities]


def test_a_short_label_before_a_colon_names_its_clause_only():
    first, second = quantities("· 行政许可：共处理600件，均按规定公开办理结果，另有咨询20件。")
    assert first.label == "行政许可"
    assert first.before == "共处理"  # the label is kept apart from the clause's words
    assert second.label == ""


def test_no_label_with_a_number_or_too_long():
    assert quantities("2021年新增：共处理600件。")[-1].label == ""
    assert quantities("本机关全年依法办理的各类行政许可事项情况：共处理600件。")[0].label == ""


def test_a_label_names_the_decisions_and_leaves_other_labels_alone():
    text = "· 行政许可：共处理600件；\n· 申请接收与结转：全年新收政府信息公开申请6件（均为自然人申请），上年结转6件。"
    cells = {"二.licensing.decisions": 60, "三.new.natural": 7, "三.new.total": 7,
             "三.carried_over.natural": 6, "三.carried_over.total": 6}
    assert [d.message for d in run("N105", report(text, cells))] == [
        "文中称行政许可处理决定600件，而表二「行政许可」「本年处理决定数量」为60。"]
    assert [d.message for d in run("N101", report(text, cells))] == [
        "文中称本年新收政府信息公开申请6件，而表三「一、本年新收政府信息公开申请数量」「总计」为7。"]


def test_respectively_gives_each_number_its_item():
    qs = quantities("全省行政许可、行政处罚和行政强制决定数量分别为2764.2万宗、3124万宗和188.2万宗。")
    assert [q.before for q in qs] == ["全省行政许可分别为", "行政处罚分别为", "行政强制决定数量分别为"]


def test_respectively_with_a_count_that_differs_changes_nothing():
    text = "全省行政许可、行政处罚决定数量分别为2764件、3124件和188件。"
    plain = [q.before for q in quantities(text.replace("分别", "依次"))]
    assert [q.before for q in quantities(text)] == [b.replace("依次", "分别") for b in plain]


_DECISIONS = {"licensing": "行政许可", "penalties": "行政处罚", "enforcement": "行政强制"}


@settings(max_examples=40, deadline=None)
@given(counts=st.lists(st.integers(1, 100000), min_size=3, max_size=3), broken=st.sampled_from((None, *_DECISIONS)))
def test_a_respectively_list_is_compared_in_turn(counts, broken):
    """Table 二 restated by a 分别 list agrees; one figure changed is found, at its own row, and only there."""
    text = "全年行政许可、行政处罚、行政强制决定数量分别为{}件、{}件和{}件。".format(*counts)
    cells = {f"二.{row}.decisions": n + (1 if row == broken else 0) for row, n in zip(_DECISIONS, counts)}
    found = run("N105", report(text, cells))
    if broken is None:
        assert found == []
    else:
        assert len(found) == 1 and f"表二「{_DECISIONS[broken]}」" in found[0].message, [d.message for d in found]


@settings(max_examples=40, deadline=None)
@given(first=st.integers(1, 500), parts=st.lists(st.integers(1, 500), min_size=3, max_size=3))
def test_a_first_category_below_another_is_no_total(first, parts):
    """"主动公开行政许可33项，行政处罚36项，…，其他…4项": the verb governs the whole list. Its first number is read
    as a total only when no other exceeds it: then it is found when the others fall short of it."""
    text = "本年度主动公开行政执法信息{}项，行政许可{}项，行政处罚{}项，其他事项{}项。".format(first, *parts)
    found = run("N201", report(text))
    if first < max(parts) or first == sum(parts):
        assert found == []
    elif first > sum(parts):
        assert len(found) == 1
