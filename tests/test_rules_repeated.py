"""Y103/Y104: the prose year against year (年年雷同), on real reports of one office and on edited copies."""

import copy
from pathlib import Path

import gklint
from gklint.engine.kinds.repeated import kept_lines, normalise, problem_lines
from gklint.engine.rules import find
from gklint.core.model import Section

from conftest import FIXTURES

CORPUS = Path(__file__).parent / "corpus"


def _rules(result):
    return {(f.meta.get("year"), d.rule, d.location.section) for f in result.files for d in f.diagnostics}


def test_a_copied_office_is_found_and_a_rewritten_year_is_not():
    # lyy 2024: sections 一 and 五 are the 2023 text with the figures and years changed; 2025 is rewritten
    paths = [CORPUS / f"lyy-{y}.txt" for y in (2023, 2024, 2025)]
    result = gklint.check_many(paths, select=["Y103", "Y104"])
    assert _rules(result) == {(2024, "Y103", "一、总体情况"), (2024, "Y103", "五、存在的主要问题及改进情况"),
                              (2024, "Y104", "五、存在的主要问题及改进情况")}
    d = next(d for d in result.files[1].diagnostics if d.rule == "Y103")
    assert d.found == 1.0 and "100%" in d.message and "2023年报告" in d.message
    assert "今年我局共制作政务信息" in d.message  # the repeated sentences are quoted


def test_a_sentence_that_differs_only_in_figures_is_the_same():
    assert normalise("2023年，我局共制作政务信息1197条。") == normalise("2024年，我局共制作政务信息１５２７条")
    assert normalise("二〇二三年主动公开53条") == normalise("二〇二四年主动公开8条")
    assert normalise("我局共制作政务信息1197条。") != normalise("我局共发布政务信息1197条。")


def _pair(text_last: str, text_this: str, sid: str = "overview"):
    last = gklint.extract(FIXTURES / "huangyuan-2021.txt")
    this = copy.deepcopy(last)
    this.meta.year = last.meta.year + 1
    this.path = "next.txt"
    for report, text in ((last, text_last), (this, text_this)):
        section = next(s for s in report.sections if s.id == sid)
        section.text = text
    return last, this


PARAGRAPH = ("在政府信息管理方面，实行由各处室负责采编把关，经办公室修改审核后再报分管领导审定的机制。"
             "在平台建设方面，依托门户网站由专人负责管理和维护，确保所有信息及时更新，平台安全运行。"
             "在监督保障方面，由办公室对信息公开任务进行分解，要求各处室指定专人对接负责，确保公开及时准确。"
             "在政策解读方面，坚持政策文件与解读材料同步起草、同步审签、同步发布，全年未发生解读滞后的情况。")


def _overview_findings(last, this, **options):
    diags = gklint.check_many([last, this], select=["Y103"], **options).files[1].diagnostics
    return [d for d in diags if d.location.section and "总体情况" in d.location.section]


def test_copied_section_fires_rewritten_does_not():
    last, this = _pair("2021年共制作信息100条。" + PARAGRAPH, "2022年共制作信息250条。" + PARAGRAPH)
    [d] = _overview_findings(last, this)
    assert d.severity == "warning" and d.found == 1.0
    rewritten = ("本年度我局围绕优化营商环境，新开设惠企政策专栏，集中发布涉企政策文件和解读材料，"
                 "并通过新媒体矩阵同步推送。对依申请公开实行台账管理，逐件登记办理时限，答复全部在法定期限内完成。"
                 "全年组织两次业务培训，覆盖各处室信息员，并对失效文件开展专项清理。")
    last, this = _pair("2021年共制作信息100条。" + PARAGRAPH, rewritten)
    assert _overview_findings(last, this) == []


def test_the_threshold_is_a_setting():
    half = PARAGRAPH + "本年度我局围绕优化营商环境，新开设惠企政策专栏，集中发布涉企政策文件和解读材料，并通过新媒体矩阵同步推送。"
    last, this = _pair(PARAGRAPH, half)
    [d] = _overview_findings(last, this)
    assert 0.5 < d.found < 1
    assert _overview_findings(last, this, settings={"repeated_threshold": 0.95}) == []


def test_template_boilerplate_does_not_count():
    boiler = ("本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
              "本年度没有产生信息公开处理费，未收取信息处理费用。"
              "如对本报告有任何疑问，请与本机关办公室联系，联系电话为某某号码，联系地址为某某大楼。"
              "（一）主动公开情况。\n某某县某某局 2021年1月31日\n")
    section = Section(heading="一、总体情况", text=boiler, id="overview")
    assert kept_lines(section, tuple(find("Y103").params["boilerplate"]), 6) == []
    last, this = _pair(boiler * 3, boiler.replace("2021", "2022") * 3)
    assert _overview_findings(last, this) == []


def test_y104_compares_last_years_problems_only():
    problems = ("一是政策解读形式单一，解读材料的质量还不够高，缺少图表和视频解读。"
                "二是信息发布不够及时，部分栏目更新较慢，个别信息未按期公开。")
    measures = "下一步，我局将加强业务培训，提高信息公开工作的质量和水平，丰富政策解读形式。"
    marker = tuple(find("Y104").params["improvement_markers"])
    lines = kept_lines(Section("五", problems + measures, id="problems"), (), 6)
    assert [ln.text for ln in problem_lines(lines, marker)] == [
        "一是政策解读形式单一，解读材料的质量还不够高，缺少图表和视频解读。",
        "二是信息发布不够及时，部分栏目更新较慢，个别信息未按期公开。"]
    last, this = _pair(problems + measures, "2022年我局上年所列问题均已整改。" + problems, sid="problems")
    [d] = gklint.check_many([last, this], select=["Y104"]).files[1].diagnostics
    assert d.rule == "Y104" and "政策解读形式单一" in d.message
    # the same measures again, but new problems: not Y104
    last, this = _pair(problems + measures, "一是新媒体账号运维力量不足，发布频次偏低。二是依申请公开答复文书格式不统一。" + measures,
                       sid="problems")
    assert gklint.check_many([last, this], select=["Y104"]).files[1].diagnostics == []


def test_a_sentence_with_a_few_words_edited_is_repeated_a_rewritten_one_is_not():
    from gklint.engine.kinds.repeated import Line, is_repeated

    def line(text):
        return Line(text, normalise(text), len(text))

    last = [line("坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实新《条例》和国务院、省政府的部署要求，牢固树立政府信息公开法定性理念。")]
    keys = {ln.key for ln in last}
    edited = line("坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和国务院、省政府的部署要求，不断提升政府信息公开意识。")
    other = line("全年组织两次业务培训，覆盖各处室信息员，并对失效文件开展专项清理，清理后现行有效文件目录已在网站公布。")
    similarity = find("Y103").params["similarity"]
    assert is_repeated(edited, last, keys, similarity) and not is_repeated(edited, last, keys, 1.0)
    assert not is_repeated(other, last, keys, similarity)


def test_matchers_kept_from_line_to_line_decide_as_a_fresh_matcher_per_pair():
    """``repeated_lines`` keeps one difflib matcher per line of last year (``set_seq1`` for each line of this
    year's): the lines it calls repeated are those a new ``SequenceMatcher`` per pair finds, on the corpus's
    sentences and on copies with a few characters edited."""
    import random
    from difflib import SequenceMatcher

    from gklint.engine.kinds.repeated import Line, repeated_lines
    from gklint.narrative.sentences import split

    def fresh(line, last, similarity, min_similar):
        return any(len(other.key) >= min_similar and (m := SequenceMatcher(None, line.key, other.key, autojunk=False))
                   .real_quick_ratio() >= similarity and m.quick_ratio() >= similarity and m.ratio() >= similarity
                   for other in last)

    rng = random.Random(12)
    texts = [s.text for path in sorted(CORPUS.glob("*.txt"))[:6] for s in split(path.read_text(encoding="utf-8"))]
    sentences = [t for t in texts if len(t) >= 15][:120]
    assert len(sentences) > 40

    def edited(text):
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            chars[rng.randrange(len(chars))] = rng.choice("的了和在是有不一二三年度工作")
        return "".join(chars)

    def line(text):
        return Line(text, normalise(text), len(text))

    for _ in range(30):
        last = [line(t) for t in rng.sample(sentences, 8)]
        this = [line(edited(rng.choice(sentences)) if rng.random() < 0.7 else rng.choice(sentences)) for _ in range(8)]
        for similarity in (0.6, 0.85, 0.95):
            keys = {ln.key for ln in last}
            expected = [ln for ln in this if ln.key in keys or (len(ln.key) >= 15 and fresh(ln, last, similarity, 15))]
            assert repeated_lines(this, last, similarity, 15) == expected
